import { describe, expect, it } from 'vitest';
import { readBlock } from '../../scripts/doc-block.js';
import { KEYS_BLOCK, KEYS_DOC, keysTable } from '../../scripts/keys-table.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { Resolver } from '../../source/core/resolve.js';
import { reducer } from '../../source/ui/app/reducer.js';
import { type AppState, activeScopes, currentView, initialState } from '../../source/ui/app/state.js';
import { viewLines } from '../../source/ui/detail/lines.js';
import type { Env } from '../../source/ui/env.js';
import { KEYMAP, lookup } from '../../source/ui/keymap.js';
import { windowOf } from '../../source/ui/window.js';
import { bundled } from '../support/helpers.js';

const { store, problems } = bundled();
const env: Env = { data: backendOf(store), store, resolver: new Resolver(store), problems };
const reduce = reducer(env);
const keys = (state: AppState, ...names: string[]) =>
	names.reduce((s, name) => reduce(s, { type: 'key', name, input: name.length === 1 ? name : '' }), state);
const fresh = () => initialState(env, { cols: 80, rows: 24 });

describe('keymap', () => {
	it('binds each key once per scope and documents every binding in docs/keys.md', () => {
		const table = readBlock(KEYS_DOC, KEYS_BLOCK);
		expect(table, 'docs/keys.md key table out of date: npm run docs:keys').toBe(keysTable());
		for (const b of KEYMAP) {
			expect(b.keys.length, b.command).toBeGreaterThan(0);
			expect(table, b.command).toContain(b.help);
		}
	});

	it.each([
		['j', 'nav.down'],
		['down', 'nav.down'],
		['G', 'nav.bottom'],
		['enter', 'list.open'],
		['f', 'timeline.filter'],
		['?', 'app.help'],
		['q', 'app.quit'],
	])('in the Timeline list, %s runs %s', (key, command) => {
		expect(lookup(activeScopes(fresh()), key)?.command).toBe(command);
	});

	it('in the filter bar, letters are text and Enter applies', () => {
		const s = keys(fresh(), 'f');
		expect(activeScopes(s)).toEqual(['form']);
		expect(lookup(activeScopes(s), 'q')).toBeUndefined();
		expect(lookup(activeScopes(s), 'enter')?.command).toBe('form.apply');
	});
});

describe('reducer', () => {
	it('keeps the cursor inside the list and the window around the cursor', () => {
		let s = keys(fresh(), 'k', 'k');
		expect(s.panes.timeline.cursor).toBe(0);
		s = keys(s, 'G');
		expect(s.panes.timeline.cursor).toBe(store.incidents.length - 1);
		expect(s.panes.timeline.top).toBeGreaterThan(0);
		s = keys(s, 'j');
		expect(s.panes.timeline.cursor).toBe(store.incidents.length - 1);
		s = keys(s, 'g');
		expect(s.panes.timeline).toMatchObject({ cursor: 0, top: 0 });
	});

	it('a resize keeps the selection visible', () => {
		let s = keys(fresh(), 'G');
		s = reduce(s, { type: 'resize', cols: 80, rows: 12 });
		const row = s.panes.timeline.list.rowOf(s.panes.timeline.cursor);
		expect(row).toBeGreaterThanOrEqual(s.panes.timeline.top);
		expect(row).toBeLessThan(s.panes.timeline.top + 12 - 1 - 3 - 2);
	});

	it('opening, scrolling and leaving the detail keeps the list position', () => {
		let s = keys(fresh(), 'j', 'j', 'enter');
		expect(currentView(s)?.target).toEqual({ kind: 'incident', id: store.incidents[2]?.id });
		s = keys(s, 'G');
		expect(currentView(s)?.scroll).toBeGreaterThan(0);
		s = keys(s, 'escape');
		expect(currentView(s)).toBeUndefined();
		expect(s.panes.timeline.cursor).toBe(2);
	});

	it('Ctrl-C exits 130 from anywhere, q exits 0 only outside text fields', () => {
		expect(keys(fresh(), 'ctrl-c').exit).toBe(130);
		expect(keys(fresh(), 'f', 'ctrl-c').exit).toBe(130);
		expect(keys(fresh(), 'q').exit).toBe(0);
		expect(keys(fresh(), 'f', 'q').exit).toBeNull();
	});

	it('pages the help overlay by a screen, and Enter-like keys there do not open the row behind it', () => {
		let s = keys(fresh(), '?', 'pagedown');
		expect(s.overlay?.scroll).toBe(24 - 1 - 3 - 1);
		s = keys(s, 'G');
		expect(s.overlay?.scroll).toBeGreaterThan(20);
		s = keys(s, 'l', 'right');
		expect(currentView(s)).toBeUndefined();
	});

	it('the Search pane starts in results mode, so digits and q keep their meaning', () => {
		let s = keys(fresh(), '4');
		expect(s.pane).toBe('search');
		s = keys(s, '1');
		expect(s.pane).toBe('timeline');
		expect(keys(fresh(), '4', 'q').exit).toBe(0);
		s = keys(fresh(), '/', '/', 'a');
		expect(s.panes.search.query).toBe('a');
	});

	it('after a resize the selection in a detail view stays on the same link', () => {
		let s = keys(fresh(), 'j', 'j', 'j', 'j', 'j', 'enter', 'j', 'j');
		const view = currentView(s);
		const before = view && viewLines(view.target, s.cols, env, windowOf(env.data, s.days)).at(view.sel)?.link;
		expect(before).toBeDefined();
		s = reduce(s, { type: 'resize', cols: 50, rows: 20 });
		const after = currentView(s);
		expect(after && viewLines(after.target, 50, env, windowOf(env.data, s.days)).at(after.sel)?.link).toEqual(before);
	});
});
