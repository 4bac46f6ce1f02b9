// `sitrep --profile FILE` (or SITREP_PROFILE=FILE): a timing log for users
// reporting slowness. Start-up marks, then one line per frame with Ink's
// render time, the bytes written to the terminal for it, and how long after
// the last key it appeared. Times are ms since the process started.
import { appendFileSync, writeFileSync } from 'node:fs';

export interface Profiler {
	mark(label: string): void;
	/** Called from Ink's onRender; counts the bytes written since the previous frame. */
	frame(renderMs: number): void;
}

const NONE: Profiler = { mark: () => {}, frame: () => {} };

export function createProfiler(file: string | undefined): Profiler {
	if (!file) return NONE;
	const lines: string[] = [];
	let frames = 0;
	let bytes = 0;
	let lastKey: { at: number; text: string } | undefined;
	const now = () => performance.now().toFixed(1).padStart(8);
	const flush = () => {
		if (lines.length === 0) return;
		try {
			appendFileSync(file, lines.join(''));
		} catch {
			// Profiling must never take the dashboard down.
		}
		lines.length = 0;
	};
	try {
		writeFileSync(
			file,
			`# sitrep profile · Node ${process.version} · ${process.stdout.columns}x${process.stdout.rows} · pid ${process.pid}\n#     ms  event\n`,
		);
	} catch {
		return NONE;
	}
	let pending: { renderMs: number } | undefined;
	let scheduled = false;
	// Ink reports a frame before writing it, and may hold the write back (30 fps throttle): log at the write.
	const written = () => {
		scheduled = false;
		const key = lastKey;
		const after = key ? `, on screen ${(performance.now() - key.at).toFixed(1)} ms after key "${key.text}"` : '';
		const what = pending ? `frame ${++frames}: render ${pending.renderMs.toFixed(1)} ms,` : 'write';
		lines.push(`${now()}  ${what} ${bytes} bytes${after}\n`);
		if (frames === 1) flush();
		pending = undefined;
		lastKey = undefined;
		bytes = 0;
	};
	const write = process.stdout.write.bind(process.stdout);
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		if (!scheduled) {
			scheduled = true;
			queueMicrotask(written);
		}
		return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
	}) as typeof process.stdout.write;
	process.stdin.prependListener('data', (data: Buffer | string) => {
		lastKey = { at: performance.now(), text: JSON.stringify(String(data)).slice(1, -1).slice(0, 16) };
		lines.push(`${now()}  key "${lastKey.text}"\n`);
	});
	process.once('exit', flush);
	setInterval(flush, 500).unref();
	return {
		mark(label) {
			lines.push(`${now()}  ${label} (rss ${Math.round(process.memoryUsage.rss() / 1e6)} MB)\n`);
			flush();
		},
		frame(renderMs) {
			if (pending)
				lines.push(`${now()}  frame ${++frames}: render ${pending.renderMs.toFixed(1)} ms, nothing to write\n`);
			pending = { renderMs };
		},
	};
}
