// What `sitrep export` exports: the records the filters (and, for articles
// and actors, a query) select, and the file they are written to. Order is the
// store's: incidents and articles newest first, actors by name. Their text is
// present/exportFile.ts.

import { matchActors } from '../core/actorProfile.js';
import { CSV_KINDS, type CsvKind, type CsvRecordOf } from '../core/csv.js';
import type { Resolver } from '../core/resolve.js';
import { indexStore, parseQuery, searchWithInfo } from '../core/search/index.js';
import type { Store } from '../core/store.js';
import { type FilterField, type FilterInput, filterIncidents, parseFilter, withSubgroups } from '../core/timeline.js';
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
}

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
	store: Store,
	resolver: Resolver,
	kind: K,
	input: ExportFilterInput,
): Selection<K> {
	const bad = unsupported(kind, input);
	if (bad.length) return { errors: bad };
	const { filter, errors } = parseFilter(resolver, input);
	if (errors.length) {
		return { errors: errors.map((e) => ({ what: `--${e.field}`, message: e.message, suggestions: e.suggestions })) };
	}
	const query = input.query?.trim() ?? '';
	let records: CsvRecordOf[CsvKind][];
	const notes: string[] = [];
	if (kind === 'incidents') records = filterIncidents(store, filter);
	else if (kind === 'articles') {
		const actors = filter.actors.length
			? new Set(filter.actors.flatMap((a) => [...withSubgroups(store, a)]))
			: undefined;
		let found: Set<string> | undefined;
		if (query) {
			const hits = searchArticles(store, resolver, query);
			if ('errors' in hits) return { errors: hits.errors };
			found = hits.ids;
			if (hits.partial) notes.push(`no article matches every word of "${query}": none exported`);
		}
		records = store.articles.filter((a) => {
			const day = a.published.slice(0, 10);
			if (filter.countries.length && !a.countries.some((c) => filter.countries.includes(c))) return false;
			if (actors && !a.actors.some((id) => actors.has(id))) return false;
			if (filter.since && day < filter.since) return false;
			if (filter.until && day > filter.until) return false;
			return !found || found.has(a.id);
		});
	} else {
		// Every close match, as `sitrep actor` ranks them: names, short names and aliases, typos allowed.
		const found = query ? new Set(matchActors(store, query, store.actors.length).map((m) => m.actor.id)) : undefined;
		records = store.actors.filter(
			(a) =>
				(!filter.countries.length || a.countries.some((c) => filter.countries.includes(c))) &&
				(!found || found.has(a.id)),
		);
	}
	if (input.limit !== undefined && records.length > input.limit) records = records.slice(0, input.limit);
	return { records: records as CsvRecordOf[K][], notes };
}

/** Article ids the search engine finds for the query; partial matches do not count. */
function searchArticles(
	store: Store,
	resolver: Resolver,
	query: string,
): { ids: Set<string>; partial: boolean } | { errors: ExportError[] } {
	const parsed = parseQuery(query, resolver);
	if (parsed.errors.length) {
		return { errors: parsed.errors.map((e) => ({ what: e.token, message: e.message, suggestions: e.suggestions })) };
	}
	if (parsed.filters.scope === 'incidents') {
		return { errors: [{ what: 'in:incidents', message: 'an articles export searches articles', suggestions: [] }] };
	}
	parsed.filters.scope = 'articles';
	const index = indexStore(store);
	const out = searchWithInfo(index, parsed, { limit: index.docCount });
	if (out.partial) return { ids: new Set(), partial: true };
	return { ids: new Set(out.results.filter((r) => r.kind === 'article').map((r) => r.id)), partial: false };
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
