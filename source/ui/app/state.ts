// All UI state and the one reducer. Key handlers only dispatch {type: 'key'};
// the reducer resolves the key against the keymap with the latest state, so
// a burst of keys (typical over SSH) is applied in order, never to a stale view.

import type { Problem } from '../../core/problems.js';
import type { Resolver } from '../../core/resolve.js';
import { RISK_WINDOWS, type RiskDays, type RiskWindow } from '../../core/risk.js';
import type { Store } from '../../core/store.js';
import { emptyFilter, type TimelineFilter } from '../../core/timeline.js';
import type { PaneId, SavedView } from '../../io/settings/config.js';
import type { BriefTarget } from '../../present/brief.js';
import type { Target } from '../../present/target.js';
import { overlayLines, viewLines } from '../detail/content.js';
import { jumpToMatch, moveInView, openView, rebaseView, type View } from '../detail/state.js';
import { type Command, DEFAULT_KEYMAP, type Keymap, type Scope } from '../keymap.js';
import { bodyHeight, detailCols, detailHeight, listHeight, searchPageSize, tooSmall } from '../layout.js';
import {
	type ActorsState,
	actorsCommand,
	actorsState,
	jumpCommand,
	jumpType,
	refreshActors,
} from '../panes/actors/state.js';
import { availablePanes } from '../panes/registry.js';
import { type RiskState, riskState } from '../panes/risk/state.js';
import {
	acceptResults,
	emptySearch,
	type SearchOutcomeState,
	type SearchState,
	searchCommand,
	searchType,
} from '../panes/search/state.js';
import { type TimelineState, timelineCommand, timelineType, timelineWith } from '../panes/timeline/state.js';
import { windowOf } from '../window.js';
import {
	afterKey,
	type ConfirmState,
	type CopyRequest,
	type ExportRequest,
	type PaletteState,
	type PromptState,
	paletteCommand,
	promptCommand,
	runBriefingCommand,
	typeInto,
} from './actions.js';
import { noWatch, type WatchUi } from './watch.js';

export interface ListPos {
	cursor: number;
	top: number;
}

export interface BriefRequest {
	seq: number;
	target: BriefTarget;
	window: RiskWindow;
	/** Asked and answered: replace the file that is there. */
	overwrite?: boolean;
}

export interface AppState {
	pane: PaneId;
	overlay: { kind: 'help' | 'problems'; scroll: number } | null;
	cols: number;
	rows: number;
	/** The activity/risk window, and its end when fixed with --as-of. */
	days: RiskDays;
	asOf?: string;
	timeline: TimelineState;
	actors: ActorsState;
	risk: RiskState;
	search: SearchState;
	/** Each pane's history of opened views; empty = the pane's list. */
	stacks: Record<PaneId, View[]>;
	/** A one-line notice in the status bar, cleared by the next key. */
	message: string | null;
	/** A brief to write; the App does the I/O and reports back. */
	brief: BriefRequest | null;
	/** Set when the app should exit, with this status. */
	exit: number | null;
	/** The command palette (: or ^P), when open. */
	palette: PaletteState | null;
	/** A one-line text prompt (the name of a view being saved). */
	prompt: PromptState | null;
	/** A yes/no question before anything destructive. */
	confirm: ConfirmState | null;
	views: SavedView[];
	watch: WatchUi;
	/** Text to put on the clipboard (OSC 52); the App writes it. */
	copy: CopyRequest | null;
	/** An export to write; the App does the I/O. */
	exportReq: ExportRequest | null;
}

export type Action =
	| { type: 'key'; name: string; input: string }
	| { type: 'resize'; cols: number; rows: number }
	| { type: 'message'; text: string }
	| { type: 'searchResults'; outcome: SearchOutcomeState }
	/** The articles arrived: what is new is worked out again with them (the watched items stay as toggled). */
	| { type: 'watchData'; watch: WatchUi }
	/** The App found something to confirm (a brief file already there). */
	| { type: 'ask'; confirm: ConfirmState };

export interface Env {
	store: Store;
	resolver: Resolver;
	problems: readonly Problem[];
	/** The bindings in force (defaults plus the user's overrides). */
	keymap?: Keymap;
	/** What was wrong with the settings at start (listed with the data problems, `!`). */
	settingsNotes?: readonly string[];
}

export const keymapOf = (env: Env): Keymap => env.keymap ?? DEFAULT_KEYMAP;

export function initialState(
	env: Env,
	opts: {
		cols: number;
		rows: number;
		pane?: PaneId;
		filter?: TimelineFilter;
		days?: RiskDays;
		asOf?: string;
		views?: SavedView[];
		watch?: WatchUi;
		message?: string;
	},
): AppState {
	const panes = availablePanes();
	const pane = opts.pane && panes.includes(opts.pane) ? opts.pane : 'timeline';
	const base = {
		pane,
		overlay: null,
		cols: opts.cols,
		rows: opts.rows,
		days: opts.days ?? 90,
		...(opts.asOf ? { asOf: opts.asOf } : {}),
		timeline: timelineWith(env.store, opts.filter ?? emptyFilter),
		search: emptySearch,
		stacks: { timeline: [], actors: [], risk: [], search: [] },
		message: opts.message ?? null,
		brief: null,
		exit: null,
		palette: null,
		prompt: null,
		confirm: null,
		views: opts.views ?? [],
		watch: opts.watch ?? noWatch,
		copy: null,
		exportReq: null,
	};
	const window = windowOf(env.store, base.days, base.asOf);
	return { ...base, actors: actorsState(env.store, window), risk: riskState(env.store, window) };
}

export function currentView(state: AppState): View | undefined {
	const stack = state.stacks[state.pane];
	return stack[stack.length - 1];
}

/** Scopes that receive keys, highest priority first. */
export function activeScopes(state: AppState): Scope[] {
	if (state.confirm) return ['confirm'];
	if (state.prompt) return ['prompt'];
	if (state.palette) return ['palette'];
	if (state.overlay) return ['overlay', 'list'];
	if (currentView(state)) return ['detail', 'list', 'global'];
	switch (state.pane) {
		case 'timeline':
			return state.timeline.form ? ['form'] : ['timeline', 'list', 'global'];
		case 'actors':
			return state.actors.jump ? ['jump'] : ['actors', 'list', 'global'];
		case 'risk':
			return ['risk', 'list', 'global'];
		case 'search':
			return state.search.editing ? ['query'] : ['search', 'list', 'global'];
		default:
			return ['global'];
	}
}

/** Moves a list cursor and keeps it inside a window of `height` rows. */
export function moveList(pos: ListPos, cmd: Command, count: number, height: number): ListPos {
	const page = Math.max(1, height - 1);
	const to: Partial<Record<Command, number>> = {
		'nav.down': pos.cursor + 1,
		'nav.up': pos.cursor - 1,
		'nav.pageDown': pos.cursor + page,
		'nav.pageUp': pos.cursor - page,
		'nav.top': 0,
		'nav.bottom': count - 1,
	};
	return keepVisible({ ...pos, cursor: to[cmd] ?? pos.cursor }, count, height);
}

export function keepVisible(pos: ListPos, count: number, height: number): ListPos {
	const cursor = Math.max(0, Math.min(pos.cursor, count - 1));
	let top = pos.top;
	if (cursor < top) top = cursor;
	if (cursor >= top + height) top = cursor - height + 1;
	return { cursor, top: Math.max(0, Math.min(top, Math.max(0, count - height))) };
}

export function push(state: AppState, target: Target, env: Env): AppState {
	const lines = viewLines(target, detailCols(state), env, windowOf(env.store, state.days, state.asOf));
	const view = openView(target, lines, detailHeight(state));
	return { ...state, stacks: { ...state.stacks, [state.pane]: [...state.stacks[state.pane], view] } };
}

function replaceTop(state: AppState, view: View): AppState {
	const stack = state.stacks[state.pane];
	return { ...state, stacks: { ...state.stacks, [state.pane]: [...stack.slice(0, -1), view] } };
}

function briefOf(target: Target): BriefTarget | undefined {
	if (target.kind === 'actor') return { actor: target.id };
	if (target.kind === 'country') return { country: target.code };
	return undefined;
}

export function requestBrief(state: AppState, target: BriefTarget | undefined, env: Env): AppState {
	if (!target) return { ...state, message: 'b writes a brief of an actor or a country' };
	const window = windowOf(env.store, state.days, state.asOf);
	return { ...state, brief: { seq: (state.brief?.seq ?? 0) + 1, target, window } };
}

/** Re-fits every open view after a resize or a window change. */
function rebaseStacks(before: AppState, after: AppState, env: Env): AppState {
	const oldWindow = windowOf(env.store, before.days, before.asOf);
	const newWindow = windowOf(env.store, after.days, after.asOf);
	const stacks = { ...after.stacks };
	for (const pane of Object.keys(stacks) as PaneId[]) {
		stacks[pane] = stacks[pane].map((v) =>
			rebaseView(
				v,
				viewLines(v.target, detailCols(before), env, oldWindow),
				viewLines(v.target, detailCols(after), env, newWindow),
				detailHeight(after),
			),
		);
	}
	return { ...after, stacks };
}

export function setWindow(state: AppState, days: RiskDays, env: Env): AppState {
	if (days === state.days) return state;
	const window = windowOf(env.store, days, state.asOf);
	const next = { ...state, days, message: `window: ${days} days, ${window.start} to ${window.end}` };
	return rebaseStacks(
		state,
		{
			...next,
			actors: refreshActors(env.store, next.actors, window, listHeight(next)),
			risk: riskState(env.store, window, state.risk),
		},
		env,
	);
}

export function runCommand(state: AppState, cmd: Command, env: Env): AppState {
	const view = currentView(state);
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
			const panes = availablePanes();
			const i = panes.indexOf(state.pane);
			const next = panes[(i + (cmd === 'pane.next' ? 1 : -1) + panes.length) % panes.length];
			return next ? { ...state, pane: next } : state;
		}
		case 'pane.1':
		case 'pane.2':
		case 'pane.3':
		case 'pane.4': {
			const want = availablePanes()[Number(cmd.slice(5)) - 1];
			return want ? { ...state, pane: want } : state;
		}
		case 'window.shorter':
		case 'window.longer': {
			const i = RISK_WINDOWS.indexOf(state.days) + (cmd === 'window.longer' ? 1 : -1);
			const days = RISK_WINDOWS[Math.max(0, Math.min(RISK_WINDOWS.length - 1, i))] ?? state.days;
			return setWindow(state, days, env);
		}
		case 'nav.down':
		case 'nav.up':
		case 'nav.pageDown':
		case 'nav.pageUp':
		case 'nav.top':
		case 'nav.bottom':
			if (state.overlay) {
				const lines = overlayLines(state, env);
				const h = bodyHeight(state);
				const max = Math.max(0, lines.length - h);
				const step: Partial<Record<Command, number>> = {
					'nav.down': 1,
					'nav.up': -1,
					'nav.pageDown': h - 1,
					'nav.pageUp': 1 - h,
					'nav.top': -max,
					'nav.bottom': max,
				};
				const scroll = Math.max(0, Math.min(max, state.overlay.scroll + (step[cmd] ?? 0)));
				return { ...state, overlay: { ...state.overlay, scroll } };
			}
			if (view) {
				const lines = viewLines(view.target, detailCols(state), env, windowOf(env.store, state.days, state.asOf));
				return replaceTop(state, moveInView(view, cmd, lines, detailHeight(state)));
			}
			return paneList(state, cmd, env);
		case 'detail.follow': {
			if (!view) return state;
			const lines = viewLines(view.target, detailCols(state), env, windowOf(env.store, state.days, state.asOf));
			const link = lines[view.sel]?.link;
			return link ? push(state, link, env) : state;
		}
		case 'detail.nextMatch':
		case 'detail.prevMatch': {
			if (!view) return state;
			const lines = viewLines(view.target, detailCols(state), env, windowOf(env.store, state.days, state.asOf));
			return replaceTop(state, jumpToMatch(view, lines, detailHeight(state), cmd === 'detail.nextMatch' ? 1 : -1));
		}
		case 'search.focus':
			return {
				...state,
				pane: 'search',
				overlay: null,
				stacks: { ...state.stacks, search: [] },
				search: {
					...state.search,
					editing: true,
					...(state.pane !== 'search' ? { from: state.pane } : {}),
				},
			};
		case 'search.back': {
			const from = state.search.from;
			if (!from) return state;
			return { ...state, pane: from, search: { ...state.search, from: undefined } };
		}
		case 'query.open': {
			const target = selectedTarget({ ...state, pane: 'search' });
			return target ? push(state, target, env) : state;
		}
		case 'detail.back':
			return { ...state, stacks: { ...state.stacks, [state.pane]: state.stacks[state.pane].slice(0, -1) } };
		case 'list.open': {
			if (state.overlay) return state;
			const target = selectedTarget(state);
			return target ? push(state, target, env) : state;
		}
		case 'risk.explain': {
			const row = state.risk.rows[state.risk.pos.cursor];
			return row ? push(state, { kind: 'country', code: row.code }, env) : state;
		}
		case 'brief.write': {
			const target = view ? view.target : selectedTarget(state);
			return requestBrief(state, target && briefOf(target), env);
		}
		case 'app.palette':
		case 'app.copy':
		case 'watch.toggle':
		case 'watch.seen':
		case 'view.save':
		case 'confirm.yes':
		case 'confirm.no':
			return runBriefingCommand(state, cmd, env);
		default:
			if (cmd.startsWith('palette.')) return paletteCommand(state, cmd, env);
			if (cmd.startsWith('prompt.')) return promptCommand(state, cmd, env);
			if (state.pane === 'timeline')
				return { ...state, timeline: timelineCommand(state.timeline, cmd, env, listHeight(state)) };
			if (state.pane === 'search') {
				return { ...state, search: searchCommand(state.search, cmd, env.resolver, searchPageSize(state)) };
			}
			if (state.pane === 'actors') {
				const actors = state.actors.jump
					? jumpCommand(state.actors, cmd, listHeight(state), env.store)
					: actorsCommand(state.actors, cmd, env.store, windowOf(env.store, state.days, state.asOf), listHeight(state));
				return { ...state, actors };
			}
			return state;
	}
}

function paneList(state: AppState, cmd: Command, env: Env): AppState {
	const h = listHeight(state);
	switch (state.pane) {
		case 'timeline':
			return { ...state, timeline: timelineCommand(state.timeline, cmd, env, h) };
		case 'actors':
			return {
				...state,
				actors: { ...state.actors, pos: moveList(state.actors.pos, cmd, state.actors.rows.length, h) },
			};
		case 'risk':
			return { ...state, risk: { ...state.risk, pos: moveList(state.risk.pos, cmd, state.risk.rows.length, h) } };
		case 'search':
			return { ...state, search: searchCommand(state.search, cmd, env.resolver, searchPageSize(state)) };
		default:
			return state;
	}
}

/** What Enter opens in the current pane's list. */
export function selectedTarget(state: AppState): Target | undefined {
	switch (state.pane) {
		case 'timeline': {
			const inc = state.timeline.items[state.timeline.cursor];
			return inc && { kind: 'incident', id: inc.id };
		}
		case 'actors': {
			const row = state.actors.rows[state.actors.pos.cursor];
			return row && { kind: 'actor', id: row.id };
		}
		case 'risk': {
			const row = state.risk.rows[state.risk.pos.cursor];
			return row && { kind: 'country', code: row.code };
		}
		case 'search': {
			const out = state.search.outcome;
			const r = out?.results[state.search.pos.cursor];
			if (!out || !r) return undefined;
			const hl = { query: out.query, fields: r.fields };
			return r.kind === 'article' ? { kind: 'article', id: r.id, hl } : { kind: 'incident', id: r.id, hl };
		}
		default:
			return undefined;
	}
}

function isPrintable(input: string): boolean {
	return input.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(input);
}

function handleKey(state: AppState, name: string, input: string, env: Env): AppState {
	if (name === 'ctrl-c') return { ...state, exit: 130 };
	// The "enlarge the terminal" screen hides everything: only quitting acts, nothing unseen happens.
	if (tooSmall(state))
		return keymapOf(env).lookup(['global'], name)?.command === 'app.quit' ? { ...state, exit: 0 } : state;
	const s = state.message ? { ...state, message: null } : state;
	const binding = keymapOf(env).lookup(activeScopes(s), name);
	if (binding) return runCommand(s, binding.command, env);
	if (!isPrintable(input)) return s;
	if (s.palette || s.prompt) return typeInto(s, input);
	if (currentView(s) || s.overlay || s.confirm) return s;
	if (s.pane === 'timeline' && s.timeline.form) return { ...s, timeline: timelineType(s.timeline, input) };
	if (s.pane === 'actors' && s.actors.jump) {
		return { ...s, actors: jumpType(s.actors, input, env.store, listHeight(s)) };
	}
	if (s.pane === 'search' && s.search.editing) return { ...s, search: searchType(s.search, input, env.resolver) };
	return s;
}

export function reducer(env: Env) {
	return (state: AppState, action: Action): AppState => {
		switch (action.type) {
			case 'key':
				return afterKey(state, handleKey(state, action.name, action.input, env), env);
			case 'message':
				return { ...state, message: action.text };
			case 'searchResults':
				return { ...state, search: acceptResults(state.search, action.outcome) };
			case 'ask':
				return { ...state, confirm: action.confirm };
			case 'watchData':
				return { ...state, watch: { ...action.watch, keys: state.watch.keys } };
			case 'resize': {
				const next = { ...state, cols: action.cols, rows: action.rows };
				const h = listHeight(next);
				return rebaseStacks(
					state,
					{
						...next,
						timeline: timelineCommand(next.timeline, 'resize', env, h),
						actors: { ...next.actors, pos: keepVisible(next.actors.pos, next.actors.rows.length, h) },
						risk: { ...next.risk, pos: keepVisible(next.risk.pos, next.risk.rows.length, h) },
					},
					env,
				);
			}
		}
	};
}
