// The Timeline pane: incidents newest first by month, filterable (f).
import { emptyFilter } from '../../../core/timeline.js';
import type { PaneDef } from '../pane.js';
import {
	listHeight,
	scrollTo,
	type TimelineState,
	timelineCommand,
	timelineNameHint,
	timelineRefresh,
	timelineRestore,
	timelineSave,
	timelineSelect,
	timelineSelected,
	timelineType,
	timelineWith,
} from './state.js';
import { TimelineView } from './view.js';

export const timelinePane: PaneDef<TimelineState> = {
	title: 'Timeline',
	namespaces: ['timeline', 'form'],
	init: (env) => timelineWith(env.data, emptyFilter),
	scopes: (t) => (t.form ? ['form'] : ['timeline', 'list', 'global']),
	command: timelineCommand,
	type: (t, input) => timelineType(t, input),
	refit: (t, ctx) => scrollTo(t, listHeight(t, ctx.height)),
	refresh: timelineRefresh,
	selected: timelineSelected,
	select: timelineSelect,
	save: timelineSave,
	restore: timelineRestore,
	nameHint: timelineNameHint,
	View: TimelineView,
};
