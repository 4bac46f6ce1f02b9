// Moving inside a detail view: j/k step between links (scrolling the text
// when the next link is not on screen), page keys scroll, and the selection
// always stays on a visible link.

import type { Line } from '../../present/lines.js';
import { type Target, targetKey } from '../../present/target.js';
import type { Command } from '../keymap.js';

export interface View {
	target: Target;
	scroll: number;
	/** Index of the selected link line, or -1. */
	sel: number;
}

function visibleLink(lines: readonly Line[], scroll: number, height: number, from: 'first' | 'last'): number {
	const end = Math.min(lines.length, scroll + height);
	if (from === 'first') {
		for (let i = scroll; i < end; i++) if (lines[i]?.link) return i;
	} else {
		for (let i = end - 1; i >= scroll; i--) if (lines[i]?.link) return i;
	}
	return -1;
}

export function openView(target: Target, lines: readonly Line[], height: number): View {
	return { target, scroll: 0, sel: visibleLink(lines, 0, height, 'first') };
}

function clampScroll(scroll: number, lines: readonly Line[], height: number): number {
	return Math.max(0, Math.min(scroll, Math.max(0, lines.length - height)));
}

/** After scrolling, keep the selection if still visible, else the nearest visible link. */
function reselect(v: View, lines: readonly Line[], height: number, prefer: 'first' | 'last'): View {
	if (v.sel >= v.scroll && v.sel < v.scroll + height && lines[v.sel]?.link) return v;
	return { ...v, sel: visibleLink(lines, v.scroll, height, prefer) };
}

export function moveInView(v: View, cmd: Command, lines: readonly Line[], height: number): View {
	switch (cmd) {
		case 'nav.down': {
			let next = -1;
			for (let i = v.sel + 1; i < lines.length; i++) {
				if (lines[i]?.link) {
					next = i;
					break;
				}
			}
			if (next !== -1 && next < v.scroll + height) return { ...v, sel: next };
			if (next !== -1 && next === v.scroll + height)
				return { ...v, sel: next, scroll: clampScroll(v.scroll + 1, lines, height) };
			return reselect({ ...v, scroll: clampScroll(v.scroll + 1, lines, height) }, lines, height, 'first');
		}
		case 'nav.up': {
			let prev = -1;
			for (let i = Math.min(v.sel, lines.length) - 1; i >= 0; i--) {
				if (lines[i]?.link) {
					prev = i;
					break;
				}
			}
			if (v.sel === -1) prev = -1;
			if (prev !== -1 && prev >= v.scroll) return { ...v, sel: prev };
			if (prev !== -1 && prev === v.scroll - 1) return { ...v, sel: prev, scroll: prev };
			return reselect({ ...v, scroll: clampScroll(v.scroll - 1, lines, height) }, lines, height, 'last');
		}
		case 'nav.pageDown':
			return reselect(
				{ ...v, scroll: clampScroll(v.scroll + Math.max(1, height - 1), lines, height) },
				lines,
				height,
				'first',
			);
		case 'nav.pageUp':
			return reselect(
				{ ...v, scroll: clampScroll(v.scroll - Math.max(1, height - 1), lines, height) },
				lines,
				height,
				'last',
			);
		case 'nav.top':
			return { ...v, scroll: 0, sel: visibleLink(lines, 0, height, 'first') };
		case 'nav.bottom': {
			const scroll = clampScroll(lines.length, lines, height);
			return { ...v, scroll, sel: visibleLink(lines, scroll, height, 'last') };
		}
		default:
			return v;
	}
}

/** n/N: scroll so the next (or previous) line with a search match is near the top. */
export function jumpToMatch(v: View, lines: readonly Line[], height: number, dir: 1 | -1): View {
	const anchor = v.scroll + 1;
	let found = -1;
	if (dir === 1) {
		for (let i = anchor + 1; i < lines.length; i++) {
			if (lines[i]?.hit) {
				found = i;
				break;
			}
		}
	} else {
		for (let i = Math.min(anchor, lines.length) - 1; i >= 0; i--) {
			if (lines[i]?.hit) {
				found = i;
				break;
			}
		}
	}
	if (found === -1) return v;
	return reselect({ ...v, scroll: clampScroll(found - 1, lines, height) }, lines, height, 'first');
}

/**
 * The same view after its lines were rebuilt (a resize re-wraps them, a new
 * window changes them): the selection follows its link, not its line number.
 */
export function rebaseView(v: View, before: readonly Line[], after: readonly Line[], height: number): View {
	const link = before[v.sel]?.link;
	const key = link ? targetKey(link) : undefined;
	const sel = key ? after.findIndex((l) => l.link && targetKey(l.link) === key) : -1;
	// Keep the same share of the text above the window.
	let scroll = before.length ? Math.round((v.scroll / before.length) * after.length) : 0;
	if (sel !== -1 && (sel < scroll || sel >= scroll + height)) scroll = sel - Math.floor(height / 3);
	scroll = clampScroll(scroll, after, height);
	return reselect({ ...v, scroll, sel }, after, height, 'first');
}

/**
 * The view showing other lines of the same thing (a profile filtered to a
 * country, or back to all): scrolled to the anchor's line with the first link
 * below it selected, or to the link with the given key and that selected.
 */
export function refocusView(
	target: Target,
	lines: readonly Line[],
	height: number,
	at: { anchor: string } | { link: string },
): View {
	if ('anchor' in at) {
		const i = lines.findIndex((l) => l.anchor === at.anchor);
		if (i === -1) return openView(target, lines, height);
		const scroll = clampScroll(i, lines, height);
		return { target, scroll, sel: visibleLink(lines, scroll, height, 'first') };
	}
	const i = lines.findIndex((l) => l.link && targetKey(l.link) === at.link);
	if (i === -1) return openView(target, lines, height);
	// A link on the first screen keeps the view at its top; one further down comes up a third of the way.
	const scroll = i < height ? 0 : clampScroll(i - Math.floor(height / 3), lines, height);
	return { target, scroll, sel: i };
}
