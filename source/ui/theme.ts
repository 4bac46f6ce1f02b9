// Semantic styles, in three themes. NO_COLOR selects the monochrome one, which
// relies on inverse, bold, underline and dim only. No theme carries meaning by
// colour alone: risk levels are printed as words, the selected row has a › and
// inverse video, the active tab is inverse.
import type { StyleName } from '../present/lines.js';

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

export type ThemeName = 'default' | 'high-contrast' | 'mono';

export const THEME_NAMES: readonly ThemeName[] = ['default', 'high-contrast', 'mono'];

const standard: Theme = {
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

/** Bright colours, no dim text anywhere (secondary text is normal, emphasis bold). */
const highContrast: Theme = {
	title: { bold: true, color: 'whiteBright' },
	tabActive: { bold: true, inverse: true },
	tab: { color: 'whiteBright' },
	heading: { bold: true, color: 'yellowBright' },
	selected: { inverse: true, bold: true },
	dim: {},
	accent: { bold: true, color: 'cyanBright' },
	link: { color: 'cyanBright', underline: true },
	error: { bold: true, color: 'redBright' },
	warning: { bold: true, color: 'yellowBright' },
	ok: { bold: true, color: 'greenBright' },
	match: { color: 'black', backgroundColor: 'yellowBright' },
	spark: { color: 'greenBright' },
	key: { bold: true, color: 'cyanBright' },
	risk: {
		low: { color: 'greenBright' },
		guarded: { color: 'cyanBright' },
		elevated: { color: 'yellowBright' },
		high: { bold: true, color: 'redBright' },
		severe: { bold: true, color: 'redBright', underline: true },
	},
};

/** No colours at all: bold, inverse, underline and dim. */
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
	risk: { low: {}, guarded: {}, elevated: {}, high: { bold: true }, severe: { bold: true, underline: true } },
};

export const THEMES: Record<ThemeName, Theme> = { default: standard, 'high-contrast': highContrast, mono };

/**
 * The theme to draw with: mono whenever colour is refused (`noColor`, or a
 * non-empty NO_COLOR, see no-color.org), whatever `name` says; else `name`,
 * or the default.
 */
export function pickTheme(opts: { name?: ThemeName; noColor?: boolean; env?: NodeJS.ProcessEnv } = {}): Theme {
	const env = opts.env ?? process.env;
	if (opts.noColor || (env.NO_COLOR ?? '') !== '') return THEMES.mono;
	return THEMES[opts.name ?? 'default'] ?? THEMES.default;
}
