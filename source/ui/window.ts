// The risk/activity window for the current settings, computed once per store.
import { type RiskDays, type RiskWindow, riskWindow } from '../core/risk.js';
import type { Store } from '../core/store.js';

const memo = new WeakMap<Store, Map<string, RiskWindow>>();

export function windowOf(store: Store, days: RiskDays, asOf?: string): RiskWindow {
	let m = memo.get(store);
	if (!m) {
		m = new Map();
		memo.set(store, m);
	}
	const key = `${days}|${asOf ?? ''}`;
	let w = m.get(key);
	if (!w) {
		w = riskWindow(store, { days, ...(asOf ? { asOf } : {}) });
		m.set(key, w);
	}
	return w;
}
