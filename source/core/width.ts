// Display-width aware padding and truncation (CJK and emoji take two cells).
import stringWidth from 'string-width';

// Most cells are plain ASCII: skip string-width (and its emoji regex) for them.
const ASCII = /^[\x20-\x7e]*$/;

export function width(s: string): number {
	return ASCII.test(s) ? s.length : stringWidth(s);
}

/** Truncates to at most `max` cells, ending with "…" when cut. */
export function truncate(s: string, max: number): string {
	if (max <= 0) return '';
	if (ASCII.test(s)) return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
	if (stringWidth(s) <= max) return s;
	let out = '';
	let w = 0;
	for (const ch of segments(s)) {
		const cw = stringWidth(ch);
		if (w + cw > max - 1) break;
		out += ch;
		w += cw;
	}
	return `${out}…`;
}

/** Exactly `n` cells: truncated or padded with spaces (right-aligned when `right`). */
export function fit(s: string, n: number, right = false): string {
	const t = truncate(s, n);
	const pad = ' '.repeat(Math.max(0, n - width(t)));
	return right ? pad + t : t + pad;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function* segments(s: string): Generator<string> {
	for (const { segment } of segmenter.segment(s)) yield segment;
}

/** Word-wraps plain text to `cols` cells; keeps blank lines between paragraphs. */
export function wrap(text: string, cols: number): string[] {
	const out: string[] = [];
	for (const para of text.split('\n')) {
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
				for (const ch of segments(word)) {
					const cw = stringWidth(ch);
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
 * break between grapheme clusters only (an emoji ZWJ sequence, a letter and
 * its combining marks, a ZWNJ and the letter before it stay together), and
 * each cluster counts the cells it takes on screen.
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
	// Cluster k spans para[starts[k], starts[k + 1]) and takes cells[k] cells.
	const starts: number[] = [];
	const cells: number[] = [];
	if (ASCII.test(para)) {
		for (let k = 0; k < para.length; k++) {
			starts.push(k);
			cells.push(1);
		}
	} else {
		for (const { segment, index } of segmenter.segment(para)) {
			starts.push(index);
			cells.push(segment === ' ' ? 1 : width(segment));
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
			const cw = cells[end] ?? 0;
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
