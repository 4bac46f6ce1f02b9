// Puts one data file's records into the index, and takes them out again: the
// rows, the derived columns (by the core rules schema.ts names), the full text
// and the per country-day sums. Build and update both go through it, so a
// record is indexed the same way whichever made the index.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { firstDay, lastDay } from '../../../core/dates.js';
import { killed } from '../../../core/fatalities.js';
import { squash } from '../../../core/fold.js';
import { buildGazetteer, type Gazetteer, linkEmptyArticles } from '../../../core/link.js';
import type { PlaceCount } from '../../../core/placeNames.js';
import { type Problem, pointerOf } from '../../../core/problems.js';
import { type ActorLookup, basePoints, effectiveDay, riskKeysOf } from '../../../core/risk.js';
import { sanitizeLine } from '../../../core/sanitize.js';
import { type Actor, type Article, type Country, type Incident, recordSchemas } from '../../../core/schema.js';
import { type Kind, outletOf, singular } from '../../../core/schemaBase.js';
import { incidentTitle } from '../../../core/search/searchIndex.js';
import { rolesIn } from '../../../core/store.js';
import { checkRecord } from '../../load/checkRecord.js';
import { ActorDates, ActorSets, removeActorDates, responsibleActors } from './actorSets.js';
import type { Db } from './open.js';
import { readRecords } from './readRecords.js';
import { RowBuffer } from './rowBuffer.js';
import { SCHEMA_SQL } from './schema.js';
import { removeTerms, TermCounts } from './searchTerms.js';

/** A data file as the index names it: relative to the data directory, '/' separated. */
export interface DataFileRef {
	path: string;
	kind: Kind;
	inFolder: boolean;
}

/** Thrown while updating when a record's id is already indexed from another file: only a full build keeps the loader's order. */
export class NeedsRebuild extends Error {}

/** How many rows go into one transaction while building. */
const BATCH_ROWS = 100_000;

/**
 * The tables keyed by something else than the record's rid, with their keys.
 * Rows come in file order, which is random in these keys: at 2.5M incidents
 * inserting them where they belong took the longest of the build. A build
 * appends them to a plain copy (load_TABLE) and moves them over in key order
 * at the end (finishBuild), when their rid indexes are made too.
 */
const KEYED: Record<string, string> = {
	incident_actors: 'actor, role, date, rid',
	incident_outlets: 'key, rid',
	article_refs: 'kind, ref, rid',
};

type DayKey = string;
interface DaySum {
	incidents: number;
	killed: number;
	base: number;
}

export class Indexer {
	private readonly actors = new Map<string, Actor>();
	private readonly countries: Country[] = [];
	private gazetteer: Gazetteer | undefined;
	/** The actors and countries as lists, made again after either changes. */
	private lists: { actors: Actor[]; countries: Country[] } | undefined;
	private readonly stmt;
	/** The rows that follow from a record's: written many at a time (rowBuffer.ts). */
	private readonly rows;
	private rowsInBatch = 0;
	private readonly sets: ActorSets;
	private readonly actorDates: ActorDates;
	/** The file's incidents by country, location and province (incident_places), written at its end. */
	private readonly places = new Map<string, PlaceCount>();
	private readonly terms = new TermCounts(
		() => this.countries,
		() => this.db,
	);

	/**
	 * `batched`: commit every BATCH_ROWS rows (a build into a file no one reads yet);
	 * else the caller holds one transaction per file.
	 */
	constructor(
		private readonly db: Db,
		private readonly dir: string,
		private readonly batched: boolean,
	) {
		const p = (sql: string) => db.prepare(sql);
		this.stmt = {
			file: p(
				'INSERT INTO files (path, kind, size, mtime_ms, records, problems, duplicates) VALUES (?, ?, ?, ?, 0, ?, 0)',
			),
			fileDone: p('UPDATE files SET records = ?, problems = ?, duplicates = ? WHERE fid = ?'),
			incident: p(
				`INSERT INTO incidents (id, fid, date, first_day, last_day, day, country, type, killed, base, machine, aset)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			),
			article: p('INSERT INTO articles (id, fid, published) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING'),
			actor: p('INSERT INTO actors (id, fid, json) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING'),
			country: p('INSERT INTO countries (code, fid, json) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING'),
			firstFile: {
				incidents: p('SELECT f.path FROM incidents r JOIN files f ON f.fid = r.fid WHERE r.id = ? LIMIT 1').raw(),
				articles: p('SELECT f.path FROM articles r JOIN files f ON f.fid = r.fid WHERE r.id = ? LIMIT 1').raw(),
				actors: p('SELECT f.path FROM actors r JOIN files f ON f.fid = r.fid WHERE r.id = ? LIMIT 1').raw(),
				countries: p('SELECT f.path FROM countries r JOIN files f ON f.fid = r.fid WHERE r.code = ? LIMIT 1').raw(),
			},
		};
		const rows = (insert: string, columns: number) => new RowBuffer(db, insert, columns);
		if (batched) {
			for (const t of Object.keys(KEYED)) {
				db.exec(`DROP INDEX IF EXISTS ${t}_rid; CREATE TABLE IF NOT EXISTS load_${t} AS SELECT * FROM ${t} WHERE 0`);
			}
		}
		const keyed = (t: string) => (batched ? `load_${t}` : t);
		this.rows = {
			incidentDoc: rows('INSERT INTO incident_docs (rid, json) VALUES', 2),
			place: rows('INSERT INTO incident_places (fid, country, location, admin1, incidents) VALUES', 5),
			incidentActor: rows(`INSERT OR IGNORE INTO ${keyed('incident_actors')} (actor, role, rid, date) VALUES`, 4),
			incidentText: rows('INSERT INTO incidents_fts (rowid, title, description) VALUES', 3),
			incidentOutlet: rows(`INSERT OR IGNORE INTO ${keyed('incident_outlets')} (key, name, rid) VALUES`, 3),
			articleDoc: rows('INSERT INTO article_docs (rid, json) VALUES', 2),
			articleRef: rows(`INSERT OR IGNORE INTO ${keyed('article_refs')} (kind, ref, rid) VALUES`, 3),
			articleText: rows('INSERT INTO articles_fts (rowid, title, body) VALUES', 3),
			day: new RowBuffer(
				db,
				'INSERT INTO country_days (country, day, machine, incidents, killed, base) VALUES',
				6,
				`ON CONFLICT (country, day, machine) DO UPDATE SET incidents = incidents + excluded.incidents,
				 killed = killed + excluded.killed, base = base + excluded.base`,
			),
			key: new RowBuffer(
				db,
				'INSERT INTO country_keys (country, day, machine, kind, key, incidents, killed, base) VALUES',
				8,
				`ON CONFLICT (country, day, machine, kind, key) DO UPDATE SET incidents = incidents + excluded.incidents,
				 killed = killed + excluded.killed, base = base + excluded.base`,
			),
		};
		this.sets = new ActorSets(db);
		this.actorDates = new ActorDates(db);
		// Actors and countries already indexed (an update): basePoints and linking need them.
		for (const [json] of db.prepare('SELECT json FROM actors').raw().all() as [string][]) {
			const actor = JSON.parse(json) as Actor;
			this.actors.set(actor.id, actor);
		}
		for (const [json] of db.prepare('SELECT json FROM countries').raw().all() as [string][]) {
			this.countries.push(JSON.parse(json) as Country);
		}
	}

	/** Indexes one file; `bytes` hears how much of it has been read. Returns its problems. */
	async indexFile(file: DataFileRef, bytes: (n: number) => void): Promise<Problem[]> {
		const abs = join(this.dir, file.path);
		const st = statSync(abs);
		const fid = Number(this.stmt.file.run(file.path, file.kind, st.size, st.mtimeMs, '[]').lastInsertRowid);
		const problems: Problem[] = [];
		const days = new Map<DayKey, DaySum>();
		let records = 0;
		let duplicates = 0;
		for (const b of Object.values(this.rows)) b.clear();
		this.actorDates.clear();
		this.places.clear();
		// Messages quote the data (ids, a broken record's text): cleaned when stored, not only when shown.
		const problem = (p: Omit<Problem, 'file'>) =>
			problems.push({ file: sanitizeLine(file.path), ...p, message: sanitizeLine(p.message) });
		await readRecords(abs, file.kind, file.inFolder, {
			fault: (f) =>
				problem({
					severity: f.severity,
					line: f.line,
					col: f.col,
					pointer: pointerOf(f.path ?? []),
					message: f.message,
				}),
			bytes,
			record: (raw) => {
				const checked = checkRecord(file.kind, raw.value, (k) => recordSchemas[k]);
				for (const n of checked.notes) {
					const path = [...raw.path, ...n.path];
					problem({ severity: n.severity, ...raw.where(n.path), pointer: pointerOf(path), message: n.message });
				}
				if (!checked.record) return;
				const key = String(checked.record.id ?? checked.record.code);
				if (!this.insert(file.kind, fid, checked.record, days)) {
					if (!this.batched) throw new NeedsRebuild(`${singular[file.kind]} id "${key}" is in two files`);
					const first = this.stmt.firstFile[file.kind].all(key) as [string][];
					duplicates++;
					problem({
						severity: 'error',
						...raw.where([]),
						pointer: pointerOf(raw.path),
						message: `duplicate ${singular[file.kind]} id "${key}" (first defined at ${first[0]?.[0] ?? '?'}); skipped`,
					});
					return;
				}
				records++;
				this.rowAdded();
			},
		});
		this.flushRows();
		for (const [key, sum] of days) {
			const [country, day, machine, kind, k] = key.split('\u0000') as [string, string, string, string, string];
			if (kind === 'all') this.rows.day.push(country, day, Number(machine), sum.incidents, sum.killed, sum.base);
			else this.rows.key.push(country, day, Number(machine), kind, k, sum.incidents, sum.killed, sum.base);
		}
		this.rows.day.flush();
		this.rows.key.flush();
		for (const p of this.places.values()) this.rows.place.push(fid, p.country, p.location, p.admin1, p.incidents);
		this.rows.place.flush();
		this.places.clear();
		if (file.kind === 'incidents') {
			linkIncidentSources(this.db, fid);
			addFilterDates(this.db, fid);
			// A build's actor rows are moved in at its end (finishBuild), where all files' sums are made at once.
			if (!this.batched) addActorDays(this.db, fid, 1);
			this.actorDates.flush();
		}
		this.terms.flush(this.db, fid);
		this.stmt.fileDone.run(records, JSON.stringify(problems), duplicates, fid);
		return problems;
	}

	/** False when the id is already indexed (a duplicate). */
	private insert(kind: Kind, fid: number, record: Record<string, unknown>, days: Map<DayKey, DaySum>): boolean {
		switch (kind) {
			case 'incidents':
				return this.insertIncident(fid, record as unknown as Incident, days);
			case 'articles':
				return this.insertArticle(fid, record as unknown as Article);
			case 'actors': {
				const actor = record as unknown as Actor;
				if (this.stmt.actor.run(actor.id, fid, JSON.stringify(actor)).changes === 0) return false;
				this.actors.set(actor.id, actor);
				this.gazetteer = undefined;
				this.lists = undefined;
				return true;
			}
			case 'countries': {
				const country = record as unknown as Country;
				if (this.stmt.country.run(country.code, fid, JSON.stringify(country)).changes === 0) return false;
				this.countries.push(country);
				this.gazetteer = undefined;
				this.lists = undefined;
				return true;
			}
		}
	}

	private insertIncident(fid: number, inc: Incident, days: Map<DayKey, DaySum>): boolean {
		const dead = killed(inc);
		const base = basePoints({ actorById: this.actors }, inc);
		const day = effectiveDay(inc);
		const machine = inc.machineCoded ? 1 : 0;
		const last = lastDay(inc.endDate ?? inc.date);
		const aset = this.sets.sidOf(responsibleActors(inc, (id) => this.actors.has(id)));
		const info = this.stmt.incident.run(
			inc.id,
			fid,
			inc.date,
			firstDay(inc.date),
			last,
			day,
			inc.country,
			inc.type,
			dead ?? null,
			base,
			machine,
			aset,
		);
		if (info.changes === 0) return false;
		if (aset > 0) this.actorDates.add(aset, inc.country, inc.date, last, dead);
		const location = inc.location ?? '';
		const admin1 = inc.admin1 ?? '';
		const where = `${inc.country}\u0000${location}\u0000${admin1}`;
		const place = this.places.get(where);
		if (place) place.incidents += 1;
		else this.places.set(where, { country: inc.country, location, admin1, incidents: 1 });
		const rid = Number(info.lastInsertRowid);
		this.rows.incidentDoc.push(rid, JSON.stringify(inc));
		// As the store files incidents under actors: only ids that are actors, once per role.
		const involved = new Set([...inc.perpetrators, ...inc.targets, ...(inc.claimedBy ? [inc.claimedBy] : [])]);
		for (const actor of involved) {
			if (!this.actors.has(actor)) continue;
			for (const role of rolesIn(inc, actor)) {
				this.rows.incidentActor.push(actor, role, rid, inc.date);
			}
		}
		const country = this.countries.find((c) => c.code === inc.country);
		this.rows.incidentText.push(rid, incidentTitle(inc, country?.name), inc.description);
		for (const s of inc.sources) {
			if (typeof s !== 'string') this.rows.incidentOutlet.push(squash(outletOf(s)), outletOf(s), rid);
		}
		this.terms.add(inc, rid, fid);
		addSums(days, { actorById: this.actors }, inc, base);
		return true;
	}

	private insertArticle(fid: number, raw: Article): boolean {
		// Linked from its text when it lists no actors or countries, as the loader does.
		this.lists ??= { actors: [...this.actors.values()], countries: [...this.countries] };
		const lists = this.lists;
		this.gazetteer ??= buildGazetteer(lists);
		const art = linkEmptyArticles({ articles: [raw], ...lists }, undefined, this.gazetteer)[0] as Article;
		const info = this.stmt.article.run(art.id, fid, art.published);
		if (info.changes === 0) return false;
		const rid = Number(info.lastInsertRowid);
		this.rows.articleDoc.push(rid, JSON.stringify(art));
		for (const actor of new Set(art.actors)) this.rows.articleRef.push('actor', actor, rid);
		for (const country of new Set(art.countries)) this.rows.articleRef.push('country', country, rid);
		this.rows.articleText.push(rid, art.title, [art.summary, art.body].filter(Boolean).join('\n\n'));
		for (const tag of new Set(art.tags.map(squash))) this.rows.articleRef.push('tag', tag, rid);
		this.rows.articleRef.push('outlet', squash(art.source), rid);
		this.terms.add(art, rid, fid);
		return true;
	}

	private flushRows(): void {
		for (const b of Object.values(this.rows)) b.flush();
	}

	private rowAdded(): void {
		if (!this.batched || ++this.rowsInBatch < BATCH_ROWS) return;
		this.rowsInBatch = 0;
		this.flushRows();
		this.db.exec('COMMIT; BEGIN');
	}
}

/** A build's last step: the keyed tables' rows moved over in key order (the first of equal keys kept), their rid indexes made. */
export function finishBuild(db: Db): void {
	for (const [t, key] of Object.entries(KEYED)) {
		db.exec(`INSERT OR IGNORE INTO ${t} SELECT * FROM load_${t} ORDER BY ${key}, rowid; DROP TABLE load_${t}`);
	}
	db.exec(SCHEMA_SQL);
	addActorDays(db, undefined, 1);
}

/** An incident's share of the per country-day sums: country_days' (kind 'all') and country_keys'. */
function addSums(sums: Map<DayKey, DaySum>, actors: ActorLookup, inc: Incident, base: number): void {
	const at = `${inc.country}\u0000${effectiveDay(inc)}\u0000${inc.machineCoded ? 1 : 0}`;
	const dead = killed(inc) ?? 0;
	for (const [kind, key] of [['all', ''], ...riskKeysOf(actors, inc)]) {
		const id = `${at}\u0000${kind}\u0000${key}`;
		const sum = sums.get(id) ?? { incidents: 0, killed: 0, base: 0 };
		sum.incidents++;
		sum.killed += dead;
		sum.base += base;
		sums.set(id, sum);
	}
}

/** A file's incidents per filter_dates cell: each with its country and type, and summed over each and both. */
const FILE_DATES = `SELECT c, t, date, last_day, count(*), coalesce(sum(killed), 0), sum(killed IS NULL) FROM (
	SELECT country AS c, type AS t, date, last_day, killed FROM incidents WHERE fid = ?1
	UNION ALL SELECT country, '', date, last_day, killed FROM incidents WHERE fid = ?1
	UNION ALL SELECT '', type, date, last_day, killed FROM incidents WHERE fid = ?1
	UNION ALL SELECT '', '', date, last_day, killed FROM incidents WHERE fid = ?1
) WHERE true GROUP BY c, t, date, last_day`;

function addFilterDates(db: Db, fid: number): void {
	db.prepare(
		`INSERT INTO filter_dates (country, type, date, last_day, incidents, killed, untolled) ${FILE_DATES}
		 ON CONFLICT (country, type, date, last_day) DO UPDATE SET incidents = incidents + excluded.incidents,
		 killed = killed + excluded.killed, untolled = untolled + excluded.untolled`,
	).run(fid);
}

function removeFilterDates(db: Db, fid: number): void {
	const less = db.prepare(
		`UPDATE filter_dates SET incidents = incidents - ?, killed = killed - ?, untolled = untolled - ?
		 WHERE country = ? AND type = ? AND date = ? AND last_day = ?`,
	);
	const gone = db.prepare(
		'DELETE FROM filter_dates WHERE country = ? AND type = ? AND date = ? AND last_day = ? AND incidents <= 0',
	);
	const cells = db.prepare(FILE_DATES).raw().all(fid) as [string, string, string, string, number, number, number][];
	for (const [c, t, date, last, n, dead, untolled] of cells) {
		less.run(n, dead, untolled, c, t, date, last);
		gone.run(c, t, date, last);
	}
}

/** An incident's sources that name an indexed article: refs of kind 'incident' (all files' when fid is undefined). */
export function linkIncidentSources(db: Db, fid?: number): void {
	db.prepare(
		`INSERT OR IGNORE INTO article_refs (kind, ref, rid)
		 SELECT 'incident', i.id, a.rid FROM incidents i JOIN incident_docs d ON d.rid = i.rid, json_each(d.json, '$.sources') s
		 JOIN articles a ON a.id = s.value WHERE s.type = 'text' ${fid === undefined ? '' : 'AND i.fid = ?'}`,
	).run(...(fid === undefined ? [] : [fid]));
}

/**
 * Adds (sign 1) or takes back (-1) a file's incidents' share of actor_days: per actor and
 * effective day, each incident once whatever its roles (tallyRoles' rule, in SQL).
 */
export function addActorDays(db: Db, fid: number | undefined, sign: 1 | -1): void {
	db.prepare(
		`INSERT INTO actor_days (day, actor, incidents, killed, perpetrator, target)
		 SELECT day, actor, ? * count(*), ? * sum(dead), ? * sum(perp), ? * sum(tgt) FROM (
			SELECT i.day, ia.actor, coalesce(i.killed, 0) AS dead,
				max(ia.role IN ('perpetrator', 'claimant')) AS perp, max(ia.role = 'target') AS tgt
			FROM incidents i JOIN incident_actors ia ON ia.rid = i.rid${fid === undefined ? '' : ' WHERE i.fid = ?'} GROUP BY ia.actor, i.rid
		 ) WHERE true GROUP BY day, actor
		 ON CONFLICT (day, actor) DO UPDATE SET incidents = incidents + excluded.incidents, killed = killed + excluded.killed,
			perpetrator = perpetrator + excluded.perpetrator, target = target + excluded.target`,
	).run(sign, sign, sign, sign, ...(fid === undefined ? [] : [fid]));
	if (sign < 0) db.prepare('DELETE FROM actor_days WHERE incidents <= 0').run();
}

/** Takes a file's rows out of the index, its share of the country-day sums and of search's words with them. */
export function removeFile(db: Db, fid: number): void {
	removeTerms(db, fid);
	db.prepare('DELETE FROM incident_places WHERE fid = ?').run(fid);
	// Each incident's share of the per-day sums (country_keys needs the record: core/riskPoints riskKeysOf).
	const actorById = new Map(
		(db.prepare('SELECT json FROM actors').raw().all() as [string][]).map(([json]) => {
			const a = JSON.parse(json) as Actor;
			return [a.id, a];
		}),
	);
	const sums = new Map<DayKey, DaySum>();
	const sql = 'SELECT d.json, r.base FROM incidents r JOIN incident_docs d ON d.rid = r.rid WHERE r.fid = ?';
	for (const [json, base] of db.prepare(sql).raw().iterate(fid) as Iterable<[string, number]>) {
		addSums(sums, { actorById }, JSON.parse(json) as Incident, base);
	}
	const less = {
		all: db.prepare(
			'UPDATE country_days SET incidents = incidents - ?, killed = killed - ?, base = base - ? WHERE country = ? AND day = ? AND machine = ?',
		),
		key: db.prepare(
			'UPDATE country_keys SET incidents = incidents - ?, killed = killed - ?, base = base - ? WHERE country = ? AND day = ? AND machine = ? AND kind = ? AND key = ?',
		),
		// The rows just lessened alone: a scan of every key row would cost the whole table.
		gone: db.prepare(
			'DELETE FROM country_keys WHERE country = ? AND day = ? AND machine = ? AND kind = ? AND key = ? AND incidents <= 0',
		),
	};
	for (const [id, sum] of sums) {
		const [country, day, machine, kind, key] = id.split('\u0000') as [string, string, string, string, string];
		if (kind === 'all') less.all.run(sum.incidents, sum.killed, sum.base, country, day, Number(machine));
		else {
			less.key.run(sum.incidents, sum.killed, sum.base, country, day, Number(machine), kind, key);
			less.gone.run(country, day, Number(machine), kind, key);
		}
	}
	db.prepare('DELETE FROM country_days WHERE incidents <= 0').run();
	removeFilterDates(db, fid);
	removeActorDates(db, fid);
	addActorDays(db, fid, -1);
	const rids = 'SELECT rid FROM incidents WHERE fid = ?';
	db.prepare(`DELETE FROM incident_actors WHERE rid IN (${rids})`).run(fid);
	db.prepare(`DELETE FROM incidents_fts WHERE rowid IN (${rids})`).run(fid);
	db.prepare(`DELETE FROM incident_docs WHERE rid IN (${rids})`).run(fid);
	db.prepare(`DELETE FROM incident_outlets WHERE rid IN (${rids})`).run(fid);
	db.prepare(
		`DELETE FROM article_refs WHERE kind = 'incident' AND ref IN (SELECT id FROM incidents WHERE fid = ?)`,
	).run(fid);
	db.prepare('DELETE FROM incidents WHERE fid = ?').run(fid);
	const arts = 'SELECT rid FROM articles WHERE fid = ?';
	db.prepare(`DELETE FROM article_refs WHERE rid IN (${arts})`).run(fid);
	db.prepare(`DELETE FROM articles_fts WHERE rowid IN (${arts})`).run(fid);
	db.prepare(`DELETE FROM article_docs WHERE rid IN (${arts})`).run(fid);
	db.prepare('DELETE FROM search_postings WHERE fid = ?').run(fid);
	db.prepare('DELETE FROM articles WHERE fid = ?').run(fid);
	db.prepare('DELETE FROM actors WHERE fid = ?').run(fid);
	db.prepare('DELETE FROM countries WHERE fid = ?').run(fid);
	db.prepare('DELETE FROM files WHERE fid = ?').run(fid);
}
