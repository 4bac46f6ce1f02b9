// Opening an index file, and telling apart the ways it can be unusable: none
// there, not a database or damaged, another schema version (each means a
// rebuild), or held by another process past the busy timeout (said plainly).
import { rmSync, statSync } from 'node:fs';
import Database from 'libsql';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

/** The index cannot be used now (another process holds it): a message for the user. */
export class IndexBusy extends Error {}

/** Below this size PRAGMA quick_check is run on open; a bigger file is trusted until SQLite says otherwise. */
const QUICK_CHECK_BYTES = 32_000_000;

const BUSY_MS = 5000;

function sqliteCode(err: unknown): string {
	const code = (err as { code?: unknown }).code;
	return typeof code === 'string' ? code : '';
}

/** Whether an error is SQLite saying the file is not (or no longer) a sound database. */
export function isDamaged(err: unknown): boolean {
	return /^SQLITE_(NOTADB|CORRUPT|CANTOPEN)/.test(sqliteCode(err)) || /malformed|not a database/i.test(String(err));
}

export function isBusy(err: unknown): boolean {
	return /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(err));
}

/** The connection settings every index handle has. */
export function tune(db: Db): void {
	db.pragma(`busy_timeout = ${BUSY_MS}`);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
}

/**
 * Copies what the WAL holds into the database file as far as readers allow, never waiting for
 * them (PASSIVE). An update leaves it for after its commit (update.ts): its rows are visible
 * from the commit on, and the copy of an update's hundreds of MB takes seconds.
 */
export function checkpoint(db: Db): void {
	db.pragma('wal_checkpoint(PASSIVE)');
}

/** A single value of the meta table. */
export function metaValue(db: Db, key: string): string | undefined {
	const rows = db.prepare('SELECT value FROM meta WHERE key = ? LIMIT 1').raw().all(key) as [string][];
	return rows[0]?.[0];
}

export function sizeOf(path: string): number | undefined {
	try {
		return statSync(path).size;
	} catch {
		return undefined;
	}
}

/** Removes an index file and its WAL companions. */
export function removeIndexFile(path: string): void {
	for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
}

export type Opened = { db: Db } | { db?: undefined; why: string };

/**
 * The index at `path`, ready to read and update; or why it must be built
 * (missing, damaged, another version). A busy database throws IndexBusy.
 */
export function openIndex(path: string): Opened {
	const size = sizeOf(path);
	if (size === undefined) return { why: 'no index yet' };
	let db: Db | undefined;
	try {
		db = new Database(path);
		tune(db);
		const version = metaValue(db, 'schema_version');
		if (version !== String(SCHEMA_VERSION)) {
			db.close();
			return { why: `the index has schema version ${version ?? 'none'}, this sitrep uses ${SCHEMA_VERSION}` };
		}
		if (size <= QUICK_CHECK_BYTES) {
			const [[ok]] = db.prepare('PRAGMA quick_check').raw().all() as [[string]];
			if (ok !== 'ok') {
				db.close();
				return { why: 'the index file is damaged' };
			}
		}
		return { db };
	} catch (err) {
		db?.close();
		if (isBusy(err)) throw busy(path);
		if (isDamaged(err) || /no such table/.test(String(err)))
			return { why: 'the index file is not a readable SQLite database' };
		throw err;
	}
}

export function busy(path: string): IndexBusy {
	return new IndexBusy(
		`the index ${path} is busy: another sitrep is writing it (waited ${BUSY_MS / 1000} s); try again`,
	);
}

/** A new, empty index database at `path` (a build's temporary file): tuned for one writer that nobody reads yet. */
export function createIndex(path: string): Db {
	removeIndexFile(path);
	const db = new Database(path);
	db.pragma('journal_mode = OFF');
	db.pragma('synchronous = OFF');
	// Records come in file order, not index order: a big page cache keeps the index B-trees' inserts off the disk.
	db.pragma('cache_size = -262144');
	db.pragma('temp_store = MEMORY');
	// The sorts of the build's last steps (keyed tables, order indexes) may use a second core.
	db.pragma('threads = 2');
	db.exec(SCHEMA_SQL);
	db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
	return db;
}
