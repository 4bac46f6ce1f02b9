// The Timeline pane's state: filtered incidents with month headings, the
// cursor and window, and the filter bar.
import type { Incident } from '../../../core/schema.js';
import type { Store } from '../../../core/store.js';
import {
	emptyFilter,
	type FilterInput,
	filterIncidents,
	filterValues,
	isEmptyFilter,
	isTimelineSort,
	parseFilter,
	sortIncidents,
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

export type Row =
	| { kind: 'month'; month: string; count: number }
	| { kind: 'untolled'; count: number }
	| { kind: 'incident'; index: number };

export interface TimelineState {
	filter: TimelineFilter;
	sort: TimelineSort;
	items: Incident[];
	/** Display rows: month headings and incidents. */
	rows: Row[];
	/** Row index of each item. */
	rowOf: number[];
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

/** By toll the rows are the incidents, and one separator before those without a toll. */
function buildTollRows(items: Incident[], untolled: number): { rows: Row[]; rowOf: number[] } {
	const rows: Row[] = [];
	const rowOf: number[] = [];
	const first = items.length - untolled;
	items.forEach((_inc, index) => {
		if (index === first) rows.push({ kind: 'untolled', count: untolled });
		rowOf.push(rows.length);
		rows.push({ kind: 'incident', index });
	});
	return { rows, rowOf };
}

function buildRows(items: Incident[]): { rows: Row[]; rowOf: number[] } {
	const rows: Row[] = [];
	const rowOf: number[] = [];
	let heading: { kind: 'month'; month: string; count: number } | undefined;
	items.forEach((inc, index) => {
		const m = inc.date.slice(0, 7);
		if (heading?.month !== m) {
			heading = { kind: 'month', month: m, count: 0 };
			rows.push(heading);
		}
		heading.count++;
		rowOf.push(rows.length);
		rows.push({ kind: 'incident', index });
	});
	return { rows, rowOf };
}

// Rows with month headings for a filtered list, kept per list: clearing the filter gives back
// the store's own list, whose rows (100k of them) are then not built again.
const rowsCache = new WeakMap<readonly Incident[], ReturnType<typeof buildRows>>();
// Sorting 100k by toll on every o would be felt: each date-ordered list keeps its toll order.
const byTollCache = new WeakMap<readonly Incident[], { items: Incident[]; rows: ReturnType<typeof buildRows> }>();

export function timelineWith(store: Store, filter: TimelineFilter, sort: TimelineSort = 'date'): TimelineState {
	const byDate = isEmptyFilter(filter) ? store.incidents : filterIncidents(store, filter);
	if (sort === 'fatalities') {
		let hit = byTollCache.get(byDate);
		if (!hit) {
			const sorted = sortIncidents(byDate, sort);
			hit = { items: sorted.items, rows: buildTollRows(sorted.items, sorted.untolled) };
			byTollCache.set(byDate, hit);
		}
		return { filter, sort, items: hit.items, ...hit.rows, cursor: 0, top: 0, form: null };
	}
	let rows = rowsCache.get(byDate);
	if (!rows) {
		rows = buildRows(byDate);
		rowsCache.set(byDate, rows);
	}
	return { filter, sort, items: byDate, ...rows, cursor: 0, top: 0, form: null };
}

/** The same filter in the other order, the selected incident still selected. */
function toggleSort(t: TimelineState, env: Env, height: number): TimelineState {
	const keep = t.items[t.cursor]?.id;
	const next = timelineWith(env.store, t.filter, t.sort === 'date' ? 'fatalities' : 'date');
	// From date to toll the deadliest is what is wanted: start at the top; back to date, find the row again.
	const at = next.sort === 'date' && keep ? next.items.findIndex((i) => i.id === keep) : 0;
	return scrollTo({ ...next, cursor: Math.max(0, at) }, listHeight(next, height));
}

/** Keeps the cursor's row (and its month heading when possible) inside a window of `height` rows. */
export function scrollTo(t: TimelineState, height: number): TimelineState {
	if (t.items.length === 0) return { ...t, cursor: 0, top: 0 };
	const cursor = Math.max(0, Math.min(t.cursor, t.items.length - 1));
	const row = t.rowOf[cursor] ?? 0;
	let top = t.top;
	const before = t.rows[row - 1]?.kind;
	const withHeading = before === 'month' || before === 'untolled' ? row - 1 : row;
	if (withHeading < top) top = withHeading;
	if (row >= top + height) top = row - height + 1;
	top = Math.max(0, Math.min(top, Math.max(0, t.rows.length - height)));
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
		'nav.bottom': t.items.length - 1,
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
			return timelineWith(ctx.env.store, emptyFilter, t.sort);
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
			const keep = byToll ? undefined : t.items[t.cursor]?.id;
			const next = timelineWith(env.store, r.filter, byToll ? 'fatalities' : t.sort);
			const at = keep ? next.items.findIndex((i) => i.id === keep) : -1;
			return scrollTo({ ...next, cursor: Math.max(0, at) }, listHeight(next, ctx.height));
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
	const keep = t.items[t.cursor]?.id;
	const next = timelineWith(ctx.env.store, t.filter, t.sort);
	const found = keep ? next.items.findIndex((i) => i.id === keep) : -1;
	const cursor = found >= 0 ? found : Math.min(t.cursor, Math.max(0, next.items.length - 1));
	const withForm = { ...next, form: t.form, cursor, top: t.top };
	return scrollTo(withForm, listHeight(withForm, ctx.height));
}

export function timelineSelected(t: TimelineState): Target | undefined {
	const inc = t.items[t.cursor];
	return inc && { kind: 'incident', id: inc.id };
}

export function timelineSelect(t: TimelineState, id: string, ctx: PaneCtx): TimelineState {
	const at = t.items.findIndex((i) => i.id === id);
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
	if (!view.filter) return { state: sort === t.sort ? t : timelineWith(ctx.env.store, t.filter, sort), notes: [] };
	const f = view.filter;
	const input: FilterInput = { country: f.countries, actor: f.actors, type: f.types, since: f.since, until: f.until };
	if (ctx.asOf) input.anchor = ctx.asOf;
	const { filter, errors } = parseFilter(ctx.env.resolver, input);
	return { state: timelineWith(ctx.env.store, filter, sort), notes: errors.map((e) => `${e.field}: ${e.message}`) };
}

export function timelineNameHint(t: TimelineState, env: Env): string[] {
	const f = t.filter;
	const name = (a: string) => env.store.actorById.get(a)?.name ?? a;
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
