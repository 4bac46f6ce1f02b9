// The data opened as a Backend: the store the caller loaded, or the SQLite index,
// built or brought up to date first (which one: io/store/mode.ts).
import { backendOf } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import type { Problem } from '../../core/problems.js';
import type { LoadResult } from '../load/load.js';
import { sqliteBackend } from './sqlite/backend.js';
import type { Progress } from './sqlite/dataFiles.js';
import { ensureIndex } from './sqlite/ensure.js';
import { storedProblems } from './sqlite/status.js';

export interface Opened {
	data: Backend;
	/** What the index's files had wrong (over the index; the loader's own list in memory). */
	problems: Problem[];
	/** Said once to the user: why the index was built anew. */
	messages: string[];
	close(): void;
}

/** The index of `dir`, built or brought up to date first, as a Backend. */
export async function openIndexed(dir: string, onProgress?: Progress): Promise<Opened> {
	const index = await ensureIndex(dir, onProgress ? { onProgress } : {});
	return {
		data: sqliteBackend(index.db),
		problems: storedProblems(index.db),
		messages: index.messages,
		close: () => index.db.close(),
	};
}

/** The store loaded by the caller, as a Backend. */
export function inMemory(loaded: LoadResult): Opened {
	return { data: backendOf(loaded.store), problems: loaded.problems, messages: [], close() {} };
}
