// All of the dashboard's state, in one value the root reducer (reducer.ts)
// replaces on every key. Each pane keeps its own part (panes/<pane>/state.ts);
// the app keeps what spans panes: the focused pane, open views, overlays,
// the window, the watchlist, and requests for the I/O the App performs.
import type { RiskDays, RiskWindow } from '../../core/risk.js';
import type { TimelineFilter } from '../../core/timeline.js';
import type { ExportFilterInput } from '../../io/export.js';
import type { PaneId, SavedView } from '../../io/settings/config.js';
import type { BriefTarget } from '../../present/brief.js';
import type { Target } from '../../present/target.js';
import { type AlertsUi, noAlerts } from '../alerts.js';
import type { View } from '../detail/state.js';
import type { Env } from '../env.js';
import type { Scope } from '../keymap.js';
import type { KeyPress } from '../keyReader.js';
import { bodyHeight } from '../layout.js';
import type { ConfirmState } from '../overlays/confirm/state.js';
import type { ExportKind } from '../overlays/palette/items.js';
import type { PaletteState } from '../overlays/palette/state.js';
import type { PromptState } from '../overlays/prompt/state.js';
import type { TextOverlay } from '../overlays/text.js';
import type { DataChange, PaneCtx } from '../panes/pane.js';
import { availablePanes, PANES, type PaneStates, paneDef } from '../panes/registry.js';
import type { Searcher, SearchOutcomeState } from '../panes/search/state.js';
import { timelineWith } from '../panes/timeline/state.js';
import { noWatch, type WatchUi } from '../watch.js';
import { windowOf } from '../window.js';

export interface BriefRequest {
	seq: number;
	target: BriefTarget;
	window: RiskWindow;
	/** Asked and answered: replace the file that is there. */
	overwrite?: boolean;
}

export interface CopyRequest {
	seq: number;
	what: string;
	text: string;
}

export interface ExportRequest {
	seq: number;
	what: ExportKind;
	input: ExportFilterInput;
	file?: string;
}

/** What a yes does. */
export type ConfirmAction =
	| { kind: 'deleteView'; name: string }
	| { kind: 'overwriteView'; view: SavedView }
	| { kind: 'overwriteBrief'; brief: BriefRequest }
	| { kind: 'allSeen' };

export interface AppState {
	pane: PaneId;
	overlay: TextOverlay | null;
	cols: number;
	rows: number;
	/** The activity/risk window, and its end when fixed with --as-of. */
	days: RiskDays;
	asOf?: string;
	panes: PaneStates;
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
	confirm: ConfirmState<ConfirmAction> | null;
	views: SavedView[];
	watch: WatchUi;
	/** Alert rules, what they fired this session, and the last firing for the App to tell of. */
	alerts: AlertsUi;
	/** Text to put on the clipboard (OSC 52); the App writes it. */
	copy: CopyRequest | null;
	/** An export to write; the App does the I/O. */
	exportReq: ExportRequest | null;
	/** The search index, once built (after the first frame; again when the articles arrive). */
	searchIndex: Searcher | null;
	/**
	 * Keys waiting for the search index, in order: the first needed results
	 * that could not be searched yet (Enter typed ahead while indexing), the
	 * rest came after it. They run when the index arrives; Ctrl-C does not wait.
	 */
	held: KeyPress[];
}

export type Action =
	| { type: 'key'; name: string; input: string }
	/** Keys that arrived together (one read from the terminal), applied in order. */
	| { type: 'keys'; keys: readonly KeyPress[] }
	/** The search index was built (or is being rebuilt: null). */
	| { type: 'searchIndex'; index: Searcher | null }
	| { type: 'resize'; cols: number; rows: number }
	| { type: 'message'; text: string }
	| { type: 'searchResults'; outcome: SearchOutcomeState }
	/** The articles arrived: what is new is worked out again with them (the watched items stay as toggled). */
	| { type: 'watchData'; watch: WatchUi }
	/** The store changed (or the dashboard started): the alert rules are checked against it at this time (epoch ms). */
	| { type: 'alertsCheck'; now: number }
	/** The App found something to confirm (a brief file already there). */
	| { type: 'ask'; confirm: ConfirmState<ConfirmAction> }
	/** The data directory was reloaded: the env has the new store; what this reload added, removed and which kinds it touched. */
	| DataAction;

export interface DataAction {
	type: 'data';
	added: { incidents: readonly string[]; articles: readonly string[] };
	removed: { incidents: readonly string[]; articles: readonly string[] };
	changed: DataChange;
}

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
		alerts?: AlertsUi;
		message?: string;
	},
): AppState {
	const ids = availablePanes();
	const pane = opts.pane && ids.includes(opts.pane) ? opts.pane : 'timeline';
	const days = opts.days ?? 90;
	const window = windowOf(env.data, days, opts.asOf, env.riskMachineCoded);
	// A filter given at start is the Timeline's first list: not the whole list first, then that.
	const panes = Object.fromEntries(
		ids.map((id) => [
			id,
			id === 'timeline' && opts.filter ? timelineWith(env.data, opts.filter) : PANES[id].init(env, window),
		]),
	) as PaneStates;
	return {
		pane,
		overlay: null,
		cols: opts.cols,
		rows: opts.rows,
		days,
		...(opts.asOf ? { asOf: opts.asOf } : {}),
		panes,
		stacks: Object.fromEntries(ids.map((id) => [id, []])) as unknown as Record<PaneId, View[]>,
		message: opts.message ?? null,
		brief: null,
		exit: null,
		palette: null,
		prompt: null,
		confirm: null,
		views: opts.views ?? [],
		watch: opts.watch ?? noWatch,
		alerts: opts.alerts ?? noAlerts,
		copy: null,
		exportReq: null,
		searchIndex: null,
		held: [],
	};
}

export const windowOfState = (state: AppState, env: Env): RiskWindow =>
	windowOf(env.data, state.days, state.asOf, env.riskMachineCoded);

/** What a pane's reducer is given: the data, the window, and the height of the body it is drawn in. */
export function paneCtx(state: AppState, env: Env): PaneCtx {
	return {
		env,
		window: windowOfState(state, env),
		...(state.asOf ? { asOf: state.asOf } : {}),
		height: bodyHeight(state),
	};
}

/** The focused pane with its state replaced. */
export function withPane<K extends PaneId>(state: AppState, id: K, next: PaneStates[K]): AppState {
	return next === state.panes[id] ? state : { ...state, panes: { ...state.panes, [id]: next } };
}

export function currentView(state: AppState): View | undefined {
	const stack = state.stacks[state.pane];
	return stack[stack.length - 1];
}

/** What Enter opens in the focused pane's list. */
export function selectedTarget(state: AppState, pane: PaneId = state.pane): Target | undefined {
	return paneDef(pane).selected(state.panes[pane]);
}

/** Scopes that receive keys, highest priority first. */
export function activeScopes(state: AppState): Scope[] {
	if (state.confirm) return ['confirm'];
	if (state.prompt) return ['prompt'];
	if (state.palette) return ['palette'];
	if (state.overlay) return ['overlay', 'list'];
	if (currentView(state)) return ['detail', 'list', 'global'];
	return paneDef(state.pane).scopes(state.panes[state.pane]);
}

/** A one-line notice in the status bar. */
export const say = (state: AppState, text: string): AppState => ({ ...state, message: text });
