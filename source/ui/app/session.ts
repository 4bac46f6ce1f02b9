// What the dashboard takes from the settings and gives back to them: key
// overrides, saved views, the watchlist and what was seen of it. Kept apart
// from run.tsx so tests can open two sessions on one settings folder.

import type { Store } from '../../core/store.js';
import { nextSeen, summarize, whatsNew } from '../../core/watch.js';
import type { ConfigHandle, PaneId, SavedView, ThemeSetting } from '../../io/settings/config.js';
import { loadSeen, saveSeen } from '../../io/settings/watchState.js';
import { buildKeymap, type Keymap } from '../keymap.js';
import { hyperlinksSupported } from '../osc.js';
import { items, type WatchUi, watchUi } from '../watch.js';
import type { BriefingCallbacks } from './effects.js';

export interface Session {
	keymap: Keymap;
	/** What was wrong with the settings (also kept for the `!` list). */
	notes: string[];
	views: SavedView[];
	theme?: ThemeSetting;
	hyperlinks: boolean;
	pane?: PaneId;
	/** The watch state for a store (the first one may lack its articles). */
	watchFor(store: Store): WatchUi;
	/** Settings warnings and what is new, for the status bar at start. */
	startMessage(store: Store): string | undefined;
	/** Call when the store with the articles has arrived: only it can record which articles were seen. */
	complete(store: Store): void;
	briefing: BriefingCallbacks;
}

export function openSession(
	config: ConfigHandle,
	opts: { theme?: ThemeSetting; isTTY?: boolean; dir?: string } = {},
): Session {
	const { settings } = config;
	const { keymap, errors } = buildKeymap(settings.keys);
	// What was seen is kept per data directory.
	const seen = loadSeen(opts.dir);
	const watchKeys = settings.watchlist ?? [];
	// Key errors first: they change what the keys do now; then what was wrong with the settings file.
	const notes = [...errors.map((e) => `${e} (defaults in force)`), ...config.warnings];
	if (seen.notice) notes.push(seen.notice);
	if (seen.error) notes.push(seen.error);
	let full: Store | undefined;
	return {
		keymap,
		notes,
		views: settings.views ?? [],
		...(opts.theme || settings.theme ? { theme: opts.theme ?? settings.theme } : {}),
		hyperlinks: hyperlinksSupported(process.env, opts.isTTY ?? process.stdout.isTTY, settings.hyperlinks ?? 'auto'),
		...(settings.lastPane ? { pane: settings.lastPane } : {}),
		watchFor: (store) => watchUi(store, watchKeys, seen.seen),
		startMessage: (store) => {
			const summary = watchKeys.length ? `Watch: ${summarize(whatsNew(store, items(watchKeys), seen.seen))}` : '';
			const said = [summary, ...notes].filter(Boolean).join(' · ');
			return said ? `${said}${notes.length ? ' (! lists them)' : ''}` : undefined;
		},
		complete: (store) => {
			full = store;
		},
		briefing: {
			onViews: (views) => config.save('views', views),
			onWatchlist: (keys) => config.save('watchlist', keys),
			onWatchExit: (watch) => {
				// A store still waiting for its articles would record every article as unseen: keep the old record.
				if (!full || seen.error) return;
				const stillNew = { incidents: watch.newIncidents, articles: watch.newArticles };
				void saveSeen(nextSeen(full, items(watch.keys), stillNew, new Date().toISOString()), opts.dir ?? full.dir);
			},
		},
	};
}
