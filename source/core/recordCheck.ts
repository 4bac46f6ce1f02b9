// The loader's fast path for every kind. zod builds every record anew
// and costs ~6 µs an incident; these checks cost a fraction of that. They
// accept only what zod accepts, build the same output (schema key order,
// defaults filled in), and return undefined for anything unusual — then the
// loader asks zod, whose messages explain what is wrong.
import type { Actor, Article, Country, Incident } from './schema.js';
import {
	ACTOR_KINDS,
	AFFILIATION_RELATIONS,
	checkToll,
	INCIDENT_FIELDS,
	INCIDENT_TYPES,
	isRealDate,
} from './schemaBase.js';

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const COUNTRY = /^[A-Z]{2}$/;
const DAY_OR_MONTH = /^\d{4}-\d{2}(-\d{2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const TYPES = new Set<string>(INCIDENT_TYPES.map(([label]) => label));

const INCIDENT_KEYS = new Set<string>(INCIDENT_FIELDS);
const ARTICLE_KEYS = new Set([
	'$schema',
	'id',
	'title',
	'published',
	'source',
	'author',
	'countries',
	'actors',
	'tags',
	'summary',
	'body',
]);

type Obj = Record<string, unknown>;

const INCIDENT_ORDER = new Map([...INCIDENT_KEYS].map((k, i) => [k, i]));
const ARTICLE_ORDER = new Map([...ARTICLE_KEYS].map((k, i) => [k, i]));

/** Keys in the order zod would output them, and no $schema (which the loader drops). */
function inSchemaOrder(v: Obj, order: Map<string, number>): boolean {
	let last = 0;
	for (const k in v) {
		const at = order.get(k) ?? -1;
		if (at <= last) return false;
		last = at;
	}
	return true;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optText = (v: unknown) => v === undefined || text(v);
const id = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const dayOrMonth = (v: unknown): v is string => typeof v === 'string' && DAY_OR_MONTH.test(v) && isRealDate(v);
const day = (v: unknown): v is string => typeof v === 'string' && DAY.test(v) && isRealDate(v.slice(0, 10));
const count = (v: unknown) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);
const coord = (v: unknown, limit: number) =>
	v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit);

/** A list of `ok` items, or [] when absent; undefined when it is not such a list. */
function list(v: unknown, ok: (x: unknown) => boolean): unknown[] | undefined {
	if (v === undefined) return [];
	if (!Array.isArray(v)) return undefined;
	for (const x of v) if (!ok(x)) return undefined;
	return v;
}

function onlyKeys(v: Obj, keys: Set<string>): boolean {
	for (const k in v) if (!keys.has(k)) return false;
	return true;
}

const DATASET_ORDER = new Map(['dataset', 'ref', 'cited'].map((k, i) => [k, i + 1]));
const OUTLET_ORDER = new Map(['outlet', 'date', 'title'].map((k, i) => [k, i + 1]));

/** Sources are kept as they are, so their keys must already be in zod's output order (else zod rebuilds them). */
function source(v: unknown): boolean {
	if (typeof v === 'string') return ID.test(v);
	if (!isObj(v)) return false;
	if (Object.hasOwn(v, 'dataset')) {
		return inSchemaOrder(v, DATASET_ORDER) && text(v.dataset) && text(v.ref) && optText(v.cited);
	}
	// URLs need zod's URL check: leave those records to it.
	return inSchemaOrder(v, OUTLET_ORDER) && text(v.outlet) && day(v.date) && optText(v.title);
}

const TOLL_ORDER = new Map(['best', 'low', 'high', 'reports', 'note'].map((k, i) => [k, i + 1]));
const REPORT_ORDER = new Map(['figure', 'upTo', 'by', 'outlet', 'date'].map((k, i) => [k, i + 1]));

function report(v: unknown): boolean {
	if (!isObj(v) || !inSchemaOrder(v, REPORT_ORDER) || v.figure === undefined || !count(v.figure)) return false;
	if (!count(v.upTo) || (v.upTo !== undefined && (v.upTo as number) < (v.figure as number))) return false;
	return text(v.by) && text(v.outlet) && day(v.date);
}

/** A plain count, or an object toll already in zod's key order (kept as it is) that passes the schema's checks. */
function fatalities(v: unknown): boolean {
	if (v === undefined || typeof v === 'number') return count(v);
	if (!isObj(v) || !inSchemaOrder(v, TOLL_ORDER)) return false;
	if (!count(v.best) || !count(v.low) || !count(v.high) || !optText(v.note)) return false;
	if (v.reports !== undefined && !(Array.isArray(v.reports) && v.reports.length > 0 && v.reports.every(report))) {
		return false;
	}
	let ok = true;
	checkToll(v as { best?: number; low?: number; high?: number }, () => {
		ok = false;
	});
	return ok;
}

/** Copies the keys that are present, in schema order (zod's output order). */
function put(out: Obj, v: Obj, key: string): void {
	if (v[key] !== undefined) out[key] = v[key];
}

export function fastIncident(v: unknown): Incident | undefined {
	if (!isObj(v) || !onlyKeys(v, INCIDENT_KEYS)) return undefined;
	if (!(v.$schema === undefined || typeof v.$schema === 'string')) return undefined;
	if (!id(v.id) || !dayOrMonth(v.date) || !(v.endDate === undefined || dayOrMonth(v.endDate))) return undefined;
	if (typeof v.country !== 'string' || !COUNTRY.test(v.country)) return undefined;
	if (!optText(v.admin1) || !optText(v.location) || !coord(v.lat, 90) || !coord(v.lon, 180)) return undefined;
	if (typeof v.type !== 'string' || !TYPES.has(v.type)) return undefined;
	const perpetrators = list(v.perpetrators, id);
	const targets = list(v.targets, text);
	const tags = list(v.tags, text);
	if (!perpetrators || !targets || !tags) return undefined;
	if (!fatalities(v.fatalities) || !count(v.injured) || !(v.claimedBy === undefined || id(v.claimedBy)))
		return undefined;
	if (!text(v.description)) return undefined;
	if (!(v.machineCoded === undefined || v.machineCoded === true)) return undefined;
	if (!Array.isArray(v.sources) || v.sources.length === 0 || !v.sources.every(source)) return undefined;
	// Most files are written by sitrep in schema order with every list present: keep the object as it is.
	if (inSchemaOrder(v, INCIDENT_ORDER) && v.perpetrators && v.targets && v.tags) return v as Incident;
	const out: Obj = {};
	for (const k of ['$schema', 'id', 'date', 'endDate', 'country', 'admin1', 'location', 'lat', 'lon', 'type']) {
		put(out, v, k);
	}
	out.perpetrators = perpetrators;
	out.targets = targets;
	for (const k of ['fatalities', 'injured', 'claimedBy', 'description', 'sources']) put(out, v, k);
	out.tags = tags;
	put(out, v, 'machineCoded');
	return out as Incident;
}

export function fastArticle(v: unknown): Article | undefined {
	if (!isObj(v) || !onlyKeys(v, ARTICLE_KEYS)) return undefined;
	if (!(v.$schema === undefined || typeof v.$schema === 'string')) return undefined;
	if (!id(v.id) || !text(v.title) || !day(v.published) || !text(v.source) || !optText(v.author)) return undefined;
	const countries = list(v.countries, (c) => typeof c === 'string' && COUNTRY.test(c));
	const actors = list(v.actors, id);
	const tags = list(v.tags, text);
	if (!countries || !actors || !tags || !optText(v.summary) || !text(v.body)) return undefined;
	if (inSchemaOrder(v, ARTICLE_ORDER) && v.countries && v.actors && v.tags) return v as Article;
	const out: Obj = {};
	for (const k of ['$schema', 'id', 'title', 'published', 'source', 'author']) put(out, v, k);
	out.countries = countries;
	out.actors = actors;
	out.tags = tags;
	put(out, v, 'summary');
	put(out, v, 'body');
	return out as Article;
}

// Actors and countries too: with them, a clean data set needs no zod at all (zod and the
// schemas are loaded only when a record needs them, which keeps them off the start-up path).
const ACTOR_KEYS = [
	'$schema',
	'id',
	'name',
	'short',
	'aliases',
	'weakAliases',
	'kind',
	'affiliations',
	'countries',
	'status',
	'summary',
	'firstActive',
	'lastActive',
];
const ACTOR_ORDER = new Map(ACTOR_KEYS.map((k, i) => [k, i]));
const ACTOR_KEY_SET = new Set(ACTOR_KEYS);
const AFFILIATION_ORDER = new Map(['actor', 'relation', 'role', 'since', 'until'].map((k, i) => [k, i + 1]));
const COUNTRY_KEYS = ['$schema', 'code', 'name', 'region', 'population', 'notes', 'tags'];
const POPULATION_ORDER = new Map(['count', 'year', 'source'].map((k, i) => [k, i + 1]));
const COUNTRY_ORDER = new Map(COUNTRY_KEYS.map((k, i) => [k, i]));
const COUNTRY_KEY_SET = new Set(COUNTRY_KEYS);
const KIND_SET = new Set<string>(ACTOR_KINDS);
const RELATION_SET = new Set<string>(AFFILIATION_RELATIONS);
const YEAR_MONTH_OR_DAY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const optYearMonthOrDay = (v: unknown) =>
	v === undefined ||
	(typeof v === 'string' && YEAR_MONTH_OR_DAY.test(v) && (v.length === 4 ? Number(v) >= 1000 : isRealDate(v)));
const country = (v: unknown) => typeof v === 'string' && COUNTRY.test(v);

/** Affiliations are kept as they are, so their keys must already be in zod's output order (else zod rebuilds them). */
function affiliation(v: unknown): boolean {
	if (!isObj(v) || !inSchemaOrder(v, AFFILIATION_ORDER)) return false;
	if (!id(v.actor) || typeof v.relation !== 'string' || !RELATION_SET.has(v.relation)) return false;
	return optText(v.role) && optYearMonthOrDay(v.since) && optYearMonthOrDay(v.until);
}

export function fastActor(v: unknown): Actor | undefined {
	if (!isObj(v) || !onlyKeys(v, ACTOR_KEY_SET)) return undefined;
	if (!(v.$schema === undefined || typeof v.$schema === 'string')) return undefined;
	if (!id(v.id) || !text(v.name) || !optText(v.short)) return undefined;
	if (typeof v.kind !== 'string' || !KIND_SET.has(v.kind)) return undefined;
	const aliases = list(v.aliases, text);
	const affiliations = list(v.affiliations, affiliation);
	const countries = list(v.countries, country);
	if (!aliases || !affiliations || !countries || !optText(v.status) || !text(v.summary)) return undefined;
	if (!optYearMonthOrDay(v.firstActive) || !optYearMonthOrDay(v.lastActive)) return undefined;
	// Each weak alias must be one of the aliases (zod says which is not).
	if (v.weakAliases !== undefined) {
		const weak = list(v.weakAliases, text);
		if (!weak?.every((w) => aliases.includes(w))) return undefined;
	}
	if (inSchemaOrder(v, ACTOR_ORDER) && v.aliases && v.affiliations && v.countries) return v as Actor;
	const out: Obj = {};
	for (const k of ['$schema', 'id', 'name', 'short']) put(out, v, k);
	out.aliases = aliases;
	put(out, v, 'weakAliases');
	put(out, v, 'kind');
	out.affiliations = affiliations;
	out.countries = countries;
	for (const k of ['status', 'summary', 'firstActive', 'lastActive']) put(out, v, k);
	return out as Actor;
}

const int = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
	typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Kept as it is, so its keys must already be in zod's output order. */
function population(v: unknown): boolean {
	if (!isObj(v) || !inSchemaOrder(v, POPULATION_ORDER) || Object.keys(v).length !== 3) return false;
	return int(v.count, 1) && int(v.year, 1900, 2200) && text(v.source);
}

export function fastCountry(v: unknown): Country | undefined {
	if (!isObj(v) || !onlyKeys(v, COUNTRY_KEY_SET)) return undefined;
	if (!(v.$schema === undefined || typeof v.$schema === 'string')) return undefined;
	if (!country(v.code) || !text(v.name) || !text(v.region) || !optText(v.notes)) return undefined;
	if (v.population !== undefined && !population(v.population)) return undefined;
	const tags = list(v.tags, text);
	if (!tags) return undefined;
	if (inSchemaOrder(v, COUNTRY_ORDER) && v.tags) return v as Country;
	const out: Obj = {};
	for (const k of ['$schema', 'code', 'name', 'region', 'population', 'notes']) put(out, v, k);
	out.tags = tags;
	return out as Country;
}
