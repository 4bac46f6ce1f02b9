// Search over the index, answering as the in-memory engine does. Query words
// expand over the index's own core-cut vocabulary (search_terms). A query of
// words is ranked over core's postings kept in the index (searchRank.ts) and
// only its results' records go to core (core/search/candidates.ts) for the
// final order and snippets. A query with a phrase has FTS5 find the candidates
// — every document with a word any query word expands to, filtered in SQL — and
// core ranks all of them with one small index over them.
import { compareText } from '../../../core/collate.js';
import { squash } from '../../../core/fold.js';
import type { Article, Country, Incident } from '../../../core/schema.js';
import { type Corpus, corpusOf, rankCandidates } from '../../../core/search/candidates.js';
import { synonymExpansions } from '../../../core/search/expand.js';
import {
	type FilterSet,
	hasFilters,
	hasText,
	type ParsedQuery,
	type SearchFilters,
} from '../../../core/search/query.js';
import type { SearchOptions, SearchOutcome } from '../../../core/search/rank.js';
import type { Db } from './open.js';
import { PostingRanker, type Ranked } from './searchRank.js';

interface Where {
	sql: string[];
	params: unknown[];
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** An FTS5 string: the word as one token (or phrase), whatever it holds. */
const quoted = (w: string) => `"${w.replace(/"/g, '""')}"`;

/** The filters over `articles a` (core/search/filter.ts's rules, as SQL). */
function articleWhere(f: SearchFilters): Where {
	const w: Where = { sql: [], params: [] };
	if (f.since) {
		w.sql.push('substr(a.published, 1, 10) >= ?');
		w.params.push(f.since);
	}
	if (f.until) {
		w.sql.push('substr(a.published, 1, 10) <= ?');
		w.params.push(f.until);
	}
	const refs = (set: FilterSet, not: boolean) => {
		const one = (kind: string, values: readonly string[]) => {
			if (!values.length) return;
			w.sql.push(
				`a.rid ${not ? 'NOT ' : ''}IN (SELECT rid FROM article_refs WHERE kind = '${kind}' AND ref IN (${marks(values.length)}))`,
			);
			w.params.push(...values);
		};
		one('country', set.countries);
		one('actor', set.actorsWithin);
		// Articles have no type: one tagged with the type's label counts.
		one('tag', set.types.map(squash));
		one('outlet', set.sources.map(squash));
	};
	refs(f, false);
	refs(f.not, true);
	return w;
}

/** The filters over `incidents i`. */
function incidentWhere(f: SearchFilters): Where {
	const w: Where = { sql: [], params: [] };
	// A month-only date covers its month, a span its days: it matches when they overlap the range.
	if (f.since) {
		w.sql.push('i.last_day >= ?');
		w.params.push(f.since);
	}
	if (f.until) {
		w.sql.push('i.first_day <= ?');
		w.params.push(f.until);
	}
	const refs = (set: FilterSet, not: boolean) => {
		const neg = not ? 'NOT ' : '';
		if (set.countries.length) {
			w.sql.push(`i.country ${neg}IN (${marks(set.countries.length)})`);
			w.params.push(...set.countries);
		}
		if (set.types.length) {
			w.sql.push(`i.type ${neg}IN (${marks(set.types.length)})`);
			w.params.push(...set.types);
		}
		if (set.actorsWithin.length) {
			w.sql.push(`i.rid ${neg}IN (SELECT rid FROM incident_actors WHERE actor IN (${marks(set.actorsWithin.length)}))`);
			w.params.push(...set.actorsWithin);
		}
		if (set.sources.length) {
			// Cited by name, or by the id of an article from the outlet.
			const keys = set.sources.map(squash);
			w.sql.push(
				`${not ? 'NOT ' : ''}(i.rid IN (SELECT rid FROM incident_outlets WHERE key IN (${marks(keys.length)}))
				 OR i.id IN (SELECT r.ref FROM article_refs r JOIN article_refs o ON o.rid = r.rid
				 WHERE r.kind = 'incident' AND o.kind = 'outlet' AND o.ref IN (${marks(keys.length)})))`,
			);
			w.params.push(...keys, ...keys);
		}
	};
	refs(f, false);
	refs(f.not, true);
	return w;
}

type Candidates = Parameters<typeof rankCandidates>[1];

/** Parsed records kept for the next keys (a few screens of results). */
const PARSED_KEPT = 1000;

const and = (w: Where) => (w.sql.length ? ` AND ${w.sql.join(' AND ')}` : '');

export class IndexSearch {
	private corpusCache: Corpus | undefined;
	private readonly ranker: PostingRanker;

	constructor(
		private readonly db: Db,
		private readonly countries: readonly Country[],
	) {
		this.ranker = new PostingRanker(db);
	}

	/** The index's words and sizes, read on the first search. */
	private corpus(): Corpus {
		if (this.corpusCache) return this.corpusCache;
		const one = (sql: string) => Number((this.db.prepare(sql).raw().all()[0] as unknown[] | undefined)?.[0] ?? 0);
		const docs = one('SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM incidents)');
		const body = one(`SELECT value FROM search_stats WHERE key = 'body_tokens'`);
		const words = this.db.prepare('SELECT term, df FROM search_terms').raw().all() as [string, number][];
		this.corpusCache = corpusOf(words, docs, body);
		return this.corpusCache;
	}

	outlets(): string[] {
		const rows = this.db
			.prepare(`SELECT json ->> '$.source' FROM article_docs UNION SELECT name FROM incident_outlets`)
			.raw()
			.all() as [string][];
		return [...new Set(rows.map((r) => r[0]))].sort((a, b) => compareText(a, b));
	}

	search(query: ParsedQuery, opts: SearchOptions): SearchOutcome {
		const corpus = this.corpus();
		const f = query.filters;
		const exclude = query.exclude.map((words) => ` NOT ${quoted(words.join(' '))}`).join('');
		if (!hasText(query)) return this.newest(query, opts, exclude);
		// Per query part, what FTS5 is asked: any word it expands to (phrases: all their words; core checks the order).
		const parts: (string | undefined)[] = [
			...query.terms.map((t) => {
				const own = corpus.expansions.get(t.text, t.prefix);
				const all = [...own, ...(synonymExpansions(corpus, t.text, own)?.expansions ?? [])];
				const words = all.map((e) => corpus.vocab.terms[e.term] ?? '');
				return words.length ? `(${words.map(quoted).join(' OR ')})` : undefined;
			}),
			...query.phrases.map((p) =>
				p.every((w) => corpus.vocab.lookup(w) >= 0) ? `(${p.map(quoted).join(' AND ')})` : undefined,
			),
		];
		const found = parts.filter((p): p is string => p !== undefined);
		if (query.phrases.length === 0 && query.exclude.every((w) => w.length === 1))
			return this.byWords(found, query, opts);
		// Phrases: core checks the words' order in the records, so every candidate's record is read.
		// Documents with every part first; when none has, those with any (core's partial matches).
		if (found.length === parts.length) {
			const every = rankCandidates(
				corpus,
				this.candidates(`${found.join(' AND ')}${exclude}`, f),
				this.countries,
				query,
				opts,
			);
			if (every.total > 0 && !every.partial) return every;
		}
		const none: Candidates = { articles: [], incidents: [], citedSources: new Map() };
		const any = found.length ? this.candidates(`(${found.join(' OR ')})${exclude}`, f) : none;
		return rankCandidates(corpus, any, this.countries, query, opts);
	}

	/** The outlets of the articles the incidents cite by id. */
	private citedSources(incidents: readonly Incident[]): Map<string, string> {
		const ids = [...new Set(incidents.flatMap((i) => i.sources.filter((s): s is string => typeof s === 'string')))];
		const out = new Map<string, string>();
		for (let at = 0; at < ids.length; at += 500) {
			const chunk = ids.slice(at, at + 500);
			const rows = this.db
				.prepare(
					`SELECT a.id, d.json ->> '$.source' FROM articles a JOIN article_docs d ON d.rid = a.rid WHERE a.id IN (${marks(chunk.length)})`,
				)
				.raw()
				.all(...chunk) as [string, string][];
			for (const [id, source] of rows) out.set(id, source);
		}
		return out;
	}

	/** Every document FTS5 matches, its record read. */
	private candidates(match: string, f: SearchFilters): Candidates {
		const read = (sql: string, params: unknown[]) =>
			(
				this.db
					.prepare(sql)
					.raw()
					.all(...params) as [string][]
			).map(([json]) => JSON.parse(json));
		const aw = articleWhere(f);
		const iw = incidentWhere(f);
		const incidents: Incident[] =
			f.scope === 'articles'
				? []
				: read(
						`SELECT d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid WHERE i.rid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)${and(iw)}`,
						[match, ...iw.params],
					);
		return {
			incidents,
			citedSources: this.citedSources(incidents),
			articles:
				f.scope === 'incidents'
					? []
					: read(
							`SELECT d.json FROM articles a JOIN article_docs d ON d.rid = a.rid WHERE a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)${and(aw)}`,
							[match, ...aw.params],
						),
		};
	}

	/** A query of words (no phrase): ranked over the postings, only the results' records read. */
	private byWords(found: readonly string[], query: ParsedQuery, opts: SearchOptions): SearchOutcome {
		const corpus = this.corpus();
		const f = query.filters;
		const limit = Math.max(0, Math.floor(opts.limit ?? 50));
		const kinds = f.scope === 'articles' ? [0] : f.scope === 'incidents' ? [1] : [0, 1];
		let allowed: number[][] | undefined;
		if (hasFilters({ ...f, scope: 'all' })) {
			// The filters in SQL, over the documents with any of the query's words.
			const rids = (sql: string, params: unknown[]) =>
				(
					this.db
						.prepare(sql)
						.raw()
						.all(...params) as [number][]
				).map((r) => r[0]);
			const match = `(${found.join(' OR ')})`;
			const aw = articleWhere(f);
			const iw = incidentWhere(f);
			allowed = !found.length
				? [[], []]
				: [
						kinds.includes(0)
							? rids(
									`SELECT a.rid FROM articles a WHERE a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)${and(aw)}`,
									[match, ...aw.params],
								)
							: [],
						kinds.includes(1)
							? rids(
									`SELECT i.rid FROM incidents i WHERE i.rid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)${and(iw)}`,
									[match, ...iw.params],
								)
							: [],
					];
		}
		const got = this.ranker.rank(corpus, query, limit, kinds, allowed);
		const ranked = rankCandidates(corpus, this.records(got.picked), this.countries, query, opts);
		return { ...ranked, total: got.total, partial: got.partial };
	}

	/** Records parsed for recent results, by table and rid: the next key's results are mostly the same. */
	private readonly parsed = new Map<string, unknown>();

	/** The records of ranked documents, as candidates. */
	private records(rows: readonly Ranked[]): Candidates {
		const read = (table: string, rids: number[]) => {
			const out: unknown[] = [];
			const missing: number[] = [];
			for (const rid of rids) {
				const hit = this.parsed.get(`${table}${rid}`);
				if (hit) out.push(hit);
				else missing.push(rid);
			}
			for (let at = 0; at < missing.length; at += 500) {
				const chunk = missing.slice(at, at + 500);
				const got = this.db
					.prepare(`SELECT rid, json FROM ${table} WHERE rid IN (${marks(chunk.length)})`)
					.raw()
					.all(...chunk) as [number, string][];
				for (const [rid, json] of got) {
					const rec = JSON.parse(json);
					out.push(rec);
					if (this.parsed.size >= PARSED_KEPT) this.parsed.delete(this.parsed.keys().next().value as string);
					this.parsed.set(`${table}${rid}`, rec);
				}
			}
			return out;
		};
		const incidents = read(
			'incident_docs',
			rows.filter((r) => r.kind === 1).map((r) => r.rid),
		) as Incident[];
		return {
			incidents,
			citedSources: this.citedSources(incidents),
			articles: read(
				'article_docs',
				rows.filter((r) => r.kind === 0).map((r) => r.rid),
			) as Article[],
		};
	}

	/** Filters alone: newest first (the first day covered, then id), as core's ranking lists them. */
	private newest(query: ParsedQuery, opts: SearchOptions, exclude: string): SearchOutcome {
		const f = query.filters;
		const aw = articleWhere(f);
		const iw = incidentWhere(f);
		const notMatch = exclude ? [`${query.exclude.map((w) => quoted(w.join(' '))).join(' OR ')}`] : [];
		const limit = Math.max(0, Math.floor(opts.limit ?? 50));
		// Each table's newest `limit` through its (day DESC, id) index, then the two merged: never
		// a sort of every record (a union of 2.8M rows ordered whole took seconds).
		type Top = { kind: 0 | 1; rid: number; day: string; id: string };
		const side = (kind: 0 | 1, table: string, t: string, day: string, w: Where, fts: string) => {
			const not = exclude ? ` AND ${t}.rid NOT IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)` : '';
			const where = `FROM ${table} ${t} WHERE 1${and(w)}${not}`;
			const args = [...w.params, ...notMatch];
			const total = Number(
				(
					this.db
						.prepare(`SELECT count(*) ${where}`)
						.raw()
						.all(...args)[0] as unknown[]
				)[0],
			);
			const top = this.db
				.prepare(`SELECT ${t}.rid, ${day}, ${t}.id ${where} ORDER BY ${day} DESC, ${t}.id ASC LIMIT ?`)
				.raw()
				.all(...args, limit) as [number, string, string][];
			return { total, top: top.map(([rid, d, id]): Top => ({ kind, rid, day: d, id })) };
		};
		const sides = [
			...(f.scope !== 'incidents' ? [side(0, 'articles', 'a', 'substr(a.published, 1, 10)', aw, 'articles_fts')] : []),
			...(f.scope !== 'articles' ? [side(1, 'incidents', 'i', 'i.first_day', iw, 'incidents_fts')] : []),
		];
		const total = sides.reduce((n, x) => n + x.total, 0);
		// SQL's order: day descending, then id ascending in binary order (ids are ASCII).
		const merged = sides
			.flatMap((x) => x.top)
			.sort((x, y) => (x.day > y.day ? -1 : x.day < y.day ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
			.slice(0, limit);
		const doc = {
			0: this.db.prepare('SELECT json FROM article_docs WHERE rid = ?').raw(),
			1: this.db.prepare('SELECT json FROM incident_docs WHERE rid = ?').raw(),
		};
		const page = merged.map((t) => [String((doc[t.kind].all(t.rid)[0] as unknown[])[0]), t.kind] as [string, number]);
		const incidents = page.filter((r) => r[1] === 1).map((r) => JSON.parse(r[0]) as Incident);
		const shown = {
			articles: page.filter((r) => r[1] === 0).map((r) => JSON.parse(r[0]) as Article),
			incidents,
			citedSources: this.citedSources(incidents),
		};
		return { ...rankCandidates(this.corpus(), shown, this.countries, query, opts), total };
	}
}
