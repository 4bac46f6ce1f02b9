// After the terminal's size or the activity window changes, every pane and
// open view is fitted again (the selection stays on the same row or link).
import { RISK_WINDOWS, type RiskDays } from '../../core/risk.js';
import type { PaneId } from '../../io/settings/config.js';
import type { Env } from '../env.js';
import { availablePanes, type PaneStates, paneDef } from '../panes/registry.js';
import { type AppState, paneCtx, windowOfState } from './state.js';
import { rebaseStacks } from './views.js';

function refitPanes(state: AppState, env: Env, windowChanged: boolean): PaneStates {
	const ctx = paneCtx(state, env);
	const panes = { ...state.panes };
	for (const id of availablePanes()) {
		(panes as Record<PaneId, unknown>)[id] = paneDef(id).refit(state.panes[id], ctx, windowChanged);
	}
	return panes;
}

export function resize(state: AppState, cols: number, rows: number, env: Env): AppState {
	const next = { ...state, cols, rows };
	return rebaseStacks(state, { ...next, panes: refitPanes(next, env, false) }, env);
}

export function setWindow(state: AppState, days: RiskDays, env: Env): AppState {
	if (days === state.days) return state;
	const next = { ...state, days };
	const window = windowOfState(next, env);
	const message = `window: ${days} days, ${window.start} to ${window.end}`;
	return rebaseStacks(state, { ...next, message, panes: refitPanes(next, env, true) }, env);
}

/** [ and ]: the next shorter or longer window, stopping at the ends. */
export function stepWindow(state: AppState, step: 1 | -1, env: Env): AppState {
	const i = RISK_WINDOWS.indexOf(state.days) + step;
	const days = RISK_WINDOWS[Math.max(0, Math.min(RISK_WINDOWS.length - 1, i))] ?? state.days;
	return setWindow(state, days, env);
}
