// The watchlist: actors, countries and incident types an analyst follows, and
// what is new for them since the previous session. Pure: the TUI header and
// `sitrep watch` both call these; watchState.ts persists what was seen.

import type { Backend, IncidentsOf } from './backend/types.js';
import { shortName } from './resolve.js';
import type { Actor } from './schema.js';
import { type IncidentType, incidentTypeLabels } from './schemaBase.js';
import { withSubgroups } from './timeline.js';

export type WatchKind = 'actor' | 'country' | 'type';
export interface WatchItem {
	kind: WatchKind;
	/** Actor id, ISO country code or incident type label. */
	id: string;
}

export function watchKey(item: WatchItem): string {
	return `${item.kind}:${item.id}`;
}

const ACTOR_ID = /^[a-z0-9][a-z0-9._-]*$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

/** The item a key names, checked against the schema's shapes (not the data: a watched actor may leave it). */
export function parseWatchKey(key: string): WatchItem | undefined {
	const colon = key.indexOf(':');
	if (colon < 0) return undefined;
	const kind = key.slice(0, colon);
	const id = key.slice(colon + 1);
	if (kind === 'actor' && ACTOR_ID.test(id)) return { kind, id };
	if (kind === 'country' && COUNTRY_CODE.test(id)) return { kind, id };
	if (kind === 'type' && (incidentTypeLabels as readonly string[]).includes(id)) return { kind, id };
	return undefined;
}

export function watchLabel(
	store: { actorById: ReadonlyMap<string, Actor>; countryByCode: ReadonlyMap<string, { name: string }> },
	item: WatchItem,
): string {
	if (item.kind === 'actor') {
		const a = store.actorById.get(item.id);
		return a ? shortName(a) : item.id;
	}
	if (item.kind === 'country') return store.countryByCode.get(item.id)?.name ?? item.id;
	return item.id;
}

/**
 * Ids of the incidents and articles that belong to a watched item, newest first.
 * An actor brings its subgroups (watching the Taliban shows the Haqqani network),
 * for articles too; a type's articles are those its incidents cite.
 */
export function idsOf(data: Backend, item: WatchItem): { incidents: string[]; articles: string[] } {
	return data.watchIds(watchedBy(data, item));
}

/** idsOf a slice at a time where the backend reads them so (Backend.watchIdSteps); at once otherwise. */
export function* idStepsOf(
	data: Backend,
	item: WatchItem,
): Generator<void, { incidents: string[]; articles: string[] }> {
	const which = watchedBy(data, item);
	return data.watchIdSteps ? yield* data.watchIdSteps(which) : data.watchIds(which);
}

function watchedBy(data: Backend, item: WatchItem): IncidentsOf {
	if (item.kind === 'actor') return { actors: [...withSubgroups(data, item.id)] };
	if (item.kind === 'country') return { country: item.id };
	return { type: item.id as IncidentType };
}

/** What the analyst has already seen, per watched item key. */
export interface Seen {
	/** ISO timestamp of the previous session. */
	since: string;
	items: Record<string, { incidents: string[]; articles: string[] }>;
}

export interface WhatsNew {
	since: string | undefined;
	items: { item: WatchItem; key: string; label: string; incidents: string[]; articles: string[] }[];
	incidents: number;
	articles: number;
	newIncidentIds: Set<string>;
	newArticleIds: Set<string>;
}

/** The items once each, in the order given (a hand-edited watchlist may repeat one). */
function distinct(items: readonly WatchItem[]): WatchItem[] {
	const keys = new Set<string>();
	return items.filter((it) => {
		const k = watchKey(it);
		if (keys.has(k)) return false;
		keys.add(k);
		return true;
	});
}

/**
 * New = ids of a watched item that are not in its seen list. An item with no
 * seen entry yet (just watched) has nothing new. Totals count distinct ids.
 */
/** How an item's ids are had: read from the data, or from a cache of them (the dashboard's: ui/watch.ts idsFor). */
export type IdsOf = (data: Backend, item: WatchItem) => { incidents: string[]; articles: string[] };

export function whatsNew(
	data: Backend,
	items: readonly WatchItem[],
	seen: Seen | undefined,
	ids: IdsOf = idsOf,
): WhatsNew {
	const out: WhatsNew = {
		since: seen?.since,
		items: [],
		incidents: 0,
		articles: 0,
		newIncidentIds: new Set(),
		newArticleIds: new Set(),
	};
	for (const item of distinct(items)) {
		const key = watchKey(item);
		const entry = seen?.items[key];
		let incidents: string[] = [];
		let articles: string[] = [];
		if (entry) {
			const now = ids(data, item);
			const seenIncidents = new Set(entry.incidents);
			const seenArticles = new Set(entry.articles);
			incidents = now.incidents.filter((id) => !seenIncidents.has(id));
			articles = now.articles.filter((id) => !seenArticles.has(id));
		}
		for (const id of incidents) out.newIncidentIds.add(id);
		for (const id of articles) out.newArticleIds.add(id);
		out.items.push({ item, key, label: watchLabel(data, item), incidents, articles });
	}
	out.incidents = out.newIncidentIds.size;
	out.articles = out.newArticleIds.size;
	return out;
}

/**
 * The seen lists to store for next time: everything each watched item has now,
 * minus the ids still unseen, so they stay new next session. Computed from the
 * full data: a store still waiting for its articles would forget the articles seen.
 */
export function nextSeen(
	data: Backend,
	items: readonly WatchItem[],
	stillNew: { incidents: ReadonlySet<string>; articles: ReadonlySet<string> },
	now: string,
	ids: IdsOf = idsOf,
): Seen {
	const seen: Seen = { since: now, items: {} };
	for (const item of distinct(items)) {
		const has = ids(data, item);
		seen.items[watchKey(item)] = {
			incidents: has.incidents.filter((id) => !stillNew.incidents.has(id)).sort(),
			articles: has.articles.filter((id) => !stillNew.articles.has(id)).sort(),
		};
	}
	return seen;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 new incidents, 1 article", "2 new articles" or "nothing new": one item's line, or the totals. */
export function newCounts(incidents: number, articles: number): string {
	if (incidents && articles) return `${plural(incidents, 'new incident')}, ${plural(articles, 'article')}`;
	if (incidents) return plural(incidents, 'new incident');
	if (articles) return plural(articles, 'new article');
	return 'nothing new';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14:02": the hour and minute in local time. */
export function clockTime(d: Date): string {
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "12 Nov 14:02" in local time; the year only when it is not this year's. */
export function sessionTime(iso: string, now: Date = new Date()): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const year = d.getFullYear() === now.getFullYear() ? '' : ` ${d.getFullYear()}`;
	return `${d.getDate()} ${MONTHS[d.getMonth()]}${year} ${clockTime(d)}`;
}

/** "4 new incidents, 2 articles since 12 Nov 14:02" (or "nothing new since …", or "watching nothing"). */
export function summarize(w: WhatsNew, now?: Date): string {
	if (w.items.length === 0) return 'watching nothing';
	const counts = newCounts(w.incidents, w.articles);
	return w.since ? `${counts} since ${sessionTime(w.since, now)}` : counts;
}
