// The briefing-room commands: briefs (b), copying (y), the watchlist (w, W),
// saving a view (s) and answering a confirmation. Pure state changes like the
// rest of the reducer; the App does the I/O a request asks for.

import { G } from '../../core/glyphs.js';
import { watchKey, watchLabel } from '../../core/watch.js';
import { plural } from '../../core/words.js';
import type { BriefTarget } from '../../present/brief.js';
import { copyFor } from '../../present/copy.js';
import { type Target, targetKey } from '../../present/target.js';
import type { Env } from '../env.js';
import type { Command } from '../keymap.js';
import type { PaletteItem } from '../overlays/palette/items.js';
import { openPalette } from '../overlays/palette/state.js';
import { allSeen, items, markSeen, toggle } from '../watch.js';
import { sameName, storeView, suggestName } from './savedViews.js';
import { type AppState, currentView, say, selectedTarget, windowOfState } from './state.js';

export function briefOf(target: Target): BriefTarget | undefined {
	if (target.kind === 'actor') return { actor: target.id };
	if (target.kind === 'country') return { country: target.code };
	return undefined;
}

export function requestBrief(state: AppState, target: BriefTarget | undefined, env: Env): AppState {
	if (!target) return say(state, 'b writes a brief of an actor or a country');
	const window = windowOfState(state, env);
	return { ...state, brief: { seq: (state.brief?.seq ?? 0) + 1, target, window } };
}

/** The open view, or the row under the cursor. */
function targetOf(state: AppState): Target | undefined {
	return currentView(state)?.target ?? selectedTarget(state);
}

export function toggleWatch(state: AppState, key: string, env: Env): AppState {
	const { watch, on } = toggle(state.watch, key, env.data);
	const item = items([key])[0];
	const label = item ? watchLabel(env.data, item) : key;
	return say(
		{ ...state, watch },
		on ? `watching ${label}: new records will be marked ${G.mark}` : `no longer watching ${label}`,
	);
}

/** What w can watch on the selected row or open view: one item is toggled at once, several are offered. */
function watchCandidates(state: AppState, env: Env): PaletteItem[] {
	const t = targetOf(state);
	if (!t) return [];
	const { data: store } = env;
	const keys: string[] = [];
	if (t.kind === 'actor') keys.push(watchKey({ kind: 'actor', id: t.id }));
	else if (t.kind === 'country') keys.push(watchKey({ kind: 'country', id: t.code }));
	else if (t.kind === 'incident') {
		const inc = store.incident(t.id);
		if (inc) {
			for (const a of [...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])]) {
				if (store.actorById.has(a)) keys.push(watchKey({ kind: 'actor', id: a }));
			}
			keys.push(watchKey({ kind: 'country', id: inc.country }), watchKey({ kind: 'type', id: inc.type }));
		}
	} else {
		const art = store.article(t.id);
		if (art) {
			for (const a of art.actors) if (store.actorById.has(a)) keys.push(watchKey({ kind: 'actor', id: a }));
			for (const c of art.countries) keys.push(watchKey({ kind: 'country', id: c }));
		}
	}
	return [...new Set(keys)].map((key) => {
		const item = items([key])[0];
		const on = state.watch.keys.includes(key);
		const label = `${on ? 'unwatch' : 'watch'} ${item ? `${item.kind} ${watchLabel(store, item)}` : key}`;
		return { label, group: 'watch', action: { kind: 'watch', key } };
	});
}

export function briefingCommand(state: AppState, cmd: Command, env: Env): AppState {
	switch (cmd) {
		case 'brief.write': {
			const target = targetOf(state);
			return requestBrief(state, target && briefOf(target), env);
		}
		case 'app.copy': {
			const t = targetOf(state);
			const c = t && copyFor(env.store ?? env.data, t, windowOfState(state, env), { source: env.dir ?? '' });
			if (!c) return say(state, 'nothing to copy here: select an incident, article, actor or country');
			return { ...state, copy: { seq: (state.copy?.seq ?? 0) + 1, what: c.what, text: c.text } };
		}
		case 'watch.toggle': {
			const options = watchCandidates(state, env);
			const only = options[0];
			if (!only) return say(state, 'w watches an actor, country or incident type: select one first');
			if (options.length === 1 && only.action.kind === 'watch') return toggleWatch(state, only.action.key, env);
			return { ...state, palette: openPalette(options, 'Watch which?') };
		}
		case 'watch.seen': {
			const n = state.watch.newIncidents.size + state.watch.newArticles.size;
			if (!n) return say(state, 'nothing new to mark');
			const question = `Mark ${plural(n, 'new record')} as seen (their ${G.mark} marks go)?`;
			return { ...state, confirm: { question, action: { kind: 'allSeen' } } };
		}
		case 'view.save':
			return { ...state, prompt: { kind: 'saveView', value: suggestName(state, env) } };
		default:
			return state;
	}
}

/** y: does what the question asked; n or Esc: nothing. */
export function confirmCommand(state: AppState, cmd: Command): AppState {
	const c = state.confirm;
	if (!c) return state;
	if (cmd !== 'confirm.yes') return say({ ...state, confirm: null }, 'nothing changed');
	const done = { ...state, confirm: null };
	switch (c.action.kind) {
		case 'overwriteView':
			return storeView(done, c.action.view);
		case 'allSeen': {
			const n = state.watch.newIncidents.size + state.watch.newArticles.size;
			return say({ ...done, watch: allSeen(state.watch) }, `${plural(n, 'new record')} marked as seen`);
		}
		case 'overwriteBrief': {
			const seq = (state.brief?.seq ?? 0) + 1;
			return { ...done, brief: { ...c.action.brief, seq, overwrite: true } };
		}
		case 'deleteView': {
			const name = c.action.name;
			return say({ ...done, views: state.views.filter((v) => !sameName(v.name, name)) }, `view "${name}" deleted`);
		}
	}
}

/** What the analyst is looking at: the open view, or the Timeline or Search row under the cursor. */
function lookedAt(state: AppState): Target | undefined {
	const view = currentView(state);
	if (view) return view.target;
	return state.pane === 'timeline' || state.pane === 'search' ? selectedTarget(state) : undefined;
}

const sameTarget = (a: Target | undefined, b: Target | undefined) =>
	a === b || (!!a && !!b && targetKey(a) === targetKey(b));

/**
 * After every key: a row the cursor has just landed on, or a view just
 * opened, is no longer new. A key that leaves the selection where it was
 * (a pane switch, a filter, quitting) marks nothing.
 */
export function afterKey(before: AppState, state: AppState, env: Env): AppState {
	// Marks come from the watchlist and from records that arrived while the dashboard was open.
	const marks = state.watch.newIncidents.size + state.watch.newArticles.size;
	if (state.palette || state.overlay || state.exit !== null || marks === 0) return state;
	const t = lookedAt(state);
	if (before.pane !== state.pane || sameTarget(lookedAt(before), t)) return state;
	const watch = markSeen(state.watch, t, env.data);
	return watch === state.watch ? state : { ...state, watch };
}
