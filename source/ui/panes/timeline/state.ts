// The Timeline pane's state: filtered incidents with month headings, the
// cursor and window, and the filter bar.

import type { Backend } from '../../../core/backend/types.js';
import type { Incident } from '../../../core/schema.js';
import {
	emptyFilter,
	type FilterInput,
	filterValues,
	isTimelineSort,
	parseFilter,
	type TimelineFilter,
	type TimelineSort,
} from '../../../core/timeline.js';
import type { SavedView } from '../../../io/settings/config.js';
import type { Target } from '../../../present/target.js';
import type { Env } from '../../env.js';
import type { Command } from '../../keymap.js';
import { NAV_COMMANDS } from '../../list.js';
import type { DataChange, PaneCtx, ViewPart } from '../pane.js';
import {
	applyForm,
	complete,
	completionsFor,
	cycleCompletion,
	deleteChar,
	type FilterForm,
	FORM_FIELDS,
	formFromFilter,
	moveField,
	setValue,
	typeText,
} from './filterForm.js';
import { type TimelineList, timelineList } from './list.js';

export type { Row } from './list.js';

export interface TimelineState {
	filter: TimelineFilter;
	sort: TimelineSort;
	/** The filtered incidents, paged from the Backend, with their month headings. */
	list: TimelineList;
	cursor: number;
	top: number;
	form: FilterForm | null;
}

/** The filter bar: a title, one line per field, the completion/error line. */
export const FORM_HEIGHT = FORM_FIELDS.length + 2;

/** List rows: the body less the summary line, the column headings and the filter bar when open. */
export function listHeight(t: TimelineState, body: number): number {
	return Math.max(1, body - 2 - (t.form ? FORM_HEIGHT : 0));
}

export function timelineWith(data: Backend, filter: TimelineFilter, sort: TimelineSort = 'date'): TimelineState {
	return { filter, sort, list: timelineList(data, filter, sort), cursor: 0, top: 0, form: null };
}

/** The selected incident. */
export const selectedIncident = (t: TimelineState): Incident | undefined => t.list.at(t.cursor);

/** A list made again (another filter or order) with `keep` still selected when it is in it, else the top. */
function reopen(next: TimelineState, keep: string | undefined, height: number): TimelineState {
	const at = keep ? next.list.indexOf(keep) : -1;
	return scrollTo({ ...next, cursor: Math.max(0, at) }, listHeight(next, height));
}

/** The same filter in the other order, the selected incident still selected. */
function toggleSort(t: TimelineState, env: Env, height: number): TimelineState {
	const next = timelineWith(env.data, t.filter, t.sort === 'date' ? 'fatalities' : 'date');
	// From date to toll the deadliest is what is wanted: start at the top; back to date, find the row again.
	return reopen(next, next.sort === 'date' ? selectedIncident(t)?.id : undefined, height);
}

/** Keeps the cursor's row (and its month heading when possible) inside a window of `height` rows. */
export function scrollTo(t: TimelineState, height: number): TimelineState {
	const { list } = t;
	if (list.total === 0) return { ...t, cursor: 0, top: 0 };
	const cursor = Math.max(0, Math.min(t.cursor, list.total - 1));
	const row = list.rowOf(cursor);
	let top = t.top;
	const before = list.rowAt(row - 1)?.kind;
	const withHeading = before === 'month' || before === 'untolled' ? row - 1 : row;
	if (withHeading < top) top = withHeading;
	if (row >= top + height) top = row - height + 1;
	top = Math.max(0, Math.min(top, Math.max(0, list.rowCount - height)));
	return { ...t, cursor, top };
}

/** A page keeps two rows of context: a month heading may take one. */
function moveCursor(t: TimelineState, cmd: Command, height: number): TimelineState {
	const page = Math.max(1, height - 2);
	const to: Partial<Record<Command, number>> = {
		'nav.down': t.cursor + 1,
		'nav.up': t.cursor - 1,
		'nav.pageDown': t.cursor + page,
		'nav.pageUp': t.cursor - page,
		'nav.top': 0,
		'nav.bottom': t.list.total - 1,
	};
	return scrollTo({ ...t, cursor: to[cmd] ?? t.cursor }, height);
}

export function timelineType(t: TimelineState, input: string): TimelineState {
	return t.form ? { ...t, form: typeText(t.form, input) } : t;
}

export function timelineCommand(t: TimelineState, cmd: Command, ctx: PaneCtx): TimelineState {
	const height = listHeight(t, ctx.height);
	if (NAV_COMMANDS.has(cmd)) return moveCursor(t, cmd, height);
	switch (cmd) {
		case 'timeline.filter': {
			// The bar takes rows from the list: keep the selected incident on screen.
			const withForm = { ...t, form: formFromFilter(t.filter) };
			return scrollTo(withForm, listHeight(withForm, ctx.height));
		}
		case 'timeline.clear':
			return timelineWith(ctx.env.data, emptyFilter, t.sort);
		case 'timeline.sort':
			return toggleSort(t, ctx.env, ctx.height);
		default:
			return t.form ? formCommand(t, t.form, cmd, ctx) : t;
	}
}

function formCommand(t: TimelineState, form: FilterForm, cmd: Command, ctx: PaneCtx): TimelineState {
	const { env } = ctx;
	const set = (f: FilterForm | null) => ({ ...t, form: f });
	switch (cmd) {
		case 'form.cancel':
			return set(null);
		case 'form.apply':
		case 'form.applyByToll': {
			const r = applyForm(form, env.resolver);
			if (!r.filter) return set(r.form);
			const byToll = cmd === 'form.applyByToll';
			const next = timelineWith(env.data, r.filter, byToll ? 'fatalities' : t.sort);
			return reopen(next, byToll ? undefined : selectedIncident(t)?.id, ctx.height);
		}
		case 'form.complete':
			return set(complete(form, env.resolver));
		case 'form.nextField':
			return set(moveField(form, 1));
		case 'form.prevField':
			return set(moveField(form, -1));
		case 'form.nextCompletion':
		case 'form.prevCompletion':
			return set(
				cycleCompletion(form, cmd === 'form.nextCompletion' ? 1 : -1, completionsFor(form, env.resolver).length),
			);
		case 'form.clearField':
			return set(setValue(form, ''));
		case 'form.deleteChar':
			return set(deleteChar(form));
		default:
			return t;
	}
}

/** New incidents: the same filter again, the selected incident still selected, the list scrolled as it was while it stays in view. */
export function timelineRefresh(t: TimelineState, ctx: PaneCtx, changed: DataChange): TimelineState {
	// A filter names actors (with their subgroups) and countries: those count too.
	if (!changed.incidents && !changed.actors && !changed.countries) return t;
	const keep = selectedIncident(t)?.id;
	const next = timelineWith(ctx.env.data, t.filter, t.sort);
	const found = keep ? next.list.indexOf(keep) : -1;
	const cursor = found >= 0 ? found : Math.min(t.cursor, Math.max(0, next.list.total - 1));
	const withForm = { ...next, form: t.form, cursor, top: t.top };
	return scrollTo(withForm, listHeight(withForm, ctx.height));
}

export function timelineSelected(t: TimelineState): Target | undefined {
	const inc = selectedIncident(t);
	return inc && { kind: 'incident', id: inc.id };
}

export function timelineSelect(t: TimelineState, id: string, ctx: PaneCtx): TimelineState {
	const at = t.list.indexOf(id);
	return at >= 0 ? scrollTo({ ...t, cursor: at }, listHeight(t, ctx.height)) : t;
}

/** A filter as a saved view keeps it: a relative since ("90d") stays relative. */
export function timelineSave(t: TimelineState): ViewPart {
	const f = t.filter;
	const since = f.sinceRel ?? f.since;
	// What is left out is kept as typed (-AF), so a view is read back by parseFilter like any filter.
	const v = filterValues(f);
	return {
		filter: {
			countries: v.country,
			actors: v.actor,
			types: v.type,
			...(since ? { since } : {}),
			...(f.until ? { until: f.until } : {}),
		},
		// Left out by date, the default, so views saved before there was a sort read the same.
		...(t.sort === 'date' ? {} : { sort: t.sort }),
	};
}

/** Relative dates are read again against today's data (or the --as-of date). */
export function timelineRestore(
	t: TimelineState,
	view: SavedView,
	ctx: PaneCtx,
): { state: TimelineState; notes: string[] } {
	const sort = isTimelineSort(view.sort) ? view.sort : 'date';
	if (!view.filter) return { state: sort === t.sort ? t : timelineWith(ctx.env.data, t.filter, sort), notes: [] };
	const f = view.filter;
	const input: FilterInput = { country: f.countries, actor: f.actors, type: f.types, since: f.since, until: f.until };
	if (ctx.asOf) input.anchor = ctx.asOf;
	const { filter, errors } = parseFilter(ctx.env.resolver, input);
	return { state: timelineWith(ctx.env.data, filter, sort), notes: errors.map((e) => `${e.field}: ${e.message}`) };
}

export function timelineNameHint(t: TimelineState, env: Env): string[] {
	const f = t.filter;
	const name = (a: string) => env.data.actorById.get(a)?.name ?? a;
	const not = (v: readonly string[] | undefined) => (v?.length ? [`not ${v.join(', ')}`] : []);
	const parts = [
		...f.countries,
		...not(f.notCountries),
		...f.actors.map(name),
		...not(f.notActors?.map(name)),
		...f.types,
		...not(f.notTypes),
	];
	if (f.sinceRel) parts.push(`last ${f.sinceRel}`);
	else if (f.since) parts.push(`since ${f.since}`);
	if (t.sort === 'fatalities') parts.push('by toll');
	return parts;
}
