// A new store from an old one and what changed in it, in slices: the lists
// stay sorted by merging the kept records (already in order) with the new
// ones, and each index is made again only when what it depends on changed.
// The result is what buildStore gives for the same records. The old store is
// never changed (the dashboard keeps drawing it meanwhile).
import { compareText } from './collate.js';
import type { Actor, Article, Country, Incident } from './schema.js';
import { articleOrder, buildStore0, byDateDesc, indexIncident, push, type Store } from './store.js';

/** One kind's change: records that are new or replaced, and the keys of those gone or replaced. */
export interface KindChange<T> {
	fresh: readonly T[];
	gone: ReadonlySet<string>;
}

export interface StoreChange {
	incidents?: KindChange<Incident>;
	articles?: KindChange<Article>;
	actors?: KindChange<Actor>;
	countries?: KindChange<Country>;
}

type Due = () => boolean;

/** The kept part of `sorted` merged with `fresh` (sorted here), by `order`. */
function* merged<T>(
	sorted: readonly T[],
	change: KindChange<T>,
	key: (t: T) => string,
	order: (a: T, b: T) => number,
	due: Due,
): Generator<void, T[]> {
	const fresh = [...change.fresh].sort(order);
	const out: T[] = [];
	let j = 0;
	for (let i = 0; i < sorted.length; i++) {
		if ((i & 2047) === 0 && due()) yield;
		const t = sorted[i] as T;
		if (change.gone.has(key(t))) continue;
		while (j < fresh.length && order(fresh[j] as T, t) < 0) out.push(fresh[j++] as T);
		out.push(t);
	}
	while (j < fresh.length) out.push(fresh[j++] as T);
	return out;
}

const byName = (a: { name: string }, b: { name: string }) => compareText(a.name, b.name);

function* keyed<T, K>(list: readonly T[], key: (t: T) => K, due: Due): Generator<void, Map<K, T>> {
	const map = new Map<K, T>();
	for (let i = 0; i < list.length; i++) {
		if ((i & 4095) === 0 && due()) yield;
		const t = list[i] as T;
		map.set(key(t), t);
	}
	return map;
}

/**
 * The new store, yielding (to be resumed from the event loop) whenever `due()` says a slice
 * is over. Incidents' country and actor lists are made again when incidents or actors changed;
 * the article links when articles or incidents did.
 */
export function* updateStoreSteps(old: Store, change: StoreChange, due: Due): Generator<void, Store> {
	const actors = change.actors ? yield* merged(old.actors, change.actors, (a) => a.id, byName, due) : old.actors;
	const countries = change.countries
		? yield* merged(old.countries, change.countries, (c) => c.code, byName, due)
		: old.countries;
	let store: Store = old;
	if (change.incidents || change.actors || change.countries) {
		const incidents = change.incidents
			? yield* merged(old.incidents, change.incidents, (i) => i.id, byDateDesc, due)
			: old.incidents;
		store = yield* incidentIndexes(old, { incidents, actors, countries }, change, due);
	}
	if (change.articles || change.incidents) {
		const articles = change.articles
			? yield* merged(old.articles, change.articles, (a) => a.id, articleOrder, due)
			: old.articles;
		store = yield* articleIndexes(store, articles, !change.articles, due);
	}
	return store;
}

function* incidentIndexes(
	old: Store,
	lists: { incidents: Incident[]; actors: Actor[]; countries: Country[] },
	change: StoreChange,
	due: Due,
): Generator<void, Store> {
	const { incidents, actors, countries } = lists;
	// Small lists: the same build as at start (the articles and their links are the old store's until replaced).
	if (incidents.length < 4096) {
		const { articles, articleById, articlesByActor, articlesByCountry, articlesByIncident, incidentsByArticle } = old;
		const linked = {
			articles,
			articleById,
			articlesByActor,
			articlesByCountry,
			articlesByIncident,
			incidentsByArticle,
		};
		return { ...buildStore0(old.dir, lists), ...linked };
	}
	const store: Store = {
		...old,
		incidents,
		actors,
		countries,
		incidentById: change.incidents ? yield* keyed(incidents, (i) => i.id, due) : old.incidentById,
		actorById: change.actors ? new Map(actors.map((a) => [a.id, a])) : old.actorById,
		countryByCode: change.countries ? new Map(countries.map((c) => [c.code, c])) : old.countryByCode,
		incidentsByCountry: new Map(),
		incidentsByActor: new Map(),
	};
	const involved = new Set<string>();
	for (let i = 0; i < incidents.length; i++) {
		if ((i & 1023) === 0 && due()) yield;
		indexIncident(store, incidents[i] as Incident, involved);
	}
	return store;
}

/** As withArticles makes them; with `sameArticles` the per-article lists are the old ones. */
function* articleIndexes(base: Store, articles: Article[], sameArticles: boolean, due: Due): Generator<void, Store> {
	const store: Store = {
		...base,
		articles,
		articleById: sameArticles ? base.articleById : yield* keyed(articles, (a) => a.id, due),
		articlesByActor: sameArticles ? base.articlesByActor : new Map(),
		articlesByCountry: sameArticles ? base.articlesByCountry : new Map(),
		articlesByIncident: new Map(),
		incidentsByArticle: new Map(),
	};
	if (articles.length === 0) return store;
	for (let i = 0; i < store.incidents.length; i++) {
		if ((i & 1023) === 0 && due()) yield;
		const inc = store.incidents[i] as Incident;
		for (const src of inc.sources) {
			const art = typeof src === 'string' ? store.articleById.get(src) : undefined;
			if (art) {
				push(store.articlesByIncident, inc.id, art);
				push(store.incidentsByArticle, art.id, inc);
			}
		}
	}
	if (sameArticles) return store;
	for (let i = 0; i < articles.length; i++) {
		if ((i & 1023) === 0 && due()) yield;
		const art = articles[i] as Article;
		for (const id of new Set(art.actors)) push(store.articlesByActor, id, art);
		for (const c of new Set(art.countries)) push(store.articlesByCountry, c, art);
	}
	return store;
}

/** updateStoreSteps at once (the commands and tests). */
export function updateStore(old: Store, change: StoreChange): Store {
	const steps = updateStoreSteps(old, change, () => false);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}
