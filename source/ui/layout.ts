// Heights and widths of the screen's parts. The whole frame is rows - 1 lines: a frame as
// tall as the terminal makes Ink clear the screen and scrollback on every update.

export const MIN_COLS = 60;
export const MIN_ROWS = 16;

/** From this width on, the list and the selected row's detail are shown side by side. */
export const SPLIT_COLS = 120;
/** The list column in a split: about 45% of the width, never narrower than this. */
export const MIN_LIST_COLS = 56;

interface Size {
	cols: number;
	rows: number;
}

/** True when the terminal is too small to draw the dashboard. */
export function tooSmall(size: Size): boolean {
	return size.cols < MIN_COLS || size.rows < MIN_ROWS;
}

/** List and detail side by side (≥ SPLIT_COLS columns); one column below. */
export function isSplit(size: Pick<Size, 'cols'>): boolean {
	return size.cols >= SPLIT_COLS;
}

/** The width of a pane's list: the left column in a split, else the whole terminal. */
export function listCols(size: Pick<Size, 'cols'>): number {
	if (!isSplit(size)) return size.cols;
	return Math.max(MIN_LIST_COLS, Math.floor(size.cols * 0.45));
}

/**
 * The width detail views are built and drawn at: the right column in a split
 * (after the list and a one-column │ separator), else the whole terminal.
 * The reducer builds the same lines for scrolling and following links.
 */
export function detailCols(size: Pick<Size, 'cols'>): number {
	if (!isSplit(size)) return size.cols;
	return Math.max(1, size.cols - listCols(size) - 1);
}

/** Header (1) + status bar (1) + hint line (1). */
const CHROME = 3;

export function frameHeight(size: Pick<Size, 'rows'>): number {
	return Math.max(1, size.rows - 1);
}

type WithWatch = { watch?: { keys: readonly string[] }; alerts?: { bar: boolean; unread: number } };

/** The Watch line is drawn while anything is watched, or an alert is waiting to be read on it. */
export function watchLineShown(size: WithWatch): boolean {
	return Boolean(size.watch?.keys.length || (size.alerts?.bar && size.alerts.unread > 0));
}

/** Lines between the header and the status bar, less the Watch line under the header when it is drawn. */
export function bodyHeight(size: Pick<Size, 'rows'> & WithWatch): number {
	return Math.max(1, frameHeight(size) - CHROME - (watchLineShown(size) ? 1 : 0));
}

/** A detail view: the body less its breadcrumb line. */
export function detailHeight(size: Parameters<typeof bodyHeight>[0]): number {
	return Math.max(1, bodyHeight(size) - 1);
}
