// The Risk pane's rows are scored only when read; window changes made while
// nobody looks at the pane must not queue up a scoring each.
import { describe, expect, it } from 'vitest';
import { type RiskDays, riskWindow } from '../../source/core/risk.js';
import type { Store } from '../../source/core/store.js';
import { type RiskState, riskState } from '../../source/ui/panes/risk/state.js';
import { bundled } from '../support/helpers.js';

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
		void riskState(one.store, riskWindow(one.store, { days: 90 })).rows;
		const perTable = one.reads();
		expect(perTable).toBeGreaterThan(0);

		const { store, reads } = counted();
		let state: RiskState = riskState(store, riskWindow(store, { days: 90 }));
		const days: RiskDays[] = [30, 90, 365];
		for (let i = 0; i < 30; i++) state = riskState(store, riskWindow(store, { days: days[i % 3] as RiskDays }), state);
		expect(reads()).toBe(0);
		void state.rows;
		expect(reads()).toBe(perTable);
	});

	it('keeps the selected country across window changes, seen or not', () => {
		const { store } = bundled();
		const first = riskState(store, riskWindow(store, { days: 365 }));
		const pick = first.rows[3]?.code;
		expect(pick).toBeDefined();
		const moved: RiskState = { ...first, pos: { cursor: 3, top: 1 } };
		let state = riskState(store, riskWindow(store, { days: 90 }), moved);
		state = riskState(store, riskWindow(store, { days: 30 }), state);
		state = riskState(store, riskWindow(store, { days: 365 }), state);
		expect(state.rows[state.pos.cursor]?.code).toBe(pick);
		expect(state.pos.top).toBe(1);
	});
});
