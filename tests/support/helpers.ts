// Shared test helpers: the bundled data, a terminal-like key vocabulary, and
// waiting for Ink to render (frames change only after a macrotask).
import { fileURLToPath } from 'node:url';
import { type LoadResult, loadDataDir } from '../../source/io/load/load.js';

export const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

let cached: LoadResult | undefined;
export function bundled(): LoadResult {
	cached ??= loadDataDir(DATA_DIR);
	return cached;
}

export const KEY = {
	up: '\u001b[A',
	down: '\u001b[B',
	right: '\u001b[C',
	left: '\u001b[D',
	enter: '\r',
	escape: '\u001b',
	tab: '\t',
	shiftTab: '\u001b[Z',
	backspace: '\u007f',
	pageDown: '\u001b[6~',
	pageUp: '\u001b[5~',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Writes keys one at a time, letting Ink render between them. */
export async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
	for (const k of keys) {
		stdin.write(k);
		await tick(5);
	}
	await tick(20);
}
