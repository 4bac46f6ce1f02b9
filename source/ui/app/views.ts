// The open views of each pane (detail views on a stack: Enter pushes, Esc pops),
// kept fitted to the terminal's width and the window.
import type { PaneId } from '../../io/settings/config.js';
import { type Target, targetKey } from '../../present/target.js';
import { INCIDENTS_ANCHOR } from '../../present/views/actor.js';
import { viewLines } from '../detail/lines.js';
import { jumpToMatch, moveInView, openView, rebaseView, refocusView, type View } from '../detail/state.js';
import type { Env } from '../env.js';
import type { Command } from '../keymap.js';
import { detailCols, detailHeight } from '../layout.js';
import { type AppState, currentView, windowOfState } from './state.js';

const linesOf = (state: AppState, view: View, env: Env) =>
	viewLines(view.target, detailCols(state), env, windowOfState(state, env));

export function push(state: AppState, target: Target, env: Env): AppState {
	const lines = viewLines(target, detailCols(state), env, windowOfState(state, env));
	const view = openView(target, lines, detailHeight(state));
	return { ...state, stacks: { ...state.stacks, [state.pane]: [...state.stacks[state.pane], view] } };
}

/** Esc: a profile filtered to a country or a kind of target shows all its incidents again; any other view closes. */
export function back(state: AppState, env: Env): AppState {
	const view = currentView(state);
	if (view?.target.kind === 'actor' && (view.target.country || view.target.on)) {
		const row = targetKey(view.target);
		const target: Target = { kind: 'actor', id: view.target.id };
		const lines = viewLines(target, detailCols(state), env, windowOfState(state, env));
		return replaceTop(state, refocusView(target, lines, detailHeight(state), { link: row }));
	}
	return pop(state);
}

/** An activity row's link is the same profile with a country or a kind of target: it filters in place rather than opening a view. */
function filterInPlace(state: AppState, view: View, link: Target, env: Env): AppState | undefined {
	if (view.target.kind !== 'actor' || link.kind !== 'actor' || link.id !== view.target.id) return undefined;
	if (!link.country && !link.on) return undefined;
	const lines = viewLines(link, detailCols(state), env, windowOfState(state, env));
	return replaceTop(state, refocusView(link, lines, detailHeight(state), { anchor: INCIDENTS_ANCHOR }));
}

export function pop(state: AppState): AppState {
	return { ...state, stacks: { ...state.stacks, [state.pane]: state.stacks[state.pane].slice(0, -1) } };
}

/** A pane back at its list, with no view open (the palette and saved views open panes this way). */
export function cleared(state: AppState, pane: PaneId): AppState {
	return { ...state, stacks: { ...state.stacks, [pane]: [] } };
}

function replaceTop(state: AppState, view: View): AppState {
	const stack = state.stacks[state.pane];
	return { ...state, stacks: { ...state.stacks, [state.pane]: [...stack.slice(0, -1), view] } };
}

/** Moving, following a link and jumping between matches in the open view. */
export function viewCommand(state: AppState, cmd: Command, env: Env): AppState {
	const view = currentView(state);
	if (!view) return state;
	const lines = linesOf(state, view, env);
	switch (cmd) {
		case 'detail.follow': {
			const link = lines[view.sel]?.link;
			if (!link) return state;
			return filterInPlace(state, view, link, env) ?? push(state, link, env);
		}
		case 'detail.nextMatch':
		case 'detail.prevMatch':
			return replaceTop(state, jumpToMatch(view, lines, detailHeight(state), cmd === 'detail.nextMatch' ? 1 : -1));
		default:
			return replaceTop(state, moveInView(view, cmd, lines, detailHeight(state)));
	}
}

/** Re-fits every open view after a resize or a window change: the selection follows its link. */
export function rebaseStacks(before: AppState, after: AppState, env: Env): AppState {
	const stacks = { ...after.stacks };
	for (const pane of Object.keys(stacks) as PaneId[]) {
		stacks[pane] = stacks[pane].map((v) =>
			rebaseView(v, linesOf(before, v, env), linesOf(after, v, env), detailHeight(after)),
		);
	}
	return { ...after, stacks };
}
