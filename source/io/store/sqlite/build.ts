// A full build of the index: every data file into a temporary database beside
// the target, renamed over it only when complete, so a build that is
// interrupted (or fails) leaves the previous index as it was.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { dataFiles, indexFiles, type Progress } from './dataFiles.js';
import { finishBuild, Indexer } from './indexer.js';
import { createIndex, type Db, removeIndexFile } from './open.js';
import { INCIDENT_INDEXES_SQL } from './schema.js';

const FTS_TABLES = ['incidents_fts', 'articles_fts'];

/** Builds the index of `dir` at `target` and returns how many problems its files had. */
export async function buildIndex(dir: string, target: string, onProgress?: Progress): Promise<{ problems: number }> {
	mkdirSync(dirname(target), { recursive: true });
	const temp = `${target}.${process.pid}.building`;
	let db: Db | undefined = createIndex(temp);
	let problems = 0;
	try {
		// Full text is merged once at the end, not level by level as rows come in.
		for (const t of FTS_TABLES) db.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 0)`);
		const indexer = new Indexer(db, dir, true);
		db.exec('BEGIN');
		const live = db;
		await indexFiles(
			dataFiles(dir),
			async (file, bytes) => {
				problems += (await indexer.indexFile(file, bytes)).length;
				live.exec('COMMIT; BEGIN');
			},
			onProgress,
		);
		finishBuild(db);
		db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('built_at', new Date().toISOString());
		db.exec('COMMIT');
		for (const t of FTS_TABLES) {
			db.exec(`INSERT INTO ${t} (${t}) VALUES ('optimize')`);
			// FTS5's default again: an update's rows are merged as they come.
			db.exec(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 4)`);
		}
		db.exec(INCIDENT_INDEXES_SQL);
		db.exec('PRAGMA optimize');
		// The header says WAL from now on; closing leaves no -wal file beside it.
		db.pragma('journal_mode = WAL');
		db.close();
		db = undefined;
		// The old index's WAL must not be read as the new one's (its handles are closed by now).
		rmSync(`${target}-wal`, { force: true });
		rmSync(`${target}-shm`, { force: true });
		renameSync(temp, target);
	} catch (err) {
		if (db?.open) db.close();
		removeIndexFile(temp);
		throw err;
	}
	return { problems };
}

/**
 * The temporary files of builds that were killed before they could remove them. Only the
 * holder of the index's lock builds, so under it any such file is a dead process's.
 */
export function removeLeftoverBuilds(target: string): void {
	const name = basename(target);
	let names: string[];
	try {
		names = readdirSync(dirname(target));
	} catch {
		return;
	}
	for (const n of names) {
		if (n.startsWith(`${name}.`) && /^\.\d+\.building(-wal|-shm|-journal)?$/.test(n.slice(name.length))) {
			rmSync(join(dirname(target), n), { force: true });
		}
	}
}
