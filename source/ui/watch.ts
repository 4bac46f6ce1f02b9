// The watchlist in the dashboard: what is new for watched items, marks that
// stay on new rows until the row is looked at, and toggling items on and off.

import type { Backend } from '../core/backend/types.js';
import { rolesIn } from '../core/store.js';
import { idStepsOf, idsOf, parseWatchKey, type Seen, type WatchItem, watchKey, whatsNew } from '../core/watch.js';
import type { Target } from '../present/target.js';

export interface WatchUi {
	/** Watch keys in the order they were added. */
	keys: string[];
	/** When the previous session ended (what "new" is measured from). */
	since?: string;
	newIncidents: ReadonlySet<string>;
	newArticles: ReadonlySet<string>;
	/** New incidents and articles when the session started (for the "since" line). */
	startIncidents: number;
	startArticles: number;
}

const idsCache = new WeakMap<Backend, Map<string, { incidents: string[]; articles: string[] }>>();

/** idsOf once per data (a store, or an index opened again after an update) and item: the Watch line and the marks ask on every key. */
function cacheOf(data: Backend): Map<string, { incidents: string[]; articles: string[] }> {
	let m = idsCache.get(data);
	if (!m) {
		m = new Map();
		idsCache.set(data, m);
	}
	return m;
}

export function idsFor(data: Backend, item: WatchItem): { incidents: string[]; articles: string[] } {
	const m = cacheOf(data);
	const key = watchKey(item);
	let ids = m.get(key);
	if (!ids) {
		ids = idsOf(data, item);
		m.set(key, ids);
	}
	return ids;
}

/**
 * idsFor every watched item, read a slice at a time where the backend reads them so: run by
 * core/slices runSteps before what is new is worked out over the index, so that reading a watched
 * country's million ids never holds a key or a frame for seconds.
 */
export function* prefetchIds(data: Backend, keys: readonly string[]): Generator<void, void> {
	const m = cacheOf(data);
	for (const item of items(keys)) {
		const key = watchKey(item);
		if (m.has(key)) continue;
		const ids = yield* idStepsOf(data, item);
		m.set(key, ids);
	}
}

/**
 * The watched items' records that `after` has and `before` had not: what an index opened again
 * after an update brought (the update itself reports no ids), marked new as live data is.
 */
export function addedFor(
	before: Backend,
	after: Backend,
	keys: readonly string[],
): { incidents: string[]; articles: string[] } {
	const incidents = new Set<string>();
	const articles = new Set<string>();
	for (const item of items(keys)) {
		const was = idsFor(before, item);
		const now = idsFor(after, item);
		const had = { incidents: new Set(was.incidents), articles: new Set(was.articles) };
		for (const id of now.incidents) if (!had.incidents.has(id)) incidents.add(id);
		for (const id of now.articles) if (!had.articles.has(id)) articles.add(id);
	}
	return { incidents: [...incidents], articles: [...articles] };
}

export function items(keys: readonly string[]): WatchItem[] {
	return keys.map(parseWatchKey).filter((i): i is WatchItem => i !== undefined);
}

export function watchUi(data: Backend, keys: readonly string[], seen: Seen | undefined): WatchUi {
	const w = whatsNew(data, items(keys), seen, idsFor);
	return {
		keys: [...keys],
		...(w.since ? { since: w.since } : {}),
		newIncidents: w.newIncidentIds,
		newArticles: w.newArticleIds,
		startIncidents: w.incidents,
		startArticles: w.articles,
	};
}

export const noWatch: WatchUi = {
	keys: [],
	newIncidents: new Set(),
	newArticles: new Set(),
	startIncidents: 0,
	startArticles: 0,
};

/** Adds or removes an item; a newly watched item starts with nothing new (everything now is its baseline). */
export function toggle(w: WatchUi, key: string, data: Backend): { watch: WatchUi; on: boolean } {
	if (w.keys.includes(key)) {
		const keys = w.keys.filter((k) => k !== key);
		// Marks that only the removed item explained go with it.
		const still = new Set(items(keys).flatMap((i) => idsFor(data, i).incidents));
		const stillA = new Set(items(keys).flatMap((i) => idsFor(data, i).articles));
		return {
			watch: {
				...w,
				keys,
				newIncidents: new Set([...w.newIncidents].filter((id) => still.has(id))),
				newArticles: new Set([...w.newArticles].filter((id) => stillA.has(id))),
			},
			on: false,
		};
	}
	return { watch: { ...w, keys: [...w.keys, key] }, on: true };
}

function without(set: ReadonlySet<string>, ids: Iterable<string>): ReadonlySet<string> {
	let out: Set<string> | undefined;
	for (const id of ids) {
		if (!set.has(id)) continue;
		out ??= new Set(set);
		out.delete(id);
	}
	return out ?? set;
}

/**
 * The row or view the analyst is looking at is no longer new. Opening an actor
 * or a country clears the new records it shows (its ● in the Actors or Risk
 * list came from them), whether or not that actor or country is itself watched.
 */
export function markSeen(w: WatchUi, target: Target | undefined, data: Backend): WatchUi {
	if (!target || (w.newIncidents.size === 0 && w.newArticles.size === 0)) return w;
	let incidents: Iterable<string> = [];
	let articles: Iterable<string> = [];
	if (target.kind === 'incident') incidents = [target.id];
	else if (target.kind === 'article') articles = [target.id];
	else if (target.kind === 'actor') {
		const id = target.id;
		incidents = [...w.newIncidents].filter((i) => {
			const inc = data.incident(i);
			return !!inc && rolesIn(inc, id).length > 0;
		});
		articles = [...w.newArticles].filter((a) => data.article(a)?.actors.includes(id));
	} else {
		const code = target.code;
		incidents = [...w.newIncidents].filter((i) => data.incident(i)?.country === code);
		articles = [...w.newArticles].filter((a) => data.article(a)?.countries.includes(code));
	}
	const newIncidents = without(w.newIncidents, incidents);
	const newArticles = without(w.newArticles, articles);
	return newIncidents === w.newIncidents && newArticles === w.newArticles ? w : { ...w, newIncidents, newArticles };
}

export function allSeen(w: WatchUi): WatchUi {
	return { ...w, newIncidents: new Set(), newArticles: new Set() };
}

/** New incidents per actor (perpetrator, claimant or target) and per country, for the marks in Actors and Risk. */
export function newBy(data: Backend, w: WatchUi): { actors: Map<string, number>; countries: Map<string, number> } {
	const actors = new Map<string, number>();
	const countries = new Map<string, number>();
	for (const id of w.newIncidents) {
		const inc = data.incident(id);
		if (!inc) continue;
		countries.set(inc.country, (countries.get(inc.country) ?? 0) + 1);
		const who = new Set([...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : []), ...(inc.targets ?? [])]);
		for (const a of who) actors.set(a, (actors.get(a) ?? 0) + 1);
	}
	return { actors, countries };
}
