// Heights of the screen's parts. The whole frame is rows - 1 lines: a frame as
// tall as the terminal makes Ink clear the screen and scrollback on every update.
import { FORM_FIELDS } from './filterForm.js';
import type { AppState } from './state.js';

export const MIN_COLS = 40;
export const MIN_ROWS = 10;

/** Header (1) + status bar (1) + hint line (1). */
const CHROME = 3;

export function frameHeight(state: Pick<AppState, 'rows'>): number {
	return Math.max(1, state.rows - 1);
}

/** Lines between the header and the status bar. */
export function bodyHeight(state: Pick<AppState, 'rows'>): number {
	return Math.max(1, frameHeight(state) - CHROME);
}

/** A detail view: the body less its breadcrumb line. */
export function detailHeight(state: Pick<AppState, 'rows'>): number {
	return Math.max(1, bodyHeight(state) - 1);
}

/** The filter bar: a title, one line per field, the completion/error line. */
export const FORM_HEIGHT = FORM_FIELDS.length + 2;

/** List rows: the body less the summary line, the column headings and any open input. */
export function listHeight(state: Pick<AppState, 'rows' | 'pane' | 'timeline' | 'actors'>): number {
	let extra = 0;
	if (state.pane === 'timeline' && state.timeline.form) extra = FORM_HEIGHT;
	if (state.pane === 'actors' && state.actors.jump) extra = 1;
	return Math.max(1, bodyHeight(state) - 2 - extra);
}

/** Search results take two lines each (title line, snippet); the body less the query, completion and summary lines. */
export const SEARCH_ROW_LINES = 2;

export function searchPageSize(state: Pick<AppState, 'rows'>): number {
	return Math.max(1, Math.floor((bodyHeight(state) - 3) / SEARCH_ROW_LINES));
}
