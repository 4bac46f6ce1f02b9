// The Risk pane's list: one row per country, highest score first.
import { type CountryRisk, type RiskWindow, riskTable } from '../core/risk.js';
import type { Store } from '../core/store.js';
import type { ListPos } from './state.js';

export interface RiskState {
	rows: CountryRisk[];
	pos: ListPos;
}

/**
 * Rows for the window; keeps the selected country selected across window changes.
 * Scoring every country is ~80 ms at 100k incidents, so it waits until the
 * pane is first shown (a reader of rows or pos), not the first frame.
 */
export function riskState(store: Store, window: RiskWindow, prev?: RiskState): RiskState {
	let made: RiskState | undefined;
	const make = (): RiskState => {
		if (made) return made;
		const rows = riskTable(store, window);
		const code = prev?.rows[prev.pos.cursor]?.code;
		const at = code ? rows.findIndex((r) => r.code === code) : -1;
		made = { rows, pos: { cursor: Math.max(0, at), top: prev?.pos.top ?? 0 } };
		return made;
	};
	return {
		get rows() {
			return make().rows;
		},
		get pos() {
			return make().pos;
		},
	};
}
