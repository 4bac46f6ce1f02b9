// Detail views as data: lines of styled segments, some of them links. The
// TUI renders a window of them (and moves between links); the CLI prints them.
import { wrap, wrapSpans } from '../core/width.js';
import type { Target } from './target.js';

/** Semantic style names; each theme maps them to colours or attributes. */
export type StyleName = 'heading' | 'dim' | 'accent' | 'link' | 'error' | 'warning' | 'ok' | 'key' | 'match';

export interface Segment {
	text: string;
	style?: StyleName;
	/** A web address the text shows (or a piece of, when wrapped); the TUI may make it a terminal hyperlink. */
	url?: string;
}

export interface Line {
	segs: Segment[];
	/** Enter on this line follows the link. */
	link?: Target;
	/** The line shows a search match (n/N stop here). */
	hit?: boolean;
	/** A place a view scrolls to by name (a filtered list's heading). */
	anchor?: string;
}

/** [start, end) UTF-16 offsets into a text. */
export type Range = readonly [number, number];

export const blank: Line = { segs: [] };

export function text(s: string, style?: StyleName, link?: Target): Line {
	return { segs: [{ text: s, style }], ...(link ? { link } : {}) };
}

/** A paragraph wrapped to the width, indented. */
export function para(s: string, cols: number, indent = 0, style?: StyleName): Line[] {
	const pad = ' '.repeat(indent);
	return wrap(s, Math.max(10, cols - indent)).map((l) => text(pad + l, style));
}

const LABEL = 14;

/** "Label         value", the value wrapped under itself. */
export function field(label: string, value: string, cols: number, link?: Target): Line[] {
	return wrap(value, Math.max(10, cols - LABEL)).map((l, i) => ({
		segs: [{ text: i === 0 ? label.padEnd(LABEL) : ' '.repeat(LABEL), style: 'dim' as const }, { text: l }],
		...(link && i === 0 ? { link } : {}),
	}));
}

/** "URL           https://…", wrapped; each piece of the address carries the whole of it. */
export function urlField(label: string, url: string, cols: number): Line[] {
	return field(label, url, cols).map((l) => ({ ...l, segs: l.segs.map((s, i) => (i === 1 ? { ...s, url } : s)) }));
}

/** A web address on lines of its own, indented and wrapped; each piece carries the whole of it. */
export function urlLines(url: string, cols: number, indent = 0, style?: StyleName): Line[] {
	const pad = ' '.repeat(indent);
	return wrap(url, Math.max(10, cols - indent)).map((piece) => ({
		segs: [...(pad ? [{ text: pad }] : []), { text: piece, style, url }],
	}));
}

/** A followable line: "  › label" (the marker shows it can be opened). */
export function linkLine(label: string, target: Target, indent = 2, detail?: string): Line {
	const pad = ' '.repeat(indent);
	const segs: Segment[] = [{ text: `${pad}${label}`, style: 'link' }];
	if (detail) segs.push({ text: `  ${detail}`, style: 'dim' });
	return { segs, link: target };
}

export function heading(s: string): Line {
	return text(s, 'heading');
}

/**
 * A paragraph wrapped to the width with the given ranges drawn in the match
 * style; lines holding a match are marked for n/N.
 */
export function highlighted(s: string, ranges: readonly Range[], cols: number, indent = 0, style?: StyleName): Line[] {
	const pad = ' '.repeat(indent);
	return wrapSpans(s, Math.max(10, cols - indent)).map((span) => {
		const end = span.start + span.text.length;
		const segs: Segment[] = pad ? [{ text: pad }] : [];
		let at = span.start;
		let hit = false;
		for (const [a, b] of ranges) {
			if (b <= at || a >= end) continue;
			const from = Math.max(a, at);
			const to = Math.min(b, end);
			if (from > at) segs.push({ text: s.slice(at, from), style });
			segs.push({ text: s.slice(from, to), style: 'match' });
			hit = true;
			at = to;
		}
		if (at < end) segs.push({ text: s.slice(at, end), style });
		return { segs, ...(hit ? { hit } : {}) };
	});
}
