// The Risk pane's list: one row per country, highest score first.
import { type CountryRisk, type RiskWindow, riskTable } from '../../../core/risk.js';
import type { Store } from '../../../core/store.js';
import type { ListPos } from '../../app/state.js';
import { perWindow } from '../../window.js';

export interface RiskState {
	rows: CountryRisk[];
	pos: ListPos;
}

/** A risk table per store and window, scored once. */
export const riskRows = perWindow(riskTable);

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
