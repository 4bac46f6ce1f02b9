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
 * `parts` names what of the store the result depends on: a store reloaded with
 * only new articles shares its incident indexes with the one before, and its
 * rows are not worked out again.
 */
export function perWindow<T>(
	compute: (store: Store, window: RiskWindow) => T,
	parts: (store: Store) => readonly object[] = (store) => [store],
): (store: Store, window: RiskWindow) => T {
	const root = new WeakMap<object, unknown>();
	const windowsOf = (store: Store): Map<string, T> => {
		let node = root;
		const keys = parts(store);
		for (let i = 0; i < keys.length; i++) {
			const key = keys[i] as object;
			const last = i === keys.length - 1;
			let next = node.get(key);
			if (!next) {
				next = last ? new Map<string, T>() : new WeakMap<object, unknown>();
				node.set(key, next);
			}
			if (last) return next as Map<string, T>;
			node = next as WeakMap<object, unknown>;
		}
		throw new Error('perWindow: no parts to key by');
	};
	return (store, window) => {
		const byWindow = windowsOf(store);
		const key = `${window.days}:${window.end}:${window.includeMachineCoded === true}`;
		let value = byWindow.get(key);
		if (value === undefined) {
			value = compute(store, window);
			byWindow.set(key, value);
		}
		return value;
	};
}
