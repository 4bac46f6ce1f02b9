// Which records a rule counts: those of its watched item, or those its query
// finds, that fall in the period ending now. Dates without a time are whole
// UTC days, as everywhere in sitrep (ingest's --date, the filters): a day
// counts when any of it is in the period, so "in 24h" at 09:00 still counts
// yesterday's incidents. Multi-day incidents count through their end date.

import type { Backend } from '../backend/types.js';
import { dayNumber, lastDay } from '../dates.js';
import type { Resolver } from '../resolve.js';
import type { Article, Incident } from '../schema.js';
import type { IncidentType } from '../schemaBase.js';
import { parseQuery } from '../search/query.js';
import { articleOrder, byDateDesc } from '../store.js';
import { withSubgroups } from '../timeline.js';
import { parseWatchKey } from '../watch.js';
import { type AlertRule, periodMs } from './rule.js';

const DAY_MS = 86_400_000;

export interface Period {
	/** Epoch milliseconds: the period is [from, to], both ends in it. */
	from: number;
	to: number;
}

export const periodOf = (rule: AlertRule, now: number): Period => ({ from: now - periodMs(rule.when), to: now });

/** Half-open span in epoch ms: a whole day, several days, or a moment. */
type Span = [number, number];

function incidentSpan(inc: Incident): Span {
	return [dayNumber(inc.date) * DAY_MS, (dayNumber(lastDay(inc.endDate ?? inc.date)) + 1) * DAY_MS];
}

// A time with no offset is read as UTC, as a bare date is.
const NO_OFFSET = /T[0-9:.]+$/;

function articleSpan(a: Article): Span {
	const p = a.published;
	if (p.length <= 10) return [dayNumber(p) * DAY_MS, (dayNumber(p) + 1) * DAY_MS];
	const t = Date.parse(NO_OFFSET.test(p) ? `${p}Z` : p);
	if (Number.isNaN(t)) return [dayNumber(p) * DAY_MS, (dayNumber(p) + 1) * DAY_MS];
	return [t, t + 1];
}

const overlaps = ([start, end]: Span, p: Period) => start <= p.to && end > p.from;

export const incidentIn = (inc: Incident, p: Period) => overlaps(incidentSpan(inc), p);
export const articleIn = (a: Article, p: Period) => overlaps(articleSpan(a), p);

export interface Matched {
	incidents: string[];
	articles: string[];
}

export type Matching = Matched | { error: string };

const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/**
 * The days a period touches, one more on each side: an article's time carries its own
 * offset, so its written day can be a day off UTC's. Each record is then checked exactly.
 */
const roughDays = (p: Period) => ({ since: dayOf(p.from - DAY_MS), until: dayOf(p.to + DAY_MS) });

const noArticleFilter = { countries: [], notCountries: [], actors: [], notActors: [] };

/** The records a rule counts now: ids, newest first. Asked of a Backend: memory or the SQLite index alike. */
export function matching(data: Backend, rule: AlertRule, period: Period, resolver: () => Resolver): Matching {
	if (rule.target.kind === 'query') return queryMatches(data, rule.target.query, period, resolver());
	const item = parseWatchKey(rule.target.key);
	if (!item) return { error: `"${rule.target.key}" is not a watch key` };
	const { since, until } = roughDays(period);
	let incidents: Incident[];
	let articles: Article[];
	if (item.kind === 'actor') {
		// An actor brings its subgroups (watching the Taliban counts the Haqqani network), as the watchlist does.
		const actors = [...withSubgroups(data, item.id)];
		incidents = data.incidentsOf({ actors }, since, until);
		articles = data.articlesWhere({ ...noArticleFilter, actors, since, until });
	} else if (item.kind === 'country') {
		incidents = data.incidentsOf({ country: item.id }, since, until);
		articles = data.articlesWhere({ ...noArticleFilter, countries: [item.id], since, until });
	} else {
		// A type's articles are those its incidents cite.
		const type = item.id as IncidentType;
		incidents = data.incidentsOf({ type }, since, until);
		articles = data.articlesWhere({ ...noArticleFilter, citedByType: type, since, until });
	}
	return {
		incidents: incidents.filter((i) => incidentIn(i, period)).map((i) => i.id),
		articles: articles.filter((a) => articleIn(a, period)).map((a) => a.id),
	};
}

/**
 * What `sitrep search QUERY` finds among the records of the period, every word
 * required (a search with no complete match in the period shows partial ones; a
 * rule counts none): the search itself, its days narrowed to the period's.
 */
function queryMatches(data: Backend, query: string, period: Period, resolver: Resolver): Matching {
	const parsed = parseQuery(query, resolver);
	const bad = parsed.errors[0];
	if (bad) return { error: `${bad.token}: ${bad.message}` };
	const days = roughDays(period);
	const f = parsed.filters;
	const since = f.since && f.since > days.since ? f.since : days.since;
	const until = f.until && f.until < days.until ? f.until : days.until;
	if (since > until) return { incidents: [], articles: [] };
	const { incidents: ni, articles: na } = data.totals();
	const out = data.search({ ...parsed, filters: { ...f, since, until } }, { limit: ni + na });
	if (out.partial) return { incidents: [], articles: [] };
	const incidents: Incident[] = [];
	const articles: Article[] = [];
	for (const r of out.results) {
		if (r.kind === 'incident') {
			const inc = data.incident(r.id);
			if (inc && incidentIn(inc, period)) incidents.push(inc);
		} else {
			const a = data.article(r.id);
			if (a && articleIn(a, period)) articles.push(a);
		}
	}
	// Newest first, as an item's ids are, not in the order of relevance.
	return {
		incidents: incidents.sort(byDateDesc).map((i) => i.id),
		articles: articles.sort(articleOrder).map((a) => a.id),
	};
}
