// The Backend questions (core/backend/types.ts) answered by the SQLite index
// (schema.ts): each one query that reads only what it returns, through the
// indexes, so the answer costs the page or the window, not the data set.
// Orders match the in-memory store's exactly (newest first by date, then id);
// tests/conformance holds the two to it.
import type { Database, Statement } from 'libsql';
import type {
	ActorWindow,
	Backend,
	DateCount,
	DayPoints,
	IncidentPage,
	IncidentsOf,
} from '../../../core/backend/types.js';
import { compareText } from '../../../core/collate.js';
import { type CountrySums, type DayRange, type RiskKeySum, sortCountrySums } from '../../../core/riskPoints.js';
import type { Actor, Article, Country, Incident } from '../../../core/schema.js';
import { drain } from '../../../core/slices.js';
import { emptyFilter, type TimelineFilter, type TimelineSort } from '../../../core/timeline.js';
import { actorIdsOf, type FilterSets, filterSql, sumsSql } from './filterSql.js';
import { IndexSearch } from './search.js';

type Row = Record<string, unknown>;

/** libsql's get() adds a `_metadata` key to the row: the first of all() is the row alone. */
function first(stmt: Statement, ...args: unknown[]): Row | undefined {
	return stmt.all(...args)[0] as Row | undefined;
}

function parse<T>(json: unknown): T {
	return JSON.parse(String(json)) as T;
}

const ORDER: Record<TimelineSort, string> = {
	date: 'i.date DESC, i.id ASC',
	// Deadliest first; ties, and the untolled after them, newest first as the list was.
	fatalities: 'i.killed IS NULL, i.killed DESC, i.date DESC, i.id ASC',
};
/** Each order backwards, term by term: the same index read from its other end. */
const REVERSED: Record<TimelineSort, string> = {
	date: 'i.date ASC, i.id DESC',
	fatalities: 'i.killed IS NULL DESC, i.killed ASC, i.date ASC, i.id DESC',
};

/** The window's bounds on the recorded date, so the (country, date) index narrows the scan before `day` is checked. */
function dateBounds(range: DayRange): [string, string] {
	return [range.start.slice(0, 7), range.end];
}

/** Ids read per slice by watchIdSteps: ~10–15 ms of them at 2.5M. */
const ID_SLICE = 5_000;

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

	// Each country found by one seek in country_days' key, not by reading every incident.
	const incidentCountries = () =>
		prepared(
			`WITH RECURSIVE c(code) AS (SELECT min(country) FROM country_days
			 UNION ALL SELECT (SELECT min(country) FROM country_days WHERE country > code) FROM c WHERE code IS NOT NULL)
			 SELECT code FROM c WHERE code IS NOT NULL`,
		)
			.raw()
			.all()
			.map((r) => String((r as unknown[])[0]));
	/** The actor sets holding one of the filter's actors, and one of those it leaves out (with their groups). */
	const setsOf = (filter: TimelineFilter): FilterSets => {
		const sids = (ids: readonly string[]) => {
			if (!ids.length) return [];
			const all = actorIdsOf(actors, ids);
			return prepared(
				`SELECT DISTINCT s.sid FROM actor_sets s, json_each(s.actors) a WHERE a.value IN (${all.map(() => '?').join(',')}) ORDER BY s.sid`,
			)
				.raw()
				.all(...all)
				.map((r) => Number((r as unknown[])[0]));
		};
		return { actors: sids(filter.actors), notActors: sids(filter.notActors ?? []) };
	};
	// A list asks for its filter's count, then its per-date counts twice (its months, its chart), and a
	// page's choice of plan counts two filters more: one summing serves them all, kept while the index
	// is unchanged (data_version: another connection's commits; total_changes: this one's).
	const summed = new Map<string, { total: number; untolled: number; dates: DateCount[] }>();
	const sumsOf = (filter: TimelineFilter, sets?: FilterSets) => {
		const [version, changes] = prepared('SELECT (SELECT data_version FROM pragma_data_version), total_changes()')
			.raw()
			.all()[0] as [number, number];
		const key = `${version}\u0000${changes}\u0000${JSON.stringify(filter)}`;
		let got = summed.get(key);
		if (got) {
			// Most recently used last: the oldest is the one let go.
			summed.delete(key);
			summed.set(key, got);
			return got;
		}
		const sums = sumsSql(filter, incidentCountries(), sets ?? setsOf(filter));
		got = { total: 0, untolled: 0, dates: [] };
		// A date whose incidents are all taken away again is no date of the filter's.
		const rows = prepared(
			`SELECT date, sum(k * incidents) AS n, sum(k * killed), sum(k * untolled) FROM (${sums.sql}) GROUP BY date HAVING n > 0 ORDER BY date`,
		)
			.raw()
			.all(...sums.params) as [string, number, number, number][];
		for (const [date, count, killed, untolled] of rows) {
			got.dates.push({ date, count: Number(count), killed: Number(killed) });
			got.total += Number(count);
			got.untolled += Number(untolled);
		}
		summed.set(key, got);
		if (summed.size > 8) summed.delete(summed.keys().next().value as string);
		return got;
	};
	/** What a filter matches, and of it without a toll. */
	const filterCounts = (filter: TimelineFilter, sets?: FilterSets): { total: number; untolled: number } => {
		const { total, untolled } = sumsOf(filter, sets);
		return { total, untolled };
	};
	const filterDates = (filter: TimelineFilter): DateCount[] => sumsOf(filter).dates.map((d) => ({ ...d }));
	/**
	 * Whether an actor filter's incidents are better looked up from the actors' rows than found
	 * by walking an order index: when a walk would pass many more rows than the actors have.
	 * `rows`: the matches the query must get past (a page: its end; a count: all of them).
	 */
	const lookUp = (filter: TimelineFilter, sets: FilterSets, total: number, rows: number): boolean => {
		if (!filter.actors.length) return false;
		const without = filterCounts({ ...filter, actors: [], notActors: [] }, { actors: [], notActors: [] }).total;
		const theirs = filterCounts(
			{ ...emptyFilter, actors: filter.actors },
			{ actors: sets.actors, notActors: [] },
		).total;
		// Rows walked per match: all the rest of the filter matches over what the actors add to it.
		return (rows * without) / Math.max(1, total) > 4 * theirs;
	};

	/** The newest effective day, recorded date and article day. */
	const newestOf = (): { incident?: string; incidentDate?: string; article?: string } => {
		const r = first(
			prepared(
				// The newest effective day from the per-country day sums (tens of thousands of rows, not
				// the newest month's table rows, ~20k lookups: 1.3 s to 11 s from a cold 2.5M file).
				`SELECT (SELECT max(day) FROM country_days) AS incident,
				 (SELECT max(date) FROM incidents) AS incidentDate, (SELECT substr(max(published), 1, 10) FROM articles) AS article`,
			),
		);
		return {
			...(r?.incident ? { incident: String(r.incident), incidentDate: String(r.incidentDate) } : {}),
			...(r?.article ? { article: String(r.article) } : {}),
		};
	};
	let newest: ReturnType<typeof newestOf> | undefined;

	const searcher = new IndexSearch(db, countries);
	let totals: { incidents: number; articles: number } | undefined;

	/** A query's ids a slice at a time, through a statement of its own (a call between slices may run the same SQL). */
	function* idSteps(sql: string, params: unknown[], slice: number): Generator<void, string[]> {
		const out: string[] = [];
		for (const [id] of db
			.prepare(sql)
			.raw()
			.iterate(...params) as Iterable<[string]>) {
			out.push(id);
			if (out.length % slice === 0) yield;
		}
		return out;
	}

	// watchIds a slice at a time: a watched country of 1M incidents is ~2 s of ids at 2.5M.
	function* watchIdSteps(
		which: IncidentsOf,
		slice = ID_SLICE,
	): Generator<void, { incidents: string[]; articles: string[] }> {
		const ids = (sql: string, params: unknown[]) => idSteps(sql, params, slice);
		const articlesBy = (refs: string, params: unknown[]) =>
			ids(`SELECT a.id FROM articles a WHERE a.rid IN (${refs}) ORDER BY a.published DESC, a.id ASC`, params);
		if (which.actors) {
			const actors = JSON.stringify(which.actors);
			const incidents = yield* ids(
				`SELECT i.id FROM incidents i
				 WHERE i.rid IN (SELECT rid FROM incident_actors WHERE actor IN (SELECT value FROM json_each(?)))
				 ORDER BY i.date DESC, i.id ASC`,
				[actors],
			);
			const articles = yield* articlesBy(
				`SELECT rid FROM article_refs WHERE kind = 'actor' AND ref IN (SELECT value FROM json_each(?))`,
				[actors],
			);
			return { incidents, articles };
		}
		if (which.country !== undefined) {
			const incidents = yield* ids('SELECT id FROM incidents WHERE country = ? ORDER BY date DESC, id ASC', [
				which.country,
			]);
			const articles = yield* articlesBy(`SELECT rid FROM article_refs WHERE kind = 'country' AND ref = ?`, [
				which.country,
			]);
			return { incidents, articles };
		}
		const type = which.type === undefined ? '' : 'WHERE type = ?';
		const params = which.type === undefined ? [] : [which.type];
		const incidents = yield* ids(`SELECT id FROM incidents ${type} ORDER BY date DESC, id ASC`, params);
		const articles = yield* articlesBy(
			`SELECT r.rid FROM article_refs r JOIN incidents i ON i.id = r.ref WHERE r.kind = 'incident' ${which.type === undefined ? '' : 'AND i.type = ?'}`,
			params,
		);
		return { incidents, articles };
	}

	return {
		kind: 'sqlite',
		actors,
		actorById,
		countries,
		countryByCode,
		// A backend answers for the index as it was opened: an update opens another.
		incidentsKey: {},
		totals() {
			// Counted once: a count(*) walks every row, and the status bar asks for it each frame.
			totals ??= (() => {
				// Incidents from their per-date sums (a few thousand rows: count(*) reads an index of
				// millions, seconds on a cold start at 2.5M); articles are a tenth as many.
				const n = first(
					prepared(
						"SELECT (SELECT coalesce(sum(incidents), 0) FROM filter_dates WHERE country = '' AND type = '') AS i, (SELECT count(*) FROM articles) AS a",
					),
				);
				return { incidents: Number(n?.i ?? 0), articles: Number(n?.a ?? 0) };
			})();
			return totals;
		},
		incidentCountries,
		placeCounts: () =>
			(
				prepared(
					'SELECT country, location, admin1, sum(incidents) FROM incident_places GROUP BY country, location, admin1',
				)
					.raw()
					.all() as [string, string, string, number][]
			).map(([country, location, admin1, incidents]) => ({ country, location, admin1, incidents })),
		newestDays() {
			// Asked once: every filter with a date and every risk window asks (core/resolve
			// newestIncidentDate, core/risk).
			newest ??= newestOf();
			return { ...newest };
		},
		incident: (id) =>
			jsonRows<Incident>('SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid WHERE i.id = ?', [
				id,
			])[0],
		article: (id) =>
			jsonRows<Article>('SELECT d.json FROM articles a JOIN article_docs d ON d.rid = a.rid WHERE a.id = ?', [id])[0],
		citingIncidents: (articleId) =>
			jsonRows<Incident>(
				`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid
				 WHERE i.id IN (SELECT r.ref FROM article_refs r JOIN articles a ON a.rid = r.rid WHERE r.kind = 'incident' AND a.id = ?)
				 ORDER BY i.date DESC, i.id ASC`,
				[articleId],
			),
		incidentPage(filter, sort, offset, limit): IncidentPage {
			const sets = setsOf(filter);
			const { total, untolled } = filterCounts(filter, sets);
			if (offset >= total || limit <= 0) return { total, untolled, rows: [] };
			// The page's row ids first, sorted without carrying the records; then the records of those alone.
			// A page past the middle is read from the far end of the order: an index walk stops after it.
			const back = offset + limit > total / 2;
			const take = back ? Math.min(limit, total - offset) : limit;
			const skip = back ? Math.max(0, total - offset - limit) : offset;
			const sql = filterSql(filter, actors, sets, { lookUp: lookUp(filter, sets, total, skip + take) });
			let { where } = sql;
			const { params } = sql;
			if (filter.since) {
				// last_day bounds no index; the earliest date of a row that overlaps the range (from the
				// sums) bounds the date index, so a walk in either direction starts among the matches.
				const earliest = prepared(
					"SELECT min(date) FROM filter_dates WHERE country = '' AND type = '' AND last_day >= ?",
				)
					.raw()
					.all(filter.since)[0] as [string | null] | undefined;
				where += ' AND i.date >= ?';
				params.push(earliest?.[0] ?? filter.since);
			}
			const rids = prepared(
				`SELECT i.rid FROM incidents i ${where} ORDER BY ${(back ? REVERSED : ORDER)[sort]} LIMIT ? OFFSET ?`,
			)
				.raw()
				.all(...params, take, skip)
				.map((r) => Number((r as unknown[])[0]));
			if (back) rids.reverse();
			return { total, untolled, rows: incidentsByRid(rids) };
		},
		incidentIndex(filter, sort, id) {
			const sets = setsOf(filter);
			const self = filterSql(filter, actors, sets);
			const found = first(
				prepared(`SELECT i.date, i.killed FROM incidents i ${self.where ? `${self.where} AND` : 'WHERE'} i.id = ?`),
				...self.params,
				id,
			);
			if (!found) return -1;
			const date = String(found.date);
			const killed = found.killed === null ? null : Number(found.killed);
			// The rows before it in ORDER[sort], counted through the same indexes the page reads.
			const newer = '(i.date > ? OR (i.date = ? AND i.id < ?))';
			const before =
				sort === 'date'
					? { sql: newer, args: [date, date, id] }
					: killed === null
						? { sql: `(i.killed IS NOT NULL OR ${newer})`, args: [date, date, id] }
						: { sql: `(i.killed > ? OR (i.killed = ? AND ${newer}))`, args: [killed, killed, date, date, id] };
			const total = filter.actors.length ? filterCounts(filter, sets).total : 0;
			const { where, params } = filterSql(filter, actors, sets, { lookUp: lookUp(filter, sets, total, total) });
			const n = first(
				prepared(`SELECT count(*) AS n FROM incidents i ${where ? `${where} AND` : 'WHERE'} ${before.sql}`),
				...params,
				...before.args,
			);
			return Number(n?.n ?? 0);
		},
		incidentDates: (filter) => filterDates(filter),
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
		countrySums(code, range): CountrySums {
			const days = prepared(
				'SELECT day, machine, incidents, killed, base FROM country_days WHERE country = ? AND day >= ? AND day <= ?',
			)
				.raw()
				.all(code, range.start, range.end) as [string, number, number, number, number][];
			// julianday(day) - 2440587.5: core/dates dayNumber, exactly (whole days since 1970).
			const keys = prepared(
				`SELECT kind, key, machine, sum(incidents), sum(killed), sum(base), sum(base * (julianday(day) - 2440587.5))
				 FROM country_keys WHERE country = ? AND day >= ? AND day <= ? GROUP BY kind, key, machine`,
			)
				.raw()
				.all(code, range.start, range.end) as [string, string, number, number, number, number, number][];
			return sortCountrySums({
				days: days.map(([day, machine, incidents, killed, base]) => ({
					day,
					machine: machine === 1,
					incidents: Number(incidents),
					killed: Number(killed),
					base: Number(base),
				})),
				keys: keys.map(([kind, key, machine, incidents, killed, base, baseDays]) => ({
					kind: kind as RiskKeySum['kind'],
					key,
					machine: machine === 1,
					incidents: Number(incidents),
					killed: Number(killed),
					base: Number(base),
					baseDays: Number(baseDays),
				})),
			});
		},
		incidentsOf(which, since, until) {
			// Days that reach into the range, as a Timeline filter's since/until (filterSql.ts): the
			// order index (date DESC) read down from `until`.
			const where = ['i.date <= ?', 'i.last_day >= ?'];
			const params: unknown[] = [until, since];
			if (which.actors?.length) {
				where.push(
					'i.rid IN (SELECT rid FROM incident_actors WHERE actor IN (SELECT value FROM json_each(?)) AND date <= ?)',
				);
				params.push(JSON.stringify(which.actors), until);
			}
			if (which.country !== undefined) {
				where.push('i.country = ?');
				params.push(which.country);
			}
			if (which.type !== undefined) {
				where.push('i.type = ?');
				params.push(which.type);
			}
			return jsonRows<Incident>(
				`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid
				 WHERE ${where.join(' AND ')} ORDER BY i.date DESC, i.id ASC`,
				params,
			);
		},
		watchIds(which) {
			return drain(watchIdSteps(which));
		},
		watchIdSteps,
		actorIncidents(actorId) {
			if (!actorById.has(actorId)) return [];
			return jsonRows<Incident>(
				`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid
				 WHERE i.rid IN (SELECT rid FROM incident_actors WHERE actor = ?) ORDER BY i.date DESC, i.id ASC`,
				[actorId],
			);
		},
		countryArticles(code, cited, until, limit) {
			// Newest first through the published order, each checked for the country or a citation:
			// a brief asks for a handful, so the walk stops early unless the country has few articles.
			return jsonRows<Article>(
				`SELECT d.json FROM articles a JOIN article_docs d ON d.rid = a.rid
				 WHERE substr(a.published, 1, 10) <= ?
				   AND (a.rid IN (SELECT rid FROM article_refs WHERE kind = 'country' AND ref = ?)
				        OR a.id IN (SELECT value FROM json_each(?)))
				 ORDER BY a.published DESC, a.id ASC LIMIT ?`,
				[until, code, JSON.stringify(cited), limit],
			);
		},
		articlesWhere(f) {
			const where: string[] = [];
			const params: unknown[] = [];
			const refs = (kind: string, ids: readonly string[]) => {
				params.push(kind, JSON.stringify(ids));
				return `a.rid IN (SELECT rid FROM article_refs WHERE kind = ? AND ref IN (SELECT value FROM json_each(?)))`;
			};
			if (f.countries.length) where.push(refs('country', f.countries));
			if (f.actors.length) where.push(refs('actor', f.actors));
			if (f.notCountries.length) where.push(`NOT ${refs('country', f.notCountries)}`);
			if (f.notActors.length) where.push(`NOT ${refs('actor', f.notActors)}`);
			if (f.citedByType) {
				where.push(`EXISTS (SELECT 1 FROM article_refs r JOIN incidents i ON i.id = r.ref
				             WHERE r.rid = a.rid AND r.kind = 'incident' AND i.type = ?)`);
				params.push(f.citedByType);
			}
			if (f.since) {
				where.push('substr(a.published, 1, 10) >= ?');
				params.push(f.since);
			}
			if (f.until) {
				where.push('substr(a.published, 1, 10) <= ?');
				params.push(f.until);
			}
			return jsonRows<Article>(
				`SELECT d.json FROM articles a JOIN article_docs d ON d.rid = a.rid
				 ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.published DESC, a.id ASC`,
				params,
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
			// From actor_days: the window's sums per actor and day, not its incidents.
			const rows = prepared(
				'SELECT actor, day, incidents, killed, perpetrator, target FROM actor_days WHERE day >= ? AND day <= ? ORDER BY actor, day',
			)
				.raw()
				.all(range.start, range.end) as [string, string, number, number, number, number][];
			const out = new Map<string, ActorWindow>();
			for (const [actor, day, incidents, killed, perpetrator, target] of rows) {
				if (!actorById.has(actor)) continue;
				let w = out.get(actor);
				if (!w) {
					w = { asPerpetrator: 0, asTarget: 0, incidents: 0, days: [] };
					out.set(actor, w);
				}
				w.asPerpetrator += Number(perpetrator);
				w.asTarget += Number(target);
				w.incidents += Number(incidents);
				w.days.push({ date: day, count: Number(incidents), killed: Number(killed) });
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
