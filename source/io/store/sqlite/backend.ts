// The Backend questions (core/backend/types.ts) answered by the SQLite index
// (schema.ts): each one query that reads only what it returns, through the
// indexes, so the answer costs the page or the window, not the data set.
// Orders match the in-memory store's exactly (newest first by date, then id);
// tests/conformance holds the two to it.
import type { Database, Statement } from 'libsql';
import type { ActorWindow, Backend, DateCount, DayPoints, IncidentPage } from '../../../core/backend/types.js';
import { compareText } from '../../../core/collate.js';
import { compareRiskSums, type DayRange, type RiskSum } from '../../../core/riskPoints.js';
import type { Actor, Article, Country, Incident } from '../../../core/schema.js';
import { type ActorRole, tallyRoles } from '../../../core/store.js';
import { type TimelineFilter, type TimelineSort, withSubgroups } from '../../../core/timeline.js';
import { IndexSearch } from './search.js';

type Row = Record<string, unknown>;

/** libsql's get() adds a `_metadata` key to the row: the first of all() is the row alone. */
function first(stmt: Statement, ...args: unknown[]): Row | undefined {
	return stmt.all(...args)[0] as Row | undefined;
}

function parse<T>(json: unknown): T {
	return JSON.parse(String(json)) as T;
}

/** A filter as SQL over `incidents i`: the where clause and its parameters. */
export function filterSql(f: TimelineFilter, actors: readonly Actor[]): { where: string; params: unknown[] } {
	const parts: string[] = [];
	const params: unknown[] = [];
	const inList = (col: string, values: readonly string[], not = false) => {
		parts.push(`${col} ${not ? 'NOT ' : ''}IN (${values.map(() => '?').join(',')})`);
		params.push(...values);
	};
	if (f.countries.length) inList('i.country', f.countries);
	if (f.types.length) inList('i.type', f.types);
	// A month-only date covers its month, a span its days: it matches when they overlap the range.
	if (f.since) {
		parts.push('i.last_day >= ?');
		params.push(f.since);
	}
	if (f.until) {
		// The same as first_day <= until for YYYY-MM-DD and YYYY-MM dates, and every index has date.
		parts.push('i.date <= ?');
		params.push(f.until);
	}
	const by = (ids: readonly string[], not: boolean) => {
		const all = [...new Set(ids.flatMap((a) => [...withSubgroups({ actors }, a)]))];
		parts.push(
			// The actors' rows are a range of incident_actors' key (actor, role, …): read there, not per incident.
			`i.rid ${not ? 'NOT ' : ''}IN (SELECT rid FROM incident_actors WHERE actor IN (${all.map(() => '?').join(',')}) AND role IN ('perpetrator', 'claimant'))`,
		);
		params.push(...all);
	};
	if (f.actors.length) by(f.actors, false);
	if (f.notCountries?.length) inList('i.country', f.notCountries, true);
	if (f.notTypes?.length) inList('i.type', f.notTypes, true);
	if (f.notActors?.length) by(f.notActors, true);
	return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const ORDER: Record<TimelineSort, string> = {
	date: 'i.date DESC, i.id ASC',
	// Deadliest first; ties, and the untolled after them, newest first as the list was.
	fatalities: 'i.killed IS NULL, i.killed DESC, i.date DESC, i.id ASC',
};

/** The window's bounds on the recorded date, so the (country, date) index narrows the scan before `day` is checked. */
function dateBounds(range: DayRange): [string, string] {
	return [range.start.slice(0, 7), range.end];
}

export function sqliteBackend(db: Database): Backend {
	const actors = db
		.prepare('SELECT json FROM actors')
		.raw()
		.all()
		.map((r) => parse<Actor>((r as unknown[])[0]))
		.sort((a, b) => compareText(a.name, b.name));
	const countries = db
		.prepare('SELECT json FROM countries')
		.raw()
		.all()
		.map((r) => parse<Country>((r as unknown[])[0]))
		.sort((a, b) => compareText(a.name, b.name));
	const actorById = new Map(actors.map((a) => [a.id, a]));
	const countryByCode = new Map(countries.map((c) => [c.code, c]));
	const stmts = new Map<string, Statement>();
	const prepared = (sql: string): Statement => {
		let s = stmts.get(sql);
		if (!s) {
			s = db.prepare(sql);
			stmts.set(sql, s);
		}
		return s;
	};
	const jsonRows = <T>(sql: string, params: unknown[]): T[] =>
		prepared(sql)
			.raw()
			.all(...params)
			.map((r) => parse<T>((r as unknown[])[0]));

	/** Records by row id, in the order of the ids given. */
	const incidentsByRid = (rids: readonly number[]): Incident[] => {
		const byRid = new Map<number, Incident>();
		for (let at = 0; at < rids.length; at += 500) {
			const chunk = rids.slice(at, at + 500);
			const sql = `SELECT rid, json FROM incident_docs WHERE rid IN (${chunk.map(() => '?').join(',')})`;
			for (const r of prepared(sql)
				.raw()
				.all(...chunk)) {
				const [rid, json] = r as [number, string];
				byRid.set(Number(rid), parse<Incident>(json));
			}
		}
		return rids.map((rid) => byRid.get(rid) as Incident);
	};

	const searcher = new IndexSearch(db, countries);

	return {
		kind: 'sqlite',
		actors,
		actorById,
		countries,
		countryByCode,
		totals() {
			const n = first(prepared('SELECT (SELECT count(*) FROM incidents) AS i, (SELECT count(*) FROM articles) AS a'));
			return { incidents: Number(n?.i ?? 0), articles: Number(n?.a ?? 0) };
		},
		incidentCountries: () =>
			prepared('SELECT DISTINCT country FROM incidents ORDER BY country')
				.raw()
				.all()
				.map((r) => String((r as unknown[])[0])),
		newestDays() {
			const r = first(
				prepared(
					// The newest effective day is in the newest recorded month: the date index finds it.
					`SELECT (SELECT max(day) FROM incidents WHERE date >= substr((SELECT max(date) FROM incidents), 1, 7)) AS incident,
					 (SELECT max(date) FROM incidents) AS incidentDate, (SELECT substr(max(published), 1, 10) FROM articles) AS article`,
				),
			);
			return {
				...(r?.incident ? { incident: String(r.incident), incidentDate: String(r.incidentDate) } : {}),
				...(r?.article ? { article: String(r.article) } : {}),
			};
		},
		incident: (id) =>
			jsonRows<Incident>('SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid WHERE i.id = ?', [
				id,
			])[0],
		article: (id) =>
			jsonRows<Article>('SELECT d.json FROM articles a JOIN article_docs d ON d.rid = a.rid WHERE a.id = ?', [id])[0],
		incidentPage(filter, sort, offset, limit): IncidentPage {
			const { where, params } = filterSql(filter, actors);
			const n = first(
				prepared(`SELECT count(*) AS total, coalesce(sum(i.killed IS NULL), 0) AS untolled FROM incidents i ${where}`),
				...params,
			);
			// The page's row ids first, sorted without carrying the records; then the records of those alone.
			const rids = prepared(`SELECT i.rid FROM incidents i ${where} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`)
				.raw()
				.all(...params, limit, offset)
				.map((r) => Number((r as unknown[])[0]));
			return { total: Number(n?.total ?? 0), untolled: Number(n?.untolled ?? 0), rows: incidentsByRid(rids) };
		},
		incidentDates(filter): DateCount[] {
			const { where, params } = filterSql(filter, actors);
			return prepared(
				`SELECT i.date, count(*), coalesce(sum(i.killed), 0) FROM incidents i ${where} GROUP BY i.date ORDER BY i.date`,
			)
				.raw()
				.all(...params)
				.map((r) => {
					const [date, count, killed] = r as [string, number, number];
					return { date, count: Number(count), killed: Number(killed) };
				});
		},
		countryIncidents(code, range, machineCoded) {
			const [from, to] = dateBounds(range);
			return jsonRows<Incident>(
				`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid WHERE i.country = ? AND i.date >= ? AND i.date <= ? AND i.day >= ? AND i.day <= ?${machineCoded ? '' : ' AND i.machine = 0'} ORDER BY i.date DESC, i.id ASC`,
				[code, from, to, range.start, range.end],
			);
		},
		countryDays(code, range, machineCoded): DayPoints[] {
			return prepared(
				`SELECT day, sum(incidents), sum(base) FROM country_days WHERE country = ? AND day >= ? AND day <= ?${machineCoded ? '' : ' AND machine = 0'} GROUP BY day ORDER BY day`,
			)
				.raw()
				.all(code, range.start, range.end)
				.map((r) => {
					const [day, incidents, base] = r as [string, number, number];
					return { day, incidents: Number(incidents), base: Number(base) };
				});
		},
		countrySums(code, range): RiskSum[] {
			return (
				prepared(
					`SELECT 'all', '', day, machine, incidents, killed, base FROM country_days WHERE country = ? AND day >= ? AND day <= ?
					 UNION ALL SELECT kind, key, day, machine, incidents, killed, base FROM country_keys WHERE country = ? AND day >= ? AND day <= ?`,
				)
					.raw()
					.all(code, range.start, range.end, code, range.start, range.end) as [
					string,
					string,
					string,
					number,
					number,
					number,
					number,
				][]
			)
				.map(([kind, key, day, machine, incidents, killed, base]) => ({
					kind: kind as RiskSum['kind'],
					key,
					day,
					machine: machine === 1,
					incidents: Number(incidents),
					killed: Number(killed),
					base: Number(base),
				}))
				.sort(compareRiskSums);
		},
		actorIncidents(actorId) {
			if (!actorById.has(actorId)) return [];
			return jsonRows<Incident>(
				`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid
				 WHERE i.rid IN (SELECT rid FROM incident_actors WHERE actor = ?) ORDER BY i.date DESC, i.id ASC`,
				[actorId],
			);
		},
		mentionCandidates(actorId, words) {
			// Quoted, each word is one FTS5 token sequence; a word the tokenizer cuts in two still matches as a phrase.
			const match = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
			const sql = `SELECT d.json FROM articles a JOIN article_docs d ON d.rid = a.rid
				 WHERE a.rid IN (SELECT rid FROM article_refs WHERE kind = 'actor' AND ref = ?)${match ? ' OR a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)' : ''}
				 ORDER BY a.published DESC, a.id ASC`;
			return jsonRows<Article>(sql, match ? [actorId, match] : [actorId]);
		},
		actorWindows(range) {
			const [from, to] = dateBounds(range);
			const rows = prepared(
				`SELECT ia.actor, ia.role, i.rid, i.day, i.killed FROM incidents i JOIN incident_actors ia ON ia.rid = i.rid
				 WHERE i.date >= ? AND i.date <= ? AND i.day >= ? AND i.day <= ?`,
			)
				.raw()
				.all(from, to, range.start, range.end) as [string, string, number, string, number | null][];
			// Per actor, each incident once with all its roles in it.
			const per = new Map<string, Map<number, { day: string; killed: number; roles: Set<ActorRole> }>>();
			for (const [actor, role, rid, day, killed] of rows) {
				if (!actorById.has(actor)) continue;
				let incs = per.get(actor);
				if (!incs) {
					incs = new Map();
					per.set(actor, incs);
				}
				const inc = incs.get(rid);
				if (inc) inc.roles.add(role as ActorRole);
				else incs.set(rid, { day, killed: Number(killed ?? 0), roles: new Set([role as ActorRole]) });
			}
			const out = new Map<string, ActorWindow>();
			for (const [actor, incs] of per) {
				const w: ActorWindow = { asPerpetrator: 0, asTarget: 0, incidents: incs.size, days: [] };
				const days = new Map<string, DateCount>();
				for (const inc of incs.values()) {
					tallyRoles(w, inc.roles);
					const d = days.get(inc.day);
					if (d) {
						d.count++;
						d.killed += inc.killed;
					} else days.set(inc.day, { date: inc.day, count: 1, killed: inc.killed });
				}
				w.days = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
				out.set(actor, w);
			}
			return out;
		},
		actorLastDates(until) {
			const out = new Map<string, string>();
			// Per role, the key (actor, role, date) read backwards from `until`: the first row whose day is not after it.
			const stmt = prepared(
				`SELECT ia.date FROM incident_actors ia JOIN incidents i ON i.rid = ia.rid
				 WHERE ia.actor = ? AND ia.role = ? AND ia.date <= ? AND i.day <= ? ORDER BY ia.date DESC LIMIT 1`,
			);
			for (const a of actors) {
				for (const role of ['perpetrator', 'claimant', 'target']) {
					const r = stmt.raw().all(a.id, role, until, until)[0] as [string] | undefined;
					const had = out.get(a.id);
					if (r && (had === undefined || r[0] > had)) out.set(a.id, r[0]);
				}
			}
			return out;
		},
		search: (query, opts) => searcher.search(query, opts),
		outlets: () => searcher.outlets(),
	};
}
