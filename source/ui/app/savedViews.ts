// Saved views (s, and "save NAME" / a view's name in the palette): the focused
// pane, the window, each pane's filter, query or sort, and the selected row.
// Each pane says what it keeps (PaneDef.save/restore); this puts them together.
import { RISK_WINDOWS, type RiskDays } from '../../core/risk.js';
import { describeFilter, isEmptyFilter } from '../../core/timeline.js';
import type { PaneId, SavedView } from '../../io/settings/config.js';
import type { Env } from '../env.js';
import { availablePanes, PANE_TITLES, type PaneStates, paneDef } from '../panes/registry.js';
import { setWindow } from './refit.js';
import { type AppState, paneCtx, say, selectedTarget } from './state.js';
import { cleared } from './views.js';

/** View names are one per spelling: "AF last 90 days" and "af last 90 days" are the same view. */
export const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export const existingName = (views: readonly SavedView[], name: string) =>
	views.find((v) => sameName(v.name, name))?.name ?? name;

export function suggestName(state: AppState, env: Env): string {
	const parts = paneDef(state.pane).nameHint(state.panes[state.pane], env);
	return parts.length ? parts.join(' ') : `${PANE_TITLES[state.pane]} ${state.days}d`;
}

export function captureView(state: AppState, name: string): SavedView {
	const t = selectedTarget(state);
	const parts = availablePanes().map((id) => paneDef(id).save(state.panes[id]));
	return {
		name,
		pane: state.pane,
		days: state.days,
		...Object.assign({}, ...parts),
		...(t ? { selected: t.kind === 'country' ? t.code : t.id } : {}),
		savedAt: new Date().toISOString(),
	};
}

export function storeView(state: AppState, view: SavedView): AppState {
	const views = [...state.views.filter((v) => !sameName(v.name, view.name)), view];
	return say(
		{ ...state, views, prompt: null, confirm: null },
		`view "${view.name}" saved: open it from the palette (:)`,
	);
}

/** Saves under `name`, asking first when a view of that name exists. */
export function saveAs(state: AppState, name: string): AppState {
	const view = captureView(state, name);
	if (!state.views.some((v) => sameName(v.name, name))) return storeView(state, view);
	return {
		...state,
		confirm: {
			question: `Replace the saved view "${existingName(state.views, name)}"?`,
			action: { kind: 'overwriteView', view },
		},
	};
}

/** Opens a saved view: its pane, window, filter (relative dates re-read against today's data), query, sort, selection. */
export function openSavedView(state: AppState, view: SavedView, env: Env): AppState {
	const days = RISK_WINDOWS.find((d) => d === view.days) ?? state.days;
	let s: AppState = setWindow(
		cleared({ ...state, pane: view.pane, overlay: null, palette: null }, view.pane),
		days as RiskDays,
		env,
	);
	const notes: string[] = [];
	const ctx = paneCtx(s, env);
	const panes = { ...s.panes } as Record<PaneId, unknown>;
	for (const id of availablePanes()) {
		const r = paneDef(id).restore(s.panes[id], view, ctx);
		panes[id] = r.state;
		notes.push(...r.notes);
	}
	s = { ...s, panes: panes as PaneStates };
	if (view.selected) {
		const def = paneDef(view.pane);
		s = { ...s, panes: { ...s.panes, [view.pane]: def.select(s.panes[view.pane], view.selected, ctx) } };
	}
	const timeline = s.panes.timeline;
	const what =
		view.pane === 'timeline' && !isEmptyFilter(timeline.filter)
			? `${describeFilter(timeline.filter)}, ${timeline.list.total} incidents`
			: `${PANE_TITLES[view.pane]}, ${days} days`;
	return say(s, `view "${view.name}": ${what}${notes.length ? ` (${notes.join('; ')})` : ''}`);
}
