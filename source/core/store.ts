// The in-memory data set with its indices. Built once after loading; never mutated.

import { compareText } from './collate.js';
import type { Actor, Article, Country, Incident } from './schema.js';

export type ActorRole = 'perpetrator' | 'target' | 'claimant';

export interface Store {
	dir: string;
	/** Newest first (by date, then id). */
	incidents: Incident[];
	/** Newest first. */
	articles: Article[];
	/** By name. */
	actors: Actor[];
	/** By name. */
	countries: Country[];
	incidentById: Map<string, Incident>;
	articleById: Map<string, Article>;
	actorById: Map<string, Actor>;
	countryByCode: Map<string, Country>;
	incidentsByCountry: Map<string, Incident[]>;
	/** Incidents where the actor is perpetrator, target or claimant (newest first, no repeats). */
	incidentsByActor: Map<string, Incident[]>;
	articlesByActor: Map<string, Article[]>;
	articlesByCountry: Map<string, Article[]>;
	/** Articles cited by an incident, and incidents citing an article. */
	articlesByIncident: Map<string, Article[]>;
	incidentsByArticle: Map<string, Incident[]>;
}

/** Adds to a map of lists, once when the same value comes twice in a row (an actor in two roles). */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) {
		if (list[list.length - 1] !== value) list.push(value);
	} else map.set(key, [value]);
}

/** Articles newest first, as the store keeps them. */
export const articleOrder = (a: Article, b: Article): number =>
	byDateDesc({ date: a.published, id: a.id }, { date: b.published, id: b.id });

export function byDateDesc(a: { date: string; id: string }, b: { date: string; id: string }): number {
	return a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The last day the incidents reach (an end date counts), as written; undefined without incidents. */
export function lastIncidentDate(incidents: readonly Pick<Incident, 'date' | 'endDate'>[]): string | undefined {
	let last: string | undefined;
	for (const inc of incidents) {
		const d = (inc.endDate ?? inc.date).slice(0, 10);
		if (last === undefined || d > last) last = d;
	}
	return last;
}

/** The status bar's words for the bundled sample: "sample data to 2025-12-31" (its last incident date). */
export function sampleNote(incidents: readonly Pick<Incident, 'date' | 'endDate'>[]): string {
	const last = lastIncidentDate(incidents);
	return last ? `sample data to ${last}` : 'sample data';
}

/** The roles an actor plays in an incident. */
export function rolesIn(inc: Incident, actorId: string): ActorRole[] {
	const roles: ActorRole[] = [];
	if (inc.perpetrators.includes(actorId)) roles.push('perpetrator');
	if (inc.targets.includes(actorId)) roles.push('target');
	if (inc.claimedBy === actorId) roles.push('claimant');
	return roles;
}

/** Counts an incident by the actor's roles in it: as perpetrator (or claimant), as target. */
export function tallyRoles(
	counts: { asPerpetrator: number; asTarget: number },
	roles: { has(role: ActorRole): boolean },
): void {
	if (roles.has('perpetrator') || roles.has('claimant')) counts.asPerpetrator++;
	if (roles.has('target')) counts.asTarget++;
}

export function buildStore(
	dir: string,
	records: { articles: Article[]; incidents: Incident[]; actors: Actor[]; countries: Country[] },
): Store {
	return withArticles(buildStore0(dir, records), records.articles);
}

/**
 * Sorted as byDateDesc sorts, by bucketing on the date first: 100k incidents
 * fall on a few thousand dates, and sorting those and each day's few ids is
 * several times faster than one comparator sort over all of them.
 */
function newestFirst(list: readonly Incident[]): Incident[] {
	// Lists that are already in order (a load cache, sitrep's own exports) need only a check.
	let sorted = true;
	for (let i = 1; i < list.length && sorted; i++)
		sorted = byDateDesc(list[i - 1] as Incident, list[i] as Incident) <= 0;
	if (sorted) return [...list];
	const byDate = new Map<string, Incident[]>();
	for (const inc of list) {
		const day = byDate.get(inc.date);
		if (day) day.push(inc);
		else byDate.set(inc.date, [inc]);
	}
	const dates = [...byDate.keys()].sort().reverse();
	const out: Incident[] = [];
	for (const date of dates) {
		const day = byDate.get(date) as Incident[];
		if (day.length > 1) day.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		for (const inc of day) out.push(inc);
	}
	return out;
}

/** The store without articles: what the dashboard's first frame needs. */
export function buildStore0(
	dir: string,
	records: { incidents: Incident[]; actors: Actor[]; countries: Country[] },
): Store {
	const incidents = newestFirst(records.incidents);
	const actors = [...records.actors].sort((a, b) => compareText(a.name, b.name));
	const countries = [...records.countries].sort((a, b) => compareText(a.name, b.name));
	const store: Store = {
		dir,
		incidents,
		articles: [],
		actors,
		countries,
		incidentById: new Map(incidents.map((i) => [i.id, i])),
		articleById: new Map(),
		actorById: new Map(actors.map((a) => [a.id, a])),
		countryByCode: new Map(countries.map((c) => [c.code, c])),
		incidentsByCountry: new Map(),
		incidentsByActor: new Map(),
		articlesByActor: new Map(),
		articlesByCountry: new Map(),
		articlesByIncident: new Map(),
		incidentsByArticle: new Map(),
	};
	const involved = new Set<string>();
	for (const inc of incidents) indexIncident(store, inc, involved);
	return store;
}

/** Files an incident under its country and under each actor in it (`involved` is scratch space, reused). */
export function indexIncident(store: Store, inc: Incident, involved: Set<string>): void {
	push(store.incidentsByCountry, inc.country, inc);
	involved.clear();
	for (const id of inc.perpetrators) involved.add(id);
	for (const id of inc.targets) involved.add(id);
	if (inc.claimedBy) involved.add(inc.claimedBy);
	for (const id of involved) if (store.actorById.has(id)) push(store.incidentsByActor, id, inc);
}

/**
 * A store with these articles added to one without them: the incident,
 * actor and country indices are shared, so adding 10k articles to 100k
 * incidents does not sort or index the incidents again.
 */
export function withArticles(base: Store, list: readonly Article[]): Store {
	const articles = [...list].sort(articleOrder);
	const store: Store = {
		...base,
		articles,
		articleById: new Map(articles.map((a) => [a.id, a])),
		articlesByActor: new Map(),
		articlesByCountry: new Map(),
		articlesByIncident: new Map(),
		incidentsByArticle: new Map(),
	};
	if (articles.length === 0) return store;
	for (const inc of store.incidents) {
		for (const src of inc.sources) {
			const art = typeof src === 'string' ? store.articleById.get(src) : undefined;
			if (art) {
				push(store.articlesByIncident, inc.id, art);
				push(store.incidentsByArticle, art.id, inc);
			}
		}
	}
	for (const art of articles) {
		for (const id of new Set(art.actors)) push(store.articlesByActor, id, art);
		for (const c of new Set(art.countries)) push(store.articlesByCountry, c, art);
	}
	return store;
}
