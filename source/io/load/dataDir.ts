// Which data directory to open, and loading it with a clear message when it
// cannot be: the commands and the dashboard say the same.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../core/exit.js';
import type { ConfigHandle } from '../settings/config.js';
import { DataDirError, type LoadResult, loadDataDirLazily } from './loader.js';

/** The data/ directory shipped with sitrep (next to dist/ or source/). */
export function bundledDataDir(): string {
	// Bundled (dist/cli.js) and unbundled (source/io/load/) builds sit at different depths;
	// dist/ has a package.json of its own (it says CommonJS), but no data/ beside it.
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 4; i++) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return join(dir, 'data');
		dir = dirname(dir);
	}
	return join(dirname(fileURLToPath(import.meta.url)), '..', 'data');
}

/** Whether dir is the bundled data/ (the curated sample), by its real path. */
export function isBundledDataDir(dir: string): boolean {
	try {
		return realpathSync(resolve(dir)) === realpathSync(bundledDataDir());
	} catch {
		return false;
	}
}

/** --data, else the configured dataDir, else the bundled data/. */
export function chooseDataDir(flag: string | undefined, config: ConfigHandle): string {
	if (flag) return resolve(flag);
	return config.settings.dataDir ?? bundledDataDir();
}

/** Loads the data (zod imported only if a record needs it), or prints why not (through `err`) and returns the exit status. */
export async function loadOrExplain<T = LoadResult>(
	dir: string,
	err: (line: string) => void,
	load: (dir: string) => T | Promise<T> = loadDataDirLazily as (dir: string) => Promise<T>,
): Promise<T | number> {
	try {
		return await load(dir);
	} catch (e) {
		if (e instanceof DataDirError) {
			err(`sitrep: ${e.message}`);
			err('Give a directory with --data DIR, or set one with: sitrep config set dataDir DIR');
			return EXIT.data;
		}
		throw e;
	}
}
