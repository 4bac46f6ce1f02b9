// The command palette's own state: the typed line and the highlighted entry.
// Running an entry is the app's (it can do anything a key can).
import type { Command } from '../../keymap.js';
import { type PaletteContext, type PaletteItem, paletteItems } from './items.js';

export interface PaletteState {
	input: string;
	cursor: number;
	/** Entries offered before anything is typed (w on an incident: which of its actors, country, type). */
	preset?: PaletteItem[];
	title?: string;
}

export const openPalette = (preset?: PaletteItem[], title?: string): PaletteState => ({
	input: '',
	cursor: 0,
	...(preset ? { preset } : {}),
	...(title ? { title } : {}),
});

/** The entries as shown: the preset when nothing is typed, else the fuzzy matches. */
export function paletteEntries(p: PaletteState, ctx: PaletteContext): PaletteItem[] {
	if (p.preset && p.input === '') return p.preset;
	return paletteItems(p.input, ctx);
}

/** Editing and moving; `palette.run` and `palette.close` are the app's. */
export function paletteEdit(p: PaletteState, cmd: Command, count: number): PaletteState {
	switch (cmd) {
		case 'palette.next':
			return { ...p, cursor: count ? (p.cursor + 1) % count : 0 };
		case 'palette.prev':
			return { ...p, cursor: count ? (p.cursor - 1 + count) % count : 0 };
		case 'palette.deleteChar':
			return { ...p, input: [...p.input].slice(0, -1).join(''), cursor: 0 };
		case 'palette.deleteWord':
			return { ...p, input: p.input.replace(/\S*\s*$/, ''), cursor: 0 };
		case 'palette.clear':
			return { ...p, input: '', cursor: 0 };
		default:
			return p;
	}
}

export const paletteType = (p: PaletteState, input: string): PaletteState => ({
	...p,
	input: p.input + input,
	cursor: 0,
});
