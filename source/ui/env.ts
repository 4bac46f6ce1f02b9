// What every part of the dashboard reads and never changes: the data, its
// resolver and problems, the bindings in force and the settings notes.
import type { Problem } from '../core/problems.js';
import type { Resolver } from '../core/resolve.js';
import type { Store } from '../core/store.js';
import { DEFAULT_KEYMAP, type Keymap } from './keymap.js';

export interface Env {
	store: Store;
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
