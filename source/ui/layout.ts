// Heights of the screen's parts. The whole frame is rows - 1 lines: a frame as
// tall as the terminal makes Ink clear the screen and scrollback on every update.

import type { AppState } from './app/state.js';
import { FORM_FIELDS } from './panes/timeline/filterForm.js';

export const MIN_COLS = 60;
export const MIN_ROWS = 16;

/** From this width on, the list and the selected row's detail are shown side by side. */
export const SPLIT_COLS = 120;
/** The list column in a split: about 45% of the width, never narrower than this. */
export const MIN_LIST_COLS = 56;

/** True when the terminal is too small to draw the dashboard. */
export function tooSmall(state: Pick<AppState, 'cols' | 'rows'>): boolean {
	return state.cols < MIN_COLS || state.rows < MIN_ROWS;
}

/** List and detail side by side (≥ SPLIT_COLS columns); one column below. */
export function isSplit(state: Pick<AppState, 'cols'>): boolean {
	return state.cols >= SPLIT_COLS;
}

/** The width of a pane's list: the left column in a split, else the whole terminal. */
export function listCols(state: Pick<AppState, 'cols'>): number {
	if (!isSplit(state)) return state.cols;
	return Math.max(MIN_LIST_COLS, Math.floor(state.cols * 0.45));
}

/**
 * The width detail views are built and drawn at: the right column in a split
 * (after the list and a one-column │ separator), else the whole terminal.
 * The reducer builds the same lines for scrolling and following links.
 */
export function detailCols(state: Pick<AppState, 'cols'>): number {
	if (!isSplit(state)) return state.cols;
	return Math.max(1, state.cols - listCols(state) - 1);
}

/** Header (1) + status bar (1) + hint line (1). */
const CHROME = 3;

export function frameHeight(state: Pick<AppState, 'rows'>): number {
	return Math.max(1, state.rows - 1);
}

/** Lines between the header and the status bar. */
export function bodyHeight(state: Pick<AppState, 'rows'> & { watch?: { keys: readonly string[] } }): number {
	// The Watch line sits under the header while anything is watched.
	const watchLine = state.watch?.keys.length ? 1 : 0;
	return Math.max(1, frameHeight(state) - CHROME - watchLine);
}

/** A detail view: the body less its breadcrumb line. */
export function detailHeight(state: Parameters<typeof bodyHeight>[0]): number {
	return Math.max(1, bodyHeight(state) - 1);
}

/** The filter bar: a title, one line per field, the completion/error line. */
export const FORM_HEIGHT = FORM_FIELDS.length + 2;

/** List rows: the body less the summary line, the column headings and any open input. */
export function listHeight(
	state: Pick<AppState, 'rows' | 'pane' | 'timeline' | 'actors'> & Parameters<typeof bodyHeight>[0],
): number {
	let extra = 0;
	if (state.pane === 'timeline' && state.timeline.form) extra = FORM_HEIGHT;
	if (state.pane === 'actors' && state.actors.jump) extra = 1;
	return Math.max(1, bodyHeight(state) - 2 - extra);
}

/** Search results take two lines each (title line, snippet); the body less the query, completion and summary lines. */
export const SEARCH_ROW_LINES = 2;

export function searchPageSize(state: Parameters<typeof bodyHeight>[0]): number {
	return Math.max(1, Math.floor((bodyHeight(state) - 3) / SEARCH_ROW_LINES));
}
