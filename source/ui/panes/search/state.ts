// The Search pane's state: the query line (always at the end: typing appends),
// the last results, the selection. Searching happens after the frame that shows
// the query (engine.ts), so typing never waits for a search; results for a query
// that has since changed are dropped. A key that acts on the results (a move,
// Enter, copy) while they answer an older query — it came in the same burst as
// the typing — has them brought up to date first, synchronously (searchNow).
import type { Backend } from '../../../core/backend/types.js';
import type { Resolver } from '../../../core/resolve.js';
import {
	applyCompletion,
	completeQuery,
	parseQuery,
	type QueryError,
	type SearchIndex,
	type SearchResult,
	type SynonymUse,
	searchWithInfo,
} from '../../../core/search/index.js';
import type { PaneId, SavedView } from '../../../io/settings/config.js';
import type { Target } from '../../../present/target.js';
import type { Command } from '../../keymap.js';
import { keepVisible, type ListPos, moveList, NAV_COMMANDS } from '../../list.js';
import type { PaneCtx, ViewPart } from '../pane.js';

export interface SearchOutcomeState {
	query: string;
	results: SearchResult[];
	total: number;
	partial: boolean;
	/** Rare words also searched as their synonyms: said in the results line. */
	synonyms: SynonymUse[];
	ms: number;
	/** Results asked for (RESULT_LIMIT when absent): fewer while typing, the rest when the cursor nears them. */
	limit?: number;
}

export interface SearchState {
	query: string;
	/** The query line has the keys; otherwise the results list has them. */
	editing: boolean;
	errors: QueryError[];
	outcome: SearchOutcomeState | null;
	pos: ListPos;
	completion: number;
	/** The pane `/` was pressed in: Esc in the results goes back there. */
	from?: PaneId;
	/** The data changed since these results: they are searched again, the cursor kept on its result. */
	rerun?: boolean;
}

export const emptySearch: SearchState = {
	query: '',
	// The query line takes keys only when asked (/): digits and q keep their meaning.
	editing: false,
	errors: [],
	outcome: null,
	pos: { cursor: 0, top: 0 },
	completion: 0,
};

/** Results take two lines each (title line, snippet). */
export const SEARCH_ROW_LINES = 2;

/** Results on a page: the body less the query, completion and summary lines. */
export function pageSize(body: number): number {
	return Math.max(1, Math.floor((body - 3) / SEARCH_ROW_LINES));
}

function setQuery(s: SearchState, query: string, resolver: Resolver): SearchState {
	// Parsing is cheap and gives the inline error at once; the search follows.
	return { ...s, query, errors: parseQuery(query, resolver).errors, completion: 0 };
}

export function searchType(s: SearchState, input: string, resolver: Resolver): SearchState {
	// "/" opens search from anywhere; pressed again on an empty query line it is that, not text.
	if (s.query === '' && input === '/') return s;
	return setQuery(s, s.query + input, resolver);
}

export function completions(s: SearchState, resolver: Resolver) {
	return completeQuery(s.query, s.query.length, resolver, 6);
}

const SCOPES = ['all', 'articles', 'incidents'] as const;

/** Cycles the in: filter by rewriting it in the query, so the query says what is searched. */
function cycleScope(query: string): string {
	const m = /(^|\s)in:(\w+)/.exec(query);
	const current = (m?.[2] ?? 'all') as (typeof SCOPES)[number];
	const next = SCOPES[(SCOPES.indexOf(current) + 1) % SCOPES.length] ?? 'all';
	const without = m ? query.replace(m[0], m[1] ?? '').trim() : query.trim();
	return next === 'all' ? without : `${without}${without ? ' ' : ''}in:${next}`;
}

export function searchCommand(s: SearchState, cmd: Command, ctx: PaneCtx): SearchState {
	const { resolver } = ctx.env;
	if (NAV_COMMANDS.has(cmd)) {
		return { ...s, pos: moveList(s.pos, cmd, s.outcome?.results.length ?? 0, pageSize(ctx.height)) };
	}
	switch (cmd) {
		case 'query.leave':
			return { ...s, editing: false };
		case 'query.deleteChar':
			return setQuery(s, [...s.query].slice(0, -1).join(''), resolver);
		case 'query.deleteWord':
			return setQuery(s, s.query.replace(/\S*\s*$/, ''), resolver);
		case 'query.clear':
			return setQuery(s, '', resolver);
		case 'query.scope':
		case 'search.scope':
			return setQuery(s, cycleScope(s.query), resolver);
		case 'query.complete': {
			const c = completions(s, resolver);
			const pick = c?.candidates[s.completion] ?? c?.candidates[0];
			if (!c || !pick) return s;
			const { text } = applyCompletion(s.query, c, pick);
			// A completed filter value is finished: a space starts the next word.
			return setQuery(s, c.key && !text.endsWith(' ') ? `${text} ` : text, resolver);
		}
		case 'query.nextCompletion': {
			const n = completions(s, resolver)?.candidates.length ?? 0;
			return n ? { ...s, completion: (s.completion + 1) % n } : s;
		}
		default:
			return s;
	}
}

/** Results asked for per query (the list shows at most this many). */
export const RESULT_LIMIT = 100;

/**
 * Results asked for as a query is typed: two pages of the list (30 at least). Each result's
 * snippet and highlights cost about as much as ranking a common word: a key asks for what can
 * be seen soon, and moving near the end of them asks for the rest (searchMore).
 */
export function firstLimit(page: number): number {
	return Math.min(RESULT_LIMIT, Math.max(30, 2 * page));
}

/** What answers the pane's queries: the index built in memory, or the Backend's own search (the SQLite index). */
export type Searcher = SearchIndex | Backend;

/** Documents the searcher ranks over: its own count in memory, the Backend's totals over the index. */
export function docsOf(index: Searcher): number {
	if (!('search' in index)) return index.docCount;
	const t = index.totals();
	return t.incidents + t.articles;
}

/** The results of `query`, and how long they took. */
export function runSearch(
	index: Searcher,
	query: string,
	resolver: Resolver,
	limit = RESULT_LIMIT,
): SearchOutcomeState {
	const t0 = performance.now();
	const parsed = parseQuery(query, resolver);
	const opts = { limit };
	const out = 'search' in index ? index.search(parsed, opts) : searchWithInfo(index, parsed, opts);
	return { query, ...out, ms: performance.now() - t0, limit };
}

/** Moving by `cmd` comes within a page of the end of results that were cut short: the rest are asked for first. */
export function needsMore(s: SearchState, cmd: Command, page: number): boolean {
	const out = s.outcome;
	if (!out || resultsStale(s) || !NAV_COMMANDS.has(cmd)) return false;
	const n = out.results.length;
	if ((out.limit ?? RESULT_LIMIT) >= RESULT_LIMIT || n >= out.total) return false;
	return moveList(s.pos, cmd, n, page).cursor + page >= n;
}

/** The results of the query as shown, all RESULT_LIMIT of them (the cursor where it was). */
export function searchMore(s: SearchState, index: Searcher, resolver: Resolver): SearchState {
	return { ...s, outcome: runSearch(index, s.query, resolver, RESULT_LIMIT) };
}

/**
 * A search whose answer is thrown away, asked once when Search is shown (its own first list, the
 * empty query, has read the index's vocabulary by then): a word no data has, with a digit so no
 * typos are looked for — the ranker makes its per-document arrays (~80 MB at 2.5M documents) and
 * its code is compiled before the first key, not on it.
 */
export function warmSearch(index: Searcher, resolver: Resolver): void {
	runSearch(index, 'zzqx0', resolver, 1);
}

/** The results shown answer an older query (or none yet): a key acting on them must wait for, or make, new ones. */
export const resultsStale = (s: SearchState): boolean => s.outcome?.query !== s.query;

/** The results brought up to date with the query, searched now (a burst's Enter acts on what was typed before it). */
export function searchNow(s: SearchState, index: Searcher, resolver: Resolver, limit = RESULT_LIMIT): SearchState {
	return resultsStale(s) ? acceptResults(s, runSearch(index, s.query, resolver, limit)) : s;
}

/**
 * New results replace old ones only if they answer the query as it is now, and
 * only once: results that arrive after a key already searched them (searchNow)
 * would put the cursor back on the first row.
 */
export function acceptResults(s: SearchState, outcome: SearchOutcomeState, page = 1): SearchState {
	if (outcome.query === s.query && s.rerun) {
		const was = s.outcome?.results[s.pos.cursor];
		const at = was ? outcome.results.findIndex((r) => r.id === was.id && r.kind === was.kind) : -1;
		const cursor = at >= 0 ? at : s.pos.cursor;
		return { ...s, outcome, rerun: false, pos: keepVisible({ cursor, top: s.pos.top }, outcome.results.length, page) };
	}
	if (outcome.query !== s.query || !resultsStale(s)) return s;
	// Like fzf: a new query puts the best result under the cursor.
	return { ...s, outcome, pos: { cursor: 0, top: 0 } };
}

export function searchRefit(s: SearchState, ctx: PaneCtx): SearchState {
	return { ...s, pos: keepVisible(s.pos, s.outcome?.results.length ?? 0, pageSize(ctx.height)) };
}

/** The result under the cursor, with its matches to draw in the reader. */
export function searchSelected(s: SearchState): Target | undefined {
	const out = s.outcome;
	const r = out?.results[s.pos.cursor];
	if (!out || !r) return undefined;
	const hl = { query: out.query, fields: r.fields };
	return r.kind === 'article' ? { kind: 'article', id: r.id, hl } : { kind: 'incident', id: r.id, hl };
}

export function searchSave(s: SearchState): ViewPart {
	return s.query ? { query: s.query } : {};
}

export function searchRestore(_s: SearchState, view: SavedView, ctx: PaneCtx): { state: SearchState; notes: string[] } {
	return { state: view.query ? searchType({ ...emptySearch }, view.query, ctx.env.resolver) : emptySearch, notes: [] };
}
