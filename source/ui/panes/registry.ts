// The panes that exist, in tab order.
import type { PaneId } from '../../io/settings/config.js';
import type { AppState, Env } from '../app/state.js';
import type { Theme } from '../theme.js';

/** What every pane component is drawn from. */
export interface PaneProps {
	state: AppState;
	env: Env;
	theme: Theme;
	/** Columns the pane is drawn in (the left column of a split, or the terminal). */
	width: number;
}

export const PANE_TITLES: Record<PaneId, string> = {
	timeline: 'Timeline',
	actors: 'Actors',
	risk: 'Risk',
	search: 'Search',
};

const AVAILABLE: readonly PaneId[] = ['timeline', 'actors', 'risk', 'search'];

export function availablePanes(): readonly PaneId[] {
	return AVAILABLE;
}
