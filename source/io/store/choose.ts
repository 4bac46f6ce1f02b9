// The data opened as a Backend: the store the caller loaded, or the SQLite index,
// built or brought up to date first (which one: io/store/mode.ts).
import { backendOf } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import type { Problem } from '../../core/problems.js';
import type { LoadResult } from '../load/load.js';
import { sqliteBackend } from './sqlite/backend.js';
import type { Progress } from './sqlite/dataFiles.js';
import { closeIndex, ensureIndex } from './sqlite/ensure.js';
import { indexLocation } from './sqlite/location.js';
import { checkpoint, type Db, openIndex } from './sqlite/open.js';
import { storedProblems } from './sqlite/status.js';

export interface Opened {
	data: Backend;
	/** What the index's files had wrong (over the index; the loader's own list in memory). */
	problems: Problem[];
	/** Said once to the user: why the index was built anew. */
	messages: string[];
	close(): void;
	/** Copies back what an update at open left in the WAL (ensure.ts closeIndex), once; close does it otherwise. */
	settle?(): void;
}

/** The index of `dir`, built or brought up to date first, as a Backend. */
export async function openIndexed(dir: string, onProgress?: Progress): Promise<Opened> {
	const index = await ensureIndex(dir, onProgress ? { onProgress } : {});
	let pending = index.built === 'updated';
	return {
		...openedOf(index.db, index.messages),
		close: () => closeIndex({ db: index.db, built: pending ? 'updated' : 'unchanged' }),
		settle: () => {
			if (pending && index.db.open) checkpoint(index.db);
			pending = false;
		},
	};
}

function openedOf(db: Db, messages: string[]): Opened {
	return { data: sqliteBackend(db), problems: storedProblems(db), messages, close: () => db.close() };
}

/**
 * The index of `dir` opened again as it is now, without building or updating it (another
 * process just did: `sitrep index update`); undefined, with why, when it does not open.
 */
export function reopenIndexed(dir: string): Opened | string {
	const opened = openIndex(indexLocation(dir));
	return opened.db ? openedOf(opened.db, []) : opened.why;
}

/** The store loaded by the caller, as a Backend. */
export function inMemory(loaded: LoadResult): Opened {
	return { data: backendOf(loaded.store), problems: loaded.problems, messages: [], close() {} };
}
