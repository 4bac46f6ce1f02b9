// The text of every scrollable view: detail views by target, help, problems.
import { countBySeverity, formatProblem } from '../../core/problems.js';
import type { RiskWindow } from '../../core/risk.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { INCIDENT_TYPES } from '../../core/schema.js';
import type { Store } from '../../core/store.js';
import { wrap } from '../../core/width.js';
import { blank, heading, type Line, para, text } from '../../present/lines.js';
import { type Target, targetKey } from '../../present/target.js';
import { actorLines } from '../../present/views/actor.js';
import { articleLines } from '../../present/views/article.js';
import { countryLines } from '../../present/views/country.js';
import { incidentLines } from '../../present/views/incident.js';
import type { AppState, Env } from '../app/state.js';
import { DEFAULT_KEYMAP, type Keymap, SCOPE_TITLES, type Scope } from '../keymap.js';
import { keyLabel } from '../keys.js';
import { availablePanes } from '../panes/registry.js';

// Views are rebuilt on every key and frame; the store never changes, so
// their lines are cached per target, width and window.
const cache = new WeakMap<Store, Map<string, Line[]>>();

export function viewLines(target: Target, cols: number, env: Env, window: RiskWindow): Line[] {
	let perStore = cache.get(env.store);
	if (!perStore) {
		perStore = new Map();
		cache.set(env.store, perStore);
	}
	const key = `${targetKey(target)}|${cols}|${window.days}|${window.end}`;
	const hit = perStore.get(key);
	if (hit) return hit;
	const lines = build(target, cols, env, window);
	if (perStore.size > 200) perStore.clear();
	perStore.set(key, lines);
	return lines;
}

function build(target: Target, cols: number, env: Env, window: RiskWindow): Line[] {
	const w = Math.max(20, cols - 2);
	switch (target.kind) {
		case 'incident':
			return incidentLines(env.store, target.id, w, target.hl);
		case 'article':
			return articleLines(env.store, target.id, w, target.hl);
		case 'actor':
			return actorLines(env.store, target.id, w, window);
		case 'country':
			return countryLines(env.store, target.code, w, window);
	}
}

export function helpLines(cols: number, keymap: Keymap = DEFAULT_KEYMAP): Line[] {
	const custom = keymap !== DEFAULT_KEYMAP;
	const out: Line[] = [
		heading(custom ? 'sitrep keys (with your overrides from the settings file)' : 'sitrep keys'),
		text('The command palette (: or ^P) runs any of these by name.', 'dim'),
		blank,
	];
	const panes = availablePanes();
	for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
		const bindings = keymap.bindings
			.filter((b) => b.scope === scope && b.keys.length > 0)
			.filter((b) => {
				const pane = /^pane\.(\d)$/.exec(b.command);
				return !pane || panes[Number(pane[1]) - 1] !== undefined;
			});
		if (!bindings.length) continue;
		out.push(heading(SCOPE_TITLES[scope]));
		for (const b of bindings) {
			out.push({ segs: [{ text: `  ${b.keys.map(keyLabel).join(' ').padEnd(24)}`, style: 'key' }, { text: b.help }] });
		}
		out.push(blank);
	}
	out.push(heading('Incident types'));
	for (const [label, desc] of INCIDENT_TYPES) out.push(...para(`${label}: ${desc}`, cols - 2, 2));
	return out;
}

export function problemLines(env: Env, cols: number): Line[] {
	const { errors, warnings } = countBySeverity(env.problems);
	const out: Line[] = [
		heading(`Data problems: ${errors} errors, ${warnings} warnings (sitrep validate lists them too)`),
		blank,
	];
	const notes = env.settingsNotes ?? [];
	if (notes.length) {
		out.splice(0, 0, heading(`Settings: ${notes.length} ${notes.length === 1 ? 'note' : 'notes'} from start-up`));
		const lines = notes.flatMap((n) =>
			wrap(sanitizeLine(n), cols - 4).map((l, i) => text(`${i === 0 ? '' : '    '}${l}`, 'warning')),
		);
		out.splice(1, 0, ...lines, blank);
	}
	if (env.problems.length === 0) out.push(text('No problems: every record loaded.', 'ok'));
	for (const p of env.problems) {
		for (const [i, l] of wrap(formatProblem(p), cols - 4).entries()) {
			out.push(text(`${i === 0 ? '' : '    '}${l}`, p.severity === 'error' ? 'error' : 'warning'));
		}
	}
	return out;
}

export function overlayLines(state: AppState, env: Env): Line[] {
	if (state.overlay?.kind === 'problems') return problemLines(env, state.cols);
	return helpLines(state.cols, env.keymap);
}
