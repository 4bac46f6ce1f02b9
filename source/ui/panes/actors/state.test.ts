// The Actors pane's reducer: sorting and filters keep the selected actor,
// "/" jumps by name with typos forgiven, and the pane in a saved view.

import { describe, expect, it } from 'vitest';
import { bundled } from '../../../../tests/support/helpers.js';
import { backendOf } from '../../../core/backend/memory.js';
import { Resolver } from '../../../core/resolve.js';
import { riskWindow } from '../../../core/risk.js';
import type { SavedView } from '../../../io/settings/config.js';
import type { Command } from '../../keymap.js';
import type { PaneCtx } from '../pane.js';
import { actorsPane } from './index.js';
import type { ActorsState } from './state.js';

const { store, problems } = bundled();
const env = { data: backendOf(store), store, resolver: new Resolver(store), problems };
const ctx = (height = 20, days: 30 | 90 | 365 = 90): PaneCtx => ({
	env,
	window: riskWindow(store, { days }),
	height,
});
const run = (s: ActorsState, cmds: readonly Command[]) => cmds.reduce((a, c) => actorsPane.command(a, c, ctx()), s);
const fresh = () => actorsPane.init(env, ctx().window);
const selectedId = (s: ActorsState) => s.rows[s.pos.cursor]?.id;

describe('the Actors pane reducer', () => {
	it.each([
		['o: next sort', ['actors.sort']],
		['O: reversed', ['actors.reverse']],
		['t: by kind', ['actors.kind']],
		['o o O', ['actors.sort', 'actors.sort', 'actors.reverse']],
	] as const)('%s keeps the selected actor selected when it is still listed', (_what, cmds) => {
		const s = run(fresh(), ['nav.down', 'nav.down']);
		const before = selectedId(s);
		const after = run(s, cmds);
		if (after.rows.some((r) => r.id === before)) expect(selectedId(after)).toBe(before);
		else expect(after.pos.cursor).toBe(0);
	});

	it('p cycles the countries actors are based in, most actors first, then back to all; c clears', () => {
		let s = run(fresh(), ['actors.country']);
		const first = s.country;
		expect(first).toBeDefined();
		expect(s.rows.every((r) => r.countries.includes(first ?? ''))).toBe(true);
		s = run(s, ['actors.clear']);
		expect([s.country, s.kind, s.rows.length]).toEqual([undefined, undefined, s.all.length]);
	});

	it('/ jumps by name with a typo, ↓ goes to the next match, Esc goes back, Enter stays', () => {
		let s = run(fresh(), ['actors.jump']);
		expect(actorsPane.scopes(s)).toEqual(['jump']);
		for (const ch of 'haqani') s = actorsPane.type(s, ch, ctx());
		expect(s.rows[s.pos.cursor]?.name).toMatch(/Haqqani/);
		expect(run(s, ['jump.cancel']).pos.cursor).toBe(0);
		const stayed = run(s, ['jump.accept']);
		expect([stayed.jump, selectedId(stayed)]).toEqual([null, selectedId(s)]);
		const next = run(s, ['jump.next']);
		if ((s.jump?.matches.length ?? 0) > 1) expect(selectedId(next)).not.toBe(selectedId(s));
	});

	it('a longer window rescores the rows and keeps the selection; a shorter body keeps it on screen', () => {
		let s = run(fresh(), ['nav.bottom']);
		const id = selectedId(s);
		s = actorsPane.refit(s, ctx(20, 365), true);
		expect(selectedId(s)).toBe(id);
		s = actorsPane.refit(s, ctx(6), false);
		expect(s.pos.cursor - s.pos.top).toBeLessThan(6 - 2);
	});

	it('a saved view keeps the sort and filters, and restores them', () => {
		const s = run(fresh(), ['actors.sort', 'actors.reverse', 'actors.kind']);
		const view = { name: 'v', pane: 'actors', days: 90, savedAt: '', ...actorsPane.save(s) } as SavedView;
		const back = actorsPane.restore(fresh(), view, ctx()).state;
		expect([back.sort, back.reverse, back.kind]).toEqual([s.sort, s.reverse, s.kind]);
		expect(back.rows.map((r) => r.id)).toEqual(s.rows.map((r) => r.id));
		expect(actorsPane.nameHint(back, env)).toEqual([s.kind]);
	});
});

describe('the Actors pane rows', () => {
	it('are worked out when first read, once, however many window changes came before', () => {
		// A backend of its own (the rows are cached per actors, countries and incidents), counting the queries.
		const { store: own } = bundled();
		const base = backendOf(own);
		let asked = 0;
		const data = new Proxy(base, {
			get(target, key, receiver) {
				if (key === 'actorWindows') asked++;
				if (key === 'incidentsKey') return own;
				return Reflect.get(target, key, receiver);
			},
		});
		const envOf = { ...env, data };
		const at = (days: 30 | 90 | 365): PaneCtx => ({ env: envOf, window: riskWindow(own, { days }), height: 20 });
		let s = actorsPane.init(envOf, at(90).window);
		for (const days of [30, 365, 90, 30] as const) s = actorsPane.refit(s, at(days), true);
		expect(asked).toBe(0);
		expect(s.rows.length).toBeGreaterThan(0);
		expect(asked).toBe(1);
		expect(s.rows).toEqual(actorsPane.init(env, at(30).window).rows);
		void s.all;
		expect(asked).toBe(1);
	});
});
