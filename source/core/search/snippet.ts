// A one-line excerpt of about SNIPPET_WIDTH characters around the densest
// cluster of matches, cut at spaces, whitespace collapsed, with the match
// ranges re-based onto the excerpt.

import { G } from '../glyphs.js';
import { isSpace } from '../tokenize.js';

export const SNIPPET_WIDTH = 160;
/** How far a cut may move to reach a space before it gives up and cuts mid-word. */
const SNAP = 24;

export type Range = [start: number, end: number];

export interface Snippet {
	text: string;
	ranges: Range[];
}

const ELLIPSIS = '…';

/**
 * The snippet's text as drawn on the terminal: a cut at either end marked
 * with the ellipsis glyph in force (one character for one: the match ranges
 * still hold).
 */
export function drawnSnippet(snippet: Snippet): string {
	if (G.ellipsis === ELLIPSIS) return snippet.text;
	let t = snippet.text;
	if (t.startsWith(`${ELLIPSIS} `)) t = G.ellipsis + t.slice(1);
	if (t.endsWith(` ${ELLIPSIS}`)) t = t.slice(0, -1) + G.ellipsis;
	return t;
}

/** A match in a field: its range and a bit for the query part it matched. */
export interface Hit {
	start: number;
	end: number;
	unit: number;
}

/** Set bits in a mask of query parts: how many distinct parts matched. */
export function popcount(n: number): number {
	let c = 0;
	for (let v = n; v !== 0; v &= v - 1) c++;
	return c;
}

/** The window (first, last hit index) covering the most distinct query parts, then the most hits. */
export function densest(hits: readonly Hit[], width = SNIPPET_WIDTH): [number, number] {
	let best: [number, number] = [0, 0];
	let bestScore = -1;
	let j = 0;
	for (let i = 0; i < hits.length; i++) {
		const from = hits[i]?.start ?? 0;
		if (j < i) j = i;
		while (j + 1 < hits.length && (hits[j + 1]?.end ?? 0) - from <= width) j++;
		let units = 0;
		for (let k = i; k <= j; k++) units |= hits[k]?.unit ?? 0;
		const score = popcount(units) * 10_000 + (j - i + 1);
		if (score > bestScore) {
			bestScore = score;
			best = [i, j];
		}
	}
	return best;
}

function isLowSurrogate(c: number): boolean {
	return c >= 0xdc00 && c <= 0xdfff;
}

/** A cut position near `at` at a space, searching towards `toward` first, never splitting a surrogate pair. */
function snap(text: string, at: number, toward: number): number {
	if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
	if (isSpace(text.charCodeAt(at - 1)) || isSpace(text.charCodeAt(at))) return at;
	const step = toward >= at ? 1 : -1;
	for (let k = 1; k <= SNAP; k++) {
		for (const dir of [step, -step]) {
			const p = at + dir * k;
			if (dir === step && (step > 0 ? p > toward : p < toward)) continue;
			if (p > 0 && p < text.length && isSpace(text.charCodeAt(p))) return p;
		}
	}
	return isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

/** Excerpt of `text` around `hits` (sorted, non-overlapping); from the start when there are none. */
export function makeSnippet(text: string, hits: readonly Hit[], width = SNIPPET_WIDTH): Snippet {
	let s = 0;
	let e = Math.min(text.length, width);
	if (hits.length > 0) {
		const [i, j] = densest(hits, width);
		const cs = hits[i]?.start ?? 0;
		const ce = Math.max(cs, hits[j]?.end ?? cs);
		const slack = Math.max(0, width - (ce - cs));
		s = cs - Math.floor(slack / 3);
		e = ce + (slack - (cs - s));
		if (s < 0) {
			e -= s;
			s = 0;
		}
		if (e > text.length) {
			s = Math.max(0, s - (e - text.length));
			e = text.length;
		}
		s = snap(text, s, cs);
		e = snap(text, e, ce);
	} else {
		e = snap(text, e, 0);
	}
	while (s < e && isSpace(text.charCodeAt(s))) s++;
	while (e > s && isSpace(text.charCodeAt(e - 1))) e--;

	// Collapse whitespace runs to one space, remembering where each source character went.
	// The ellipses stay Unicode here (the snippet is also JSON output); drawnSnippet draws them in the set in force.
	const lead = s > 0 ? `${ELLIPSIS} ` : '';
	let out = lead;
	const at = new Int32Array(e - s + 1);
	let prevSpace = false;
	for (let k = s; k < e; k++) {
		const c = text.charCodeAt(k);
		if (isSpace(c)) {
			at[k - s] = out.length;
			if (!prevSpace) out += ' ';
			prevSpace = true;
		} else {
			at[k - s] = out.length;
			out += text[k];
			prevSpace = false;
		}
	}
	at[e - s] = out.length;
	if (e < text.length) out += ` ${ELLIPSIS}`;
	const ranges: Range[] = [];
	for (const h of hits) {
		const a = Math.max(h.start, s);
		const b = Math.min(h.end, e);
		if (a < b) ranges.push([at[a - s] ?? 0, at[b - s] ?? 0]);
	}
	return { text: out, ranges };
}
