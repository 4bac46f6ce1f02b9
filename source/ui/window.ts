// The risk/activity window for the current settings, computed once per data set.
import type { Backend } from '../core/backend/types.js';
import { type RiskDays, type RiskWindow, riskWindow } from '../core/risk.js';

const memo = new WeakMap<object, Map<string, RiskWindow>>();

export function windowOf(data: Backend, days: RiskDays, asOf?: string, machineCoded = false): RiskWindow {
	let m = memo.get(data.incidentsKey);
	if (!m) {
		m = new Map();
		memo.set(data.incidentsKey, m);
	}
	const key = `${days}|${asOf ?? ''}|${machineCoded}`;
	let w = m.get(key);
	if (!w) {
		w = riskWindow(data, { days, ...(asOf ? { asOf } : {}), ...(machineCoded ? { includeMachineCoded: true } : {}) });
		m.set(key, w);
	}
	return w;
}

/**
 * `compute` cached per data set and window: moving between 30, 90 and 365 days
 * and back does no work twice, and the dashboard fills it in idle time (idle.ts).
 * The key is what the answers read — the actors, the countries and the
 * incidents (Backend.incidentsKey) — so data reloaded with only new articles
 * shares the rows worked out before.
 */
export function perWindow<T>(
	compute: (data: Backend, window: RiskWindow) => T,
): (data: Backend, window: RiskWindow) => T {
	const root = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, T>>>>();
	const windowsOf = (data: Backend): Map<string, T> => {
		const a = root.get(data.actorById) ?? new WeakMap();
		root.set(data.actorById, a);
		const b = a.get(data.countryByCode) ?? new WeakMap();
		a.set(data.countryByCode, b);
		const c = b.get(data.incidentsKey) ?? new Map<string, T>();
		b.set(data.incidentsKey, c);
		return c;
	};
	return (data, window) => {
		const byWindow = windowsOf(data);
		const key = `${window.days}:${window.end}:${window.includeMachineCoded === true}`;
		let value = byWindow.get(key);
		if (value === undefined) {
			value = compute(data, window);
			byWindow.set(key, value);
		}
		return value;
	};
}
