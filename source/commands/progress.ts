// A long command's progress: one status line on stderr, rewritten in place,
// and only when stderr is a terminal (a log file gets the report alone).
import { sanitizeLine } from '../core/sanitize.js';

/** The line writer, or undefined when stderr is not a terminal; undefined as the line clears it. */
export function terminalProgress(): ((line: string | undefined) => void) | undefined {
	if (!process.stderr.isTTY) return undefined;
	let last = 0;
	return (line) => {
		if (line === undefined) process.stderr.write('\r\x1b[K');
		else if (performance.now() - last > 100) {
			last = performance.now();
			process.stderr.write(`\r${sanitizeLine(line).slice(0, (process.stderr.columns ?? 80) - 1)}\x1b[K`);
		}
	};
}
