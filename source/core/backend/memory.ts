// The in-memory backend: the Backend questions answered from a Store built
// from the JSON (core/store.ts). What the bundled data and small directories
// use, as fast as the store's own lists and maps.

import { firstDay, lastDay } from '../dates.js';
import { killed, killedOr0 } from '../fatalities.js';
import { placeCounts } from '../placeNames.js';
import { basePoints, countrySumsOf, type DayRange, effectiveDay, inRange } from '../riskPoints.js';
import type { Article, Incident } from '../schema.js';
import { indexStore } from '../search/build.js';
import { searchWithInfo } from '../search/rank.js';
import type { SearchIndex } from '../search/searchIndex.js';
import { storeOutlets } from '../search/sources.js';
import { articleOrder, byDateDesc, rolesIn, type Store, tallyRoles } from '../store.js';
import { filterIncidents, sortIncidents, type TimelineFilter, type TimelineSort } from '../timeline.js';
import type { ActorWindow, ArticleFilter, Backend, DateCount, DayPoints, IncidentsOf } from './types.js';

const cache = new WeakMap<Store, Backend>();
/** The store's search index, built on the first search (most commands never search). */
const searchIndexes = new WeakMap<Store, SearchIndex>();

function searchIndexOf(store: Store): SearchIndex {
	let ix = searchIndexes.get(store);
	if (!ix) {
		ix = indexStore(store);
		searchIndexes.set(store, ix);
	}
	return ix;
}

/** The store as a Backend, made once per store. */
export function backendOf(store: Store): Backend {
	let b = cache.get(store);
	if (!b) {
		b = memoryBackend(store);
		cache.set(store, b);
	}
	return b;
}

function memoryBackend(store: Store): Backend {
	// The last filter's matches, sorted: paging through them (j/k, a deep page) filters once.
	let last: { key: string; items: Incident[]; untolled: number; dates?: DateCount[] } | undefined;
	const sorted = (filter: TimelineFilter, sort: TimelineSort) => {
		const key = `${sort}\u0000${JSON.stringify(filter)}`;
		if (last?.key !== key) {
			const matched = filterIncidents(store, filter);
			const untolled = matched.reduce((n, i) => (killed(i) === undefined ? n + 1 : n), 0);
			last = { key, items: sortIncidents(matched, sort).items, untolled };
		}
		return last;
	};
	return {
		kind: 'memory',
		actors: store.actors,
		actorById: store.actorById,
		countries: store.countries,
		countryByCode: store.countryByCode,
		incidentsKey: store.incidentsByActor,
		totals: () => ({ incidents: store.incidents.length, articles: store.articles.length }),
		incidentCountries: () => [...store.incidentsByCountry.keys()].sort(),
		placeCounts: () => placeCounts(store.incidents),
		newestDays: () => newestDays(store),
		incident: (id) => store.incidentById.get(id),
		article: (id) => store.articleById.get(id),
		citingIncidents: (id) => store.incidentsByArticle.get(id) ?? [],
		incidentPage(filter, sort, offset, limit) {
			const { items, untolled } = sorted(filter, sort);
			return { total: items.length, untolled, rows: items.slice(offset, offset + limit) };
		},
		incidentIndex: (filter, sort, id) => sorted(filter, sort).items.findIndex((i) => i.id === id),
		incidentDates(filter: TimelineFilter) {
			const s = sorted(filter, 'date');
			s.dates ??= datesOf(s.items);
			return s.dates;
		},
		countryIncidents: (code, range, machineCoded) => incidentsIn(store, code, range, machineCoded),
		countryDays: (code, range, machineCoded) => dayPoints(store, incidentsIn(store, code, range, machineCoded)),
		countrySums: (code, range) => countrySumsOf(store, incidentsIn(store, code, range, true)),
		countryArticles(code, cited, until, limit) {
			const ids = new Set(cited);
			const out: Article[] = [];
			for (const a of store.articles) {
				if (out.length >= limit) break;
				if (a.published.slice(0, 10) <= until && (a.countries.includes(code) || ids.has(a.id))) out.push(a);
			}
			return out;
		},
		articlesWhere: (f) => articlesWhere(store, f),
		incidentsOf: (which, since, until) => incidentsOf(store, which, since, until),
		watchIds: (which) => watchIds(store, which),
		actorIncidents: (id) => store.incidentsByActor.get(id) ?? [],
		// Every article: in memory the quick text check in mentionsOf is as fast as any narrowing.
		mentionCandidates: () => store.articles,
		actorWindows: (range) => actorWindows(store, range),
		actorLastDates(until) {
			const out = new Map<string, string>();
			for (const [id, list] of store.incidentsByActor) {
				const last = list.find((i) => effectiveDay(i) <= until);
				if (last) out.set(id, last.date);
			}
			return out;
		},
		search: (query, opts) => searchWithInfo(searchIndexOf(store), query, opts),
		outlets: () => storeOutlets(store),
	};
}

function incidentsOf(store: Store, which: IncidentsOf, since: string, until: string): Incident[] {
	const lists = which.actors?.length
		? which.actors.map((a) => store.incidentsByActor.get(a) ?? [])
		: [which.country === undefined ? store.incidents : (store.incidentsByCountry.get(which.country) ?? [])];
	const seen = new Set<Incident>();
	const out: Incident[] = [];
	for (const list of lists) {
		for (const inc of list) {
			if (seen.has(inc)) continue;
			seen.add(inc);
			if (which.country !== undefined && inc.country !== which.country) continue;
			if (which.type !== undefined && inc.type !== which.type) continue;
			if (lastDay(inc.endDate ?? inc.date) < since || firstDay(inc.date) > until) continue;
			out.push(inc);
		}
	}
	return lists.length > 1 ? out.sort(byDateDesc) : out;
}

/** Newest first, no repeats, from several newest-first lists. */
function merged<T extends { id: string }>(lists: readonly (readonly T[] | undefined)[], order: (a: T, b: T) => number) {
	const present = lists.filter((l): l is readonly T[] => Boolean(l?.length));
	if (present.length <= 1) return (present[0] ?? []).map((r) => r.id);
	const byId = new Map<string, T>();
	for (const list of present) for (const r of list) byId.set(r.id, r);
	return [...byId.values()].sort(order).map((r) => r.id);
}

function watchIds(store: Store, which: IncidentsOf): { incidents: string[]; articles: string[] } {
	if (which.actors) {
		return {
			incidents: merged(
				which.actors.map((a) => store.incidentsByActor.get(a)),
				byDateDesc,
			),
			articles: merged(
				which.actors.map((a) => store.articlesByActor.get(a)),
				articleOrder,
			),
		};
	}
	if (which.country !== undefined) {
		return {
			incidents: (store.incidentsByCountry.get(which.country) ?? []).map((i) => i.id),
			articles: (store.articlesByCountry.get(which.country) ?? []).map((a) => a.id),
		};
	}
	const incidents = which.type === undefined ? store.incidents : store.incidents.filter((i) => i.type === which.type);
	return {
		incidents: incidents.map((i) => i.id),
		articles: merged(
			incidents.map((i) => store.articlesByIncident.get(i.id)),
			articleOrder,
		),
	};
}

function articlesWhere(store: Store, f: ArticleFilter): Article[] {
	const actors = f.actors.length ? new Set(f.actors) : undefined;
	const notActors = new Set(f.notActors);
	return store.articles.filter((a) => {
		const day = a.published.slice(0, 10);
		if (f.countries.length && !a.countries.some((c) => f.countries.includes(c))) return false;
		if (actors && !a.actors.some((id) => actors.has(id))) return false;
		if (a.countries.some((c) => f.notCountries.includes(c))) return false;
		if (a.actors.some((id) => notActors.has(id))) return false;
		if (f.citedByType && !store.incidentsByArticle.get(a.id)?.some((i) => i.type === f.citedByType)) return false;
		if (f.since && day < f.since) return false;
		return !(f.until && day > f.until);
	});
}

function newestDays(store: Store): { incident?: string; incidentDate?: string; article?: string } {
	// Incidents are newest first by date: the latest effective day is in the newest month,
	// whose incidents (a month-only date included) lead the list.
	let incident: string | undefined;
	const month = store.incidents[0]?.date.slice(0, 7);
	for (const inc of store.incidents) {
		if (!inc.date.startsWith(month ?? '')) break;
		const d = effectiveDay(inc);
		if (incident === undefined || d > incident) incident = d;
	}
	const article = store.articles[0]?.published.slice(0, 10);
	const incidentDate = store.incidents[0]?.date;
	return { ...(incident ? { incident, incidentDate } : {}), ...(article ? { article } : {}) };
}

function datesOf(incidents: readonly Pick<Incident, 'date' | 'fatalities'>[]): DateCount[] {
	const by = new Map<string, DateCount>();
	for (const inc of incidents) {
		const row = by.get(inc.date);
		if (row) {
			row.count++;
			row.killed += killedOr0(inc);
		} else by.set(inc.date, { date: inc.date, count: 1, killed: killedOr0(inc) });
	}
	return [...by.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** First index in a newest-first list whose date is not after `date` (string order). */
function firstNotAfter(list: readonly Incident[], date: string): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((list[mid] as Incident).date > date) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * A country's incidents in a range. Its list is newest first by date, so the
 * range is found by binary search (a month-only date sorts before its month's
 * days, hence the month-wide bounds) and only that slice is checked.
 */
function incidentsIn(store: Store, code: string, range: DayRange, machineCoded: boolean): Incident[] {
	const list = store.incidentsByCountry.get(code) ?? [];
	const from = firstNotAfter(list, range.end);
	// Past every date of the start's month: "YYYY-MM" sorts before that month's days.
	const month = range.start.slice(0, 7);
	let to = firstNotAfter(list, month);
	while (to < list.length && (list[to] as Incident).date === month) to++;
	const out: Incident[] = [];
	for (let i = from; i < Math.min(to, list.length); i++) {
		const inc = list[i] as Incident;
		if (inRange(inc, range) && (machineCoded || !inc.machineCoded)) out.push(inc);
	}
	return out;
}

function dayPoints(store: Store, incidents: readonly Incident[]): DayPoints[] {
	const by = new Map<string, DayPoints>();
	for (const inc of incidents) {
		const day = effectiveDay(inc);
		const row = by.get(day);
		const base = basePoints(store, inc);
		if (row) {
			row.incidents++;
			row.base += base;
		} else by.set(day, { day, incidents: 1, base });
	}
	return [...by.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function actorWindows(store: Store, range: DayRange): Map<string, ActorWindow> {
	const out = new Map<string, ActorWindow>();
	for (const [id, list] of store.incidentsByActor) {
		const incs = list.filter((i) => inRange(i, range));
		if (!incs.length) continue;
		const w: ActorWindow = {
			asPerpetrator: 0,
			asTarget: 0,
			incidents: incs.length,
			days: datesOf(incs.map((i) => ({ date: effectiveDay(i), fatalities: i.fatalities }))),
		};
		for (const inc of incs) {
			tallyRoles(w, new Set(rolesIn(inc, id)));
		}
		out.set(id, w);
	}
	return out;
}

/** The answers take either: a Store (the dashboard's, the tests') is asked through its memory backend. */
export function asBackend(data: Store | Backend): Backend {
	return 'kind' in data ? data : backendOf(data);
}
