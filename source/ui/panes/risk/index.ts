// The Risk pane: each country's level, score and trend; Enter or e explains a score.
import type { PaneDef } from '../pane.js';
import { type RiskState, riskCommand, riskRefit, riskRefresh, riskSelect, riskSelected, riskState } from './state.js';
import { RiskView } from './view.js';

export const riskPane: PaneDef<RiskState> = {
	title: 'Risk',
	namespaces: ['risk'],
	init: (env, window) => riskState(env.data, window),
	scopes: () => ['risk', 'list', 'global'],
	command: riskCommand,
	type: (s) => s,
	refit: riskRefit,
	refresh: riskRefresh,
	selected: riskSelected,
	select: riskSelect,
	save: () => ({}),
	restore: (s) => ({ state: s, notes: [] }),
	nameHint: () => [],
	View: RiskView,
};
