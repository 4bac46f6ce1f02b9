// The characters sitrep draws with, in one place and two sets: Unicode, and
// plain ASCII for a terminal whose locale is not UTF-8 (there a remote tmux
// draws ›, … and ● as _, and ── as line drawing some terminals show as qq).
// Each ASCII glyph takes the one cell its Unicode one takes, so no width
// changes with the set. One set is in force for the whole run: cli.tsx picks
// it from the locale at start (core/terminal.ts). Only sitrep's own glyphs
// change; text from the data is drawn as it is, and what is not drawn on the
// terminal (briefs, exports, the clipboard, --json) keeps Unicode.

export interface Glyphs {
	/** The selected row's cursor, a link's mark, the breadcrumb's separator, the search prompt. */
	cursor: string;
	/** Where text was cut. */
	ellipsis: string;
	/** A horizontal rule (the Timeline's month headings). */
	rule: string;
	/** The line between the list and the detail. */
	split: string;
	/** A new record (watchlist). */
	mark: string;
	/** An alert rule that fired. */
	alert: string;
	/** Between the parts of a line ("58 incidents · 16 articles"). */
	dot: string;
	/** The problems badge. */
	warning: string;
	/** A dash between a thing and what is said of it ("ISKP — Islamic State Khorasan"). */
	dash: string;
	/** Between the ends of a range ("19–66 killed"). */
	to: string;
	/** Sizes ("60×16"). */
	times: string;
	/** Sparkline bars, lowest to highest. */
	bars: string;
	up: string;
	down: string;
	left: string;
	right: string;
	/** A trend that neither rose nor fell. */
	flat: string;
}

export const UNICODE_GLYPHS: Readonly<Glyphs> = {
	cursor: '›',
	ellipsis: '…',
	rule: '─',
	split: '│',
	mark: '●',
	alert: '▲',
	dot: '·',
	warning: '⚠',
	dash: '—',
	to: '–',
	times: '×',
	bars: '▁▂▃▄▅▆▇█',
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	flat: '→',
};

export const ASCII_GLYPHS: Readonly<Glyphs> = {
	cursor: '>',
	ellipsis: '~',
	rule: '-',
	split: '|',
	mark: '*',
	alert: '^',
	dot: '|',
	warning: '!',
	dash: '-',
	to: '-',
	times: 'x',
	bars: '.:-=+*#@',
	up: '^',
	down: 'v',
	left: '<',
	right: '>',
	flat: '=',
};

export type GlyphSet = 'unicode' | 'ascii';

/**
 * The glyphs in force. Read them where a line is drawn (`G.cursor`), never
 * into a module-level constant: the set is chosen after modules load.
 */
export const G: Glyphs = { ...UNICODE_GLYPHS };
let current: GlyphSet = 'unicode';

/** Puts a set in force (cli.tsx at start; tests). */
export function setGlyphs(set: GlyphSet): void {
	current = set;
	Object.assign(G, set === 'ascii' ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

export function glyphSet(): GlyphSet {
	return current;
}

const TO_ASCII = new Map<string, string>();
for (const key of Object.keys(UNICODE_GLYPHS) as (keyof Glyphs)[]) {
	const from = [...UNICODE_GLYPHS[key]];
	const to = [...ASCII_GLYPHS[key]];
	// The first meaning wins: → in own text is an arrow (right), not a flat trend.
	from.forEach((ch, i) => {
		if (!TO_ASCII.has(ch)) TO_ASCII.set(ch, to[i] ?? to[0] ?? ch);
	});
}
const UNICODE_GLYPH = new RegExp(`[${[...TO_ASCII.keys()].join('')}]`, 'gu');

/**
 * Text that is sitrep's own through and through (a key's label, a help
 * line, a hint) drawn in the set in force: its Unicode glyphs become ASCII
 * when that is the set. Never for text from the data.
 */
export function ownText(s: string): string {
	return current === 'ascii' ? s.replace(UNICODE_GLYPH, (ch) => TO_ASCII.get(ch) ?? ch) : s;
}
