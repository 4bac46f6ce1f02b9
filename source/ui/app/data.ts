// The data directory was reloaded: every pane shows the new records with its
// filters and sort as they were and its cursor on the same record (by id),
// open views of records still there stay open where they were scrolled to,
// and what arrived is marked ● until looked at, watched or not. Overlays, the
// palette and prompts are left as they are: the analyst was using them.
import type { PaneId } from '../../io/settings/config.js';
import type { Target } from '../../present/target.js';
import { viewLines } from '../detail/lines.js';
import { rebaseView, type View } from '../detail/state.js';
import type { Env } from '../env.js';
import { detailCols, detailHeight } from '../layout.js';
import { availablePanes, type PaneStates, paneDef } from '../panes/registry.js';
import type { WatchUi } from '../watch.js';
import { type AppState, type DataAction, paneCtx, windowOfState } from './state.js';

function exists(target: Target, env: Env): boolean {
	const { data } = env;
	switch (target.kind) {
		case 'incident':
			return data.incident(target.id) !== undefined;
		case 'article':
			return data.article(target.id) !== undefined;
		case 'actor':
			return data.actorById.has(target.id);
		case 'country':
			return data.countryByCode.has(target.code);
	}
}

/** New records marked, removed ones unmarked; a record changed in place gets no mark. */
function marked(w: WatchUi, action: DataAction): WatchUi {
	const { added, removed } = action;
	if (!added.incidents.length && !added.articles.length && !removed.incidents.length && !removed.articles.length)
		return w;
	const incidents = new Set(w.newIncidents);
	const articles = new Set(w.newArticles);
	for (const id of added.incidents) incidents.add(id);
	for (const id of added.articles) articles.add(id);
	for (const id of removed.incidents) incidents.delete(id);
	for (const id of removed.articles) articles.delete(id);
	return { ...w, newIncidents: incidents, newArticles: articles };
}

export function applyData(state: AppState, action: DataAction, env: Env): AppState {
	const ctx = paneCtx(state, env);
	const panes = { ...state.panes };
	for (const id of availablePanes()) {
		(panes as Record<PaneId, unknown>)[id] = paneDef(id).refresh(state.panes[id], ctx, action.changed);
	}
	const window = windowOfState(state, env);
	const stacks = { ...state.stacks };
	for (const pane of Object.keys(stacks) as PaneId[]) {
		// A view of a record that is gone closes; the others keep their place (a text that changed is re-fitted).
		stacks[pane] = stacks[pane]
			.filter((v) => exists(v.target, env))
			.map((v: View) => {
				const lines = viewLines(v.target, detailCols(state), env, window);
				return rebaseView(v, lines, lines, detailHeight(state));
			});
	}
	return { ...state, panes: panes as PaneStates, stacks, watch: marked(state.watch, action) };
}
