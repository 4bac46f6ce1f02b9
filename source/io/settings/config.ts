// conf-backed settings. conf re-reads the file on every get, so settings are
// read once at start-up and written only on purpose (config set, a pane
// change, a watch toggle, a saved view). Every field is checked on read: a bad
// field is dropped with a warning, the rest still apply. A bad file is kept
// aside as a backup before anything replaces it (see openConfig); conf writes
// atomically (a temporary file renamed into place), so two sitreps writing at
// once lose an update at worst, never the file. Start-up reads the file as conf
// would, without conf: conf is loaded for the first write, so writes return promises.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type Conf from 'conf';
import { type AlertRule, type AlertSetting, ruleOfSetting, settingOfRule } from '../../core/alerts/rule.js';
import { G } from '../../core/glyphs.js';
import { ALERT_NOTIFY, type AlertNotify } from '../../core/notify.js';
import {
	detailOf,
	errorText,
	keepAside,
	loadConf,
	loadedConf,
	readAsConf,
	settingsPath,
	tolerantReader,
} from './file.js';

export const PANES = ['timeline', 'actors', 'risk', 'search'] as const;
export type PaneId = (typeof PANES)[number];

export const THEME_NAMES = ['default', 'high-contrast', 'mono'] as const;
export type ThemeSetting = (typeof THEME_NAMES)[number];

export const HYPERLINK_MODES = ['auto', 'on', 'off'] as const;
export type HyperlinkMode = (typeof HYPERLINK_MODES)[number];

export const ALERT_BAR_MODES = ['on', 'off'] as const;
export type AlertBarMode = (typeof ALERT_BAR_MODES)[number];
/** How the dashboard notices changes to its data directory (io/load/watchDir.ts); SITREP_WATCH beats the setting. */
export const DATA_WATCH_MODES = ['auto', 'poll', 'off'] as const;
export type DataWatch = (typeof DATA_WATCH_MODES)[number];
/** Where the commands read the data: in memory, from the SQLite index, or the index above a size (io/store/choose.ts). */
export const STORAGE_MODES = ['auto', 'memory', 'index'] as const;
export type StorageMode = (typeof STORAGE_MODES)[number];

/** `escapeTime`, in ms: the default and the range accepted (the reasons are in ui/keyReader.ts). */
export const ESCAPE_TIME_DEFAULT = 100;
export const ESCAPE_TIME_MIN = 0;
export const ESCAPE_TIME_MAX = 1000;

/** An `escapeTime` as written ("50", 50): the whole number of ms, or undefined when it is not one in range. */
export function escapeTimeOf(v: unknown): number | undefined {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
	return Number.isInteger(n) && n >= ESCAPE_TIME_MIN && n <= ESCAPE_TIME_MAX ? n : undefined;
}

/** A pane with its filters, query, sort and selection, saved under a name (`s`). */
export interface SavedView {
	name: string;
	pane: PaneId;
	days: number;
	/** Timeline filter; dates may be relative ("90d": the 90 days up to the window's end). */
	filter?: { countries: string[]; actors: string[]; types: string[]; since?: string; until?: string };
	/** The Timeline's order; left out: by date. */
	sort?: 'date' | 'fatalities';
	query?: string;
	actors?: { sort: string; reverse: boolean; kind?: string; country?: string };
	/** Id (or country code) of the selected row. */
	selected?: string;
	savedAt: string;
}

export interface Settings {
	dataDir?: string;
	lastPane?: PaneId;
	theme?: ThemeSetting;
	hyperlinks?: HyperlinkMode;
	/** Milliseconds a lone Esc waits for the rest of a key's bytes (a whole number, as text: "100"). */
	escapeTime?: string;
	/** Machine-coded (GDELT) incidents count in risk scores; false (left out) when unset. */
	riskMachineCoded?: boolean;
	dataWatch?: DataWatch;
	storage?: StorageMode;
	/** Watch keys: "actor:iskp", "country:AF", "type:IED". */
	watchlist?: string[];
	/** Alert rules on watched items or queries, "when" in its canonical form (">=1 in 24h"). */
	alerts?: AlertSetting[];
	/** How the dashboard tells of a fired alert: a terminal notification, a bell, or nothing. */
	alertNotify?: AlertNotify;
	/** Whether a fired alert is shown on the Watch line. */
	alertBar?: AlertBarMode;
	views?: SavedView[];
	/** Key overrides: action (or "scope:action") → key names; checked by the keymap. */
	keys?: Record<string, string[]>;
}

/** The alert rules of the settings (each was checked when read: a bad one was dropped then, with a warning). */
export function alertRulesOf(settings: Settings): AlertRule[] {
	return (settings.alerts ?? []).flatMap((s) => {
		const r = ruleOfSetting(s);
		return typeof r === 'string' ? [] : [r];
	});
}

/** Settings typed at `sitrep config set`; the structured ones are changed from the dashboard. */
export const SETTING_KEYS = [
	'dataDir',
	'lastPane',
	'theme',
	'hyperlinks',
	'escapeTime',
	'riskMachineCoded',
	'alertNotify',
	'alertBar',
	'dataWatch',
	'storage',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const SETTING_HELP: Record<SettingKey, string> = {
	dataDir: 'data directory opened when --data is not given (default: the bundled data/)',
	lastPane: `pane shown at start: ${PANES.join(', ')} (remembered when you switch panes)`,
	theme: `colours: ${THEME_NAMES.join(', ')} (NO_COLOR or --no-color always means mono)`,
	hyperlinks: `URLs as OSC 8 terminal links: ${HYPERLINK_MODES.join(', ')} (auto: when the terminal is known to support them)`,
	escapeTime: `milliseconds a lone Esc waits for the rest of a key sent in pieces, ${ESCAPE_TIME_MIN}–${ESCAPE_TIME_MAX} (default ${ESCAPE_TIME_DEFAULT}; like tmux's escape-time)`,
	riskMachineCoded:
		'true: risk scores count machine-coded (GDELT) incidents, in the dashboard, sitrep risk and sitrep brief (default false: left out)',
	alertNotify: `how the dashboard tells of a fired alert: ${ALERT_NOTIFY.join(', ')} (auto: OSC 9 or 777 where the terminal is known to show them, else a bell)`,
	alertBar: `a fired alert on the Watch line: ${ALERT_BAR_MODES.join(', ')} (default on)`,
	dataWatch: `how the dashboard notices new data: ${DATA_WATCH_MODES.join(', ')} (auto: file-system events, polling where they fail; poll: look every few seconds, for network file systems; off: load once)`,
	storage: `where sitrep risk and sitrep timeline read the data: ${STORAGE_MODES.join(', ')} (auto: the SQLite index when the incidents and articles exceed 32 MB; SITREP_STORAGE overrides)`,
};

/** A riskMachineCoded as written: true or false (also as text, "true"), else undefined. */
export function booleanSetting(v: unknown): boolean | undefined {
	if (typeof v === 'boolean') return v;
	if (v === 'true') return true;
	if (v === 'false') return false;
	return undefined;
}

export class ConfigError extends Error {}
/** The settings could not be written (an unusable folder, a failed write): `sitrep config set` exits 3, not 2. */
export class ConfigWriteError extends ConfigError {}

export interface ConfigHandle {
	path: string;
	settings: Settings;
	/** Why the settings cannot be written; set, the settings live in memory only. */
	error?: string;
	/**
	 * What to tell the user once, at start: a bad file kept aside as a backup,
	 * fields ignored, an unusable settings folder (commands: stderr; the
	 * dashboard: its start message).
	 */
	warnings: string[];
	/**
	 * Rejects with ConfigError for a bad value, ConfigWriteError when it cannot be saved (the
	 * value still applies to this run, from the call on). Writes are made in the order asked.
	 */
	set(key: SettingKey, value: string): Promise<void>;
	unset(key: SettingKey): Promise<void>;
	/** Writes one structured field; resolves to an error message instead of rejecting. */
	save<K extends 'watchlist' | 'views' | 'keys' | 'alerts'>(
		key: K,
		value: NonNullable<Settings[K]>,
	): Promise<string | undefined>;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
	typeof v === 'string' && (list as readonly string[]).includes(v);

/** Checks and normalises a value typed by the user; throws ConfigError with what was expected. */
export function parseSetting(key: SettingKey, value: string): string | boolean {
	const expect = (list: readonly string[]) => {
		if (!list.includes(value)) throw new ConfigError(`${key}: expected one of ${list.join(', ')}, found "${value}"`);
		return value;
	};
	switch (key) {
		case 'dataDir': {
			const dir = resolve(value);
			if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError(`dataDir: no such directory: ${dir}`);
			return dir;
		}
		case 'lastPane':
			return expect(PANES);
		case 'theme':
			return expect(THEME_NAMES);
		case 'hyperlinks':
			return expect(HYPERLINK_MODES);
		case 'alertNotify':
			return expect(ALERT_NOTIFY);
		case 'alertBar':
			return expect(ALERT_BAR_MODES);
		case 'dataWatch':
			return expect(DATA_WATCH_MODES);
		case 'storage':
			return expect(STORAGE_MODES);
		case 'escapeTime': {
			const ms = escapeTimeOf(value);
			if (ms === undefined)
				throw new ConfigError(
					`escapeTime: expected a whole number of milliseconds from ${ESCAPE_TIME_MIN} to ${ESCAPE_TIME_MAX}, found "${value}"`,
				);
			return String(ms);
		}
		case 'riskMachineCoded': {
			const on = booleanSetting(value);
			if (on === undefined) throw new ConfigError(`riskMachineCoded: expected true or false, found "${value}"`);
			return on;
		}
	}
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function checkView(v: unknown): SavedView | undefined {
	if (!v || typeof v !== 'object') return undefined;
	const o = v as Record<string, unknown>;
	if (typeof o.name !== 'string' || !o.name.trim() || !oneOf(PANES, o.pane)) return undefined;
	if (typeof o.days !== 'number' || typeof o.savedAt !== 'string') return undefined;
	const f = o.filter as Record<string, unknown> | undefined;
	if (f !== undefined) {
		if (!f || typeof f !== 'object' || !isStringArray(f.countries) || !isStringArray(f.actors)) return undefined;
		if (!isStringArray(f.types)) return undefined;
		for (const k of ['since', 'until']) if (f[k] !== undefined && typeof f[k] !== 'string') return undefined;
	}
	if (o.sort !== undefined && o.sort !== 'date' && o.sort !== 'fatalities') return undefined;
	if (o.query !== undefined && typeof o.query !== 'string') return undefined;
	if (o.selected !== undefined && typeof o.selected !== 'string') return undefined;
	const a = o.actors as Record<string, unknown> | undefined;
	if (a !== undefined && (!a || typeof a.sort !== 'string' || typeof a.reverse !== 'boolean')) return undefined;
	return o as unknown as SavedView;
}

/** Reads and checks every field; what is wrong is dropped and named. */
export function readSettings(raw: Record<string, unknown>): { settings: Settings; warnings: string[] } {
	const settings: Settings = {};
	const warnings: string[] = [];
	const bad = (key: string, expected: string) => warnings.push(`setting "${key}" ignored: expected ${expected}`);
	if (raw.dataDir !== undefined) {
		if (typeof raw.dataDir === 'string') settings.dataDir = raw.dataDir;
		else bad('dataDir', 'a directory path');
	}
	if (raw.lastPane !== undefined) {
		if (oneOf(PANES, raw.lastPane)) settings.lastPane = raw.lastPane;
		else bad('lastPane', `one of ${PANES.join(', ')}`);
	}
	if (raw.theme !== undefined) {
		if (oneOf(THEME_NAMES, raw.theme)) settings.theme = raw.theme;
		else bad('theme', `one of ${THEME_NAMES.join(', ')}`);
	}
	if (raw.hyperlinks !== undefined) {
		if (oneOf(HYPERLINK_MODES, raw.hyperlinks)) settings.hyperlinks = raw.hyperlinks;
		else bad('hyperlinks', `one of ${HYPERLINK_MODES.join(', ')}`);
	}
	if (raw.dataWatch !== undefined) {
		if (oneOf(DATA_WATCH_MODES, raw.dataWatch)) settings.dataWatch = raw.dataWatch;
		else bad('dataWatch', `one of ${DATA_WATCH_MODES.join(', ')}`);
	}
	if (raw.storage !== undefined) {
		if (oneOf(STORAGE_MODES, raw.storage)) settings.storage = raw.storage;
		else bad('storage', `one of ${STORAGE_MODES.join(', ')}`);
	}
	if (raw.escapeTime !== undefined) {
		const ms = escapeTimeOf(raw.escapeTime);
		if (ms !== undefined) settings.escapeTime = String(ms);
		else bad('escapeTime', `a whole number of milliseconds from ${ESCAPE_TIME_MIN} to ${ESCAPE_TIME_MAX}`);
	}
	if (raw.riskMachineCoded !== undefined) {
		const on = booleanSetting(raw.riskMachineCoded);
		if (on !== undefined) settings.riskMachineCoded = on;
		else bad('riskMachineCoded', 'true or false');
	}
	if (raw.watchlist !== undefined) {
		if (isStringArray(raw.watchlist)) settings.watchlist = raw.watchlist;
		else bad('watchlist', 'a list of "actor:ID", "country:CODE" or "type:TYPE" strings');
	}
	if (raw.alerts !== undefined) {
		if (Array.isArray(raw.alerts)) {
			settings.alerts = [];
			raw.alerts.forEach((v, i) => {
				const rule = ruleOfSetting(v);
				if (typeof rule !== 'string') settings.alerts?.push(settingOfRule(rule));
				else
					warnings.push(
						`setting "alerts[${i}]" ignored: ${rule}; expected {"watch": "actor:ID" or "query": "…", "when": ">=1 in 24h", "name": optional}`,
					);
			});
		} else bad('alerts', 'a list of alert rules');
	}
	if (raw.alertNotify !== undefined) {
		if (oneOf(ALERT_NOTIFY, raw.alertNotify)) settings.alertNotify = raw.alertNotify;
		else bad('alertNotify', `one of ${ALERT_NOTIFY.join(', ')}`);
	}
	if (raw.alertBar !== undefined) {
		if (oneOf(ALERT_BAR_MODES, raw.alertBar)) settings.alertBar = raw.alertBar;
		else bad('alertBar', `one of ${ALERT_BAR_MODES.join(', ')}`);
	}
	if (raw.views !== undefined) {
		if (Array.isArray(raw.views)) {
			settings.views = [];
			raw.views.forEach((v, i) => {
				const ok = checkView(v);
				if (ok) settings.views?.push(ok);
				else bad(`views[${i}]`, 'a saved view with name, pane, days and savedAt');
			});
		} else bad('views', 'a list of saved views');
	}
	if (raw.keys !== undefined) {
		const k = raw.keys;
		if (k && typeof k === 'object' && !Array.isArray(k)) {
			settings.keys = {};
			for (const [action, v] of Object.entries(k)) {
				if (typeof v === 'string') settings.keys[action] = v.split(/[\s,]+/).filter(Boolean);
				else if (isStringArray(v)) settings.keys[action] = v;
				else bad(`keys.${action}`, 'a key name or a list of key names');
			}
		} else bad('keys', `an object of action ${G.right} keys`);
	}
	return { settings, warnings };
}

const KNOWN = new Set([...SETTING_KEYS, 'watchlist', 'alerts', 'views', 'keys']);

/** What is written back: the checked settings, and keys this version does not know (a newer sitrep's) as they were. */
function cleaned(raw: Record<string, unknown>, settings: Settings): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(raw)) if (!KNOWN.has(k)) out[k] = v;
	return { ...out, ...settings };
}

/**
 * Opens the settings. Nothing here throws and nothing bad is ever written back:
 * - a file that is not a JSON object (not JSON, cut short, empty, a list) is
 *   moved aside as config.json.bad-<time> and sitrep starts with defaults;
 * - a file with wrong fields keeps its good ones; it is copied aside the same
 *   way and rewritten with only what is valid;
 * - a folder that cannot be used leaves the settings in memory for this run.
 * Each case adds one line to `warnings`. Only the rewrite needs conf at start.
 */
/**
 * Loads what writes settings and watch state (conf), off the start-up path: the dashboard asks for
 * it once its first frame is up, so that from then on every save, the ones on the way out
 * included, is made within the call.
 */
export function prepareWrites(): Promise<void> {
	return loadConf().then(() => undefined);
}

export async function openConfig(): Promise<ConfigHandle> {
	const cwd = process.env.SITREP_CONFIG_DIR;
	const reader = tolerantReader();
	const warnings: string[] = [];
	const path = settingsPath('config.json');
	/** Whether the file can be written (conf made on first use); false: settings in memory only. */
	let usable = true;
	let made: Conf<Settings> | undefined;
	const confWith = (ConfClass: typeof Conf): Conf<Settings> => {
		made ??= new ConfClass<Settings>({
			projectName: 'sitrep',
			...(cwd ? { cwd } : {}),
			deserialize: reader.deserialize as (text: string) => Settings,
		});
		return made;
	};
	// Loaded already: no await, so the write below is made within the call (see loadedConf).
	const conf = async (): Promise<Conf<Settings>> => made ?? confWith(loadedConf() ?? (await loadConf()));
	let error: string | undefined;
	try {
		readAsConf(path, reader.deserialize);
	} catch (err) {
		usable = false;
		error = `cannot use the settings folder (${errorText(err)})`;
		warnings.push(`${error}: using defaults; changes last for this session only`);
	}
	const first = usable ? reader.last() : undefined;
	let raw: Record<string, unknown> = {};
	if (first && 'problem' in first.parsed) {
		const kept = keepAside(path, first.text, 'move');
		const what = `settings file was ${first.parsed.problem}; using defaults`;
		const detail = detailOf(first.parsed);
		if (kept.backup) warnings.push(`${what}; the file is kept as ${kept.backup}${detail}`);
		else if (kept.gone) warnings.push(`${what}${detail}`);
		else {
			// Without a backup the file must not be written over: settings stay in memory.
			error = `${path} is ${first.parsed.problem} and could not be kept aside (${kept.error})`;
			warnings.push(`${what}; changes last for this session only: ${error}`);
			usable = false;
		}
	} else if (first && 'value' in first.parsed) raw = first.parsed.value;
	const checked = readSettings(raw);
	const { settings } = checked;
	warnings.push(...checked.warnings);
	if (usable && first && checked.warnings.length) {
		// Keep the file as it was, then leave only what is valid in it.
		const kept = keepAside(path, first.text, 'copy');
		try {
			if (kept.error !== undefined) throw new Error(`no backup could be made: ${kept.error}`);
			if (kept.backup) {
				(await conf()).store = cleaned(raw, settings) as Settings;
				warnings.push(`the old settings file is kept as ${kept.backup}`);
			}
		} catch (err) {
			error = `cannot rewrite ${path} without its bad fields (${errorText(err)})`;
			warnings.push(`${error}: changes last for this session only`);
			usable = false;
		}
	}
	/** Re-reads the file (another sitrep may have changed it), applies one change, writes only valid settings. */
	const writeNow = async (change: (data: Record<string, unknown>) => void): Promise<string | undefined> => {
		if (!usable) return error ?? 'settings unavailable';
		try {
			const c = made ?? confWith(loadedConf() ?? (await loadConf()));
			reader.reset();
			const current = c.store as Record<string, unknown>;
			const read = reader.last();
			let data: Record<string, unknown> = {};
			if (read && 'problem' in read.parsed) {
				// Broken since start (by hand, or another program): kept aside, never written over.
				const kept = keepAside(path, read.text, 'copy');
				if (kept.error !== undefined)
					throw new Error(`${path} is ${read.parsed.problem}; no backup could be made: ${kept.error}`);
			} else {
				const now = readSettings(current);
				if (read && now.warnings.length) {
					const kept = keepAside(path, read.text, 'copy');
					if (kept.error !== undefined) throw new Error(`no backup of ${path} could be made: ${kept.error}`);
				}
				data = cleaned(current, now.settings);
			}
			change(data);
			c.store = data as Settings;
			return undefined;
		} catch (err) {
			error = `cannot write settings: ${errorText(err)}`;
			usable = false;
			return error;
		}
	};
	// One write at a time, in the order asked: each reads what the one before it wrote. With conf
	// loaded and none waiting, the write is made at once: a save on the way out (a signal, a
	// hang-up) is on disk before the process ends.
	let queue: Promise<unknown> = Promise.resolve();
	let waiting = 0;
	const write = (change: (data: Record<string, unknown>) => void): Promise<string | undefined> => {
		if (waiting === 0 && loadedConf()) return writeNow(change);
		waiting++;
		const done = queue
			.then(() => writeNow(change))
			.finally(() => {
				waiting--;
			});
		queue = done;
		return done;
	};
	return {
		path,
		settings,
		get error() {
			return error;
		},
		warnings,
		async set(key, value) {
			const v = parseSetting(key, value);
			(settings as Record<string, unknown>)[key] = v;
			const failed = await write((d) => {
				d[key] = v;
			});
			if (failed) throw new ConfigWriteError(failed);
		},
		async unset(key) {
			delete settings[key];
			const failed = await write((d) => {
				delete d[key];
			});
			if (failed) throw new ConfigWriteError(failed);
		},
		save(key, value) {
			(settings as Record<string, unknown>)[key] = value;
			return write((d) => {
				d[key] = value;
			});
		},
	};
}
