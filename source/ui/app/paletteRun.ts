// What an entry of the command palette does when run: the same state changes
// as its key, or the typed commands' own ("brief AF", "filter country:AF").
import { describeFilter, type FilterInput, filterValues, parseFilter } from '../../core/timeline.js';
import type { ExportFilterInput } from '../../io/export.js';
import type { Env } from '../env.js';
import { keymapOf } from '../env.js';
import type { Command } from '../keymap.js';
import type { PaletteAction, PaletteContext } from '../overlays/palette/items.js';
import { type PaletteState, paletteEdit, paletteEntries } from '../overlays/palette/state.js';
import { emptySearch, searchType } from '../panes/search/state.js';
import { timelineWith } from '../panes/timeline/state.js';
import { requestBrief, toggleWatch } from './briefing.js';
import { setWindow } from './refit.js';
import { openSavedView, saveAs } from './savedViews.js';
import { type AppState, type ExportRequest, say } from './state.js';
import { cleared, push } from './views.js';

/** Running an entry of kind "command" is running that command, as its key would. */
export type RunCommand = (state: AppState, cmd: Command, env: Env) => AppState;

export function paletteContext(state: AppState, env: Env): PaletteContext {
	return {
		data: env.data,
		store: env.store,
		resolver: env.resolver,
		keymap: keymapOf(env),
		views: state.views,
		watchlist: state.watch.keys,
	};
}

export const entriesOf = (state: AppState, env: Env) =>
	state.palette ? paletteEntries(state.palette, paletteContext(state, env)) : [];

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

function exportRequest(s: AppState, action: Extract<PaletteAction, { kind: 'export' }>): ExportRequest {
	const f = s.panes.timeline.filter;
	const input: ExportFilterInput =
		action.what === 'incidents'
			? { ...filterValues(f), since: f.since, until: f.until }
			: action.what === 'articles'
				? { query: s.panes.search.query }
				: { ...(s.panes.actors.country ? { country: s.panes.actors.country } : {}) };
	return { seq: (s.exportReq?.seq ?? 0) + 1, what: action.what, input, ...(action.file ? { file: action.file } : {}) };
}

export function runPaletteAction(state: AppState, action: PaletteAction, env: Env, run: RunCommand): AppState {
	const s: AppState = { ...state, palette: null };
	switch (action.kind) {
		case 'invalid':
			return say(s, action.message);
		case 'pane':
			return { ...s, pane: action.pane, overlay: null };
		case 'command':
			return run(action.pane ? cleared({ ...s, pane: action.pane }, action.pane) : s, action.command, env);
		case 'view': {
			const view = s.views.find((v) => v.name === action.name);
			return view ? openSavedView(s, view, env) : say(s, `no saved view "${action.name}"`);
		}
		case 'saveView':
			return saveAs(s, action.name.trim());
		case 'deleteView':
			return {
				...s,
				confirm: {
					question: `Delete the saved view "${action.name}"?`,
					action: { kind: 'deleteView', name: action.name },
				},
			};
		case 'open':
			return push(cleared({ ...s, pane: action.pane, overlay: null }, action.pane), action.target, env);
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
			const timeline = timelineWith(env.data, filter, s.panes.timeline.sort);
			return say(
				{ ...cleared({ ...s, pane: 'timeline' }, 'timeline'), panes: { ...s.panes, timeline } },
				`${describeFilter(filter)}: ${timeline.list.total} incidents`,
			);
		}
		case 'search': {
			const search = searchType({ ...emptySearch }, action.query, env.resolver);
			return { ...cleared({ ...s, pane: 'search' }, 'search'), panes: { ...s.panes, search } };
		}
		case 'export':
			return { ...s, exportReq: exportRequest(s, action) };
	}
}

export function paletteCommand(state: AppState, cmd: Command, env: Env, run: RunCommand): AppState {
	const p: PaletteState | null = state.palette;
	if (!p) return state;
	if (cmd === 'palette.close') return { ...state, palette: null };
	if (cmd === 'palette.run') {
		const item = entriesOf(state, env)[p.cursor];
		if (!item) return say({ ...state, palette: null }, p.input ? `nothing matches "${p.input}"` : 'nothing to run');
		return runPaletteAction(state, item.action, env, run);
	}
	return { ...state, palette: paletteEdit(p, cmd, entriesOf(state, env).length) };
}
