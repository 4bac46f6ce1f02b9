// What config.ts and watchState.ts share about their JSON files: a reader for
// conf that never throws on bad text (it reads as {} and is remembered),
// reading a file as conf would without loading conf, and keeping a bad file
// aside as a backup before anything is written over it.
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type Conf from 'conf';
import { G } from '../../core/glyphs.js';
import { sanitizeLine } from '../../core/sanitize.js';

let confClass: Promise<typeof Conf> | undefined;

/**
 * conf, loaded for the first write: with ajv, semver and atomically under it, importing it cost
 * ~10 ms of every start, and reading needs only `readAsConf`. (Bundled, the import settles
 * within the same turn of the event loop.)
 */
export function loadConf(): Promise<typeof Conf> {
	confClass ??= import('conf').then((m) => {
		confReady = m.default;
		return m.default;
	});
	return confClass;
}

let confReady: typeof Conf | undefined;

/**
 * conf once loadConf has settled, else undefined. With it, a write is made within the call: what
 * a signal or a hang-up saves on the way out must be on disk before the process ends, and an
 * exit runs no promise left pending.
 */
export function loadedConf(): typeof Conf | undefined {
	return confReady;
}

/**
 * What conf's constructor does to the file at `path` (with no schema, defaults or migrations):
 * reads it through `deserialize`; makes its folder when there is no file. Throws what those
 * throw (a folder that cannot be made or read), as the constructor did.
 */
export function readAsConf(path: string, deserialize: (text: string) => unknown): void {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		mkdirSync(dirname(path), { recursive: true });
		return;
	}
	deserialize(text);
}

/** A JSON object, or what is wrong with the text: `problem` in a few words, `detail` the parser's own message. */
export type Parsed = { value: Record<string, unknown> } | { problem: string; detail?: string };

/** " (detail)" or "": goes last in a message, where a narrow status bar may cut it off. */
export const detailOf = (p: Parsed) => ('detail' in p && p.detail ? ` (${p.detail})` : '');

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}${G.ellipsis}` : s);

/** The file's text as a JSON object, or what is wrong with it (in words, safe to print). */
export function parseObject(text: string): Parsed {
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') return { problem: 'empty' };
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch (err) {
		return { problem: 'not valid JSON', detail: clip(sanitizeLine((err as Error).message), 80) };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		const what = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
		return { problem: `not a JSON object but ${what}` };
	}
	return { value: value as Record<string, unknown> };
}

/**
 * A `deserialize` for conf: bad text reads as an empty object instead of
 * throwing, and `last()` tells what the latest read found (undefined: no
 * file was read, conf found none). conf reads synchronously, so `last()`
 * right after a read is that read's.
 */
export function tolerantReader(): {
	deserialize: (text: string) => Record<string, unknown>;
	last: () => { text: string; parsed: Parsed } | undefined;
	reset: () => void;
} {
	let last: { text: string; parsed: Parsed } | undefined;
	return {
		deserialize: (text) => {
			const parsed = parseObject(text);
			last = { text, parsed };
			return 'value' in parsed ? { ...parsed.value } : {};
		},
		last: () => last,
		reset: () => {
			last = undefined;
		},
	};
}

export interface Kept {
	/** Where the file now is (moved) or was copied to. */
	backup?: string;
	/** Why no backup could be made. */
	error?: string;
	/** The file changed or went away since it was read (another sitrep dealt with it): nothing was done. */
	gone?: boolean;
}

/**
 * Keeps a bad file next to itself as `NAME.bad-<UTC time>` (byte for byte):
 * moved away, so the next start begins afresh, or copied, when the caller is
 * about to write a cleaned version in its place. `text` is what was read: a
 * file that no longer holds it is left alone.
 */
export function keepAside(path: string, text: string, how: 'move' | 'copy'): Kept {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	for (let n = 0; n < 50; n++) {
		const backup = `${path}.bad-${stamp}${n ? `-${n}` : ''}`;
		if (existsSync(backup)) continue;
		try {
			if (readFileSync(path, 'utf8') !== text) return { gone: true };
			if (how === 'move') renameSync(path, backup);
			else copyFileSync(path, backup, constants.COPYFILE_EXCL);
			return { backup };
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			if (code === 'EEXIST') continue;
			if (code === 'ENOENT') return { gone: true };
			return { error: sanitizeLine((err as Error).message) };
		}
	}
	return { error: 'too many backups with the same time' };
}

/** Where conf keeps sitrep's files: SITREP_CONFIG_DIR (conf's `cwd`), else its env-paths rule. */
export function settingsPath(name: string): string {
	const dir = process.env.SITREP_CONFIG_DIR;
	if (dir) return resolve(dir, name);
	const home = homedir();
	if (process.platform === 'darwin') return resolve(home, 'Library', 'Preferences', 'sitrep-nodejs', name);
	if (process.platform === 'win32') {
		return resolve(process.env.APPDATA || join(home, 'AppData', 'Roaming'), 'sitrep-nodejs', 'Config', name);
	}
	return resolve(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'sitrep-nodejs', name);
}

export const errorText = (err: unknown) => sanitizeLine(err instanceof Error ? err.message : String(err));

/** A state file kept beside the settings (watch.json, alerts.json), read and written through conf. */
export function openStateFile<T extends object>(
	ConfClass: typeof Conf,
	configName: string,
	deserialize: (text: string) => Record<string, unknown>,
): Conf<T> {
	const cwd = process.env.SITREP_CONFIG_DIR;
	return new ConfClass<T>({
		projectName: 'sitrep',
		configName,
		...(cwd ? { cwd } : {}),
		deserialize: deserialize as (text: string) => T,
	});
}

/**
 * A broken state file moved aside, and the notice to say once ("watch.json was …; starting afresh
 * (then); the file is kept as …"); undefined when it could not be moved (it must then be left alone).
 */
export function movedAside(path: string, text: string, problem: string, then: string, detail = ''): string | undefined {
	const kept = keepAside(path, text, 'move');
	if (kept.error !== undefined) return undefined;
	const where = kept.backup ? `; the file is kept as ${kept.backup}` : '';
	return `${basename(path)} was ${problem}; starting afresh (${then})${where}${detail}`;
}
