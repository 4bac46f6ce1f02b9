// --window and --as-of, checked once for every command that takes them, and
// --machine-coded (or the riskMachineCoded setting) for those that score.

import type { Backend } from '../core/backend/types.js';
import { type RiskDays, type RiskWindow, riskWindow, windowProblem } from '../core/risk.js';
import type { Store } from '../core/store.js';
import type { Ctx } from './context.js';

export interface WindowFlags {
	window?: number;
	asOf?: string;
	/** Machine-coded incidents count in risk: --machine-coded, or the riskMachineCoded setting. */
	machineCoded?: boolean;
}

export function windowFromFlags(store: Store | Backend, flags: WindowFlags, ctx: Ctx): RiskWindow | undefined {
	const days = flags.window ?? 90;
	const problem = windowProblem(days, flags.asOf);
	if (problem) {
		ctx.err(`sitrep: ${problem}`);
		return undefined;
	}
	return riskWindow(store, {
		days: days as RiskDays,
		...(flags.asOf ? { asOf: flags.asOf } : {}),
		...(flags.machineCoded ? { includeMachineCoded: true } : {}),
	});
}
