// The one way the rest of sitrep gets a data directory's index: opened, and
// built or brought up to date first when it must be. One process at a time
// builds or updates (a lock file beside the index); readers share it (WAL).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DataDirError } from '../../load/loader.js';
import { takeLock, WriteError } from '../../write.js';
import { buildIndex, removeLeftoverBuilds } from './build.js';
import type { Progress } from './dataFiles.js';
import { indexLocation } from './location.js';
import { busy, checkpoint, type Db, IndexBusy, isBusy, isDamaged, openIndex } from './open.js';
import { updateIndex } from './update.js';

export interface EnsuredIndex {
	db: Db;
	path: string;
	built: 'fresh' | 'updated' | 'unchanged';
	/** Why it was built anew, for the user; empty when nothing needed saying. */
	messages: string[];
}

export interface EnsureOptions {
	onProgress?: Progress;
	/** Build anew even when the index is current (`sitrep index build`). */
	rebuild?: boolean;
	/** How long to wait for another process building the same index. */
	lockTimeoutMs?: number;
}

/**
 * Closes an index ensureIndex gave, copying first what an update left in the WAL (the update
 * skips its checkpoints: update.ts). Closing alone does that only as the last connection.
 */
export function closeIndex(ix: Pick<EnsuredIndex, 'db' | 'built'>): void {
	if (!ix.db.open) return;
	if (ix.built === 'updated') checkpoint(ix.db);
	ix.db.close();
}

/** Calls in this process, one after another per index: the lock file waits by blocking, which would stall the first. */
const queue = new Map<string, Promise<unknown>>();

export async function ensureIndex(dir: string, opts: EnsureOptions = {}): Promise<EnsuredIndex> {
	if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DataDirError(`data directory not found: ${dir}`);
	const path = indexLocation(dir);
	const before = queue.get(path) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(() => locked(dir, path, opts));
	queue.set(path, mine);
	try {
		return await mine;
	} finally {
		if (queue.get(path) === mine) queue.delete(path);
	}
}

async function locked(dir: string, path: string, opts: EnsureOptions): Promise<EnsuredIndex> {
	mkdirSync(dirname(path), { recursive: true });
	let release: () => void;
	try {
		release = takeLock(dirname(path), `${basename(path)}.lock`, {
			timeoutMs: opts.lockTimeoutMs ?? 60_000,
			busy: (pid) => `another sitrep (pid ${pid}) is still building the index ${path}; try again later`,
		});
	} catch (err) {
		if (err instanceof WriteError) throw new IndexBusy(err.message);
		throw err;
	}
	try {
		return await underLock(dir, path, opts);
	} catch (err) {
		if (isBusy(err)) throw busy(path);
		throw err;
	} finally {
		release();
	}
}

async function underLock(dir: string, path: string, opts: EnsureOptions): Promise<EnsuredIndex> {
	const messages: string[] = [];
	const fresh = async (why?: string): Promise<EnsuredIndex> => {
		if (why) messages.push(`rebuilding the index: ${why}`);
		removeLeftoverBuilds(path);
		await buildIndex(dir, path, opts.onProgress);
		const opened = openIndex(path);
		if (!opened.db) throw new Error(`the index just built cannot be opened: ${opened.why}`);
		return { db: opened.db, path, built: 'fresh', messages };
	};
	if (opts.rebuild) return fresh();
	const opened = openIndex(path);
	if (!opened.db) return fresh(opened.why === 'no index yet' ? undefined : opened.why);
	const db = opened.db;
	try {
		const result = await updateIndex(db, dir, opts.onProgress);
		if ('done' in result) return { db, path, built: result.done, messages };
		db.close();
		return fresh(result.rebuild);
	} catch (err) {
		if (!isDamaged(err)) {
			if (db.open) db.close();
			throw err;
		}
		if (db.open) db.close();
		return fresh('the index file is damaged');
	}
}
