// Preloaded with `node --require` by bench/startup/ab.ts: records the main thread's on-CPU time
// (/proc/self/task/PID/schedstat) and the wall clock when the first frame ends (Ink's
// synchronized-output end marker) — or at exit for `node -e 0` — and writes them to
// $SITREP_STARTUP_CPU as "cpu wall" (ms). Linux only.
const fs = require('node:fs');
const out = process.env.SITREP_STARTUP_CPU;
if (out) {
	const cpu = () => Number(String(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`)).split(' ')[0]) / 1e6;
	let done = false;
	const record = () => {
		if (done) return;
		done = true;
		fs.writeFileSync(out, `${cpu()} ${performance.now()}`);
	};
	if (process.env.SITREP_STARTUP_AT === 'frame') {
		// stdout is made on first use; wrap its write once it exists (a getter would make it here).
		const desc = Object.getOwnPropertyDescriptor(process, 'stdout');
		Object.defineProperty(process, 'stdout', {
			configurable: true,
			enumerable: desc?.enumerable ?? false,
			get() {
				const stream = desc.get.call(process);
				Object.defineProperty(process, 'stdout', {
					configurable: true,
					enumerable: desc?.enumerable ?? false,
					value: stream,
					writable: true,
				});
				const write = stream.write.bind(stream);
				stream.write = (chunk, ...rest) => {
					if (!done && String(chunk).includes('\u001b[?2026l')) record();
					return write(chunk, ...rest);
				};
				return stream;
			},
		});
	} else process.on('exit', record);
}
