// The Backend questions (core/backend/types.ts) answered by the SQLite index
// (schema.ts): each one query that reads only what it returns, through the
// indexes, so the answer costs the page or the window, not the data set.
// Orders match the in-memory store's exactly (newest first by date, then id);
// tests/conformance holds the two to it.
import type { Database, Statement } from 'libsql';
import type { ActorWindow, Backend, DateCount, DayPoints, IncidentPage } from '../../../core/backend/types.js';
import { compareText } from '../../../core/collate.js';
import { type CountrySums, type DayRange, type RiskKeySum, sortCountrySums } from '../../../core/riskPoints.js';
import type { Actor, Article, Country, Incident } from '../../../core/schema.js';
import { incidentTypeLabels } from '../../../core/schemaBase.js';
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

/**
 * A filter as SQL over `incidents i`: the where clause and its parameters. `on: 'incident_actors'`:
 * over incident_actors instead (its copies of the columns), the actors asked for as its own key
 * range; `walkOrder`: the actors checked against each row (not looked up by id), so the planner
 * walks an order index and stops at the page.
 */
export function filterSql(
	f: TimelineFilter,
	actors: readonly Actor[],
	opts: { on?: 'incidents' | 'incident_actors'; walkOrder?: boolean } = {},
): { where: string; params: unknown[] } {
	const onActors = opts.on === 'incident_actors';
	const c = onActors ? '' : 'i.';
	const parts: string[] = [];
	const params: unknown[] = [];
	const marks = (values: readonly unknown[]) => `(${values.map(() => '?').join(',')})`;
	const inList = (col: string, values: readonly string[], not = false) => {
		parts.push(`${c}${col} ${not ? 'NOT ' : ''}IN ${marks(values)}`);
		params.push(...values);
	};
	if (f.countries.length) inList('country', f.countries);
	if (f.types.length) inList('type', f.types);
	// A month-only date covers its month, a span its days: it matches when they overlap the range.
	if (f.since) {
		parts.push(`${c}last_day >= ?`);
		params.push(f.since);
	}
	if (f.until) {
		// The same as first_day <= until for YYYY-MM-DD and YYYY-MM dates, and every index has date.
		parts.push(`${c}date <= ?`);
		params.push(f.until);
	}
	const responsible = "role IN ('perpetrator', 'claimant')";
	const by = (ids: readonly string[], not: boolean) => {
		const all = actorIdsOf(actors, ids);
		if (onActors && !not) parts.push(`actor IN ${marks(all)} AND ${responsible}`);
		else {
			// The actors' rows are a range of incident_actors' key (actor, role, …): read there, not per incident.
			const rid = opts.walkOrder && !not ? `+${c}rid` : `${c}rid`;
			parts.push(
				`${rid} ${not ? 'NOT ' : ''}IN (SELECT rid FROM incident_actors WHERE actor IN ${marks(all)} AND ${responsible})`,
			);
		}
		params.push(...all);
	};
	if (f.actors.length) by(f.actors, false);
	if (f.notCountries?.length) inList('country', f.notCountries, true);
	if (f.notTypes?.length) inList('type', f.notTypes, true);
	if (f.notActors?.length) by(f.notActors, true);
	return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The actors asked for with the groups within them. */
function actorIdsOf(actors: readonly Actor[], ids: readonly string[]): string[] {
	return [...new Set(ids.flatMap((a) => [...withSubgroups({ actors }, a)]))];
}

/**
 * A filter as SQL over filter_dates (schema.ts), when it names no actors: each of country and
 * type either the values listed, or every one but those excluded (listed: each a range of the
 * key), or the rows summed over all (''). `countries`: those with incidents.
 */
export function filterDatesSql(
	f: TimelineFilter,
	countries: readonly string[],
): { where: string; params: unknown[] } | undefined {
	if (f.actors.length || f.notActors?.length) return undefined;
	const parts: string[] = [];
	const params: unknown[] = [];
	const dim = (col: string, only: readonly string[], not: readonly string[], every: readonly string[]) => {
		if (!only.length && !not.length) {
			parts.push(`${col} = ''`);
			return;
		}
		const values = (only.length ? only : every).filter((v) => !not.includes(v));
		parts.push(values.length ? `${col} IN (${values.map(() => '?').join(',')})` : '0');
		params.push(...values);
	};
	dim('country', f.countries, f.notCountries ?? [], countries);
	dim('type', f.types, f.notTypes ?? [], incidentTypeLabels);
	// As filterSql's: a span or a month overlapping the range.
	if (f.since) {
		parts.push('last_day >= ?');
		params.push(f.since);
	}
	if (f.until) {
		parts.push('date <= ?');
		params.push(f.until);
	}
	return { where: `WHERE ${parts.join(' AND ')}`, params };
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
	const allIncidents = () =>
		Number(
			(
				prepared("SELECT coalesce(sum(incidents), 0) FROM filter_dates WHERE country = '' AND type = ''")
					.raw()
					.all()[0] as [number] | undefined
			)?.[0] ?? 0,
		);
	/** A filter with actors as incident_actors' rows, each incident once, with the columns asked for. */
	const actorMatches = (filter: TimelineFilter, cols: string) => {
		const { where, params } = filterSql(filter, actors, { on: 'incident_actors' });
		return { sql: `SELECT DISTINCT rid, ${cols} FROM incident_actors ${where}`, params };
	};
	// An actor filter's matches per date, with the total and the untolled: the page asks for
	// the count and the chart for the dates of the same filter, so they are counted once while
	// the index is unchanged (data_version: another connection's commits; total_changes: this one's).
	let lastActor: { key: string; total: number; untolled: number; dates: DateCount[] } | undefined;
	const actorSums = (filter: TimelineFilter) => {
		const [version, changes] = prepared('SELECT (SELECT data_version FROM pragma_data_version), total_changes()')
			.raw()
			.all()[0] as [number, number];
		const key = `${version}\u0000${changes}\u0000${JSON.stringify(filter)}`;
		if (lastActor?.key === key) return lastActor;
		const m = actorMatches(filter, 'date, killed');
		const rows = prepared(
			`SELECT date, count(*), coalesce(sum(killed), 0), sum(killed IS NULL) FROM (${m.sql}) GROUP BY date ORDER BY date`,
		)
			.raw()
			.all(...m.params) as [string, number, number, number][];
		lastActor = { key, total: 0, untolled: 0, dates: [] };
		for (const [date, count, killed, untolled] of rows) {
			lastActor.dates.push({ date, count: Number(count), killed: Number(killed) });
			lastActor.total += Number(count);
			lastActor.untolled += Number(untolled);
		}
		return lastActor;
	};
	/** What a filter matches, and of it without a toll: from the sums, or the actors' rows. */
	const filterCounts = (filter: TimelineFilter): { total: number; untolled: number } => {
		const sums = filterDatesSql(filter, incidentCountries());
		if (sums) {
			const r = prepared(
				`SELECT coalesce(sum(incidents), 0), coalesce(sum(untolled), 0) FROM filter_dates ${sums.where}`,
			)
				.raw()
				.all(...sums.params)[0] as [number, number];
			return { total: Number(r[0]), untolled: Number(r[1]) };
		}
		if (!filter.actors.length) {
			// Only exclusions of actors: what the rest matches, less what the excluded match of it.
			const rest = filterCounts({ ...filter, notActors: [] });
			const less = filterCounts({ ...filter, actors: filter.notActors ?? [], notActors: [] });
			return { total: rest.total - less.total, untolled: rest.untolled - less.untolled };
		}
		return actorSums(filter);
	};
	const dateRows = (sql: string, params: unknown[]): DateCount[] =>
		prepared(sql)
			.raw()
			.all(...params)
			.map((r) => {
				const [date, count, killed] = r as [string, number, number];
				return { date, count: Number(count), killed: Number(killed) };
			});
	const filterDates = (filter: TimelineFilter): DateCount[] => {
		const sums = filterDatesSql(filter, incidentCountries());
		if (sums) {
			return dateRows(
				`SELECT date, sum(incidents), sum(killed) FROM filter_dates ${sums.where} GROUP BY date ORDER BY date`,
				sums.params,
			);
		}
		if (!filter.actors.length) {
			const less = new Map(
				filterDates({ ...filter, actors: filter.notActors ?? [], notActors: [] }).map((d) => [d.date, d]),
			);
			return filterDates({ ...filter, notActors: [] })
				.map((d) => {
					const l = less.get(d.date);
					return l ? { date: d.date, count: d.count - l.count, killed: d.killed - l.killed } : d;
				})
				.filter((d) => d.count > 0);
		}
		return actorSums(filter).dates.map((d) => ({ ...d }));
	};

	const searcher = new IndexSearch(db, countries);
	let totals: { incidents: number; articles: number } | undefined;

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
				const n = first(prepared('SELECT count(*) AS a FROM articles'));
				return { incidents: allIncidents(), articles: Number(n?.a ?? 0) };
			})();
			return totals;
		},
		incidentCountries,
		newestDays() {
			const r = first(
				prepared(
					// The newest effective day from the per-country day sums (tens of thousands of rows, not
					// the table's rows of the newest month, read one by one from a cold file).
					`SELECT (SELECT max(day) FROM country_days) AS incident,
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
		citingIncidents: (articleId) =>
			jsonRows<Incident>(
				`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid
				 WHERE i.id IN (SELECT r.ref FROM article_refs r JOIN articles a ON a.rid = r.rid WHERE r.kind = 'incident' AND a.id = ?)
				 ORDER BY i.date DESC, i.id ASC`,
				[articleId],
			),
		incidentPage(filter, sort, offset, limit): IncidentPage {
			const { total, untolled } = filterCounts(filter);
			// An actor filter matching a good share of all incidents: walking the order index finds
			// a page within a few thousand rows; a rarer one is sorted from the actors' rows.
			const walkOrder = filter.actors.length > 0 && total * 50 >= allIncidents();
			const sql = filterSql(filter, actors, { walkOrder });
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
			// The page's row ids first, sorted without carrying the records; then the records of those alone.
			// A page past the middle is read from the far end of the order: an index walk stops after it.
			const back = offset + limit > total / 2 && offset < total;
			const take = back ? Math.min(limit, total - offset) : limit;
			const skip = back ? Math.max(0, total - offset - limit) : offset;
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
			const { where, params } = filterSql(filter, actors);
			const self = first(
				prepared(`SELECT i.date, i.killed FROM incidents i ${where ? `${where} AND` : 'WHERE'} i.id = ?`),
				...params,
				id,
			);
			if (!self) return -1;
			const date = String(self.date);
			const killed = self.killed === null ? null : Number(self.killed);
			// The rows before it in ORDER[sort], counted through the same indexes the page reads.
			const newer = '(i.date > ? OR (i.date = ? AND i.id < ?))';
			const before =
				sort === 'date'
					? { sql: newer, args: [date, date, id] }
					: killed === null
						? { sql: `(i.killed IS NOT NULL OR ${newer})`, args: [date, date, id] }
						: { sql: `(i.killed > ? OR (i.killed = ? AND ${newer}))`, args: [killed, killed, date, date, id] };
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
