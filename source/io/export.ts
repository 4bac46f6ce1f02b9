// What `sitrep export` exports: the records the filters (and, for articles
// and actors, a query) select, and the file they are written to. Order is the
// store's (incidents and articles newest first, actors by name) unless a query
// ranks them: then best first, as `sitrep search` and `sitrep actor` show them,
// so that --limit keeps the best matches (--sort date keeps the store's order).
// Their text is present/exportFile.ts.

import { matchActors } from '../core/actorProfile.js';
import { asBackend } from '../core/backend/memory.js';
import type { Backend } from '../core/backend/types.js';
import { CSV_KINDS, type CsvKind, type CsvRecordOf } from '../core/csv.js';
import type { Resolver } from '../core/resolve.js';
import { parseQuery } from '../core/search/index.js';
import type { Store } from '../core/store.js';
import { type FilterField, type FilterInput, parseFilter, withSubgroups } from '../core/timeline.js';
import { FileWriteError, writeFileAtomic } from './atomic.js';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_KINDS = CSV_KINDS;

const KIND_NAMES: Record<string, CsvKind> = {
	incidents: 'incidents',
	incident: 'incidents',
	articles: 'articles',
	article: 'articles',
	actors: 'actors',
	actor: 'actors',
};

const FORMAT_NAMES: Record<string, ExportFormat> = { csv: 'csv', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson' };

export function parseExportKind(input: string): CsvKind | undefined {
	return KIND_NAMES[input.trim().toLowerCase()];
}

export function parseExportFormat(input: string): ExportFormat | undefined {
	return FORMAT_NAMES[input.trim().toLowerCase().replace(/^\./, '')];
}

/** The format a file name implies: .csv, .json, .jsonl or .ndjson. */
export function formatOfPath(path: string): ExportFormat | undefined {
	const ext = /\.([A-Za-z]+)$/.exec(path)?.[1];
	return ext ? parseExportFormat(ext) : undefined;
}

export interface ExportFilterInput extends FilterInput {
	/** Articles: a query in the search syntax; actors: a name or alias (typos allowed). */
	query?: string;
	limit?: number;
	/** rank (the default with a query) or date; as typed, checked in selectRecords. */
	sort?: string;
}

export const EXPORT_SORTS = ['rank', 'date'] as const;

export interface ExportError {
	/** The flag ("--country") or the query token at fault. */
	what: string;
	message: string;
	suggestions: string[];
}

export type Selection<K extends CsvKind> =
	| { records: CsvRecordOf[K][]; notes: string[] }
	| { records?: undefined; errors: ExportError[] };

/** Which flags each kind takes; others are usage errors rather than silently ignored. */
const FLAGS: Record<CsvKind, FilterField[]> = {
	incidents: ['country', 'actor', 'type', 'since', 'until'],
	articles: ['country', 'actor', 'since', 'until'],
	actors: ['country'],
};

function unsupported(kind: CsvKind, input: ExportFilterInput): ExportError[] {
	const errors: ExportError[] = [];
	for (const field of ['country', 'actor', 'type', 'since', 'until'] as const) {
		const v = input[field];
		const given = Array.isArray(v) ? v.length > 0 : v !== undefined && v.trim() !== '';
		if (given && !FLAGS[kind].includes(field)) {
			errors.push({
				what: `--${field}`,
				message: `does not apply to ${kind} (${kind} take ${FLAGS[kind].map((f) => `--${f}`).join(', ')}${kind === 'incidents' ? '' : ' and a query'})`,
				suggestions: [],
			});
		}
	}
	if (kind === 'incidents' && input.query?.trim()) {
		errors.push({
			what: 'query',
			message: 'incidents take no query; filter them with --country, --actor, --type, --since and --until',
			suggestions: [],
		});
	}
	return errors;
}

/** The records of one kind that the filters (and, for articles and actors, the query) select. */
export function selectRecords<K extends CsvKind>(
	source: Store | Backend,
	resolver: Resolver,
	kind: K,
	input: ExportFilterInput,
): Selection<K> {
	const store = asBackend(source);
	const bad = unsupported(kind, input);
	if (bad.length) return { errors: bad };
	const { filter, errors } = parseFilter(resolver, input);
	if (errors.length) {
		return { errors: errors.map((e) => ({ what: `--${e.field}`, message: e.message, suggestions: e.suggestions })) };
	}
	const query = input.query?.trim() ?? '';
	const sort = sortOf(kind, input.sort, query);
	if (typeof sort !== 'string') return { errors: [sort] };
	let records: CsvRecordOf[CsvKind][];
	const notes: string[] = [];
	if (kind === 'incidents') {
		// Newest first, as the store holds them; a limit asks for no more than it keeps.
		const total = store.incidentPage(filter, 'date', 0, 0).total;
		records = store.incidentPage(filter, 'date', 0, Math.min(total, input.limit ?? total)).rows;
	} else if (kind === 'articles') {
		const subgroups = (ids: readonly string[]) => [...new Set(ids.flatMap((a) => [...withSubgroups(store, a)]))];
		let found: Map<string, number> | undefined;
		if (query) {
			const hits = searchArticles(store, resolver, query);
			if ('errors' in hits) return { errors: hits.errors };
			found = new Map(hits.ids.map((id, rank) => [id, rank]));
			if (hits.partial) notes.push(`no article matches every word of "${query}": none exported`);
		}
		// Left out: an article that names an excluded country or actor.
		records = store
			.articlesWhere({
				countries: filter.countries,
				notCountries: filter.notCountries ?? [],
				actors: subgroups(filter.actors),
				notActors: subgroups(filter.notActors ?? []),
				...(filter.since ? { since: filter.since } : {}),
				...(filter.until ? { until: filter.until } : {}),
			})
			.filter((a) => !found || found.has(a.id));
		if (found && sort === 'rank') records = byRank(records, found);
	} else {
		// Every close match, as `sitrep actor` ranks them: names, short names and aliases, typos allowed.
		const found = query
			? new Map(matchActors(store, query, store.actors.length).map((m, rank) => [m.actor.id, rank]))
			: undefined;
		records = store.actors.filter(
			(a) =>
				(!filter.countries.length || a.countries.some((c) => filter.countries.includes(c))) &&
				!a.countries.some((c) => filter.notCountries?.includes(c)) &&
				(!found || found.has(a.id)),
		);
		if (found && sort === 'rank') records = byRank(records, found);
	}
	if (input.limit !== undefined && records.length > input.limit) records = records.slice(0, input.limit);
	return { records: records as CsvRecordOf[K][], notes };
}

/**
 * The order asked for, or why it cannot be had: rank needs a query to rank by,
 * and actors carry no date to sort on.
 */
function sortOf(kind: CsvKind, input: string | undefined, query: string): 'rank' | 'date' | ExportError {
	const typed = input?.trim().toLowerCase();
	if (!typed) return query ? 'rank' : 'date';
	const sort = EXPORT_SORTS.find((s) => s === typed);
	if (!sort) return { what: '--sort', message: `unknown order "${input}"; expected rank or date`, suggestions: [] };
	if (sort === 'rank' && !query) {
		return { what: '--sort', message: 'rank orders the matches of a query; give one, or --sort date', suggestions: [] };
	}
	if (sort === 'date' && kind === 'actors') {
		return { what: '--sort', message: 'actors have no date; they come by name, or ranked by a query', suggestions: [] };
	}
	return sort;
}

function byRank<T extends { id: string }>(records: T[], rank: Map<string, number>): T[] {
	return records.toSorted((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
}

/** Article ids the search engine finds for the query, best first; partial matches do not count. */
function searchArticles(
	store: Backend,
	resolver: Resolver,
	query: string,
): { ids: string[]; partial: boolean } | { errors: ExportError[] } {
	const parsed = parseQuery(query, resolver);
	if (parsed.errors.length) {
		return { errors: parsed.errors.map((e) => ({ what: e.token, message: e.message, suggestions: e.suggestions })) };
	}
	if (parsed.filters.scope === 'incidents') {
		return { errors: [{ what: 'in:incidents', message: 'an articles export searches articles', suggestions: [] }] };
	}
	parsed.filters.scope = 'articles';
	const out = store.search(parsed, { limit: Math.max(1, store.totals().articles) });
	if (out.partial) return { ids: [], partial: true };
	return { ids: out.results.filter((r) => r.kind === 'article').map((r) => r.id), partial: false };
}

/**
 * Writes an export so a reader of FILE sees the old file or the new one, never
 * half of one. `exclusive` never replaces a file (the dashboard names another).
 * Returns why it failed, said about FILE.
 */
export function writeExportFile(file: string, text: string, opts: { exclusive?: boolean } = {}): string | undefined {
	try {
		writeFileAtomic(file, text, opts);
		return undefined;
	} catch (err) {
		if (err instanceof FileWriteError) return err.message;
		throw err;
	}
}
