// What every part of the dashboard reads and never changes: the data, its
// resolver and problems, the bindings in force and the settings notes.
import type { Backend } from '../core/backend/types.js';
import type { Problem } from '../core/problems.js';
import type { Resolver } from '../core/resolve.js';
import type { Store } from '../core/store.js';
import { DEFAULT_KEYMAP, type Keymap } from './keymap.js';

export interface Env {
	/** Every answer the panes show: the store in memory, or the SQLite index of a big data set. */
	data: Backend;
	/**
	 * The records in memory, when they are (not over the index): what the palette's places
	 * and titles still read whole.
	 */
	store?: Store;
	/** The data directory: the status bar shows it, a brief names it as its source. */
	dir?: string;
	resolver: Resolver;
	problems: readonly Problem[];
	/** The bindings in force (defaults plus the user's overrides). */
	keymap?: Keymap;
	/** What was wrong with the settings at start (listed with the data problems, `!`). */
	settingsNotes?: readonly string[];
	/** Machine-coded (GDELT) incidents count in risk scores: the riskMachineCoded setting. */
	riskMachineCoded?: boolean;
}

export const keymapOf = (env: Env): Keymap => env.keymap ?? DEFAULT_KEYMAP;
