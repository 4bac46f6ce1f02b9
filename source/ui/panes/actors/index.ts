// The Actors pane: who is active in the window, sortable and filterable, "/" jumps by name.
import type { PaneDef } from '../pane.js';
import {
	type ActorsState,
	actorsCommand,
	actorsNameHint,
	actorsRefit,
	actorsRefresh,
	actorsRestore,
	actorsSave,
	actorsSelect,
	actorsSelected,
	actorsState,
	jumpType,
} from './state.js';
import { ActorsView } from './view.js';

export const actorsPane: PaneDef<ActorsState> = {
	title: 'Actors',
	namespaces: ['actors', 'jump'],
	init: (env, window) => actorsState(env.data, window),
	scopes: (s) => (s.jump ? ['jump'] : ['actors', 'list', 'global']),
	command: actorsCommand,
	type: jumpType,
	refit: actorsRefit,
	refresh: actorsRefresh,
	selected: actorsSelected,
	select: actorsSelect,
	save: actorsSave,
	restore: actorsRestore,
	nameHint: actorsNameHint,
	View: ActorsView,
};
