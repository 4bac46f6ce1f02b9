// conf-backed settings. conf re-reads the file on every get, so settings are
// read once at start-up and written only on purpose (config set, pane change).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Conf from 'conf';

export const PANES = ['timeline', 'actors', 'risk', 'search'] as const;
export type PaneId = (typeof PANES)[number];

export interface Settings {
	dataDir?: string;
	lastPane?: PaneId;
}

export const SETTING_KEYS = ['dataDir', 'lastPane'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const SETTING_HELP: Record<SettingKey, string> = {
	dataDir: 'data directory opened when --data is not given (default: the bundled data/)',
	lastPane: `pane shown at start: ${PANES.join(', ')} (remembered when you switch panes)`,
};

export class ConfigError extends Error {}

export interface ConfigHandle {
	path: string;
	settings: Settings;
	/** Set when the file could not be read; settings are then defaults and nothing is written. */
	error?: string;
	set(key: SettingKey, value: string): void;
	unset(key: SettingKey): void;
}

/** Checks and normalises a value typed by the user; throws ConfigError with what was expected. */
export function parseSetting(key: SettingKey, value: string): string {
	if (key === 'dataDir') {
		const dir = resolve(value);
		if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError(`dataDir: no such directory: ${dir}`);
		return dir;
	}
	if (!(PANES as readonly string[]).includes(value)) {
		throw new ConfigError(`lastPane: expected one of ${PANES.join(', ')}, found "${value}"`);
	}
	return value;
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
	const settings: Settings = {};
	if (conf) {
		const dataDir = conf.get('dataDir');
		const lastPane = conf.get('lastPane');
		if (typeof dataDir === 'string') settings.dataDir = dataDir;
		if (typeof lastPane === 'string' && (PANES as readonly string[]).includes(lastPane)) settings.lastPane = lastPane;
	}
	return {
		path,
		settings,
		error,
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
	};
}
