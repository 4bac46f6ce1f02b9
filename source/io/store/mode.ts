// Which backend the data is read through: the store in memory (the bundled
// data, small directories: as fast as ever) or the SQLite index (io/store/sqlite),
// chosen by the `storage` setting or SITREP_STORAGE, and under `auto` by the size
// of the incident and article files. Kept apart from the backends themselves so
// a start that reads into memory never loads SQLite.
import { statSync } from 'node:fs';
import { kindFiles } from '../load/files.js';
import { STORAGE_MODES, type StorageMode } from '../settings/config.js';

/** Above this many bytes of incidents and articles, `auto` reads through the index: in memory they would take 4–6 times as much. */
export const INDEX_ABOVE_BYTES = 32 * 1024 * 1024;

/** The mode in force: SITREP_STORAGE, else the setting, else auto; a bad SITREP_STORAGE is said and ignored. */
export function storageMode(
	setting: StorageMode | undefined,
	env: NodeJS.ProcessEnv,
	warn: (m: string) => void,
): StorageMode {
	const raw = env.SITREP_STORAGE;
	if (raw !== undefined && raw !== '') {
		if ((STORAGE_MODES as readonly string[]).includes(raw)) return raw as StorageMode;
		warn(`SITREP_STORAGE="${raw}" is not one of ${STORAGE_MODES.join(', ')}: using ${setting ?? 'auto'}`);
	}
	return setting ?? 'auto';
}

/** Bytes of the incident and article files the loader would read. */
export function recordBytes(dir: string): number {
	let n = 0;
	for (const kind of ['incidents', 'articles'] as const) {
		for (const f of kindFiles(dir, kind)) n += statSync(f).size;
	}
	return n;
}

export function usesIndex(mode: StorageMode, dir: string): boolean {
	return mode === 'index' || (mode === 'auto' && recordBytes(dir) > INDEX_ABOVE_BYTES);
}
