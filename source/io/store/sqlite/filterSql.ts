// A Timeline filter as SQL over the index (schema.ts): over the incidents'
// order indexes for its pages, and over the date sums (filter_dates, and
// actor_dates for the actor sets) for its count and per-date chart.
import type { Actor } from '../../../core/schema.js';
import { incidentTypeLabels } from '../../../core/schemaBase.js';
import { type TimelineFilter, withSubgroups } from '../../../core/timeline.js';

/** The actors asked for with the groups within them. */
export function actorIdsOf(actors: readonly Actor[], ids: readonly string[]): string[] {
	return [...new Set(ids.flatMap((a) => [...withSubgroups({ actors }, a)]))];
}

const marks = (values: readonly unknown[]) => `(${values.map(() => '?').join(',')})`;

/** The sets (actor_sets) an actor filter matches: those holding an actor asked for, none left out. */
export interface FilterSets {
	actors: number[];
	notActors: number[];
}

/**
 * A filter as SQL over `incidents i`: the where clause and its parameters. The actors are the
 * incident's actor set (`aset`), checked against each row as an order index is walked, so the
 * walk stops at the page; `lookUp`: the actors' incidents looked up by rid from their rows in
 * incident_actors instead (an actor too rare for a walk to find a page soon).
 */
export function filterSql(
	f: TimelineFilter,
	actors: readonly Actor[],
	sets: FilterSets,
	opts: { lookUp?: boolean } = {},
): { where: string; params: unknown[] } {
	const parts: string[] = [];
	const params: unknown[] = [];
	const inList = (col: string, values: readonly unknown[], not = false) => {
		parts.push(`i.${col} ${not ? 'NOT ' : ''}IN ${marks(values)}`);
		params.push(...values);
	};
	if (f.countries.length) inList('country', f.countries);
	if (f.types.length) inList('type', f.types);
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
	if (f.actors.length) {
		if (opts.lookUp) {
			const all = actorIdsOf(actors, f.actors);
			parts.push(
				`i.rid IN (SELECT rid FROM incident_actors WHERE actor IN ${marks(all)} AND role IN ('perpetrator', 'claimant'))`,
			);
			params.push(...all);
		} else inList('aset', sets.actors);
	}
	if (f.notCountries?.length) inList('country', f.notCountries, true);
	if (f.notTypes?.length) inList('type', f.notTypes, true);
	if (f.notActors?.length && sets.notActors.length) inList('aset', sets.notActors, true);
	return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** One way of reading a dimension of the sums: the rows where it is `cond`, added or taken away; `all`: its rows summed over every value. */
type Term = { sign: 1 | -1; cond: string; params: unknown[]; all?: boolean };

/**
 * Country or type: the rows summed over all (''), the values listed, or, for exclusions, every
 * value but those (listed when they are fewer, else all less the excluded). `every`: the values there are.
 */
function dimTerms(col: string, only: readonly string[], not: readonly string[], every: readonly string[]): Term[] {
	const all: Term = { sign: 1, cond: `${col} = ''`, params: [], all: true };
	if (!only.length && !not.length) return [all];
	const kept = (only.length ? only : every).filter((v) => !not.includes(v));
	if (!only.length && not.length + 1 < kept.length) {
		return [all, { sign: -1, cond: `${col} IN ${marks(not)}`, params: [...not] }];
	}
	return [{ sign: 1, cond: kept.length ? `${col} IN ${marks(kept)}` : '0', params: kept }];
}

/**
 * A filter as signed row sets, each `SELECT k, date, incidents, killed, untolled`, whose sum per
 * date is the filter's: filter_dates when it names no actors; actor_dates over its actor sets when
 * it does (with types: those incidents counted from the types' order index, actor_dates having no
 * type); for actors only left out, filter_dates less their sets'. `countries`: those with incidents.
 */
export function sumsSql(
	f: TimelineFilter,
	countries: readonly string[],
	sets: FilterSets,
): { sql: string; params: unknown[] } {
	const selects: string[] = [];
	const params: unknown[] = [];
	// As filterSql's: a span or a month overlapping the range.
	let dates = '';
	const dateParams: unknown[] = [];
	if (f.since) {
		dates += ' AND last_day >= ?';
		dateParams.push(f.since);
	}
	if (f.until) {
		dates += ' AND date <= ?';
		dateParams.push(f.until);
	}
	const typeTerms = dimTerms('type', f.types, f.notTypes ?? [], incidentTypeLabels);
	// actor_dates has no type and no sum over countries: the countries asked for or left out, as they are.
	let countryCond = '';
	const countryParams: unknown[] = [];
	if (f.countries.length) {
		countryCond += ` AND country IN ${marks(f.countries)}`;
		countryParams.push(...f.countries);
	}
	if (f.notCountries?.length) {
		countryCond += ` AND country NOT IN ${marks(f.notCountries)}`;
		countryParams.push(...f.notCountries);
	}
	// Some sets' incidents of some types, by date: the types' order index, bounded by the earliest date in range.
	const scan = (sign: number, sids: number[], type: Term) => {
		let where = `aset IN ${marks(sids)} AND ${type.cond}${countryCond}`;
		const scanParams: unknown[] = [...sids, ...type.params, ...countryParams];
		if (f.since) {
			where += " AND date >= (SELECT min(date) FROM filter_dates WHERE country = '' AND type = '' AND last_day >= ?)";
			scanParams.push(f.since);
		}
		selects.push(
			`SELECT ${sign * type.sign} AS k, date, count(*) AS incidents, coalesce(sum(killed), 0) AS killed, sum(killed IS NULL) AS untolled
			 FROM incidents WHERE ${where}${dates} GROUP BY date`,
		);
		params.push(...scanParams, ...dateParams);
	};
	const actorRows = (sign: number, sids: number[]) => {
		for (const t of typeTerms) {
			if (!t.all) scan(sign, sids, t);
			else {
				selects.push(
					`SELECT ${sign * t.sign} AS k, date, incidents, killed, untolled FROM actor_dates WHERE sid IN ${marks(sids)}${countryCond}${dates}`,
				);
				params.push(...sids, ...countryParams, ...dateParams);
			}
		}
	};
	if (f.actors.length) {
		actorRows(
			1,
			sets.actors.filter((s) => !sets.notActors.includes(s)),
		);
	} else {
		for (const c of dimTerms('country', f.countries, f.notCountries ?? [], countries)) {
			for (const t of typeTerms) {
				selects.push(
					`SELECT ${c.sign * t.sign} AS k, date, incidents, killed, untolled FROM filter_dates WHERE ${c.cond} AND ${t.cond}${dates}`,
				);
				params.push(...c.params, ...t.params, ...dateParams);
			}
		}
		if (f.notActors?.length) actorRows(-1, sets.notActors);
	}
	return { sql: selects.join(' UNION ALL '), params };
}
