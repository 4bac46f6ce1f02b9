// conf-backed settings. conf re-reads the file on every get, so settings are
// read once at start-up and written only on purpose (config set, a pane
// change, a watch toggle, a saved view). Every field is checked on read: a bad
// field is dropped with a warning, the rest still apply.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Conf from 'conf';

export const PANES = ['timeline', 'actors', 'risk', 'search'] as const;
export type PaneId = (typeof PANES)[number];

export const THEME_NAMES = ['default', 'high-contrast', 'mono'] as const;
export type ThemeSetting = (typeof THEME_NAMES)[number];

export const HYPERLINK_MODES = ['auto', 'on', 'off'] as const;
export type HyperlinkMode = (typeof HYPERLINK_MODES)[number];

/** A pane with its filters, query, sort and selection, saved under a name (`s`). */
export interface SavedView {
	name: string;
	pane: PaneId;
	days: number;
	/** Timeline filter; dates may be relative ("90d": the 90 days up to the window's end). */
	filter?: { countries: string[]; actors: string[]; types: string[]; since?: string; until?: string };
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
	/** Watch keys: "actor:iskp", "country:AF", "type:IED". */
	watchlist?: string[];
	views?: SavedView[];
	/** Key overrides: action (or "scope:action") → key names; checked by the keymap. */
	keys?: Record<string, string[]>;
}

/** Settings typed at `sitrep config set`; the structured ones are changed from the dashboard. */
export const SETTING_KEYS = ['dataDir', 'lastPane', 'theme', 'hyperlinks'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const SETTING_HELP: Record<SettingKey, string> = {
	dataDir: 'data directory opened when --data is not given (default: the bundled data/)',
	lastPane: `pane shown at start: ${PANES.join(', ')} (remembered when you switch panes)`,
	theme: `colours: ${THEME_NAMES.join(', ')} (NO_COLOR or --no-color always means mono)`,
	hyperlinks: `URLs as OSC 8 terminal links: ${HYPERLINK_MODES.join(', ')} (auto: when the terminal is known to support them)`,
};

export class ConfigError extends Error {}

export interface ConfigHandle {
	path: string;
	settings: Settings;
	/** Set when the file could not be read or written; settings then live in memory only. */
	error?: string;
	/** Fields that were ignored on read, one message each. */
	warnings: string[];
	set(key: SettingKey, value: string): void;
	unset(key: SettingKey): void;
	/** Writes one structured field; returns an error message instead of throwing. */
	save<K extends 'watchlist' | 'views' | 'keys'>(key: K, value: NonNullable<Settings[K]>): string | undefined;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
	typeof v === 'string' && (list as readonly string[]).includes(v);

/** Checks and normalises a value typed by the user; throws ConfigError with what was expected. */
export function parseSetting(key: SettingKey, value: string): string {
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
	if (raw.watchlist !== undefined) {
		if (isStringArray(raw.watchlist)) settings.watchlist = raw.watchlist;
		else bad('watchlist', 'a list of "actor:ID", "country:CODE" or "type:TYPE" strings');
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
		} else bad('keys', 'an object of action → keys');
	}
	return { settings, warnings };
}

export function openConfig(): ConfigHandle {
	const cwd = process.env.SITREP_CONFIG_DIR;
	let conf: Conf<Settings> | undefined;
	let error: string | undefined;
	try {
		conf = new Conf<Settings>({ projectName: 'sitrep', ...(cwd ? { cwd } : {}) });
	} catch (err) {
		error = `cannot read settings: ${(err as Error).message}`;
	}
	const path = conf?.path ?? (cwd ? resolve(cwd, 'config.json') : 'config.json');
	const { settings, warnings } = conf
		? readSettings(conf.store as Record<string, unknown>)
		: { settings: {}, warnings: [] };
	// After a failed write the settings live on in memory; the file is left as it was.
	const write = (fn: (c: Conf<Settings>) => void): string | undefined => {
		if (!conf) return error ?? 'settings unavailable';
		try {
			fn(conf);
			return undefined;
		} catch (err) {
			error = `cannot write settings: ${(err as Error).message}`;
			conf = undefined;
			return error;
		}
	};
	return {
		path,
		settings,
		get error() {
			return error;
		},
		warnings,
		set(key, value) {
			if (!conf) throw new ConfigError(error ?? 'settings unavailable');
			const v = parseSetting(key, value);
			conf.set(key, v);
			(settings as Record<string, string>)[key] = v;
		},
		unset(key) {
			if (!conf) throw new ConfigError(error ?? 'settings unavailable');
			conf.delete(key);
			delete settings[key];
		},
		save(key, value) {
			(settings as Record<string, unknown>)[key] = value;
			return write((c) => c.set(key, value as never));
		},
	};
}
