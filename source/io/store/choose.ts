// Which backend a command reads the data through: the store in memory (the
// bundled data, small directories: as fast as ever) or the SQLite index
// (io/store/sqlite), chosen by the `storage` setting or SITREP_STORAGE, and
// under `auto` by the size of the incident and article files.
import { statSync } from 'node:fs';
import { backendOf } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { kindFiles } from '../load/files.js';
import type { LoadResult } from '../load/load.js';
import { STORAGE_MODES, type StorageMode } from '../settings/config.js';
import { sqliteBackend } from './sqlite/backend.js';
import type { Progress } from './sqlite/dataFiles.js';
import { ensureIndex } from './sqlite/ensure.js';

/** Above this many bytes of incidents and articles, `auto` reads through the index: in memory they would take 4–6 times as much. */
export const INDEX_ABOVE_BYTES = 32 * 1024 * 1024;

export interface Opened {
	data: Backend;
	/** Said once to the user: why the index was built anew. */
	messages: string[];
	close(): void;
}

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

/** The index of `dir`, built or brought up to date first, as a Backend. */
export async function openIndexed(dir: string, onProgress?: Progress): Promise<Opened> {
	const index = await ensureIndex(dir, onProgress ? { onProgress } : {});
	return { data: sqliteBackend(index.db), messages: index.messages, close: () => index.db.close() };
}

/** The store loaded by the caller, as a Backend. */
export function inMemory(loaded: LoadResult): Opened {
	return { data: backendOf(loaded.store), messages: [], close() {} };
}
