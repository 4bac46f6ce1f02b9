// Timeline queries: filter incidents, count them by week or month. The TUI
// pane and `sitrep timeline` both call these.
import { addDays, dayNumber, firstDay, lastDay, parseDateBound, relativeSince, weekStart } from './dates.js';
import { killed, killedOr0 } from './fatalities.js';
import { memoByString } from './memo.js';
import { type Resolver, shortName } from './resolve.js';
import type { Actor, Incident, IncidentType } from './schema.js';
import type { Store } from './store.js';

export interface TimelineFilter {
	countries: string[];
	/** Perpetrator or claimant; an actor also selects the groups within it (Haqqani network within the Taliban). */
	actors: string[];
	types: IncidentType[];
	/** Left out, each written with a leading minus (-AF): no incident in these countries, by these actors (and the groups within them), of these types. */
	notCountries?: string[];
	notActors?: string[];
	notTypes?: IncidentType[];
	/** Inclusive YYYY-MM-DD bounds. */
	since?: string;
	until?: string;
	/** The relative form since was given in ("90d"), kept so a saved view moves with the data. */
	sinceRel?: string;
}

export const emptyFilter: TimelineFilter = { countries: [], actors: [], types: [] };

export function isEmptyFilter(f: TimelineFilter): boolean {
	return (
		!f.countries.length &&
		!f.actors.length &&
		!f.types.length &&
		!f.notCountries?.length &&
		!f.notActors?.length &&
		!f.notTypes?.length &&
		!f.since &&
		!f.until
	);
}

/**
 * The filter's values as typed: exclusions with their minus (`-AF`). What a saved view stores,
 * the filter bar shows, and parseFilter reads back.
 */
export function filterValues(f: TimelineFilter): { country: string[]; actor: string[]; type: string[] } {
	const minus = (v: readonly string[] | undefined) => (v ?? []).map((x) => `-${x}`);
	return {
		country: [...f.countries, ...minus(f.notCountries)],
		actor: [...f.actors, ...minus(f.notActors)],
		type: [...f.types, ...minus(f.notTypes)],
	};
}

/** The actor and every group that has it as parent, transitively. */
export function withSubgroups(store: { readonly actors: readonly Actor[] }, actorId: string): Set<string> {
	const out = new Set([actorId]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const a of store.actors) {
			if (out.has(a.id)) continue;
			if (a.affiliations.some((af) => af.relation === 'parent' && out.has(af.actor))) {
				out.add(a.id);
				grew = true;
			}
		}
	}
	return out;
}

export function filterIncidents(store: Store, f: TimelineFilter): Incident[] {
	const countries = f.countries.length ? new Set(f.countries) : undefined;
	const types = f.types.length ? new Set<string>(f.types) : undefined;
	const actors = f.actors.length ? new Set(f.actors.flatMap((a) => [...withSubgroups(store, a)])) : undefined;
	const notCountries = f.notCountries?.length ? new Set(f.notCountries) : undefined;
	const notTypes = f.notTypes?.length ? new Set<string>(f.notTypes) : undefined;
	// Leaving an actor out leaves out the groups within it too, as asking for it asks for them.
	const notActors = f.notActors?.length ? new Set(f.notActors.flatMap((a) => [...withSubgroups(store, a)])) : undefined;
	const by = (inc: Incident, set: Set<string>) =>
		inc.perpetrators.some((p) => set.has(p)) || (inc.claimedBy !== undefined && set.has(inc.claimedBy));
	// A month-only date covers the whole month: it matches when the month overlaps the range.
	const source =
		countries && countries.size === 1 ? (store.incidentsByCountry.get(f.countries[0] ?? '') ?? []) : store.incidents;
	return source.filter((inc) => {
		if (countries && !countries.has(inc.country)) return false;
		if (types && !types.has(inc.type)) return false;
		if (f.since && lastDay(inc.endDate ?? inc.date) < f.since) return false;
		if (f.until && firstDay(inc.date) > f.until) return false;
		if (actors && !by(inc, actors)) return false;
		if (notCountries?.has(inc.country)) return false;
		if (notTypes?.has(inc.type)) return false;
		if (notActors && by(inc, notActors)) return false;
		return true;
	});
}

/** How the Timeline orders incidents: newest first (the default), or deadliest first. */
export type TimelineSort = 'date' | 'fatalities';
export const TIMELINE_SORTS: readonly TimelineSort[] = ['date', 'fatalities'];

export function isTimelineSort(v: unknown): v is TimelineSort {
	return v === 'date' || v === 'fatalities';
}

/**
 * Incidents in the order asked for. By toll: the counted figure (core/fatalities.ts), highest
 * first; incidents without one last, since no figure is not zero killed. Ties keep the list's
 * own order (newest first): the sort is stable.
 */
export function sortIncidents(items: readonly Incident[], sort: TimelineSort): { items: Incident[]; untolled: number } {
	if (sort === 'date') return { items: items as Incident[], untolled: 0 };
	const tolled: { inc: Incident; n: number }[] = [];
	const untolled: Incident[] = [];
	for (const inc of items) {
		const n = killed(inc);
		if (n === undefined) untolled.push(inc);
		else tolled.push({ inc, n });
	}
	tolled.sort((a, b) => b.n - a.n);
	return { items: [...tolled.map((t) => t.inc), ...untolled], untolled: untolled.length };
}

export interface Bucket {
	/** First day of the week (Monday) or month. */
	start: string;
	count: number;
	fatalities: number;
}

/**
 * Counts per week or month, from the first to the last bucket of the range
 * (empty buckets included, so a sparkline shows quiet periods).
 */
/** More buckets than any screen can show: a range beyond this is narrowed to the data. */
export const MAX_BUCKETS = 2000;

export function countBy(
	incidents: readonly Pick<Incident, 'date' | 'fatalities'>[],
	unit: 'week' | 'month',
	range?: { since?: string; until?: string },
): Bucket[] {
	return countDates(
		incidents.map((i) => ({ date: i.date, count: 1, killed: killedOr0(i) })),
		unit,
		range,
	);
}

/**
 * countBy over incidents already counted per date (what a storage backend
 * returns from a GROUP BY): the same buckets for the same incidents.
 */
export function countDates(
	rows: readonly { date: string; count: number; killed: number }[],
	unit: 'week' | 'month',
	range?: { since?: string; until?: string },
): Bucket[] {
	if (rows.length === 0 && !(range?.since && range.until)) return [];
	// 100k incidents fall on a few thousand dates: work out each date's bucket once.
	const keyOf = memoByString((date) => (unit === 'week' ? weekStart(firstDay(date)) : `${date.slice(0, 7)}-01`));
	let min = '';
	let max = '';
	for (const row of rows) {
		const d = row.date;
		if (min === '' || d < min) min = d;
		if (d > max) max = d;
	}
	const earliest = min && firstDay(min);
	const latest = max && firstDay(max);
	let lo = range?.since ?? earliest;
	let hi = range?.until ?? latest;
	const span = (dayNumber(hi) - dayNumber(lo)) / (unit === 'week' ? 7 : 30);
	if (!(span < MAX_BUCKETS) && rows.length) {
		lo = earliest;
		hi = latest;
	}
	const keys: string[] = [];
	for (
		let k = keyOf(lo);
		k <= hi && /^\d{4}-/.test(k) && keys.length < MAX_BUCKETS;
		k = unit === 'week' ? addDays(k, 7) : nextMonth(k)
	) {
		keys.push(k);
	}
	const buckets = new Map(keys.map((k) => [k, { start: k, count: 0, fatalities: 0 }]));
	const first = keys[0];
	const last = keys[keys.length - 1];
	if (first === undefined || last === undefined) return [];
	for (const row of rows) {
		// An incident that starts before the range (a month-only date, a span) counts in its first bucket.
		let k = keyOf(row.date);
		if (k < first) k = first;
		else if (k > last) k = last;
		const b = buckets.get(k);
		if (b) {
			b.count += row.count;
			b.fatalities += row.killed;
		}
	}
	return [...buckets.values()];
}

function nextMonth(ym01: string): string {
	const y = Number(ym01.slice(0, 4));
	const m = Number(ym01.slice(5, 7));
	if (m === 12) return y >= 9999 ? '9999-99-99' : `${y + 1}-01-01`;
	return `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export interface FilterInput {
	country?: string | string[];
	actor?: string | string[];
	type?: string | string[];
	since?: string;
	until?: string;
	/** Where a relative since ("90d") ends; default: the newest incident's date. */
	anchor?: string;
}

export type FilterField = 'country' | 'actor' | 'type' | 'since' | 'until';

export interface FilterError {
	field: FilterField;
	message: string;
	suggestions: string[];
}

/** Splits "AF, PK" and repeated flags into single values. */
export function splitValues(v: string | string[] | undefined): string[] {
	const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
	return list
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Turns typed values into a filter; every bad value is reported with suggestions. */
export function parseFilter(resolver: Resolver, input: FilterInput): { filter: TimelineFilter; errors: FilterError[] } {
	const errors: FilterError[] = [];
	const filter: TimelineFilter = { countries: [], actors: [], types: [] };
	const each = <T>(
		field: FilterField,
		values: string[],
		resolve: (s: string) => ReturnType<Resolver['country']> | { ok: true; value: T },
		out: T[],
		not: T[],
	) => {
		for (const v of values) {
			// -AF: leave AF out. The minus is the value's, so "-AF, -PK" leaves out both.
			const negated = v.startsWith('-');
			const name = negated ? v.slice(1).trim() : v;
			if (!name) {
				errors.push({ field, message: `"-" with nothing after it (write -AF to leave AF out)`, suggestions: [] });
				continue;
			}
			const r = resolve(name);
			if (!r.ok) {
				errors.push({ field, message: r.error, suggestions: r.suggestions.map((s) => (negated ? `-${s}` : s)) });
				continue;
			}
			const value = r.value as T;
			const [list, other] = negated ? [not, out] : [out, not];
			if (other.includes(value)) {
				errors.push({ field, message: `${String(value)} is both asked for and left out`, suggestions: [] });
			} else if (!list.includes(value)) list.push(value);
		}
	};
	const notCountries: string[] = [];
	const notActors: string[] = [];
	const notTypes: IncidentType[] = [];
	each('country', splitValues(input.country), (s) => resolver.country(s), filter.countries, notCountries);
	each('actor', splitValues(input.actor), (s) => resolver.actor(s), filter.actors, notActors);
	each('type', splitValues(input.type), (s) => resolver.type(s), filter.types, notTypes);
	if (notCountries.length) filter.notCountries = notCountries;
	if (notActors.length) filter.notActors = notActors;
	if (notTypes.length) filter.notTypes = notTypes;
	for (const field of ['since', 'until'] as const) {
		const raw = input[field]?.trim();
		if (!raw) continue;
		const anchor = input.anchor ?? resolver.newestIncidentDate();
		const rel = field === 'since' && anchor ? relativeSince(raw, anchor) : undefined;
		const d = rel ?? parseDateBound(raw, field === 'until');
		if (d) filter[field] = d;
		else {
			const forms = field === 'since' ? 'YYYY, YYYY-MM, YYYY-MM-DD, or 90d/12w/6m/1y' : 'YYYY, YYYY-MM or YYYY-MM-DD';
			errors.push({ field, message: `bad date "${raw}" (expected ${forms})`, suggestions: [] });
		}
		if (rel) filter.sinceRel = raw.replace(/\s+/g, '').toLowerCase();
	}
	if (filter.since && filter.until && filter.since > filter.until) {
		errors.push({ field: 'until', message: `until ${filter.until} is before since ${filter.since}`, suggestions: [] });
	}
	return { filter, errors };
}

/**
 * "country:AF since:2024-12-01" — the filter in query syntax, for status lines; what is left
 * out reads as such: "actor:iskp country:not AF, PK".
 */
export function describeFilter(f: TimelineFilter): string {
	const parts: string[] = [];
	const q = (t: string) => (t.includes(' ') ? `"${t}"` : t);
	const not = (key: string, v: readonly string[] | undefined) => {
		if (v?.length) parts.push(`${key}:not ${v.map(q).join(', ')}`);
	};
	if (f.countries.length) parts.push(`country:${f.countries.join(',')}`);
	not('country', f.notCountries);
	if (f.actors.length) parts.push(`actor:${f.actors.join(',')}`);
	not('actor', f.notActors);
	for (const t of f.types) parts.push(`type:${q(t)}`);
	not('type', f.notTypes);
	if (f.since) parts.push(f.sinceRel ? `since:${f.sinceRel} (${f.since})` : `since:${f.since}`);
	if (f.until) parts.push(`until:${f.until}`);
	return parts.join(' ');
}

/** Who did it, for a table cell: short names of perpetrators, else the claimant, else "unknown". */
export function perpetratorLabel(store: { readonly actorById: ReadonlyMap<string, Actor> }, inc: Incident): string {
	const ids = inc.perpetrators.length ? inc.perpetrators : inc.claimedBy ? [inc.claimedBy] : [];
	if (ids.length === 0) return 'unknown';
	return ids
		.map((id) => {
			const a = store.actorById.get(id);
			return a ? shortName(a) : id;
		})
		.join(', ');
}
