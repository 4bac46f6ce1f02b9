// Which data directory to open, and loading it with a clear message on failure.
import { resolve } from 'node:path';
import { DataDirError, type LoadResult, loadDataDir } from '../io/load/load.js';
import type { ConfigHandle } from '../io/settings/config.js';
import { bundledDataDir, type Ctx, EXIT } from './context.js';

export function chooseDataDir(flag: string | undefined, config: ConfigHandle): string {
	if (flag) return resolve(flag);
	return config.settings.dataDir ?? bundledDataDir();
}

/** Loads the data, or prints why not and returns the exit code. */
export function loadOrExplain<T = LoadResult>(
	dir: string,
	ctx: Ctx,
	load: (dir: string) => T = loadDataDir as (dir: string) => T,
): T | number {
	try {
		return load(dir);
	} catch (err) {
		if (err instanceof DataDirError) {
			ctx.err(`sitrep: ${err.message}`);
			ctx.err('Give a directory with --data DIR, or set one with: sitrep config set dataDir DIR');
			return EXIT.data;
		}
		throw err;
	}
}
