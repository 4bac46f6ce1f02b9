// Bringing an index up to date with its directory, file by file: a changed
// file's rows are taken out and put in again in one transaction, a removed
// file's taken out. Some changes need the whole index built again; the
// update then says so and changes nothing more.
import { dataFiles, indexedFiles, indexFiles, isStale, type Progress, staleness } from './dataFiles.js';
import { Indexer, linkIncidentSources, NeedsRebuild, removeFile } from './indexer.js';
import type { Db } from './open.js';

export type UpdateResult = { done: 'unchanged' | 'updated' } | { rebuild: string };

/** A transaction the rows of one file go through whole; BEGIN IMMEDIATE waits out another writer (busy_timeout). */
async function inTransaction(db: Db, fn: () => Promise<void> | void): Promise<void> {
	db.exec('BEGIN IMMEDIATE');
	try {
		await fn();
		db.exec('COMMIT');
	} catch (err) {
		if (db.inTransaction) db.exec('ROLLBACK');
		throw err;
	}
}

export async function updateIndex(db: Db, dir: string, onProgress?: Progress): Promise<UpdateResult> {
	// No checkpoint at each commit: the caller runs one once the update is committed (and said to
	// be: an open dashboard reads the new rows from then on), not inside the update's time.
	const [row] = db.pragma('wal_autocheckpoint') as { wal_autocheckpoint?: number }[];
	const auto = Number(row?.wal_autocheckpoint ?? 1000);
	db.pragma('wal_autocheckpoint = 0');
	try {
		return await updateFiles(db, dir, onProgress);
	} finally {
		if (db.open) db.pragma(`wal_autocheckpoint = ${auto}`);
	}
}

async function updateFiles(db: Db, dir: string, onProgress?: Progress): Promise<UpdateResult> {
	const indexed = indexedFiles(db);
	const stale = staleness(indexed, dataFiles(dir));
	if (!isStale(stale)) return { done: 'unchanged' };
	const touched = [...stale.changed, ...stale.added, ...stale.removed];
	// Every incident's points depend on the actors' kinds, every article's links on both lists.
	if (touched.some((f) => f.kind === 'actors' || f.kind === 'countries')) {
		return { rebuild: 'actors or countries changed' };
	}
	// Which of two records with one id is kept depends on the order of all files: the loader's rule, kept by a build.
	if (indexed.some((f) => f.duplicates > 0)) return { rebuild: 'records with the same id are in more than one file' };
	const byPath = new Map(indexed.map((f) => [f.path, f]));
	for (const gone of stale.removed) await inTransaction(db, () => removeFile(db, gone.fid));
	const indexer = new Indexer(db, dir, false);
	const toIndex = [...stale.changed, ...stale.added];
	try {
		await indexFiles(
			toIndex,
			(file, bytes) =>
				inTransaction(db, async () => {
					const old = byPath.get(file.path);
					if (old) removeFile(db, old.fid);
					await indexer.indexFile(file, bytes);
				}),
			onProgress,
		);
	} catch (err) {
		if (err instanceof NeedsRebuild) return { rebuild: err.message };
		throw err;
	}
	await inTransaction(db, () => {
		// New article rows have new rids: the incidents citing them are linked again.
		if (touched.some((f) => f.kind === 'articles')) {
			db.prepare(`DELETE FROM article_refs WHERE kind = 'incident'`).run();
			linkIncidentSources(db);
		}
		db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('updated_at', new Date().toISOString());
	});
	return { done: 'updated' };
}
