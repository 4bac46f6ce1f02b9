// Cells per code point as the terminal counts them: tmux (3.3a here) draws
// each code point with the C library's wcwidth() and puts a zero-width one in
// the cell before it; xterm and VTE count the same way. The table is glibc's
// (core/wcwidthTable.ts, made by scripts/wcwidth-table.py).
import { STARTS, WIDTHS } from './wcwidthTable.js';

/** wcwidth() returned -1: unassigned in the terminal's table or not printable; tmux 3.3a drops it. */
export const UNKNOWN = -1;

// Filled on first sight, as in core/search/tokenize.ts; 9 means not looked up yet.
const BMP = new Int8Array(0x10000).fill(9);

function lookup(cp: number): number {
	let lo = 0;
	let hi = STARTS.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if ((STARTS[mid] ?? 0) <= cp) lo = mid;
		else hi = mid - 1;
	}
	const w = WIDTHS[lo];
	return w === 'x' ? UNKNOWN : Number(w);
}

/** -1, 0, 1 or 2 cells. */
export function codePointWidth(cp: number): number {
	if (cp >= 0x20 && cp < 0x7f) return 1;
	if (cp < 0x10000) {
		let w = BMP[cp] ?? 9;
		if (w === 9) {
			w = lookup(cp);
			BMP[cp] = w;
		}
		return w;
	}
	return lookup(cp);
}
