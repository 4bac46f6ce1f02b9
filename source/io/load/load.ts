// Loading a data directory with zod at hand: for the commands, the articles
// worker and the tests. The loader itself is loader.ts; the dashboard loads
// through its lazy functions, which import zod only when a record needs it.

import type { Actor, Country } from '../../core/schema.js';
import { recordSchemas } from '../../core/schema.js';
import type { Kind } from '../../core/schemaBase.js';
import { KINDS } from '../../core/schemaBase.js';
import {
	type ArticlesResult,
	type DataFile,
	type FilesResult,
	type LoadOptions,
	type LoadResult,
	loadArticlesWith,
	loadDataDirWith,
	loadFilesWith,
} from './loader.js';

export {
	type ArticlesResult,
	DataDirError,
	displayPath,
	type LoadOptions,
	type LoadResult,
	MAX_FILE_BYTES,
} from './loader.js';

/** Loads every kind, or only those named (an import needs just the actors and countries). */
export function loadDataDir(dir: string, kinds: readonly Kind[] = KINDS, options: LoadOptions = {}): LoadResult {
	return loadDataDirWith(recordSchemas, dir, kinds, options);
}

/**
 * Just the articles of a data dir, linked and checked against the actors and
 * countries already loaded: the dashboard's second step, run in a worker.
 */
export function loadArticles(dir: string, known: { actors: Actor[]; countries: Country[] }): ArticlesResult {
	return loadArticlesWith(recordSchemas, dir, known);
}

/** Some files of a data dir, checked against the actors and countries given (the live dashboard's re-read). */
export function loadFiles(
	files: readonly DataFile[],
	known: { actors: Actor[]; countries: Country[]; articleIds?: readonly string[] },
): FilesResult {
	return loadFilesWith(recordSchemas, files, known);
}
