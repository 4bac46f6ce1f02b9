// The Search pane's reducer: the query line, scope cycling, completions,
// results that answer an older query dropped, and the pane in a saved view.

import { describe, expect, it } from 'vitest';
import { bundled } from '../../../../tests/support/helpers.js';
import { backendOf } from '../../../core/backend/memory.js';
import { Resolver } from '../../../core/resolve.js';
import { riskWindow } from '../../../core/risk.js';
import type { SearchResult } from '../../../core/search/index.js';
import { buildSearchIndex } from '../../../core/search/index.js';
import type { SavedView } from '../../../io/settings/config.js';
import type { Command } from '../../keymap.js';
import type { PaneCtx } from '../pane.js';
import { searchPane } from './index.js';
import {
	acceptResults,
	firstLimit,
	needsMore,
	pageSize,
	RESULT_LIMIT,
	runSearch,
	type SearchState,
	searchMore,
} from './state.js';

const { store, problems } = bundled();
const env = { data: backendOf(store), store, resolver: new Resolver(store), problems };
const ctx = (height = 20): PaneCtx => ({ env, window: riskWindow(store, { days: 90 }), height });
const editing = (): SearchState => ({ ...searchPane.init(env, ctx().window), editing: true });
const type = (s: SearchState, text: string) => [...text].reduce((q, ch) => searchPane.type(q, ch, ctx()), s);
const run = (s: SearchState, cmds: readonly Command[], height = 20) =>
	cmds.reduce((q, c) => searchPane.command(q, c, ctx(height)), s);

const result = (id: string): SearchResult =>
	({
		kind: 'article',
		id,
		title: id,
		source: 'x',
		date: '2025-01-01',
		countries: [],
		fields: [],
		snippet: { text: '', ranges: [] },
	}) as unknown as SearchResult;

describe('the Search pane reducer', () => {
	it.each([
		['typing', 'kabul', [], 'kabul'],
		['^W deletes a word', 'haqqani kabul', ['query.deleteWord'], 'haqqani '],
		['Backspace', 'kabul', ['query.deleteChar'], 'kabu'],
		['^U clears', 'kabul', ['query.clear'], ''],
		['^T: articles only', 'kabul', ['query.scope'], 'kabul in:articles'],
		['^T ^T: incidents only', 'kabul', ['query.scope', 'query.scope'], 'kabul in:incidents'],
		['^T ^T ^T: both again', 'kabul', ['query.scope', 'query.scope', 'query.scope'], 'kabul'],
		['Tab completes a filter value', 'country:pak', ['query.complete'], 'country:PK '],
	] as const)('%s', (_what, text, cmds, query) => {
		expect(run(type(editing(), text), cmds).query).toBe(query);
	});

	it('/ on an empty query line is not text; a bad filter value is an error at once', () => {
		expect(type(editing(), '/').query).toBe('');
		expect(type(editing(), 'country:Narnia').errors[0]?.message).toMatch(/Narnia/);
		// Not editing: typed keys are not the query's.
		expect(searchPane.type({ ...editing(), editing: false }, 'q', ctx()).query).toBe('');
	});

	it('results for a query that has since changed are dropped; new ones put the best under the cursor', () => {
		const s = type(editing(), 'kabul');
		const outcome = (query: string) => ({
			query,
			results: [result('a'), result('b')],
			total: 2,
			partial: false,
			synonyms: [],
			ms: 1,
		});
		expect(acceptResults(s, outcome('kabu'))).toBe(s);
		const got = acceptResults({ ...s, pos: { cursor: 1, top: 1 } }, outcome('kabul'));
		expect(got.pos).toEqual({ cursor: 0, top: 0 });
		expect(searchPane.selected(run(got, ['nav.down']))).toMatchObject({ kind: 'article', id: 'b' });
	});

	it('moves a page of two-line results at a time', () => {
		const many = Array.from({ length: 40 }, (_, i) => result(`r${i}`));
		const s = { ...editing(), outcome: { query: '', results: many, total: 40, partial: false, synonyms: [], ms: 1 } };
		const page = pageSize(20);
		expect(page).toBe(8);
		expect(run(s, ['nav.pageDown']).pos.cursor).toBe(page - 1);
		expect(run(s, ['nav.bottom']).pos).toEqual({ cursor: 39, top: 40 - page });
	});

	it('asks for a page or two of results while typing, and for the rest when the cursor nears their end', () => {
		const index = buildSearchIndex(store.articles, store.incidents, { countries: store.countries });
		const page = pageSize(20);
		const first = runSearch(index, 'a', env.resolver, firstLimit(page));
		const all = runSearch(index, 'a', env.resolver);
		expect(first.limit).toBe(30);
		expect(all.results.length).toBeGreaterThan(30);
		// The first ones are the first of all: the ranking does not depend on how many are asked for.
		expect(first.results).toEqual(all.results.slice(0, 30));
		expect(first.total).toBe(all.total);
		const s = { ...type(editing(), 'a'), outcome: first };
		expect(needsMore(s, 'nav.down', page)).toBe(false);
		expect(needsMore(s, 'nav.bottom', page)).toBe(true);
		const near = { ...s, pos: { cursor: 30 - page - 1, top: 30 - page - 1 } };
		expect(needsMore(near, 'nav.down', page)).toBe(true);
		const more = searchMore(near, index, env.resolver);
		expect(more.outcome?.results).toEqual(all.results);
		expect(more.outcome?.limit).toBe(RESULT_LIMIT);
		expect(more.pos).toEqual(near.pos);
		// All there: nothing more to ask for.
		expect(needsMore(more, 'nav.bottom', page)).toBe(false);
	});

	it('a saved view keeps the query, and a view without one empties the pane', () => {
		const s = type(editing(), 'muzamil');
		const view = { name: 'v', pane: 'search', days: 90, savedAt: '', ...searchPane.save(s) } as SavedView;
		expect(searchPane.restore(editing(), view, ctx()).state.query).toBe('muzamil');
		const none = { ...view, query: undefined } as SavedView;
		expect(searchPane.restore(s, none, ctx()).state.query).toBe('');
	});
});
