// What an index holds and whether it is current, without building or changing it.
import { existsSync } from 'node:fs';
import type { Problem } from '../../../core/problems.js';
import { dataFiles, indexedFiles, staleness } from './dataFiles.js';
import { indexLocation } from './location.js';
import { type Db, metaValue, openIndex, sizeOf } from './open.js';

/** The tables whose rows status counts. */
export const INDEX_TABLES = [
	'files',
	'incidents',
	'incident_actors',
	'articles',
	'article_refs',
	'incident_outlets',
	'search_terms',
	'actors',
	'countries',
	'country_days',
	'actor_days',
	'articles_fts',
	'incidents_fts',
] as const;

export interface IndexStatus {
	path: string;
	/** False when there is none yet, or it cannot be used (`why` says which). */
	usable: boolean;
	why?: string;
	/** Bytes of the file and its WAL. */
	bytes?: number;
	schemaVersion?: number;
	builtAt?: string;
	updatedAt?: string;
	counts?: Record<(typeof INDEX_TABLES)[number], number>;
	files?: { path: string; kind: string; records: number; problems: number }[];
	stale?: { changed: string[]; added: string[]; removed: string[] };
}

export function indexStatus(dir: string): IndexStatus {
	const path = indexLocation(dir);
	if (!existsSync(path)) return { path, usable: false, why: 'no index yet' };
	const opened = openIndex(path);
	if (!opened.db) return { path, usable: false, why: opened.why };
	const db = opened.db;
	try {
		const count = (table: string) => (db.prepare(`SELECT count(*) FROM ${table}`).raw().all() as [[number]])[0][0];
		const counts = Object.fromEntries(INDEX_TABLES.map((t) => [t, count(t)])) as IndexStatus['counts'];
		const rows = db
			.prepare('SELECT path, kind, records, json_array_length(problems) FROM files ORDER BY fid')
			.raw()
			.all() as [string, string, number, number][];
		const stale = staleness(indexedFiles(db), existsSync(dir) ? dataFiles(dir) : []);
		return {
			path,
			usable: true,
			bytes: (sizeOf(path) ?? 0) + (sizeOf(`${path}-wal`) ?? 0),
			schemaVersion: Number(metaValue(db, 'schema_version')),
			builtAt: metaValue(db, 'built_at'),
			updatedAt: metaValue(db, 'updated_at'),
			counts,
			files: rows.map(([path, kind, records, problems]) => ({ path, kind, records, problems })),
			stale: {
				changed: stale.changed.map((f) => f.path),
				added: stale.added.map((f) => f.path),
				removed: stale.removed.map((f) => f.path),
			},
		};
	} finally {
		db.close();
	}
}

/** The problems the index's files had when they were read (each file's, in file order): what `!` lists in the dashboard. */
export function storedProblems(db: Db): Problem[] {
	const out: Problem[] = [];
	for (const [json] of db.prepare('SELECT problems FROM files ORDER BY fid').raw().all() as [string][]) {
		try {
			out.push(...(JSON.parse(json) as Problem[]));
		} catch {
			// A file's problems that do not read are not worth failing the start for.
		}
	}
	return out;
}
