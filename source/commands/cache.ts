// sitrep cache: writes the load cache of a big data set (core/loadCache.ts),
// so the next dashboard start skips parsing and checking. The dashboard runs
// it in the background when it quits after a slow start; cron can run it after
// an import.
import { FileWriteError, writeFileAtomic } from '../io/atomic.js';
import { cacheFileFor, serializeCache } from '../io/load/cache.js';
import { kindFiles } from '../io/load/files.js';
import { DataDirError, loadDataDir } from '../io/load/load.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export async function runCache(dir: string, version: string, flags: { json: boolean }, ctx: Ctx): Promise<number> {
	const files = (['actors', 'countries', 'incidents'] as const).flatMap((k) => kindFiles(dir, k));
	const file = await cacheFileFor(dir, files, version);
	const say = (written: boolean, why: string) => {
		if (flags.json) ctx.out(terminalJson({ written, file: file ?? null, why }, 0));
		else ctx.err(`sitrep: ${why}`);
		return written ? EXIT.ok : EXIT.problems;
	};
	if (!file) return say(false, 'no cache: the data set is small (or SITREP_CACHE_DIR is empty)');
	let loaded: ReturnType<typeof loadDataDir>;
	try {
		loaded = loadDataDir(dir, ['actors', 'countries', 'incidents']);
	} catch (err) {
		if (err instanceof DataDirError) return say(false, err.message);
		throw err;
	}
	const { store, problems, skipped } = loaded;
	if (problems.length || Object.values(skipped).some((n) => n > 0)) {
		return say(false, 'no cache: the data has problems (sitrep validate lists them)');
	}
	if (store.incidents.some((inc) => inc.sources.some((s) => typeof s === 'string'))) {
		return say(false, 'no cache: incidents cite articles, whose checks need the files');
	}
	const bytes = await serializeCache({
		incidents: store.incidents,
		actors: store.actors,
		countries: store.countries,
		files: loaded.files,
	});
	try {
		writeFileAtomic(file, bytes, { mkdir: true });
	} catch (err) {
		if (!(err instanceof FileWriteError)) throw err;
		return say(false, `cannot write ${file}: ${err.message}`);
	}
	return say(true, `start-up cache written: ${file}`);
}
