// The Risk pane's list: one row per country, highest score first.
import { type CountryRisk, type RiskWindow, riskTable } from '../core/risk.js';
import type { Store } from '../core/store.js';
import type { ListPos } from './state.js';

export interface RiskState {
	rows: CountryRisk[];
	pos: ListPos;
}

// Each window's table is scored once per store: moving between 30, 90 and 365 days and back is free,
// and the dashboard scores the windows not shown yet in idle time (see App).
const tables = new WeakMap<Store, Map<string, CountryRisk[]>>();

export function riskRows(store: Store, window: RiskWindow): CountryRisk[] {
	let byWindow = tables.get(store);
	if (!byWindow) {
		byWindow = new Map();
		tables.set(store, byWindow);
	}
	const key = `${window.days}:${window.end}`;
	let rows = byWindow.get(key);
	if (!rows) {
		rows = riskTable(store, window);
		byWindow.set(key, rows);
	}
	return rows;
}

/** The country a state keeps selected and its scroll, as the next window's rows will look for them. */
interface Keep {
	code: string | undefined;
	top: number;
}

/** States whose rows are not scored yet, with the selection they carry over. */
const unscored = new WeakMap<RiskState, Keep>();

function keepOf(prev: RiskState | undefined): Keep {
	if (!prev) return { code: undefined, top: 0 };
	// Not scored yet: nobody has seen it, so it passes on what it was given (scoring it would chain back through every window change).
	const waiting = unscored.get(prev);
	if (waiting) return waiting;
	return { code: prev.rows[prev.pos.cursor]?.code, top: prev.pos.top };
}

/**
 * Rows for the window; keeps the selected country selected across window changes.
 * Scoring every country is ~80 ms at 100k incidents, so it waits until the
 * pane is first shown (a reader of rows or pos), not the first frame.
 */
export function riskState(store: Store, window: RiskWindow, prev?: RiskState): RiskState {
	const keep = keepOf(prev);
	let made: RiskState | undefined;
	const make = (): RiskState => {
		if (made) return made;
		const rows = riskRows(store, window);
		const at = keep.code ? rows.findIndex((r) => r.code === keep.code) : -1;
		made = { rows, pos: { cursor: Math.max(0, at), top: keep.top } };
		unscored.delete(state);
		return made;
	};
	const state: RiskState = {
		get rows() {
			return make().rows;
		},
		get pos() {
			return make().pos;
		},
	};
	unscored.set(state, keep);
	return state;
}
