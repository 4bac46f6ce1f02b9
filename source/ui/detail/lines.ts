// The text of a detail view (incident, article, actor, country) at a width and window.

import type { Backend } from '../../core/backend/types.js';
import type { RiskWindow } from '../../core/risk.js';
import type { Line } from '../../present/lines.js';
import { type Target, targetKey } from '../../present/target.js';
import { actorLines } from '../../present/views/actor.js';
import { articleLines } from '../../present/views/article.js';
import { countryLines } from '../../present/views/country.js';
import { incidentLines } from '../../present/views/incident.js';
import type { Env } from '../env.js';

// Views are rebuilt on every key and frame; the store never changes, so
// their lines are cached per target, width and window.
const cache = new WeakMap<Backend, Map<string, Line[]>>();

export function viewLines(target: Target, cols: number, env: Env, window: RiskWindow): Line[] {
	let perStore = cache.get(env.data);
	if (!perStore) {
		perStore = new Map();
		cache.set(env.data, perStore);
	}
	const key = `${targetKey(target)}|${cols}|${window.days}|${window.end}|${window.includeMachineCoded ? 'm' : ''}`;
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
			return incidentLines(env.data, target.id, w, target.hl, window);
		case 'article':
			return articleLines(env.data, target.id, w, target.hl);
		case 'actor':
			return actorLines(env.data, target.id, w, window, { country: target.country, on: target.on });
		case 'country':
			return countryLines(env.data, target.code, w, window);
	}
}
