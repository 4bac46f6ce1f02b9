// Display-width aware padding and truncation (CJK and emoji take two cells).
// Widths are the terminal's: text is measured as sitrep draws it
// (core/drawable.ts), and what these functions return is drawn that way.
import { cells, drawable, startsCell } from './drawable.js';
import { G } from './glyphs.js';
import { graphemes } from './graphemes.js';

// Most cells are plain ASCII: no segmenting, no tables.
const ASCII = /^[\x20-\x7e]*$/;

/** Cells the terminal gives `s` as sitrep draws it. */
export function width(s: string): number {
	return ASCII.test(s) ? s.length : cells(drawable(s));
}

/** At most `max` cells of `s` as it is drawn, ending with the ellipsis glyph ("…") when cut. */
export function truncate(s: string, max: number): string {
	if (max <= 0) return '';
	if (ASCII.test(s)) return s.length <= max ? s : `${s.slice(0, max - 1)}${G.ellipsis}`;
	const d = drawable(s);
	if (cells(d) <= max) return d;
	let out = '';
	let w = 0;
	for (const { segment } of graphemes(d)) {
		const cw = cells(segment);
		if (w + cw > max - 1) break;
		out += segment;
		w += cw;
	}
	return `${out}${G.ellipsis}`;
}

/** Exactly `n` cells: truncated or padded with spaces (right-aligned when `right`). */
export function fit(s: string, n: number, right = false): string {
	const t = truncate(s, n);
	const pad = ' '.repeat(Math.max(0, n - width(t)));
	return right ? pad + t : t + pad;
}

/** The grapheme clusters of `s` as it is drawn. */
export function* segments(s: string): Generator<string> {
	for (const { segment } of graphemes(drawable(s))) yield segment;
}

/** Word-wraps plain text to `cols` cells, as it is drawn; keeps blank lines between paragraphs. */
export function wrap(text: string, cols: number): string[] {
	const out: string[] = [];
	for (const para of drawable(text).split('\n')) {
		if (para.trim() === '') {
			out.push('');
			continue;
		}
		let line = '';
		let lw = 0;
		for (const word of para.split(/ +/)) {
			const ww = width(word);
			if (lw > 0 && lw + 1 + ww > cols) {
				out.push(line);
				line = '';
				lw = 0;
			}
			if (ww > cols) {
				// A word longer than the line is cut into pieces.
				for (const { segment: ch } of graphemes(word)) {
					const cw = cells(ch);
					// A character wider than the whole line goes on a line of its own, not after an empty one.
					if (lw > 0 && lw + cw > cols) {
						out.push(line);
						line = '';
						lw = 0;
					}
					line += ch;
					lw += cw;
				}
				continue;
			}
			line += lw > 0 ? ` ${word}` : word;
			lw += (lw > 0 ? 1 : 0) + ww;
		}
		out.push(line);
	}
	return out;
}

export interface Span {
	text: string;
	/** Offset of the line's first character in the wrapped text (UTF-16). */
	start: number;
}

/**
 * Word-wraps like `wrap`, but every line is an exact slice of the input and
 * knows its offset, so match ranges into the text can be drawn on the lines.
 * Spaces at a break are dropped; a blank line separates paragraphs. Lines
 * break between grapheme clusters only (a letter and its combining marks, a
 * ZWNJ and the letter before it stay together; a cluster drawn in parts, such
 * as an emoji ZWJ sequence, may break between its parts), and
 * each cluster counts the cells it takes on screen as drawn: the lines are
 * the input's own text, so draw them through truncate or fit.
 */
export function wrapSpans(text: string, cols: number): Span[] {
	const out: Span[] = [];
	const max = Math.max(1, cols);
	let i = 0;
	const n = text.length;
	while (i <= n) {
		const nl = text.indexOf('\n', i);
		const paraEnd = nl === -1 ? n : nl;
		if (paraEnd === i) out.push({ text: '', start: i });
		else wrapParagraph(text, i, paraEnd, max, out);
		if (nl === -1) break;
		i = nl + 1;
	}
	return out;
}

/** Wraps text[from, to) (no newline inside) into `out`. */
function wrapParagraph(text: string, from: number, to: number, max: number, out: Span[]): void {
	const para = text.slice(from, to);
	// Piece k (a cluster, or part of one drawn in parts) spans para[starts[k], starts[k + 1]) and takes widths[k] cells.
	const starts: number[] = [];
	const widths: number[] = [];
	if (ASCII.test(para)) {
		for (let k = 0; k < para.length; k++) {
			starts.push(k);
			widths.push(1);
		}
	} else {
		for (const { segment, index } of graphemes(para)) {
			if (segment === ' ' || drawable(segment) === segment) {
				starts.push(index);
				widths.push(segment === ' ' ? 1 : cells(segment));
				continue;
			}
			// Drawn in parts (a ZWJ family as its people, a conjunct as its letters): a line may end between them.
			let at = index;
			let i = index;
			for (const ch of segment) {
				if (i > at && startsCell(ch.codePointAt(0) ?? 0)) {
					starts.push(at);
					widths.push(width(para.slice(at, i)));
					at = i;
				}
				i += ch.length;
			}
			starts.push(at);
			widths.push(width(para.slice(at, i)));
		}
	}
	const count = starts.length;
	starts.push(para.length);
	const isSpace = (k: number) => para[starts[k] ?? 0] === ' ' && starts[k + 1] === (starts[k] ?? 0) + 1;
	let k = 0;
	while (k < count) {
		while (k < count && isSpace(k)) k++;
		if (k >= count) break;
		const first = k;
		let end = k;
		let lastBreak = -1;
		let w = 0;
		while (end < count) {
			const cw = widths[end] ?? 0;
			if (w + cw > max) break;
			if (isSpace(end)) lastBreak = end;
			w += cw;
			end++;
		}
		// Overflowing on a space breaks there; inside a word, at the last space; a word longer than the line is cut.
		if (end < count && !isSpace(end) && lastBreak > first) end = lastBreak;
		if (end === first) end = first + 1;
		const a = starts[first] ?? 0;
		const b = starts[end] ?? para.length;
		out.push({ text: para.slice(a, b).trimEnd(), start: from + a });
		k = end;
	}
}
