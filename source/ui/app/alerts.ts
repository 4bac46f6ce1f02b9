// The alert rules' part of the App's state: checked when the data changes,
// and the list opened with `a` (which marks every alert read). The Watch line
// comes and goes with an unread alert when nothing is watched: the panes are
// fitted again to the height that leaves.
import { checkAlerts, readAll } from '../alerts.js';
import type { Env } from '../env.js';
import { watchLineShown } from '../layout.js';
import { resize } from './refit.js';
import type { AppState } from './state.js';

function refitted(before: AppState, after: AppState, env: Env): AppState {
	return watchLineShown(before) === watchLineShown(after) ? after : resize(after, after.cols, after.rows, env);
}

export function alertsChecked(state: AppState, env: Env, now: Date): AppState {
	// Over the Backend: the store in memory and the SQLite index answer alike (tests/conformance).
	const alerts = checkAlerts(state.alerts, env.data, () => env.resolver, state.watch.keys, now);
	return alerts === state.alerts ? state : refitted(state, { ...state, alerts }, env);
}

export function openAlerts(state: AppState, env: Env): AppState {
	const next: AppState = { ...state, overlay: { kind: 'alerts', scroll: 0 }, alerts: readAll(state.alerts) };
	return refitted(state, next, env);
}
