// Which records a rule counts: those of its watched item, or those its query
// finds, that fall in the period ending now. Dates without a time are whole
// UTC days, as everywhere in sitrep (ingest's --date, the filters): a day
// counts when any of it is in the period, so "in 24h" at 09:00 still counts
// yesterday's incidents. Multi-day incidents count through their end date.
import { dayNumber, lastDay } from '../dates.js';
import type { Resolver } from '../resolve.js';
import type { Article, Incident } from '../schema.js';
import { buildSearchIndex, parseQuery, searchWithInfo } from '../search/index.js';
import type { Store } from '../store.js';
import { idsOf, parseWatchKey } from '../watch.js';
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

/** The records a rule counts now: ids, newest first. */
export function matching(store: Store, rule: AlertRule, period: Period, resolver: () => Resolver): Matching {
	if (rule.target.kind === 'watch') {
		const item = parseWatchKey(rule.target.key);
		if (!item) return { error: `"${rule.target.key}" is not a watch key` };
		const ids = idsOf(store, item);
		return {
			incidents: ids.incidents.filter((id) => {
				const inc = store.incidentById.get(id);
				return inc !== undefined && incidentIn(inc, period);
			}),
			articles: ids.articles.filter((id) => {
				const a = store.articleById.get(id);
				return a !== undefined && articleIn(a, period);
			}),
		};
	}
	return queryMatches(store, rule.target.query, period, resolver());
}

/**
 * What `sitrep search QUERY` finds among the records of the period, every word
 * required (a search with no complete match shows partial ones; a rule counts
 * none). The index is built over those records alone, and the articles their
 * incidents cite, so that source: reads the incidents' outlets.
 */
function queryMatches(store: Store, query: string, period: Period, resolver: Resolver): Matching {
	const parsed = parseQuery(query, resolver);
	const bad = parsed.errors[0];
	if (bad) return { error: `${bad.token}: ${bad.message}` };
	const incidents = store.incidents.filter((i) => incidentIn(i, period));
	const articles = store.articles.filter((a) => articleIn(a, period));
	if (incidents.length === 0 && articles.length === 0) return { incidents: [], articles: [] };
	const inPeriod = new Set<Article | Incident>([...incidents, ...articles]);
	const cited = new Set(articles);
	for (const inc of incidents) for (const a of store.articlesByIncident.get(inc.id) ?? []) cited.add(a);
	const ix = buildSearchIndex([...cited], incidents, { countries: store.countries });
	const out = searchWithInfo(ix, parsed, { limit: ix.docCount });
	if (out.partial) return { incidents: [], articles: [] };
	const hit = new Set<Article | Incident>();
	for (const r of out.results) {
		const rec = r.kind === 'incident' ? store.incidentById.get(r.id) : store.articleById.get(r.id);
		if (rec && inPeriod.has(rec)) hit.add(rec);
	}
	// Newest first, as an item's ids are, not in the order of relevance.
	return {
		incidents: incidents.filter((i) => hit.has(i)).map((i) => i.id),
		articles: articles.filter((a) => hit.has(a)).map((a) => a.id),
	};
}
