// The one reducer. The key reader only dispatches {type: 'keys'}; each key is
// resolved against the keymap here, with the latest state, so a burst of keys
// (typical over SSH) is applied in order, never to a stale view — nor to stale
// search results: a key that acts on them searches the query as typed so far
// first, or, before the index is built, waits for it (with the keys after it).
import { type Env, keymapOf } from '../env.js';
import type { Command } from '../keymap.js';
import type { KeyPress } from '../keyReader.js';
import { lookupNames } from '../keys.js';
import { bodyHeight, tooSmall } from '../layout.js';
import { NAV_COMMANDS } from '../list.js';
import { paletteType } from '../overlays/palette/state.js';
import { promptType } from '../overlays/prompt/state.js';
import { paneDef } from '../panes/registry.js';
import {
	acceptResults,
	docsOf,
	firstLimit,
	needsMore,
	pageSize,
	resultsStale,
	searchMore,
	searchNow,
} from '../panes/search/state.js';
import { alertsChecked } from './alerts.js';
import { afterKey } from './briefing.js';
import { runCommand } from './commands.js';
import { applyData } from './data.js';
import { resize } from './refit.js';
import { type Action, type AppState, activeScopes, currentView, paneCtx, say, withPane } from './state.js';

function isPrintable(input: string): boolean {
	return input.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(input);
}

/** Commands that act on the selected search result or move among the results. */
const READS_RESULTS: ReadonlySet<Command> = new Set<Command>([
	...NAV_COMMANDS,
	'list.open',
	'query.open',
	'app.copy',
	'watch.toggle',
	'view.save',
]);

function handleKey(state: AppState, key: KeyPress, env: Env): AppState {
	const { name, input } = key;
	if (name === 'ctrl-c') return { ...state, exit: 130 };
	const keymap = keymapOf(env);
	// The "enlarge the terminal" screen hides everything: only quitting acts, nothing unseen happens.
	if (tooSmall(state))
		return lookupNames(name).some((n) => keymap.lookup(['global'], n)?.command === 'app.quit')
			? { ...state, exit: 0 }
			: state;
	const scopes = activeScopes(state);
	let binding: ReturnType<typeof keymap.lookup>;
	for (const n of lookupNames(name)) binding ??= keymap.lookup(scopes, n);
	// In the Search pane (its query line or its results), a key that acts on the results sees those of the query as typed.
	const onResults = scopes[0] === 'query' || scopes[0] === 'search';
	let fresh = state;
	if (binding && onResults && READS_RESULTS.has(binding.command) && resultsStale(state.panes.search)) {
		if (!state.searchIndex)
			return { ...say(state, 'the search index is still being built: your keys wait for it'), held: [key] };
		const limit = firstLimit(pageSize(bodyHeight(state)));
		fresh = withPane(state, 'search', searchNow(state.panes.search, state.searchIndex, env.resolver, limit));
	}
	// A move near the end of results cut short (firstLimit) has the rest first.
	if (
		binding &&
		onResults &&
		fresh.searchIndex &&
		needsMore(fresh.panes.search, binding.command, pageSize(bodyHeight(fresh)))
	)
		fresh = withPane(fresh, 'search', searchMore(fresh.panes.search, fresh.searchIndex, env.resolver));
	const s = fresh.message ? { ...fresh, message: null } : fresh;
	if (binding) return runCommand(s, binding.command, env);
	if (!isPrintable(input)) return s;
	if (s.palette) return { ...s, palette: paletteType(s.palette, input) };
	if (s.prompt) return { ...s, prompt: promptType(s.prompt, input) };
	if (currentView(s) || s.overlay || s.confirm) return s;
	const pane = s.pane;
	return withPane(s, pane, paneDef(pane).type(s.panes[pane], input, paneCtx(s, env)));
}

function pressKey(state: AppState, key: KeyPress, env: Env): AppState {
	// Behind a key that waits for the search index, every key waits its turn; quitting at once does not.
	if (state.held.length && key.name !== 'ctrl-c') return { ...state, held: [...state.held, key] };
	return afterKey(state, handleKey(state, key, env), env);
}

const pressKeys = (state: AppState, keys: readonly KeyPress[], env: Env): AppState =>
	keys.reduce((s, k) => (s.exit === null ? pressKey(s, k, env) : s), state);

/** A query whose last search took less than this is searched with the keys that typed it. */
const QUICK_MS = 10;
/** Above this many documents a search can take hundreds of ms (a short prefix at 2.5M): the key's echo comes first. */
const QUICK_DOCS = 200_000;

/**
 * The query the keys typed, searched at once when searching is quick: one frame shows the key
 * and its results (a second frame after the key's costs more than such a search). A slow
 * search is left to the pane's engine, after the frame that echoes the key.
 */
function searchTyped(before: AppState, after: AppState, env: Env): AppState {
	const s = after.panes.search;
	const index = after.searchIndex;
	if (after.pane !== 'search' || !index || after.held.length || s.rerun) return after;
	if (s.query === before.panes.search.query || !s.outcome || s.outcome.ms >= QUICK_MS) return after;
	if (docsOf(index) > QUICK_DOCS) return after;
	return withPane(after, 'search', searchNow(s, index, env.resolver, firstLimit(pageSize(bodyHeight(after)))));
}

export function reducer(env: Env) {
	return (state: AppState, action: Action): AppState => {
		switch (action.type) {
			case 'key':
				return searchTyped(state, pressKey(state, { name: action.name, input: action.input }, env), env);
			case 'keys':
				return searchTyped(state, pressKeys(state, action.keys, env), env);
			case 'searchIndex': {
				if (action.index === state.searchIndex) return state;
				// An index made again over new data (the directory reloaded): the results shown are searched again.
				const again = state.searchIndex !== null && action.index !== null && state.panes.search.outcome !== null;
				const search = again ? { ...state.panes.search, rerun: true } : state.panes.search;
				const ready = { ...withPane(state, 'search', search), searchIndex: action.index };
				return action.index && state.held.length ? pressKeys({ ...ready, held: [] }, state.held, env) : ready;
			}
			case 'message':
				return { ...state, message: action.text };
			case 'searchResults':
				return withPane(
					state,
					'search',
					acceptResults(state.panes.search, action.outcome, pageSize(bodyHeight(state))),
				);
			case 'data':
				return applyData(state, action, env);
			case 'ask':
				return { ...state, confirm: action.confirm };
			case 'watchData':
				return { ...state, watch: { ...action.watch, keys: state.watch.keys } };
			case 'alertsCheck':
				return alertsChecked(state, env, new Date(action.now));
			case 'resize':
				return resize(state, action.cols, action.rows, env);
		}
	};
}
