// The questions sitrep's answers ask of the data, whichever backend holds it:
// the in-memory store (core/backend/memory.ts) or the SQLite index
// (io/store/sqlite/backend.ts). Each call asks for what a pane or command
// shows — a page, a window's incidents, per-day sums — never for all records,
// so a backend can keep millions of them on disk. Scores, levels, explanations
// and briefs are computed in core from these answers, one rule for every
// backend; tests/conformance runs every answer over each backend and requires
// them equal. Synchronous: both backends answer in-process (docs/dev/storage.md
// says how a server backend keeps this shape).
import type { PlaceCount } from '../placeNames.js';
import type { CountrySums, DayRange } from '../risk.js';
import type { Actor, Article, Country, Incident } from '../schema.js';
import type { IncidentType } from '../schemaBase.js';
import type { ParsedQuery } from '../search/query.js';
import type { SearchOptions, SearchOutcome } from '../search/rank.js';
import type { TimelineFilter, TimelineSort } from '../timeline.js';

export interface IncidentPage {
	/** Incidents the filter matches, in all. */
	total: number;
	/** Of those, without a reported toll (they sort last by toll). */
	untolled: number;
	/** The page asked for, in the order asked for. */
	rows: Incident[];
}

/** Incidents and their dead on one recorded date (YYYY-MM-DD or YYYY-MM). */
export interface DateCount {
	date: string;
	count: number;
	killed: number;
}

/** A country's incidents on one effective day: their number and points before recency (core/risk basePoints). */
export interface DayPoints {
	day: string;
	incidents: number;
	base: number;
}

/** An actor's incidents in a range, by role. */
export interface ActorWindow {
	/** As perpetrator or claimant. */
	asPerpetrator: number;
	asTarget: number;
	/** In any role. */
	incidents: number;
	/** Per effective day (in `date`), oldest first: the row's weekly sparkline. */
	days: DateCount[];
}

/** Which articles an export takes: actor ids already with their subgroups; days inclusive (YYYY-MM-DD). */
export interface ArticleFilter {
	countries: readonly string[];
	notCountries: readonly string[];
	actors: readonly string[];
	notActors: readonly string[];
	since?: string;
	until?: string;
	/** Only articles an incident of this type cites among its sources (a watched type's articles). */
	citedByType?: IncidentType;
}

/** Whose incidents incidentsOf lists: any of the actors (in any role, no subgroups added), in the country, of the type. */
export interface IncidentsOf {
	actors?: readonly string[];
	country?: string;
	type?: IncidentType;
}

export interface Backend {
	readonly kind: 'memory' | 'sqlite';
	/** Small tables, whole: actors and countries by name. */
	readonly actors: readonly Actor[];
	readonly actorById: ReadonlyMap<string, Actor>;
	readonly countries: readonly Country[];
	readonly countryByCode: ReadonlyMap<string, Country>;
	/**
	 * The same object for as long as the incidents are the same (a reload that brought only
	 * articles keeps it): what is worked out from incidents is cached on it.
	 */
	readonly incidentsKey: object;

	totals(): { incidents: number; articles: number };
	/** Codes of the countries with incidents, sorted. */
	incidentCountries(): string[];
	/** Incidents counted by country, location and province as recorded (core/placeNames.ts reads them). */
	placeCounts(): PlaceCount[];
	/**
	 * The newest effective day of any incident (core/risk effectiveDay), the newest
	 * recorded incident date (where a relative "90d" counts from), and the newest article's day.
	 */
	newestDays(): { incident?: string; incidentDate?: string; article?: string };

	incident(id: string): Incident | undefined;
	article(id: string): Article | undefined;
	/** The incidents that cite the article among their sources, newest first (date, then id). */
	citingIncidents(articleId: string): Incident[];

	/** A page of the Timeline: the filter (actors with the groups within them), sorted, rows [offset, offset+limit). */
	incidentPage(filter: TimelineFilter, sort: TimelineSort, offset: number, limit: number): IncidentPage;
	/** Where the incident sits in incidentPage's order for the filter (0-based), or -1 when the filter leaves it out: a list re-filtered or re-sorted keeps it selected. */
	incidentIndex(filter: TimelineFilter, sort: TimelineSort, id: string): number;
	/** What the filter matches, per recorded date, oldest first: the Timeline's weekly and monthly counts. */
	incidentDates(filter: TimelineFilter): DateCount[];

	/** A country's incidents whose effective day is in the range, newest first by date then id (the store's order). */
	countryIncidents(code: string, range: DayRange, machineCoded: boolean): Incident[];
	/** A country's per-day points in the range, oldest first: what a baseline window's score sums. */
	countryDays(code: string, range: DayRange, machineCoded: boolean): DayPoints[];
	/**
	 * A country's incidents in the range summed per effective day, and per key (core/riskPoints
	 * riskKeysOf), in sortCountrySums order: what a risk row shows, without its records.
	 */
	countrySums(code: string, range: DayRange): CountrySums;

	/**
	 * A country's articles for a brief: those naming the country and those whose id is in
	 * `cited` (sources of its incidents), published on or before `until`, newest first
	 * (published, then id), at most `limit`.
	 */
	countryArticles(code: string, cited: readonly string[], until: string, limit: number): Article[];

	/**
	 * Articles naming any of the countries and any of the actors (each list: no condition when
	 * empty), none of the excluded, published within the days: newest first (published, then id).
	 */
	articlesWhere(filter: ArticleFilter): Article[];

	/**
	 * The incidents of `which` whose days (date through end date) reach into [since, until]
	 * (YYYY-MM-DD, inclusive), newest first (date, then id): a watched item's records in an
	 * alert rule's period.
	 */
	incidentsOf(which: IncidentsOf, since: string, until: string): Incident[];

	/**
	 * Ids of every record of `which` (a watched item): its incidents newest first (date, then
	 * id); its articles newest first (published, then id) — those linking any of the actors, or
	 * naming the country, or (a type) cited by its incidents. Ids only: the watchlist compares
	 * them with what was seen, and an item can hold hundreds of thousands.
	 */
	watchIds(which: IncidentsOf): { incidents: string[]; articles: string[] };
	/**
	 * watchIds a slice at a time, where reading them can take seconds (the SQLite index: ~2 s for a
	 * country of 1M incidents): the generator yields between slices, so a caller on the event loop
	 * (core/slices runSteps) lets keys and frames through; `slice`: ids per slice. Without it, watchIds is quick.
	 */
	watchIdSteps?(which: IncidentsOf, slice?: number): Generator<void, { incidents: string[]; articles: string[] }>;

	/** Every incident the actor took part in, newest first (date, then id). */
	actorIncidents(actorId: string): Incident[];
	/** Per actor with incidents in the range (effective day). */
	actorWindows(range: DayRange): Map<string, ActorWindow>;
	/** Per actor: the recorded date of its newest incident whose effective day is not after `until`. */
	actorLastDates(until: string): Map<string, string>;
	/**
	 * Articles that may mention the actor, newest first (published, then id): those linking it,
	 * and those whose text holds any of `words` (a term's first word, folded). A superset: core
	 * checks each for the actor's names (core/actorProfile.ts mentionsOf).
	 */
	mentionCandidates(actorId: string, words: readonly string[]): Article[];

	/**
	 * Full-text search (core/search): the query, parsed by core, answered as the
	 * in-memory engine answers it — results, their order, snippets and highlights.
	 */
	search(query: ParsedQuery, opts: SearchOptions): SearchOutcome;
	/** Outlet names of the articles and of the sources incidents cite by name, sorted: what source: resolves against. */
	outlets(): string[];
}
