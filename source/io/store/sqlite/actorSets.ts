// An incident's responsible actors (its perpetrators and claimant that are
// actors) as one set id, incidents.aset, and the per-set date sums made from
// it (schema.ts actor_sets, actor_dates): an actor filter is the sets holding
// one of its actors, so its count and per-date chart are summed from a few
// thousand rows and its pages check a small integer per incident, never the
// actors' hundreds of thousands of incident_actors rows.
import type { Incident } from '../../../core/schema.js';
import type { Db } from './open.js';
import { RowBuffer } from './rowBuffer.js';

/** The actors an actor filter matches an incident by (backend.ts filterSql's roles): perpetrators and claimant. */
export function responsibleActors(inc: Incident, isActor: (id: string) => boolean): string[] {
	const { perpetrators: by, claimedBy } = inc;
	// Most incidents name one: no set to make.
	if (by.length <= 1 && (claimedBy === undefined || claimedBy === by[0])) {
		const id = by[0] ?? claimedBy;
		return id !== undefined && isActor(id) ? [id] : [];
	}
	const ids = new Set([...by, ...(claimedBy ? [claimedBy] : [])]);
	return [...ids].filter(isActor);
}

/** The sets already in actor_sets by their key, new ones added as incidents name them. */
export class ActorSets {
	private readonly sids = new Map<string, number>();
	private readonly insert;

	constructor(db: Db) {
		for (const [sid, actors] of db.prepare('SELECT sid, actors FROM actor_sets').raw().all() as [number, string][]) {
			this.sids.set(actors, Number(sid));
		}
		this.insert = db.prepare('INSERT INTO actor_sets (actors) VALUES (?)');
	}

	/** The set's id; 0 for no actors. */
	sidOf(actors: readonly string[]): number {
		if (!actors.length) return 0;
		const key = JSON.stringify(actors.length === 1 ? actors : [...actors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		let sid = this.sids.get(key);
		if (sid === undefined) {
			sid = Number(this.insert.run(key).lastInsertRowid);
			this.sids.set(key, sid);
		}
		return sid;
	}
}

/** The incidents' cells of actor_dates, gathered while a file is read. */
export class ActorDates {
	private readonly cells = new Map<
		string,
		[sid: number, country: string, date: string, last: string, n: number, killed: number, untolled: number]
	>();
	private readonly rows;

	constructor(db: Db) {
		this.rows = new RowBuffer(
			db,
			'INSERT INTO actor_dates (sid, country, date, last_day, incidents, killed, untolled) VALUES',
			7,
			`ON CONFLICT (sid, country, date, last_day) DO UPDATE SET incidents = incidents + excluded.incidents,
			 killed = killed + excluded.killed, untolled = untolled + excluded.untolled`,
		);
	}

	/** Drops what a file left when its reading failed. */
	clear(): void {
		this.cells.clear();
		this.rows.clear();
	}

	add(sid: number, country: string, date: string, last: string, killed: number | undefined): void {
		const key = `${sid}\u0000${country}\u0000${date}\u0000${last}`;
		let cell = this.cells.get(key);
		if (!cell) {
			cell = [sid, country, date, last, 0, 0, 0];
			this.cells.set(key, cell);
		}
		cell[4]++;
		cell[5] += killed ?? 0;
		if (killed === undefined) cell[6]++;
	}

	/**
	 * Adds the file's cells to the table. Summed here, not by a GROUP BY over the file's incidents:
	 * at 2.5M that sort took as long as the rest of a file's sums (a file makes a few hundred thousand cells).
	 */
	flush(): void {
		for (const cell of this.cells.values()) this.rows.push(...cell);
		this.rows.flush();
		this.cells.clear();
	}
}

/** Takes a file's incidents' share back, cell by cell (a scan of the whole table would cost every row). */
export function removeActorDates(db: Db, fid: number): void {
	const less = db.prepare(
		`UPDATE actor_dates SET incidents = incidents - ?, killed = killed - ?, untolled = untolled - ?
		 WHERE sid = ? AND country = ? AND date = ? AND last_day = ?`,
	);
	const gone = db.prepare(
		'DELETE FROM actor_dates WHERE sid = ? AND country = ? AND date = ? AND last_day = ? AND incidents <= 0',
	);
	const rows = db
		.prepare(
			`SELECT aset, country, date, last_day, count(*), coalesce(sum(killed), 0), sum(killed IS NULL)
			 FROM incidents WHERE fid = ? AND aset > 0 GROUP BY aset, country, date, last_day`,
		)
		.raw()
		.all(fid) as [number, string, string, string, number, number, number][];
	for (const [sid, c, date, last, n, dead, untolled] of rows) {
		less.run(n, dead, untolled, sid, c, date, last);
		gone.run(sid, c, date, last);
	}
}
