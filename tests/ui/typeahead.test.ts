// Keys typed ahead in the Search pane (issue 14, item 3), at the reducer: a
// burst — one read's keys, as the key reader dispatches them — acts on the
// results of the query as typed up to each key; before the search index
// exists, the key that needs results waits for it, with every key after it.

import { describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import { Resolver } from '../../source/core/resolve.js';
import { buildSearchIndex } from '../../source/core/search/index.js';
import { reducer } from '../../source/ui/app/reducer.js';
import { type AppState, currentView, initialState } from '../../source/ui/app/state.js';
import type { Env } from '../../source/ui/env.js';
import { parseKeys } from '../../source/ui/keyReader.js';
import { runSearch } from '../../source/ui/panes/search/state.js';
import { bundled } from '../support/helpers.js';

const { store, problems } = bundled();
const env: Env = { data: backendOf(store), store, resolver: new Resolver(store), problems };
const reduce = reducer(env);
const index = buildSearchIndex(store.articles, store.incidents, { countries: store.countries });
const DOWN = '\u001b[B';

/** One read's bytes, as the key reader hands them to the reducer. */
const burst = (s: AppState, bytes: string) => reduce(s, { type: 'keys', keys: parseKeys(bytes).keys });
const idOf = (s: AppState) => {
	const t = currentView(s)?.target;
	return t && 'id' in t ? t.id : undefined;
};
const ranked = (query: string) => runSearch(index, query, env.resolver).results.map((r) => r.id);

/** The Search pane with the index built and the empty query answered (newest first), as after a few seconds. */
function searchReady(): AppState {
	let s = reduce(initialState(env, { cols: 100, rows: 24 }), { type: 'searchIndex', index });
	s = burst(s, '4');
	return reduce(s, { type: 'searchResults', outcome: runSearch(index, '', env.resolver) });
}

describe('keys typed ahead of the search results', () => {
	it('the stale results would open something else (so the cases below can fail)', () => {
		expect(ranked('')[0]).not.toBe(ranked('kabul')[0]);
		expect(ranked('')[2]).not.toBe(ranked('kabul')[2]);
	});

	it.each([
		['/kabul⏎', '/kabul\r', 0],
		['/kabul ↓ ↓ ⏎', `/kabul${DOWN}${DOWN}\r`, 2],
		['/kabul ↓ ↓ ↑ ⏎', `/kabul${DOWN}${DOWN}\u001b[A\r`, 1],
		['/kabul Esc j j ⏎ (the results list)', '/kabul\u001bjj\r', 2],
	])('%s in one burst opens result %i of "kabul"', (_what, bytes, row) => {
		expect(idOf(burst(searchReady(), bytes))).toBe(ranked('kabul')[row]);
	});

	it('the query as typed up to the key: /kab ↓ then more letters and ⏎ opens the best result of the longer query', () => {
		const s = burst(searchReady(), `/kab${DOWN}ul\r`);
		expect(idOf(s)).toBe(ranked('kabul')[0]);
	});

	/** searchReady, its last search having taken `ms`. */
	const lastTook = (ms: number) => {
		const s = searchReady();
		const outcome = s.panes.search.outcome;
		return outcome ? { ...s, panes: { ...s.panes, search: { ...s.panes.search, outcome: { ...outcome, ms } } } } : s;
	};

	it('after a slow search, typing searches nothing in the reducer: the engine does, after the frame that echoes the keys', () => {
		const s = burst(lastTook(40), '/kabul');
		expect(s.panes.search.query).toBe('kabul');
		expect(s.panes.search.outcome?.query).toBe('');
	});

	it('over millions of documents, the keys are echoed first whatever the last search took', () => {
		// The bundled data's own answers, said to rank over 2.8M documents (the index at 2.5M + 300k).
		const big = { ...backendOf(store), totals: () => ({ incidents: 2_500_000, articles: 300_000 }) };
		let s = reduce(lastTook(1), { type: 'searchIndex', index: big });
		s = { ...s, panes: { ...s.panes, search: { ...s.panes.search, rerun: false } } };
		s = burst(s, '/kabul');
		expect(s.panes.search.query).toBe('kabul');
		expect(s.panes.search.outcome?.query).toBe('');
	});

	it('after a quick search, the keys typed are searched with them (one frame shows the keys and their results)', () => {
		const s = burst(lastTook(1), '/kabul');
		expect(s.panes.search.outcome?.query).toBe('kabul');
		expect(s.panes.search.outcome?.results.map((r) => r.id)).toEqual(
			ranked('kabul').slice(0, s.panes.search.outcome?.limit),
		);
		// Each key of a query typed one at a time, while the searches stay quick.
		let t = burst(lastTook(1), '/');
		for (const ch of 'kab') {
			t = burst(t, ch);
			t = {
				...t,
				panes: {
					...t.panes,
					search: { ...t.panes.search, outcome: t.panes.search.outcome && { ...t.panes.search.outcome, ms: 1 } },
				},
			};
		}
		expect(t.panes.search.outcome?.query).toBe('kab');
	});

	it('results that arrive after a key searched them do not put the cursor back on the first row', () => {
		let s = burst(searchReady(), `/kabul${DOWN}${DOWN}`);
		expect(s.panes.search.pos.cursor).toBe(2);
		s = reduce(s, { type: 'searchResults', outcome: runSearch(index, 'kabul', env.resolver) });
		expect(s.panes.search.pos.cursor).toBe(2);
	});

	it('before the index is built, Enter waits for it with the keys after it, then opens the right result', () => {
		let s = burst(initialState(env, { cols: 100, rows: 24 }), '/kabul\r');
		expect(currentView(s)).toBeUndefined();
		expect(s.held.map((k) => k.name)).toEqual(['enter']);
		// Keys after it wait their turn (here: back from the reader, one result down, open it).
		s = burst(s, `\u001b${DOWN}`);
		s = burst(s, '\r');
		expect(s.held.map((k) => k.name)).toEqual(['enter', 'escape', 'down', 'enter']);
		s = reduce(s, { type: 'searchIndex', index });
		expect(s.held).toEqual([]);
		expect(idOf(s)).toBe(ranked('kabul')[1]);
	});

	it('Ctrl-C does not wait for the index', () => {
		const s = burst(initialState(env, { cols: 100, rows: 24 }), '/kabul\rq\u0003');
		expect(s.exit).toBe(130);
	});

	it('keys that do not need results never wait: a pane switch before the index is there', () => {
		const s = burst(initialState(env, { cols: 100, rows: 24 }), '3j');
		expect(s.held).toEqual([]);
		expect(s.pane).toBe('risk');
		expect(s.panes.risk.pos.cursor).toBe(1);
	});
});
