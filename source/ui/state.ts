// All UI state and the one reducer. Key handlers only dispatch {type: 'key'};
// the reducer resolves the key against the keymap with the latest state, so
// a burst of keys (typical over SSH) is applied in order, never to a stale view.
import type { PaneId } from '../config.js';
import type { Problem } from '../core/problems.js';
import type { Resolver } from '../core/resolve.js';
import type { Incident } from '../core/schema.js';
import type { Store } from '../core/store.js';
import { emptyFilter, filterIncidents, type TimelineFilter } from '../core/timeline.js';
import { detailLines, overlayLines } from './content.js';
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
import { type Command, lookup, type Scope } from './keymap.js';
import { bodyHeight, listHeight } from './layout.js';

export const AVAILABLE_PANES: readonly PaneId[] = ['timeline'];

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
	detail: { id: string; scroll: number } | null;
	form: FilterForm | null;
}

export interface AppState {
	pane: PaneId;
	overlay: { kind: 'help' | 'problems'; scroll: number } | null;
	cols: number;
	rows: number;
	timeline: TimelineState;
	/** Set when the app should exit, with this status. */
	exit: number | null;
}

export type Action = { type: 'key'; name: string; input: string } | { type: 'resize'; cols: number; rows: number };

export interface Env {
	store: Store;
	resolver: Resolver;
	problems: readonly Problem[];
}

function buildRows(items: Incident[]): { rows: Row[]; rowOf: number[] } {
	const rows: Row[] = [];
	const rowOf: number[] = [];
	let month = '';
	let heading: { kind: 'month'; month: string; count: number } | undefined;
	items.forEach((inc, index) => {
		const m = inc.date.slice(0, 7);
		if (m !== month) {
			month = m;
			heading = { kind: 'month', month: m, count: 0 };
			rows.push(heading);
		}
		if (heading) heading.count++;
		rowOf.push(rows.length);
		rows.push({ kind: 'incident', index });
	});
	return { rows, rowOf };
}

export function timelineWith(store: Store, filter: TimelineFilter): TimelineState {
	const items = filterIncidents(store, filter);
	return { filter, items, ...buildRows(items), cursor: 0, top: 0, detail: null, form: null };
}

export function initialState(
	env: Env,
	opts: { cols: number; rows: number; pane?: PaneId; filter?: TimelineFilter },
): AppState {
	const pane = opts.pane && AVAILABLE_PANES.includes(opts.pane) ? opts.pane : 'timeline';
	return {
		pane,
		overlay: null,
		cols: opts.cols,
		rows: opts.rows,
		timeline: timelineWith(env.store, opts.filter ?? emptyFilter),
		exit: null,
	};
}

/** Scopes that receive keys, highest priority first. */
export function activeScopes(state: AppState): Scope[] {
	if (state.overlay) return ['overlay', 'list'];
	if (state.pane === 'timeline') {
		const t = state.timeline;
		if (t.form) return ['form'];
		if (t.detail) return ['detail', 'list', 'global'];
		return ['timeline', 'list', 'global'];
	}
	return ['global'];
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

function moveCursor(state: AppState, cmd: Command): AppState {
	const t = state.timeline;
	const h = listHeight(state);
	const page = Math.max(1, h - 2);
	const last = t.items.length - 1;
	const to: Partial<Record<Command, number>> = {
		'nav.down': t.cursor + 1,
		'nav.up': t.cursor - 1,
		'nav.pageDown': t.cursor + page,
		'nav.pageUp': t.cursor - page,
		'nav.top': 0,
		'nav.bottom': last,
	};
	const cursor = to[cmd];
	if (cursor === undefined) return state;
	return { ...state, timeline: scrollTo({ ...t, cursor }, h) };
}

function scrollBy(scroll: number, cmd: Command, height: number, lines: number): number {
	const max = Math.max(0, lines - height);
	const delta: Partial<Record<Command, number>> = {
		'nav.down': 1,
		'nav.up': -1,
		'nav.pageDown': Math.max(1, height - 1),
		'nav.pageUp': -Math.max(1, height - 1),
		'nav.top': -Infinity,
		'nav.bottom': Infinity,
	};
	const d = delta[cmd] ?? 0;
	return Math.max(0, Math.min(max, scroll + d));
}

function withTimeline(state: AppState, timeline: TimelineState): AppState {
	return { ...state, timeline };
}

function runCommand(state: AppState, cmd: Command, env: Env): AppState {
	const t = state.timeline;
	switch (cmd) {
		case 'app.quit':
			return { ...state, exit: 0 };
		case 'app.interrupt':
			return { ...state, exit: 130 };
		case 'app.help':
			return { ...state, overlay: state.overlay?.kind === 'help' ? null : { kind: 'help', scroll: 0 } };
		case 'app.problems':
			return { ...state, overlay: { kind: 'problems', scroll: 0 } };
		case 'overlay.close':
			return { ...state, overlay: null };
		case 'pane.next':
		case 'pane.prev': {
			const i = AVAILABLE_PANES.indexOf(state.pane);
			const n = AVAILABLE_PANES.length;
			const next = AVAILABLE_PANES[(i + (cmd === 'pane.next' ? 1 : -1) + n) % n];
			return next ? { ...state, pane: next } : state;
		}
		case 'pane.1':
		case 'pane.2':
		case 'pane.3':
		case 'pane.4': {
			const want = (['timeline', 'actors', 'risk', 'search'] as const)[Number(cmd.slice(5)) - 1];
			return want && AVAILABLE_PANES.includes(want) ? { ...state, pane: want } : state;
		}
		case 'nav.down':
		case 'nav.up':
		case 'nav.pageDown':
		case 'nav.pageUp':
		case 'nav.top':
		case 'nav.bottom':
			if (state.overlay) {
				const scroll = scrollBy(state.overlay.scroll, cmd, bodyHeight(state), overlayLines(state, env).length);
				return { ...state, overlay: { ...state.overlay, scroll } };
			}
			if (t.detail) {
				const scroll = scrollBy(
					t.detail.scroll,
					cmd,
					bodyHeight(state),
					detailLines(t.detail.id, state.cols, env).length,
				);
				return withTimeline(state, { ...t, detail: { ...t.detail, scroll } });
			}
			return moveCursor(state, cmd);
		case 'timeline.open': {
			const inc = t.items[t.cursor];
			return inc ? withTimeline(state, { ...t, detail: { id: inc.id, scroll: 0 } }) : state;
		}
		case 'detail.back':
			return withTimeline(state, { ...t, detail: null });
		case 'timeline.filter':
			return withTimeline(state, { ...t, form: formFromFilter(t.filter) });
		case 'timeline.clear':
			return withTimeline(state, timelineWith(env.store, emptyFilter));
		default:
			return t.form ? formCommand(state, t.form, cmd, env) : state;
	}
}

function formCommand(state: AppState, form: FilterForm, cmd: Command, env: Env): AppState {
	const t = state.timeline;
	const set = (f: FilterForm | null) => withTimeline(state, { ...t, form: f });
	switch (cmd) {
		case 'form.cancel':
			return set(null);
		case 'form.apply': {
			const r = applyForm(form, env.resolver);
			if (!r.filter) return set(r.form);
			const keep = t.items[t.cursor]?.id;
			const next = timelineWith(env.store, r.filter);
			const at = keep ? next.items.findIndex((i) => i.id === keep) : -1;
			return withTimeline(state, scrollTo({ ...next, cursor: Math.max(0, at) }, listHeight(state)));
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
			return state;
	}
}

function isPrintable(input: string): boolean {
	return input.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(input);
}

function handleKey(state: AppState, name: string, input: string, env: Env): AppState {
	if (name === 'ctrl-c') return { ...state, exit: 130 };
	const scopes = activeScopes(state);
	const binding = lookup(scopes, name);
	if (binding) return runCommand(state, binding.command, env);
	const form = state.timeline.form;
	if (form && state.pane === 'timeline' && isPrintable(input)) {
		return withTimeline(state, { ...state.timeline, form: typeText(form, input) });
	}
	return state;
}

export function reducer(env: Env) {
	return (state: AppState, action: Action): AppState => {
		switch (action.type) {
			case 'key':
				return handleKey(state, action.name, action.input, env);
			case 'resize': {
				const next = { ...state, cols: action.cols, rows: action.rows };
				return { ...next, timeline: scrollTo(next.timeline, listHeight(next)) };
			}
		}
	};
}
