// --window and --as-of, checked once for every command that takes them.
import { isRiskDays, type RiskDays, type RiskWindow, riskWindow } from '../core/risk.js';
import type { Store } from '../core/store.js';
import type { Ctx } from './context.js';

export interface WindowFlags {
	window?: number;
	asOf?: string;
}

export function windowFromFlags(store: Store, flags: WindowFlags, ctx: Ctx): RiskWindow | undefined {
	const days = flags.window ?? 90;
	if (!isRiskDays(days)) {
		ctx.err(`sitrep: --window: expected 30, 90 or 365, found ${days}`);
		return undefined;
	}
	try {
		return riskWindow(store, { days: days as RiskDays, ...(flags.asOf ? { asOf: flags.asOf } : {}) });
	} catch (err) {
		ctx.err(`sitrep: --as-of: ${(err as Error).message} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
		return undefined;
	}
}
