// F, "filter by this row": the Timeline filtered to what the selected record
// (or the open detail view's) is about, so a briefing goes from one incident to
// the like of it in one key. The filter is an ordinary one: f edits each field.
import { describeFilter, type TimelineFilter } from '../../core/timeline.js';
import type { Target } from '../../present/target.js';
import type { Env } from '../env.js';
import { timelineWith } from '../panes/timeline/state.js';
import { type AppState, currentView, say, selectedTarget } from './state.js';
import { cleared } from './views.js';

/** The filter a record stands for; a string says why there is none. */
export function filterOfTarget(target: Target, env: Env): TimelineFilter | string {
	switch (target.kind) {
		case 'incident': {
			const inc = env.data.incident(target.id);
			if (!inc) return 'that incident is no longer in the data';
			// Who did it, as the Timeline's actor filter reads it: perpetrators, else the claimant.
			const actors = inc.perpetrators.length ? inc.perpetrators : inc.claimedBy ? [inc.claimedBy] : [];
			return { countries: [inc.country], actors: [...actors], types: [inc.type] };
		}
		case 'actor':
			return { countries: [], actors: [target.id], types: [] };
		case 'country':
			return { countries: [target.code], actors: [], types: [] };
		case 'article':
			return 'an article is not a filter: open one of its incidents, actors or countries (Enter on a link) and press F there';
	}
}

export function filterByRow(state: AppState, env: Env): AppState {
	if (state.overlay) return state;
	const target = currentView(state)?.target ?? selectedTarget(state);
	if (!target) return say(state, 'nothing selected to filter by');
	const filter = filterOfTarget(target, env);
	if (typeof filter === 'string') return say(state, filter);
	const timeline = timelineWith(env.data, filter, state.panes.timeline.sort);
	return say(
		{ ...cleared({ ...state, pane: 'timeline' }, 'timeline'), panes: { ...state.panes, timeline } },
		`${describeFilter(filter)}: ${timeline.list.total} incidents (f to change the filter, c to clear it)`,
	);
}
