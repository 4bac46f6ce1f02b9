// The in-memory data set with its indices. Built once after loading; never mutated.
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) {
		if (list[list.length - 1] !== value) list.push(value);
	} else map.set(key, [value]);
}

export function byDateDesc(a: { date: string; id: string }, b: { date: string; id: string }): number {
	return a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The roles an actor plays in an incident. */
export function rolesIn(inc: Incident, actorId: string): ActorRole[] {
	const roles: ActorRole[] = [];
	if (inc.perpetrators.includes(actorId)) roles.push('perpetrator');
	if (inc.targets.includes(actorId)) roles.push('target');
	if (inc.claimedBy === actorId) roles.push('claimant');
	return roles;
}

export function buildStore(
	dir: string,
	records: { articles: Article[]; incidents: Incident[]; actors: Actor[]; countries: Country[] },
): Store {
	const incidents = [...records.incidents].sort(byDateDesc);
	const articles = [...records.articles].sort((a, b) =>
		byDateDesc({ date: a.published, id: a.id }, { date: b.published, id: b.id }),
	);
	const actors = [...records.actors].sort((a, b) => a.name.localeCompare(b.name));
	const countries = [...records.countries].sort((a, b) => a.name.localeCompare(b.name));
	const store: Store = {
		dir,
		incidents,
		articles,
		actors,
		countries,
		incidentById: new Map(incidents.map((i) => [i.id, i])),
		articleById: new Map(articles.map((a) => [a.id, a])),
		actorById: new Map(actors.map((a) => [a.id, a])),
		countryByCode: new Map(countries.map((c) => [c.code, c])),
		incidentsByCountry: new Map(),
		incidentsByActor: new Map(),
		articlesByActor: new Map(),
		articlesByCountry: new Map(),
		articlesByIncident: new Map(),
		incidentsByArticle: new Map(),
	};
	for (const inc of incidents) {
		push(store.incidentsByCountry, inc.country, inc);
		const involved = new Set([...inc.perpetrators, ...inc.targets, ...(inc.claimedBy ? [inc.claimedBy] : [])]);
		for (const id of involved) if (store.actorById.has(id)) push(store.incidentsByActor, id, inc);
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
