// The risk/activity window for the current settings, computed once per store.
import { type RiskDays, type RiskWindow, riskWindow } from '../core/risk.js';
import type { Store } from '../core/store.js';

const memo = new WeakMap<Store, Map<string, RiskWindow>>();

export function windowOf(store: Store, days: RiskDays, asOf?: string, machineCoded = false): RiskWindow {
	let m = memo.get(store);
	if (!m) {
		m = new Map();
		memo.set(store, m);
	}
	const key = `${days}|${asOf ?? ''}|${machineCoded}`;
	let w = m.get(key);
	if (!w) {
		w = riskWindow(store, { days, ...(asOf ? { asOf } : {}), ...(machineCoded ? { includeMachineCoded: true } : {}) });
		m.set(key, w);
	}
	return w;
}

/**
 * `compute` cached per store and window: moving between 30, 90 and 365 days
 * and back does no work twice, and the dashboard fills it in idle time (idle.ts).
 */
export function perWindow<T>(
	compute: (store: Store, window: RiskWindow) => T,
): (store: Store, window: RiskWindow) => T {
	const cache = new WeakMap<Store, Map<string, T>>();
	return (store, window) => {
		let byWindow = cache.get(store);
		if (!byWindow) {
			byWindow = new Map();
			cache.set(store, byWindow);
		}
		const key = `${window.days}:${window.end}:${window.includeMachineCoded === true}`;
		let value = byWindow.get(key);
		if (value === undefined) {
			value = compute(store, window);
			byWindow.set(key, value);
		}
		return value;
	};
}
