// The panes, in tab order (keys 1–4). A pane is registered here once; its id is
// also listed in io/settings/config.ts's PANES, which checks lastPane and saved views.
import type { PaneId } from '../../io/settings/config.js';
import { actorsPane } from './actors/index.js';
import type { PaneDef } from './pane.js';
import { riskPane } from './risk/index.js';
import { searchPane } from './search/index.js';
import { timelinePane } from './timeline/index.js';

export const PANES = {
	timeline: timelinePane,
	actors: actorsPane,
	risk: riskPane,
	search: searchPane,
	// biome-ignore lint/suspicious/noExplicitAny: each pane has a state type of its own
} satisfies Record<PaneId, PaneDef<any>>;

/** Each pane's state, by id. */
export type PaneStates = { [K in PaneId]: (typeof PANES)[K] extends PaneDef<infer S> ? S : never };

const ORDER = Object.keys(PANES) as PaneId[];

export function availablePanes(): readonly PaneId[] {
	return ORDER;
}

export const PANE_TITLES: Record<PaneId, string> = Object.fromEntries(
	ORDER.map((id) => [id, PANES[id].title]),
) as Record<PaneId, string>;

/** A pane's definition with its state type erased: for code that treats every pane alike. */
export function paneDef(id: PaneId): PaneDef<PaneStates[PaneId]> {
	return PANES[id] as unknown as PaneDef<PaneStates[PaneId]>;
}

/** The pane owning a command namespace ("form" → timeline), if any. */
export function paneOwning(namespace: string): PaneId | undefined {
	return ORDER.find((id) => PANES[id].namespaces.includes(namespace));
}
