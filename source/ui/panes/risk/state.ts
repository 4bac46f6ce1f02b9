// The Risk pane's state: one row per country, highest score first.

import type { Backend } from '../../../core/backend/types.js';
import { type CountryRisk, type RiskWindow, riskTable } from '../../../core/risk.js';
import type { Target } from '../../../present/target.js';
import type { Command } from '../../keymap.js';
import { keepVisible, type ListPos, moveList, NAV_COMMANDS } from '../../list.js';
import { perWindow } from '../../window.js';
import type { DataChange, PaneCtx } from '../pane.js';

export interface RiskState {
	rows: CountryRisk[];
	pos: ListPos;
}

/** A risk table per store and window, scored once (again only when the incidents, countries or actors change). */
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
export function riskState(data: Backend, window: RiskWindow, prev?: RiskState): RiskState {
	const keep = keepOf(prev);
	let made: RiskState | undefined;
	const make = (): RiskState => {
		if (made) return made;
		const rows = riskRows(data, window);
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

/** List rows: the body less the summary line and the column headings. */
export function listHeight(body: number): number {
	return Math.max(1, body - 2);
}

export function riskCommand(s: RiskState, cmd: Command, ctx: PaneCtx): RiskState {
	if (!NAV_COMMANDS.has(cmd)) return s;
	return { ...s, pos: moveList(s.pos, cmd, s.rows.length, listHeight(ctx.height)) };
}

export function riskRefit(s: RiskState, ctx: PaneCtx, windowChanged: boolean): RiskState {
	if (windowChanged) return riskState(ctx.env.data, ctx.window, s);
	// Not scored yet: a resize must not force the scoring (the rows fit when first drawn).
	if (unscored.has(s)) return s;
	return { rows: s.rows, pos: keepVisible(s.pos, s.rows.length, listHeight(ctx.height)) };
}

/** Scores from the new incidents (when first shown), the same country selected. */
export function riskRefresh(s: RiskState, ctx: PaneCtx, changed: DataChange): RiskState {
	if (!changed.incidents && !changed.countries) return s;
	return riskState(ctx.env.data, ctx.window, s);
}

export function riskSelected(s: RiskState): Target | undefined {
	const row = s.rows[s.pos.cursor];
	return row && { kind: 'country', code: row.code };
}

export function riskSelect(s: RiskState, code: string, ctx: PaneCtx): RiskState {
	const at = s.rows.findIndex((r) => r.code === code);
	if (at < 0) return s;
	return { rows: s.rows, pos: keepVisible({ cursor: at, top: 0 }, s.rows.length, listHeight(ctx.height)) };
}
