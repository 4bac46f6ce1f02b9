// A list's cursor and the first row shown: every pane's list moves the same way.
import type { Command } from './keymap.js';

export interface ListPos {
	cursor: number;
	top: number;
}

export const NAV_COMMANDS: ReadonlySet<Command> = new Set<Command>([
	'nav.down',
	'nav.up',
	'nav.pageDown',
	'nav.pageUp',
	'nav.top',
	'nav.bottom',
]);

/** Where a movement key takes the cursor: a page is the window less one row, so one row stays for context. */
export function targetRow(cursor: number, cmd: Command, count: number, height: number): number {
	const page = Math.max(1, height - 1);
	switch (cmd) {
		case 'nav.down':
			return cursor + 1;
		case 'nav.up':
			return cursor - 1;
		case 'nav.pageDown':
			return cursor + page;
		case 'nav.pageUp':
			return cursor - page;
		case 'nav.top':
			return 0;
		case 'nav.bottom':
			return count - 1;
		default:
			return cursor;
	}
}

/** Moves a list cursor and keeps it inside a window of `height` rows. */
export function moveList(pos: ListPos, cmd: Command, count: number, height: number): ListPos {
	return keepVisible({ ...pos, cursor: targetRow(pos.cursor, cmd, count, height) }, count, height);
}

export function keepVisible(pos: ListPos, count: number, height: number): ListPos {
	const cursor = Math.max(0, Math.min(pos.cursor, count - 1));
	let top = pos.top;
	if (cursor < top) top = cursor;
	if (cursor >= top + height) top = cursor - height + 1;
	return { cursor, top: Math.max(0, Math.min(top, Math.max(0, count - height))) };
}
