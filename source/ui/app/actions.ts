// The briefing-room commands: the palette, saved views, the watchlist and
// copying. Pure state changes like the rest of the reducer; the App does the
// I/O a request asks for (clipboard, export file, settings).

import { ACTOR_SORT_KEYS, type ActorSortKey } from '../../core/actorProfile.js';
import { RISK_WINDOWS, type RiskDays } from '../../core/risk.js';
import { ACTOR_KINDS, type ActorKind } from '../../core/schema.js';
import { describeFilter, type FilterInput, isEmptyFilter, parseFilter } from '../../core/timeline.js';
import { watchKey, watchLabel } from '../../core/watch.js';
import { plural } from '../../core/words.js';
import type { ExportFilterInput } from '../../io/export.js';
import type { SavedView } from '../../io/settings/config.js';
import { copyFor } from '../../present/copy.js';
import { type Target, targetKey } from '../../present/target.js';
import type { Command } from '../keymap.js';
import { listHeight } from '../layout.js';
import { type ExportKind, type PaletteAction, type PaletteItem, paletteItems } from '../overlays/palette/items.js';
import { refreshActors } from '../panes/actors/state.js';
import { PANE_TITLES } from '../panes/registry.js';
import { emptySearch, searchType } from '../panes/search/state.js';
import { timelineCommand, timelineWith } from '../panes/timeline/state.js';
import { windowOf } from '../window.js';
import {
	type AppState,
	type BriefRequest,
	currentView,
	type Env,
	keepVisible,
	keymapOf,
	push,
	requestBrief,
	runCommand,
	selectedTarget,
	setWindow,
} from './state.js';
import { allSeen, items, markSeen, toggle } from './watch.js';

export interface PaletteState {
	input: string;
	cursor: number;
	/** Entries offered before anything is typed (w on an incident: which of its actors, country, type). */
	preset?: PaletteItem[];
	title?: string;
}

export interface PromptState {
	kind: 'saveView';
	value: string;
}

export interface ConfirmState {
	question: string;
	action:
		| { kind: 'deleteView'; name: string }
		| { kind: 'overwriteView'; view: SavedView }
		| { kind: 'overwriteBrief'; brief: BriefRequest }
		| { kind: 'allSeen' };
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

export function paletteContext(state: AppState, env: Env) {
	return {
		store: env.store,
		resolver: env.resolver,
		keymap: keymapOf(env),
		views: state.views,
		watchlist: state.watch.keys,
	};
}

/** The palette's entries as shown: the preset when nothing is typed, else the fuzzy matches. */
export function paletteEntries(state: AppState, env: Env): PaletteItem[] {
	const p = state.palette;
	if (!p) return [];
	if (p.preset && p.input === '') return p.preset;
	return paletteItems(p.input, paletteContext(state, env));
}

const say = (state: AppState, text: string): AppState => ({ ...state, message: text });

/** View names are one per spelling: "AF last 90 days" and "af last 90 days" are the same view. */
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const existingName = (views: readonly SavedView[], name: string) =>
	views.find((v) => sameName(v.name, name))?.name ?? name;

function targetOf(state: AppState): Target | undefined {
	return currentView(state)?.target ?? selectedTarget(state);
}

function toggleWatch(state: AppState, key: string, env: Env): AppState {
	const { watch, on } = toggle(state.watch, key, env.store);
	const item = items([key])[0];
	const label = item ? watchLabel(env.store, item) : key;
	return say(
		{ ...state, watch },
		on ? `watching ${label}: new records will be marked ●` : `no longer watching ${label}`,
	);
}

/** What w can watch on the selected row or open view: one item is toggled at once, several are offered. */
function watchCandidates(state: AppState, env: Env): PaletteItem[] {
	const t = targetOf(state);
	if (!t) return [];
	const { store } = env;
	const keys: string[] = [];
	if (t.kind === 'actor') keys.push(watchKey({ kind: 'actor', id: t.id }));
	else if (t.kind === 'country') keys.push(watchKey({ kind: 'country', id: t.code }));
	else if (t.kind === 'incident') {
		const inc = store.incidentById.get(t.id);
		if (inc) {
			for (const a of [...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])]) {
				if (store.actorById.has(a)) keys.push(watchKey({ kind: 'actor', id: a }));
			}
			keys.push(watchKey({ kind: 'country', id: inc.country }), watchKey({ kind: 'type', id: inc.type }));
		}
	} else {
		const art = store.articleById.get(t.id);
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

function suggestName(state: AppState, env: Env): string {
	const parts: string[] = [];
	if (state.pane === 'timeline') {
		const f = state.timeline.filter;
		parts.push(...f.countries, ...f.actors.map((a) => env.store.actorById.get(a)?.name ?? a), ...f.types);
		if (f.sinceRel) parts.push(`last ${f.sinceRel}`);
		else if (f.since) parts.push(`since ${f.since}`);
	} else if (state.pane === 'search' && state.search.query) parts.push(state.search.query);
	else if (state.pane === 'actors') {
		if (state.actors.kind) parts.push(state.actors.kind);
		if (state.actors.country) parts.push(state.actors.country);
	}
	return parts.length ? parts.join(' ') : `${PANE_TITLES[state.pane]} ${state.days}d`;
}

function captureView(state: AppState, name: string): SavedView {
	const t = selectedTarget(state);
	const f = state.timeline.filter;
	const since = f.sinceRel ?? f.since;
	const a = state.actors;
	return {
		name,
		pane: state.pane,
		days: state.days,
		filter: {
			countries: f.countries,
			actors: f.actors,
			types: f.types,
			...(since ? { since } : {}),
			...(f.until ? { until: f.until } : {}),
		},
		...(state.search.query ? { query: state.search.query } : {}),
		actors: {
			sort: a.sort,
			reverse: a.reverse,
			...(a.kind ? { kind: a.kind } : {}),
			...(a.country ? { country: a.country } : {}),
		},
		...(t ? { selected: t.kind === 'country' ? t.code : t.id } : {}),
		savedAt: new Date().toISOString(),
	};
}

function storeView(state: AppState, view: SavedView): AppState {
	const views = [...state.views.filter((v) => !sameName(v.name, view.name)), view];
	return say(
		{ ...state, views, prompt: null, confirm: null },
		`view "${view.name}" saved: open it from the palette (:)`,
	);
}

/** Opens a saved view: its pane, window, filter (relative dates re-read against today's data), query, sort, selection. */
export function openSavedView(state: AppState, view: SavedView, env: Env): AppState {
	const days = RISK_WINDOWS.find((d) => d === view.days) ?? state.days;
	let s: AppState = setWindow(
		{ ...state, pane: view.pane, overlay: null, palette: null, stacks: { ...state.stacks, [view.pane]: [] } },
		days as RiskDays,
		env,
	);
	const notes: string[] = [];
	if (view.filter) {
		const f = view.filter;
		const input: FilterInput = { country: f.countries, actor: f.actors, type: f.types, since: f.since, until: f.until };
		if (s.asOf) input.anchor = s.asOf;
		const { filter, errors } = parseFilter(env.resolver, input);
		for (const e of errors) notes.push(`${e.field}: ${e.message}`);
		s = { ...s, timeline: timelineWith(env.store, filter) };
	}
	s = { ...s, search: view.query ? searchType({ ...emptySearch }, view.query, env.resolver) : emptySearch };
	if (view.actors) {
		const sort = ACTOR_SORT_KEYS.find((k) => k === view.actors?.sort) as ActorSortKey | undefined;
		const kind = ACTOR_KINDS.find((k) => k === view.actors?.kind) as ActorKind | undefined;
		const actors = {
			...s.actors,
			sort: sort ?? s.actors.sort,
			reverse: view.actors.reverse,
			kind,
			country: view.actors.country,
		};
		s = { ...s, actors: refreshActors(env.store, actors, windowOf(env.store, s.days, s.asOf), listHeight(s)) };
	}
	const h = listHeight(s);
	const sel = view.selected;
	if (sel) {
		if (view.pane === 'timeline') {
			const at = s.timeline.items.findIndex((i) => i.id === sel);
			if (at >= 0) s = { ...s, timeline: timelineCommand({ ...s.timeline, cursor: at }, 'resize', env, h) };
		} else if (view.pane === 'actors') {
			const at = s.actors.rows.findIndex((r) => r.id === sel);
			if (at >= 0)
				s = { ...s, actors: { ...s.actors, pos: keepVisible({ cursor: at, top: 0 }, s.actors.rows.length, h) } };
		} else if (view.pane === 'risk') {
			const at = s.risk.rows.findIndex((r) => r.code === sel);
			if (at >= 0) s = { ...s, risk: { ...s.risk, pos: keepVisible({ cursor: at, top: 0 }, s.risk.rows.length, h) } };
		}
	}
	const what =
		view.pane === 'timeline' && !isEmptyFilter(s.timeline.filter)
			? `${describeFilter(s.timeline.filter)}, ${s.timeline.items.length} incidents`
			: `${PANE_TITLES[view.pane]}, ${days} days`;
	return say(s, `view "${view.name}": ${what}${notes.length ? ` (${notes.join('; ')})` : ''}`);
}

/** "country:AF since:90d type:"suicide bombing"" → filter values. */
function filterInputOf(text: string): FilterInput | string {
	const input: Record<string, string[]> = {};
	const re = /(\w+):("([^"]*)"|\S+)/g;
	let rest = text;
	for (const m of text.matchAll(re)) {
		const key = (m[1] ?? '').toLowerCase();
		if (!['country', 'actor', 'type', 'since', 'until'].includes(key))
			return `unknown filter "${key}:" (country, actor, type, since, until)`;
		input[key] = [...(input[key] ?? []), m[3] ?? m[2] ?? ''];
		rest = rest.replace(m[0], '');
	}
	if (rest.trim()) return `expected key:value pairs (country:AF since:90d), found "${rest.trim()}"`;
	return {
		country: input.country,
		actor: input.actor,
		type: input.type,
		since: input.since?.[0],
		until: input.until?.[0],
	};
}

export function runPaletteAction(state: AppState, action: PaletteAction, env: Env): AppState {
	const s: AppState = { ...state, palette: null };
	switch (action.kind) {
		case 'invalid':
			return say(s, action.message);
		case 'pane':
			return { ...s, pane: action.pane, overlay: null };
		case 'command': {
			const at = action.pane ? { ...s, pane: action.pane, stacks: { ...s.stacks, [action.pane]: [] } } : s;
			return runCommand(at, action.command, env);
		}
		case 'view': {
			const view = s.views.find((v) => v.name === action.name);
			return view ? openSavedView(s, view, env) : say(s, `no saved view "${action.name}"`);
		}
		case 'saveView': {
			const name = action.name.trim();
			const view = captureView(s, name);
			if (s.views.some((v) => sameName(v.name, name))) {
				return {
					...s,
					confirm: {
						question: `Replace the saved view "${existingName(state.views, name)}"?`,
						action: { kind: 'overwriteView', view },
					},
				};
			}
			return storeView(s, view);
		}
		case 'deleteView':
			return {
				...s,
				confirm: {
					question: `Delete the saved view "${action.name}"?`,
					action: { kind: 'deleteView', name: action.name },
				},
			};
		case 'open': {
			const at: AppState = { ...s, pane: action.pane, overlay: null, stacks: { ...s.stacks, [action.pane]: [] } };
			return push(at, action.target, env);
		}
		case 'brief':
			return requestBrief(s, action.target, env);
		case 'window':
			return setWindow(s, action.days, env);
		case 'watch':
			return toggleWatch(s, action.key, env);
		case 'filter': {
			const input = filterInputOf(action.text);
			if (typeof input === 'string') return say(s, `filter: ${input}`);
			if (s.asOf) input.anchor = s.asOf;
			const { filter, errors } = parseFilter(env.resolver, input);
			if (errors.length) return say(s, `filter: ${errors.map((e) => e.message).join('; ')}`);
			const timeline = timelineWith(env.store, filter);
			return say(
				{ ...s, pane: 'timeline', stacks: { ...s.stacks, timeline: [] }, timeline },
				`${describeFilter(filter)}: ${timeline.items.length} incidents`,
			);
		}
		case 'search': {
			const search = searchType({ ...emptySearch }, action.query, env.resolver);
			return { ...s, pane: 'search', stacks: { ...s.stacks, search: [] }, search };
		}
		case 'export': {
			const f = s.timeline.filter;
			const input: ExportFilterInput =
				action.what === 'incidents'
					? { country: f.countries, actor: f.actors, type: f.types, since: f.since, until: f.until }
					: action.what === 'articles'
						? { query: s.search.query }
						: { ...(s.actors.country ? { country: s.actors.country } : {}) };
			const req: ExportRequest = {
				seq: (s.exportReq?.seq ?? 0) + 1,
				what: action.what,
				input,
				...(action.file ? { file: action.file } : {}),
			};
			return { ...s, exportReq: req };
		}
	}
}

export function paletteCommand(state: AppState, cmd: Command, env: Env): AppState {
	const p = state.palette;
	if (!p) return state;
	const set = (next: Partial<PaletteState>) => ({ ...state, palette: { ...p, ...next } });
	const count = paletteEntries(state, env).length;
	switch (cmd) {
		case 'palette.close':
			return { ...state, palette: null };
		case 'palette.next':
			return set({ cursor: count ? (p.cursor + 1) % count : 0 });
		case 'palette.prev':
			return set({ cursor: count ? (p.cursor - 1 + count) % count : 0 });
		case 'palette.deleteChar':
			return set({ input: [...p.input].slice(0, -1).join(''), cursor: 0 });
		case 'palette.deleteWord':
			return set({ input: p.input.replace(/\S*\s*$/, ''), cursor: 0 });
		case 'palette.clear':
			return set({ input: '', cursor: 0 });
		case 'palette.run': {
			const item = paletteEntries(state, env)[p.cursor];
			if (!item) return say({ ...state, palette: null }, p.input ? `nothing matches "${p.input}"` : 'nothing to run');
			return runPaletteAction(state, item.action, env);
		}
		default:
			return state;
	}
}

export function promptCommand(state: AppState, cmd: Command, _env: Env): AppState {
	const p = state.prompt;
	if (!p) return state;
	switch (cmd) {
		case 'prompt.cancel':
			return say({ ...state, prompt: null }, 'not saved');
		case 'prompt.deleteChar':
			return { ...state, prompt: { ...p, value: [...p.value].slice(0, -1).join('') } };
		case 'prompt.clear':
			return { ...state, prompt: { ...p, value: '' } };
		case 'prompt.accept': {
			const name = p.value.trim();
			if (!name) return say(state, 'a view needs a name');
			const view = captureView({ ...state, prompt: null }, name);
			if (state.views.some((v) => sameName(v.name, name))) {
				return {
					...state,
					prompt: null,
					confirm: {
						question: `Replace the saved view "${existingName(state.views, name)}"?`,
						action: { kind: 'overwriteView', view },
					},
				};
			}
			return storeView(state, view);
		}
		default:
			return state;
	}
}

export function typeInto(state: AppState, input: string): AppState {
	if (state.palette) return { ...state, palette: { ...state.palette, input: state.palette.input + input, cursor: 0 } };
	if (state.prompt) return { ...state, prompt: { ...state.prompt, value: state.prompt.value + input } };
	return state;
}

export function runBriefingCommand(state: AppState, cmd: Command, env: Env): AppState {
	switch (cmd) {
		case 'app.palette':
			return { ...state, palette: { input: '', cursor: 0 } };
		case 'app.copy': {
			const t = targetOf(state);
			const c = t && copyFor(env.store, t, windowOf(env.store, state.days, state.asOf));
			if (!c) return say(state, 'nothing to copy here: select an incident, article, actor or country');
			return { ...state, copy: { seq: (state.copy?.seq ?? 0) + 1, what: c.what, text: c.text } };
		}
		case 'watch.toggle': {
			const options = watchCandidates(state, env);
			const only = options[0];
			if (!only) return say(state, 'w watches an actor, country or incident type: select one first');
			if (options.length === 1 && only.action.kind === 'watch') return toggleWatch(state, only.action.key, env);
			return { ...state, palette: { input: '', cursor: 0, preset: options, title: 'Watch which?' } };
		}
		case 'watch.seen': {
			const n = state.watch.newIncidents.size + state.watch.newArticles.size;
			if (!n) return say(state, 'nothing new to mark');
			const question = `Mark ${plural(n, 'new record')} as seen (their ● marks go)?`;
			return { ...state, confirm: { question, action: { kind: 'allSeen' } } };
		}
		case 'view.save':
			return { ...state, prompt: { kind: 'saveView', value: suggestName(state, env) } };
		case 'confirm.yes': {
			const c = state.confirm;
			if (!c) return state;
			if (c.action.kind === 'overwriteView') return storeView({ ...state, confirm: null }, c.action.view);
			if (c.action.kind === 'allSeen') {
				const n = state.watch.newIncidents.size + state.watch.newArticles.size;
				return say(
					{ ...state, confirm: null, watch: allSeen(state.watch) },
					`${plural(n, 'new record')} marked as seen`,
				);
			}
			if (c.action.kind === 'overwriteBrief') {
				const seq = (state.brief?.seq ?? 0) + 1;
				return { ...state, confirm: null, brief: { ...c.action.brief, seq, overwrite: true } };
			}
			const name = c.action.name;
			return say(
				{ ...state, confirm: null, views: state.views.filter((v) => !sameName(v.name, name)) },
				`view "${name}" deleted`,
			);
		}
		case 'confirm.no':
			return say({ ...state, confirm: null }, 'nothing changed');
		default:
			return state;
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
	if (state.palette || state.overlay || state.exit !== null || state.watch.keys.length === 0) return state;
	const t = lookedAt(state);
	if (before.pane !== state.pane || sameTarget(lookedAt(before), t)) return state;
	const watch = markSeen(state.watch, t, env.store);
	return watch === state.watch ? state : { ...state, watch };
}
