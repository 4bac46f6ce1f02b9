// What a pane is: a pure reducer over its own state (its list position and
// window included), the scopes its keys live in, what Enter opens, how it is
// saved in a view, and its view. The root reducer routes a command to the pane
// that owns its namespace; adding a pane is a folder with these parts and one
// line in registry.ts.
import type { ReactNode } from 'react';
import type { RiskWindow } from '../../core/risk.js';
import type { SavedView } from '../../io/settings/config.js';
import type { Target } from '../../present/target.js';
import type { Env } from '../env.js';
import type { Command, Scope } from '../keymap.js';
import type { Theme } from '../theme.js';
import type { WatchUi } from '../watch.js';

/** What a pane's reducer knows of the world besides its own state. */
export interface PaneCtx {
	env: Env;
	/** The activity window shown (30, 90 or 365 days to its end). */
	window: RiskWindow;
	/** The window's end when fixed with --as-of; relative filter dates count back from it. */
	asOf?: string;
	/** Lines the pane's body is given (between the header and the status bar). */
	height: number;
}

export interface PaneViewProps<S> {
	state: S;
	env: Env;
	theme: Theme;
	/** Columns the pane is drawn in (the left column of a split, or the terminal). */
	width: number;
	height: number;
	window: RiskWindow;
	/** New records on the watchlist, marked ● until looked at. */
	watch: WatchUi;
	/** What the app is still doing that this pane waits for ("indexing 40%…"). */
	busy?: string;
}

/** Which kinds of records a reload of the data directory changed. */
export interface DataChange {
	incidents: boolean;
	articles: boolean;
	actors: boolean;
	countries: boolean;
}

/** The parts of a saved view a pane keeps: its filter, query or sort. */
export type ViewPart = Omit<Partial<SavedView>, 'name' | 'pane' | 'days' | 'selected' | 'savedAt'>;

export interface PaneDef<S> {
	title: string;
	/** Command namespaces this pane owns ("timeline.*", "form.*"); `nav.*` reaches the focused pane's list. */
	namespaces: readonly string[];
	init(env: Env, window: RiskWindow): S;
	/** Scopes that take keys while the pane has focus and no view is open, highest first. */
	scopes(s: S): Scope[];
	command(s: S, cmd: Command, ctx: PaneCtx): S;
	/** Printable text typed while one of the pane's text scopes has the keys. */
	type(s: S, input: string, ctx: PaneCtx): S;
	/** The body's height changed, or (`windowChanged`) the activity window did. */
	refit(s: S, ctx: PaneCtx, windowChanged: boolean): S;
	/**
	 * The data changed under the pane (the directory was reloaded; ctx has the new store): the
	 * same filters and sort over the new records, the cursor on the same record when it is still
	 * there, at the same place on the screen where it can be.
	 */
	refresh(s: S, ctx: PaneCtx, changed: DataChange): S;
	/** What Enter opens: the row under the cursor. */
	selected(s: S): Target | undefined;
	/** Puts the cursor on the row with this id (a saved view's selection), if it is there. */
	select(s: S, id: string, ctx: PaneCtx): S;
	save(s: S): ViewPart;
	/** The pane as a saved view left it; `notes` say what could not be restored. */
	restore(s: S, view: SavedView, ctx: PaneCtx): { state: S; notes: string[] };
	/** Words for a view's suggested name ("AF last 90d"). */
	nameHint(s: S, env: Env): string[];
	View(props: PaneViewProps<S>): ReactNode;
}
