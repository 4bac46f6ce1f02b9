// The root of command handling: a command goes to whoever owns its namespace —
// the app (quitting, panes, the window, views, overlays), an overlay (palette,
// prompt, confirm), the open detail view, or the pane that registered it.
import type { PaneId } from '../../io/settings/config.js';
import type { Env } from '../env.js';
import type { Command } from '../keymap.js';
import { bodyHeight } from '../layout.js';
import { NAV_COMMANDS } from '../list.js';
import { promptEdit } from '../overlays/prompt/state.js';
import { overlayLines, scrollOverlay } from '../overlays/text.js';
import { availablePanes, paneDef, paneOwning } from '../panes/registry.js';
import { openAlerts } from './alerts.js';
import { briefingCommand, confirmCommand } from './briefing.js';
import { filterByRow } from './filterBy.js';
import { paletteCommand } from './paletteRun.js';
import { stepWindow } from './refit.js';
import { saveAs } from './savedViews.js';
import { type AppState, currentView, paneCtx, say, selectedTarget, withPane } from './state.js';
import { back, push, viewCommand } from './views.js';

type Handler = (state: AppState, env: Env, cmd: Command) => AppState;

const goTo = (state: AppState, pane: PaneId | undefined): AppState => (pane ? { ...state, pane } : state);

/** Enter (and e in Risk): open what the focused pane has under its cursor. */
const openSelected: Handler = (state, env) => {
	if (state.overlay) return state;
	const target = selectedTarget(state);
	return target ? push(state, target, env) : state;
};

const stepPane: Handler = (state, _env, cmd) => {
	const panes = availablePanes();
	const i = panes.indexOf(state.pane) + (cmd === 'pane.next' ? 1 : -1);
	return goTo(state, panes[(i + panes.length) % panes.length]);
};

const APP: Partial<Record<Command, Handler>> = {
	'app.quit': (state) => ({ ...state, exit: 0 }),
	'app.interrupt': (state) => ({ ...state, exit: 130 }),
	'app.help': (state) => ({ ...state, overlay: state.overlay?.kind === 'help' ? null : { kind: 'help', scroll: 0 } }),
	'app.problems': (state) => ({ ...state, overlay: { kind: 'problems', scroll: 0 } }),
	'app.alerts': (state, env) => openAlerts(state, env),
	'app.palette': (state) => ({ ...state, palette: { input: '', cursor: 0 } }),
	'overlay.close': (state) => ({ ...state, overlay: null }),
	'pane.next': stepPane,
	'pane.prev': stepPane,
	'pane.1': (state) => goTo(state, availablePanes()[0]),
	'pane.2': (state) => goTo(state, availablePanes()[1]),
	'pane.3': (state) => goTo(state, availablePanes()[2]),
	'pane.4': (state) => goTo(state, availablePanes()[3]),
	'window.shorter': (state, env) => stepWindow(state, -1, env),
	'window.longer': (state, env) => stepWindow(state, 1, env),
	'list.open': openSelected,
	'app.filterBy': (state, env) => filterByRow(state, env),
	'risk.explain': openSelected,
	'query.open': openSelected,
	'detail.back': (state, env) => back(state, env),
	'search.focus': (state) => ({
		...state,
		pane: 'search',
		overlay: null,
		stacks: { ...state.stacks, search: [] },
		panes: {
			...state.panes,
			search: { ...state.panes.search, editing: true, ...(state.pane !== 'search' ? { from: state.pane } : {}) },
		},
	}),
	'search.back': (state) => {
		const from = state.panes.search.from;
		return from
			? { ...goTo(state, from), panes: { ...state.panes, search: { ...state.panes.search, from: undefined } } }
			: state;
	},
	'prompt.cancel': (state) => say({ ...state, prompt: null }, 'not saved'),
	'prompt.accept': (state) => {
		const name = state.prompt?.value.trim();
		if (!name) return say(state, 'a view needs a name');
		return saveAs({ ...state, prompt: null }, name);
	},
	'confirm.yes': (state) => confirmCommand(state, 'confirm.yes'),
	'confirm.no': (state) => confirmCommand(state, 'confirm.no'),
	'brief.write': (state, env, cmd) => briefingCommand(state, cmd, env),
	'app.copy': (state, env, cmd) => briefingCommand(state, cmd, env),
	'watch.toggle': (state, env, cmd) => briefingCommand(state, cmd, env),
	'watch.seen': (state, env, cmd) => briefingCommand(state, cmd, env),
	'view.save': (state, env, cmd) => briefingCommand(state, cmd, env),
};

/** j/k, pages, g/G: the help or problems text, else the open view, else the focused pane's list. */
function navigate(state: AppState, cmd: Command, env: Env): AppState {
	if (state.overlay) {
		const lines = overlayLines(state.overlay, env, state.cols, availablePanes().length, state);
		return { ...state, overlay: scrollOverlay(state.overlay, cmd, lines.length, bodyHeight(state)) };
	}
	if (currentView(state)) return viewCommand(state, cmd, env);
	return paneCommand(state, state.pane, cmd, env);
}

function paneCommand(state: AppState, pane: PaneId, cmd: Command, env: Env): AppState {
	const def = paneDef(pane);
	return withPane(state, pane, def.command(state.panes[pane], cmd, paneCtx(state, env)));
}

export function runCommand(state: AppState, cmd: Command, env: Env): AppState {
	const own = APP[cmd];
	if (own) return own(state, env, cmd);
	if (NAV_COMMANDS.has(cmd)) return navigate(state, cmd, env);
	const namespace = cmd.slice(0, cmd.indexOf('.'));
	switch (namespace) {
		case 'palette':
			return paletteCommand(state, cmd, env, runCommand);
		case 'prompt':
			return state.prompt ? { ...state, prompt: promptEdit(state.prompt, cmd) } : state;
		case 'detail':
			return viewCommand(state, cmd, env);
	}
	const pane = paneOwning(namespace);
	return pane ? paneCommand(state, pane, cmd, env) : state;
}
