// The Timeline pane's list: filtered incidents with month headings, the
// cursor and window, and the filter bar.
import type { Incident } from '../../../core/schema.js';
import type { Store } from '../../../core/store.js';
import { emptyFilter, filterIncidents, isEmptyFilter, type TimelineFilter } from '../../../core/timeline.js';
import type { Env } from '../../app/state.js';
import type { Command } from '../../keymap.js';
import { FORM_HEIGHT } from '../../layout.js';
import {
	applyForm,
	complete,
	completionsFor,
	cycleCompletion,
	deleteChar,
	type FilterForm,
	formFromFilter,
	moveField,
	setValue,
	typeText,
} from './filterForm.js';

export type Row = { kind: 'month'; month: string; count: number } | { kind: 'incident'; index: number };

export interface TimelineState {
	filter: TimelineFilter;
	items: Incident[];
	/** Display rows: month headings and incidents. */
	rows: Row[];
	/** Row index of each item. */
	rowOf: number[];
	cursor: number;
	top: number;
	form: FilterForm | null;
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

export function timelineWith(store: Store, filter: TimelineFilter): TimelineState {
	const items = isEmptyFilter(filter) ? store.incidents : filterIncidents(store, filter);
	let rows = rowsCache.get(items);
	if (!rows) {
		rows = buildRows(items);
		rowsCache.set(items, rows);
	}
	return { filter, items, ...rows, cursor: 0, top: 0, form: null };
}

/** Keeps the cursor's row (and its month heading when possible) inside the window. */
function scrollTo(t: TimelineState, height: number): TimelineState {
	if (t.items.length === 0) return { ...t, cursor: 0, top: 0 };
	const cursor = Math.max(0, Math.min(t.cursor, t.items.length - 1));
	const row = t.rowOf[cursor] ?? 0;
	let top = t.top;
	const withHeading = t.rows[row - 1]?.kind === 'month' ? row - 1 : row;
	if (withHeading < top) top = withHeading;
	if (row >= top + height) top = row - height + 1;
	top = Math.max(0, Math.min(top, Math.max(0, t.rows.length - height)));
	return { ...t, cursor, top };
}

export function timelineType(t: TimelineState, input: string): TimelineState {
	return t.form ? { ...t, form: typeText(t.form, input) } : t;
}

export function timelineCommand(t: TimelineState, cmd: Command | 'resize', env: Env, height: number): TimelineState {
	const page = Math.max(1, height - 2);
	switch (cmd) {
		case 'resize':
			return scrollTo(t, height);
		case 'nav.down':
			return scrollTo({ ...t, cursor: t.cursor + 1 }, height);
		case 'nav.up':
			return scrollTo({ ...t, cursor: t.cursor - 1 }, height);
		case 'nav.pageDown':
			return scrollTo({ ...t, cursor: t.cursor + page }, height);
		case 'nav.pageUp':
			return scrollTo({ ...t, cursor: t.cursor - page }, height);
		case 'nav.top':
			return scrollTo({ ...t, cursor: 0 }, height);
		case 'nav.bottom':
			return scrollTo({ ...t, cursor: t.items.length - 1 }, height);
		case 'timeline.filter':
			// The bar takes rows from the list: keep the selected incident on screen.
			return scrollTo({ ...t, form: formFromFilter(t.filter) }, Math.max(1, height - FORM_HEIGHT));
		case 'timeline.clear':
			return timelineWith(env.store, emptyFilter);
		default:
			return t.form ? formCommand(t, t.form, cmd, env, height) : t;
	}
}

function formCommand(t: TimelineState, form: FilterForm, cmd: Command, env: Env, height: number): TimelineState {
	const set = (f: FilterForm | null) => ({ ...t, form: f });
	switch (cmd) {
		case 'form.cancel':
			return set(null);
		case 'form.apply': {
			const r = applyForm(form, env.resolver);
			if (!r.filter) return set(r.form);
			const keep = t.items[t.cursor]?.id;
			const next = timelineWith(env.store, r.filter);
			const at = keep ? next.items.findIndex((i) => i.id === keep) : -1;
			return scrollTo({ ...next, cursor: Math.max(0, at) }, height);
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
