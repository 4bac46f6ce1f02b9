// Semantic styles. NO_COLOR selects a monochrome theme that relies on
// inverse, bold, underline and dim, so nothing depends on colour alone.
import type { StyleName } from '../text/lines.js';

export interface Style {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
	underline?: boolean;
}

export interface Theme extends Record<StyleName, Style> {
	title: Style;
	tabActive: Style;
	tab: Style;
	heading: Style;
	selected: Style;
	dim: Style;
	accent: Style;
	link: Style;
	error: Style;
	warning: Style;
	ok: Style;
	match: Style;
	spark: Style;
	key: Style;
	/** Row styles by risk level; the level is always printed as a word too. */
	risk: Record<'low' | 'guarded' | 'elevated' | 'high' | 'severe', Style>;
}

const color: Theme = {
	title: { bold: true, color: 'cyan' },
	tabActive: { bold: true, inverse: true },
	tab: { dimColor: true },
	heading: { bold: true, color: 'yellow' },
	selected: { inverse: true },
	dim: { dimColor: true },
	accent: { color: 'cyan' },
	link: { color: 'cyan' },
	error: { color: 'red', bold: true },
	warning: { color: 'yellow' },
	ok: { color: 'green' },
	match: { color: 'black', backgroundColor: 'yellow' },
	spark: { color: 'green' },
	key: { bold: true, color: 'cyan' },
	risk: {
		low: { color: 'green' },
		guarded: { color: 'cyan' },
		elevated: { color: 'yellow' },
		high: { color: 'red' },
		severe: { color: 'red', bold: true },
	},
};

const mono: Theme = {
	title: { bold: true },
	tabActive: { bold: true, inverse: true },
	tab: { dimColor: true },
	heading: { bold: true },
	selected: { inverse: true },
	dim: { dimColor: true },
	accent: {},
	link: { underline: true },
	error: { bold: true },
	warning: { bold: true },
	ok: {},
	match: { underline: true, bold: true },
	spark: {},
	key: { bold: true },
	risk: { low: {}, guarded: {}, elevated: {}, high: { bold: true }, severe: { bold: true } },
};

export function pickTheme(env: NodeJS.ProcessEnv = process.env): Theme {
	return env.NO_COLOR ? mono : color;
}
