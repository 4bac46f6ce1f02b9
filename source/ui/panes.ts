// The panes that exist, in tab order.
import type { PaneId } from '../config.js';

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
