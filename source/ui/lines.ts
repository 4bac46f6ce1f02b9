// Scrollable views are built as data: lines of styled segments, some of them
// links. The reducer uses them to move between links and clamp scrolling;
// the Lines component renders a window of them.
import { wrap } from '../core/width.js';
import type { Target } from './target.js';
import type { Theme } from './theme.js';

export interface Segment {
	text: string;
	style?: keyof Theme;
}

export interface Line {
	segs: Segment[];
	/** Enter on this line follows the link. */
	link?: Target;
}

export const blank: Line = { segs: [] };

export function text(s: string, style?: keyof Theme, link?: Target): Line {
	return { segs: [{ text: s, style }], ...(link ? { link } : {}) };
}

/** A paragraph wrapped to the width, indented. */
export function para(s: string, cols: number, indent = 0, style?: keyof Theme): Line[] {
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

/** A followable line: "  › label" (the marker shows it can be opened). */
export function linkLine(label: string, target: Target, indent = 2, detail?: string): Line {
	const pad = ' '.repeat(indent);
	const segs: Segment[] = [{ text: `${pad}${label}`, style: 'accent' }];
	if (detail) segs.push({ text: `  ${detail}`, style: 'dim' });
	return { segs, link: target };
}

export function heading(s: string): Line {
	return text(s, 'heading');
}
