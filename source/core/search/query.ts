// Query language: free words, "exact phrases", -exclusions and filters
// (country: actor: type: since: until: source: in:). Bad filter values become
// errors with suggestions; nothing here throws.
import { parseDateBound } from '../dates.js';
import type { Resolved, Resolver } from '../resolve.js';
import type { IncidentType } from '../schema.js';
import { splitValues, withSubgroups } from '../timeline.js';
import { foldedWords } from '../tokenize.js';
import { type FilterKey, lexQuery, type QueryToken } from './lex.js';
import { resolveSource } from './sources.js';

export type SearchScope = 'all' | 'articles' | 'incidents';

/** Caps that keep a pasted 10,000-character query cheap. */
export const MAX_UNITS = 16;
export const MAX_WORD_LENGTH = 64;
const MAX_PHRASE_WORDS = 16;
/** Filter values in all (country:PK,AF counts two). */
export const MAX_FILTER_VALUES = 32;
/** No name is longer: a longer value is refused before fuzzy matching, whose cost grows with it. */
export const MAX_VALUE_LENGTH = 100;
const POSSESSIVE = /['\u2019\u02bc]s$/i;

export interface QueryTerm {
	/** Folded word. */
	text: string;
	/** The word being typed (last in the line, no space after it): also matches words it starts. */
	prefix: boolean;
}

export interface QueryError {
	/** The token as typed, e.g. `country:Narnia`. */
	token: string;
	message: string;
	suggestions: string[];
	/** Offsets of the token in the input. */
	start: number;
	end: number;
}

export interface FilterSet {
	countries: string[];
	/** Actor ids as resolved. */
	actors: string[];
	/** The actors and every group within them (what documents are matched against). */
	actorsWithin: string[];
	types: IncidentType[];
	/** Outlet names as they appear in the data. */
	sources: string[];
}

export interface SearchFilters extends FilterSet {
	scope: SearchScope;
	/** Inclusive YYYY-MM-DD bounds. */
	since?: string;
	until?: string;
	/** Negated filters (-country:PK). */
	not: FilterSet;
}

export interface ParsedQuery {
	input: string;
	/** Words that must all match (typos and, for the last, prefixes allowed). */
	terms: QueryTerm[];
	/** Phrases that must match exactly, as folded words. */
	phrases: string[][];
	/** Words (one element) or phrases that must not occur. */
	exclude: string[][];
	filters: SearchFilters;
	errors: QueryError[];
	/** Words or filters beyond the caps were ignored. */
	truncated: boolean;
}

const SCOPES: Record<string, SearchScope> = {
	all: 'all',
	any: 'all',
	articles: 'articles',
	article: 'articles',
	incidents: 'incidents',
	incident: 'incidents',
};

function emptySet(): FilterSet {
	return { countries: [], actors: [], actorsWithin: [], types: [], sources: [] };
}

export function emptyFilters(): SearchFilters {
	return { scope: 'all', ...emptySet(), not: emptySet() };
}

/** True when the query has words or phrases to rank by (else: newest first). */
export function hasText(q: ParsedQuery): boolean {
	return q.terms.length > 0 || q.phrases.length > 0;
}

export function hasFilters(f: SearchFilters): boolean {
	const any = (s: FilterSet) =>
		s.countries.length > 0 || s.actorsWithin.length > 0 || s.types.length > 0 || s.sources.length > 0;
	return f.scope !== 'all' || any(f) || any(f.not) || f.since !== undefined || f.until !== undefined;
}

function addUnique<T>(list: T[], value: T): void {
	if (!list.includes(value)) list.push(value);
}

export function parseQuery(input: string, resolver: Resolver): ParsedQuery {
	const q: ParsedQuery = {
		input,
		terms: [],
		phrases: [],
		exclude: [],
		filters: emptyFilters(),
		errors: [],
		truncated: false,
	};
	const tokens = lexQuery(input);
	const last = tokens[tokens.length - 1];
	const typing = last !== undefined && last.end === input.length && !last.key && !last.quoted && !last.negated;
	let filterValues = 0;
	let units = 0;
	const seen = new Set<string>();
	for (const tok of tokens) {
		if (tok.key) {
			if (filterValues >= MAX_FILTER_VALUES) {
				q.truncated = true;
				continue;
			}
			filterValues += applyFilter(q, tok, resolver, MAX_FILTER_VALUES - filterValues);
			continue;
		}
		if (units >= MAX_UNITS && !tok.negated) {
			q.truncated = true;
			continue;
		}
		// "Kabul's" means Kabul: a possessive would otherwise add a required word "s".
		let words = foldedWords(tok.quoted ? tok.value : tok.value.replace(POSSESSIVE, ''));
		if (words.length === 0) continue;
		if (words.some((w) => w.length > MAX_WORD_LENGTH) || words.length > MAX_PHRASE_WORDS) {
			q.truncated = true;
			words = words.slice(0, MAX_PHRASE_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
		}
		if (tok.negated) {
			if (q.exclude.length < MAX_UNITS) q.exclude.push(words);
			else q.truncated = true;
		} else if (tok.quoted) {
			const key = `"${words.join(' ')}`;
			if (!seen.has(key)) {
				seen.add(key);
				q.phrases.push(words);
				units++;
			}
		} else {
			words.forEach((text, i) => {
				const prefix = typing && tok === last && i === words.length - 1;
				const key = `${prefix ? '*' : ''}${text}`;
				if (units >= MAX_UNITS) q.truncated = true;
				else if (!seen.has(key)) {
					seen.add(key);
					q.terms.push({ text, prefix });
					units++;
				}
			});
		}
	}
	const f = q.filters;
	if (f.since && f.until && f.since > f.until) {
		const tok = [...tokens].reverse().find((t) => t.key === 'until' || t.key === 'since');
		q.errors.push({
			token: tok ? input.slice(tok.start, tok.end) : '',
			message: `until ${f.until} is before since ${f.since}`,
			suggestions: [],
			start: tok?.start ?? 0,
			end: tok?.end ?? 0,
		});
	}
	return q;
}

/** Applies one filter token; returns how many values it used of the `budget` left. */
function applyFilter(q: ParsedQuery, tok: QueryToken, resolver: Resolver, budget: number): number {
	const key = tok.key as FilterKey;
	const token = q.input.slice(tok.start, tok.end);
	const fail = (message: string, suggestions: string[] = []) =>
		q.errors.push({ token, message, suggestions, start: tok.start, end: tok.end });
	const value = tok.value.trim();
	if (value === '') return 1; // still being typed: completion will offer values
	const set = tok.negated ? q.filters.not : q.filters;
	if (key === 'since' || key === 'until' || key === 'in') {
		if (tok.negated) {
			fail(`${key}: cannot be negated`);
			return 1;
		}
		if (key === 'in') {
			const scope = SCOPES[value.toLowerCase()];
			if (scope) q.filters.scope = scope;
			else fail(`unknown scope "${value}" (in: takes articles, incidents or all)`, ['articles', 'incidents', 'all']);
			return 1;
		}
		const day = parseDateBound(value, key === 'until');
		if (day) q.filters[key] = day;
		else fail(`bad date "${value}" for ${key}: (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
		return 1;
	}
	const values = splitValues(value);
	if (values.length > budget) q.truncated = true;
	for (const v of values.slice(0, budget)) {
		if (v.length > MAX_VALUE_LENGTH) {
			fail(`${key}: value longer than ${MAX_VALUE_LENGTH} characters`);
			continue;
		}
		let r: Resolved<string>;
		if (key === 'country') r = resolver.country(v);
		else if (key === 'actor') r = resolver.actor(v);
		else if (key === 'type') r = resolver.type(v);
		else r = resolveSource(resolver.data, v);
		if (!r.ok) {
			fail(r.error, r.suggestions);
			continue;
		}
		if (key === 'country') addUnique(set.countries, r.value);
		else if (key === 'type') addUnique(set.types, r.value as IncidentType);
		else if (key === 'source') addUnique(set.sources, r.value);
		else {
			addUnique(set.actors, r.value);
			for (const id of withSubgroups(resolver.data, r.value)) addUnique(set.actorsWithin, id);
		}
	}
	return Math.max(1, Math.min(values.length, budget));
}
