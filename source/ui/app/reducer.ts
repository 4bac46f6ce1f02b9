// The one reducer. Key handlers only dispatch {type: 'key'}; the key is
// resolved against the keymap here, with the latest state, so a burst of keys
// (typical over SSH) is applied in order, never to a stale view.
import { type Env, keymapOf } from '../env.js';
import { tooSmall } from '../layout.js';
import { paletteType } from '../overlays/palette/state.js';
import { promptType } from '../overlays/prompt/state.js';
import { paneDef } from '../panes/registry.js';
import { acceptResults } from '../panes/search/state.js';
import { afterKey } from './briefing.js';
import { runCommand } from './commands.js';
import { resize } from './refit.js';
import { type Action, type AppState, activeScopes, currentView, paneCtx, withPane } from './state.js';

function isPrintable(input: string): boolean {
	return input.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(input);
}

function handleKey(state: AppState, name: string, input: string, env: Env): AppState {
	if (name === 'ctrl-c') return { ...state, exit: 130 };
	// The "enlarge the terminal" screen hides everything: only quitting acts, nothing unseen happens.
	if (tooSmall(state))
		return keymapOf(env).lookup(['global'], name)?.command === 'app.quit' ? { ...state, exit: 0 } : state;
	const s = state.message ? { ...state, message: null } : state;
	const binding = keymapOf(env).lookup(activeScopes(s), name);
	if (binding) return runCommand(s, binding.command, env);
	if (!isPrintable(input)) return s;
	if (s.palette) return { ...s, palette: paletteType(s.palette, input) };
	if (s.prompt) return { ...s, prompt: promptType(s.prompt, input) };
	if (currentView(s) || s.overlay || s.confirm) return s;
	const pane = s.pane;
	return withPane(s, pane, paneDef(pane).type(s.panes[pane], input, paneCtx(s, env)));
}

export function reducer(env: Env) {
	return (state: AppState, action: Action): AppState => {
		switch (action.type) {
			case 'key':
				return afterKey(state, handleKey(state, action.name, action.input, env), env);
			case 'message':
				return { ...state, message: action.text };
			case 'searchResults':
				return withPane(state, 'search', acceptResults(state.panes.search, action.outcome));
			case 'ask':
				return { ...state, confirm: action.confirm };
			case 'watchData':
				return { ...state, watch: { ...action.watch, keys: state.watch.keys } };
			case 'resize':
				return resize(state, action.cols, action.rows, env);
		}
	};
}
