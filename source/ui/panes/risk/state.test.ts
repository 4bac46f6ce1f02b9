// The Risk pane's rows are scored only when read; window changes made while
// nobody looks at the pane must not queue up a scoring each.
import { describe, expect, it } from 'vitest';
import { bundled } from '../../../../tests/support/helpers.js';
import { backendOf } from '../../../core/backend/memory.js';
import { Resolver } from '../../../core/resolve.js';
import { type RiskDays, riskWindow } from '../../../core/risk.js';
import type { Store } from '../../../core/store.js';
import type { PaneCtx } from '../pane.js';
import { riskPane } from './index.js';
import { type RiskState, riskState } from './state.js';

/** The bundled store, counting how often the scoring reads its per-country lists. */
function counted(): { store: Store; reads: () => number } {
	const { store } = bundled();
	let n = 0;
	const proxy = new Proxy(store, {
		get(target, key, receiver) {
			if (key === 'incidentsByCountry') n++;
			return Reflect.get(target, key, receiver);
		},
	});
	return { store: proxy, reads: () => n };
}

describe('riskState', () => {
	it('scores once when read, however many window changes came before', () => {
		const one = counted();
		void riskState(backendOf(one.store), riskWindow(one.store, { days: 90 })).rows;
		const perTable = one.reads();
		expect(perTable).toBeGreaterThan(0);

		const { store, reads } = counted();
		let state: RiskState = riskState(backendOf(store), riskWindow(store, { days: 90 }));
		const days: RiskDays[] = [30, 90, 365];
		for (let i = 0; i < 30; i++)
			state = riskState(backendOf(store), riskWindow(store, { days: days[i % 3] as RiskDays }), state);
		expect(reads()).toBe(0);
		void state.rows;
		expect(reads()).toBe(perTable);
	});

	it('keeps the selected country across window changes, seen or not', () => {
		const { store } = bundled();
		const first = riskState(backendOf(store), riskWindow(store, { days: 365 }));
		const pick = first.rows[3]?.code;
		expect(pick).toBeDefined();
		const moved: RiskState = { ...first, pos: { cursor: 3, top: 1 } };
		let state = riskState(backendOf(store), riskWindow(store, { days: 90 }), moved);
		state = riskState(backendOf(store), riskWindow(store, { days: 30 }), state);
		state = riskState(backendOf(store), riskWindow(store, { days: 365 }), state);
		expect(state.rows[state.pos.cursor]?.code).toBe(pick);
		expect(state.pos.top).toBe(1);
	});
});

describe('the Risk pane reducer', () => {
	const { store, problems } = bundled();
	const env = { data: backendOf(store), store, resolver: new Resolver(store), problems };
	const ctx = (height = 20, days: RiskDays = 365): PaneCtx => ({ env, window: riskWindow(store, { days }), height });

	it.each([
		['j', ['nav.down'], 1],
		['j j k', ['nav.down', 'nav.down', 'nav.up'], 1],
		['G', ['nav.bottom'], -1],
		['G g', ['nav.bottom', 'nav.top'], 0],
		['k at the top', ['nav.up'], 0],
	] as const)('%s', (_keys, cmds, at) => {
		let s = riskPane.init(env, ctx().window);
		for (const c of cmds) s = riskPane.command(s, c, ctx());
		expect(s.pos.cursor).toBe(at < 0 ? s.rows.length - 1 : at);
	});

	it('keeps the cursor on screen in a shorter body, and puts a saved selection under it', () => {
		let s = riskPane.init(env, ctx().window);
		s = riskPane.command(s, 'nav.bottom', ctx(40));
		s = riskPane.refit(s, ctx(5), false);
		expect(s.pos.cursor - s.pos.top).toBeLessThan(5 - 2);
		const code = s.rows[1]?.code ?? '';
		const picked = riskPane.select(s, code, ctx(5));
		expect(riskPane.selected(picked)).toEqual({ kind: 'country', code });
	});

	it('a resize before the pane was ever shown does not score it', () => {
		const { store: counting, reads } = counted();
		const env2 = { ...env, store: counting };
		const s = riskPane.init(env2, riskWindow(counting, { days: 90 }));
		riskPane.refit(s, { env: env2, window: riskWindow(counting, { days: 90 }), height: 10 }, false);
		expect(reads()).toBe(0);
	});
});
