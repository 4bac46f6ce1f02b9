// The data files an index covers, in the order they are indexed: actors and
// countries first (an incident's points and an article's links need them),
// then articles (incidents' sources point at them), then incidents.
import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Kind } from '../../../core/schemaBase.js';
import { kindFiles } from '../../load/files.js';
import type { DataFileRef } from './indexer.js';
import type { Db } from './open.js';

export const INDEX_ORDER: readonly Kind[] = ['actors', 'countries', 'articles', 'incidents'];

export interface DataFileNow extends DataFileRef {
	size: number;
	mtimeMs: number;
}

/** The data files as they are now (what cannot be stat'ed is left out: there is nothing to index). */
export function dataFiles(dir: string): DataFileNow[] {
	const out: DataFileNow[] = [];
	for (const kind of INDEX_ORDER) {
		for (const file of kindFiles(dir, kind)) {
			try {
				const st = statSync(file);
				if (!st.isFile()) continue;
				const path = relative(dir, file).split(sep).join('/');
				out.push({ path, kind, inFolder: path.includes('/'), size: st.size, mtimeMs: st.mtimeMs });
			} catch {
				// Gone since it was listed.
			}
		}
	}
	return out;
}

export interface IndexedFile {
	fid: number;
	path: string;
	kind: Kind;
	size: number;
	mtimeMs: number;
	duplicates: number;
}

/** What differs between the files indexed and the files there now. */
export interface Staleness {
	changed: DataFileNow[];
	added: DataFileNow[];
	removed: IndexedFile[];
}

export function staleness(indexed: readonly IndexedFile[], now: readonly DataFileNow[]): Staleness {
	const byPath = new Map(indexed.map((f) => [f.path, f]));
	const there = new Set(now.map((f) => f.path));
	const changed: DataFileNow[] = [];
	const added: DataFileNow[] = [];
	for (const f of now) {
		const old = byPath.get(f.path);
		if (!old) added.push(f);
		else if (old.size !== f.size || old.mtimeMs !== f.mtimeMs || old.kind !== f.kind) changed.push(f);
	}
	return { changed, added, removed: indexed.filter((f) => !there.has(f.path)) };
}

export function isStale(s: Staleness): boolean {
	return s.changed.length + s.added.length + s.removed.length > 0;
}

/** The files an index holds. */
export function indexedFiles(db: Db): IndexedFile[] {
	const rows = db.prepare('SELECT fid, path, kind, size, mtime_ms, duplicates FROM files ORDER BY fid').raw().all() as [
		number,
		string,
		Kind,
		number,
		number,
		number,
	][];
	return rows.map(([fid, path, kind, size, mtimeMs, duplicates]) => ({ fid, path, kind, size, mtimeMs, duplicates }));
}

/** A progress report: bytes done of the total, and what is being done. */
export type Progress = (done: number, total: number, phase: string) => void;

/** Indexes files one after another, reporting progress by bytes read across all of them. */
export async function indexFiles(
	files: readonly DataFileNow[],
	index: (file: DataFileNow, bytes: (n: number) => void) => Promise<void>,
	onProgress: Progress | undefined,
): Promise<void> {
	const total = files.reduce((n, f) => n + f.size, 0);
	let before = 0;
	for (const file of files) {
		onProgress?.(before, total, file.kind);
		await index(file, (n) => onProgress?.(before + Math.min(n, file.size), total, file.kind));
		before += file.size;
	}
	onProgress?.(total, total, 'done');
}
