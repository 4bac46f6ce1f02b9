// What the dashboard takes from the settings and gives back to them: key
// overrides, saved views, the watchlist and what was seen of it, alert rules
// and what they fired for. Kept apart from run.tsx so tests can open two
// sessions on one settings folder.

import { type Alert, recordFirings } from '../../core/alerts/evaluate.js';
import type { Backend } from '../../core/backend/types.js';
import { G, glyphSet } from '../../core/glyphs.js';
import { type NotifyVia, notifyVia } from '../../core/notify.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { localeAdvice } from '../../core/terminal.js';
import { nextSeen, summarize, whatsNew } from '../../core/watch.js';
import { loadFired, saveFired } from '../../io/settings/alertState.js';
import {
	alertRulesOf,
	type ConfigHandle,
	ESCAPE_TIME_DEFAULT,
	escapeTimeOf,
	type PaneId,
	type SavedView,
	type ThemeSetting,
} from '../../io/settings/config.js';
import { loadSeen, saveSeen } from '../../io/settings/watchState.js';
import { type AlertsUi, alertsUi } from '../alerts.js';
import { buildKeymap, type Keymap } from '../keymap.js';
import { hyperlinksSupported } from '../osc.js';
import { idsFor, items, noWatch, prefetchIds, type WatchUi, watchUi } from '../watch.js';
import type { BriefingCallbacks } from './effects.js';

export interface Session {
	keymap: Keymap;
	/** What was wrong with the settings (also kept for the `!` list). */
	notes: string[];
	views: SavedView[];
	theme?: ThemeSetting;
	hyperlinks: boolean;
	/** How long a lone Esc waits for the rest of a key's bytes, in ms (`escapeTime`). */
	escapeMs: number;
	/** Machine-coded (GDELT) incidents count in risk scores (`riskMachineCoded`). */
	riskMachineCoded: boolean;
	pane?: PaneId;
	/** The watch state for the data (a first store may lack its articles); without data, the keys alone. */
	watchFor(data: Backend | undefined): WatchUi;
	/** The watched items' ids read into watchFor's cache a slice at a time (ui/watch.ts prefetchIds). */
	prefetchWatch(data: Backend): Generator<void, void>;
	/** Settings warnings and what is new, for the status bar at start. */
	startMessage(data: Backend | undefined): string | undefined;
	/** Call when the data is whole (a store with its articles, an index opened again): only it can record which articles were seen. */
	complete(data: Backend): void;
	/** The alert rules and what they have fired for in this data directory. */
	alerts: AlertsUi;
	notify: NotifyVia;
	/** Records firings not yet on disk: within the call once conf is loaded (a signal or a hang-up). */
	flushAlerts(): void;
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
	let full: Backend | undefined;
	let watchSaved = false;
	const rules = alertRulesOf(settings);
	// What the rules fired for is kept per data directory, as what was seen is.
	const fired = opts.dir && rules.length ? loadFired(opts.dir) : { fired: {} };
	if (fired.notice) notes.push(fired.notice);
	if (fired.error) notes.push(fired.error);
	/** Firings whose save has not yet come back: saved again on the way out (a save is idempotent). */
	const unsaved = new Set<{ alerts: readonly Alert[]; data: Backend; now: Date }>();
	const save = (batch: { alerts: readonly Alert[]; data: Backend; now: Date }) =>
		saveFired(opts.dir ?? '', (disk) => recordFirings(disk, batch.alerts, batch.data, rules, batch.now)).then((err) => {
			if (!err) unsaved.delete(batch);
			return err;
		});
	return {
		keymap,
		notes,
		views: settings.views ?? [],
		...(opts.theme || settings.theme ? { theme: opts.theme ?? settings.theme } : {}),
		hyperlinks: hyperlinksSupported(process.env, opts.isTTY ?? process.stdout.isTTY, settings.hyperlinks ?? 'auto'),
		escapeMs: escapeTimeOf(settings.escapeTime) ?? ESCAPE_TIME_DEFAULT,
		riskMachineCoded: settings.riskMachineCoded === true,
		...(settings.lastPane ? { pane: settings.lastPane } : {}),
		watchFor: (data) => (data ? watchUi(data, watchKeys, seen.seen) : { ...noWatch, keys: [...watchKeys] }),
		prefetchWatch: (data) => prefetchIds(data, watchKeys),
		startMessage: (data) => {
			const summary =
				data && watchKeys.length ? `Watch: ${summarize(whatsNew(data, items(watchKeys), seen.seen, idsFor))}` : '';
			// Said once, at start: why the lines and marks are ASCII, and the fix (the locale's value goes through the sanitizer).
			const ascii = glyphSet() === 'ascii' ? sanitizeLine(`drawing in ASCII: ${localeAdvice(process.env)}`) : '';
			const said = [summary, ascii, ...notes].filter(Boolean).join(` ${G.dot} `);
			return said ? `${said}${notes.length ? ' (! lists them)' : ''}` : undefined;
		},
		complete: (data) => {
			full = data;
		},
		alerts: alertsUi(rules, fired.fired, settings.alertBar !== 'off'),
		notify: notifyVia(process.env, settings.alertNotify ?? 'auto'),
		flushAlerts: () => {
			for (const batch of unsaved) void save(batch);
		},
		briefing: {
			onAlerts: (alerts, data, now) => {
				// A file that could not be read, nor kept aside, is not written over.
				if (fired.error || !opts.dir) return Promise.resolve(undefined);
				const batch = { alerts, data, now };
				unsaved.add(batch);
				return save(batch);
			},
			onViews: (views) => config.save('views', views),
			onWatchlist: (keys) => config.save('watchlist', keys),
			// Once, at the first way out (q, or a signal or hang-up after it).
			onWatchExit: (watch) => {
				// A store still waiting for its articles would record every article as unseen: keep the old record.
				if (watchSaved || !full || seen.error) return;
				watchSaved = true;
				const stillNew = { incidents: watch.newIncidents, articles: watch.newArticles };
				if (opts.dir)
					void saveSeen(nextSeen(full, items(watch.keys), stillNew, new Date().toISOString(), idsFor), opts.dir);
			},
		},
	};
}
