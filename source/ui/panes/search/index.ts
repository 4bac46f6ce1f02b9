// The Search pane: fuzzy search of articles and incidents, with a reader (/ from anywhere).
import type { PaneDef } from '../pane.js';
import {
	emptySearch,
	type SearchState,
	searchCommand,
	searchRefit,
	searchRestore,
	searchSave,
	searchSelected,
	searchType,
} from './state.js';
import { SearchView } from './view.js';

export const searchPane: PaneDef<SearchState> = {
	title: 'Search',
	namespaces: ['search', 'query'],
	init: () => emptySearch,
	scopes: (s) => (s.editing ? ['query'] : ['search', 'list', 'global']),
	command: searchCommand,
	type: (s, input, ctx) => (s.editing ? searchType(s, input, ctx.env.resolver) : s),
	refit: searchRefit,
	// Searched again once the index holds the new records (the reducer's searchIndex marks the results for it).
	refresh: (s) => s,
	selected: searchSelected,
	// Results are not kept in a view: the query is, and it finds them again.
	select: (s) => s,
	save: searchSave,
	restore: searchRestore,
	nameHint: (s) => (s.query ? [s.query] : []),
	View: SearchView,
};
