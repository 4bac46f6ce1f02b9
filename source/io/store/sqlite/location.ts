// Where a data directory's index lives: beside the data when sitrep may write
// there, else in the user's cache (a read-only directory, the bundled sample).
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isBundledDataDir } from '../../load/dataDir.js';

export const INDEX_FOLDER = '.sitrep';
export const INDEX_NAME = 'index.sqlite';

function writable(path: string): boolean {
	try {
		accessSync(path, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/** The index of one data directory in a shared folder: named by a hash of its absolute path. */
function cachedIndex(folder: string, dir: string): string {
	const hash = createHash('sha1').update(resolve(dir)).digest('hex').slice(0, 16);
	return join(folder, `index-${hash}.sqlite`);
}

/** The index file for a data directory (SITREP_INDEX_DIR, when set, holds every index). */
export function indexLocation(dir: string, env: NodeJS.ProcessEnv = process.env): string {
	if (env.SITREP_INDEX_DIR) return cachedIndex(resolve(env.SITREP_INDEX_DIR), dir);
	const folder = join(resolve(dir), INDEX_FOLDER);
	const besideData = existsSync(folder) ? writable(folder) : writable(resolve(dir));
	if (besideData && !isBundledDataDir(dir)) return join(folder, INDEX_NAME);
	const cache = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
	return cachedIndex(join(cache, 'sitrep'), dir);
}
