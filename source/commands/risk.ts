// sitrep risk [COUNTRY]: the table, or one country with its explanation.

import type { Backend } from '../core/backend/types.js';
import { G } from '../core/glyphs.js';
import type { Resolver } from '../core/resolve.js';
import { countryRisk, machineCodedNote, riskTable, trendArrow } from '../core/risk.js';
import { fit } from '../core/width.js';
import { terminalJson } from '../present/json.js';
import { linesToText } from '../present/plain.js';
import { countryLines } from '../present/views/country.js';
import { type Ctx, EXIT } from './context.js';
import { type WindowFlags, windowFromFlags } from './window.js';

export function runRisk(
	store: Backend,
	resolver: Resolver,
	country: string | undefined,
	flags: WindowFlags & { json: boolean },
	ctx: Ctx,
): number {
	const window = windowFromFlags(store, flags, ctx);
	if (!window) return EXIT.usage;
	if (country) {
		const r = resolver.country(country);
		if (!r.ok) {
			ctx.err(`sitrep risk: ${r.error}${r.suggestions.length ? ` (did you mean: ${r.suggestions.join('; ')}?)` : ''}`);
			return EXIT.usage;
		}
		if (flags.json) ctx.out(terminalJson(countryRisk(store, r.value, window)));
		else ctx.out(linesToText(countryLines(store, r.value, 100, window)));
		return EXIT.ok;
	}
	const table = riskTable(store, window);
	if (flags.json) {
		ctx.out(terminalJson({ window, countries: table }));
		return EXIT.ok;
	}
	ctx.out(
		`Risk by country, ${window.days}-day window ${window.start} to ${window.end}; score: deaths and deaths-equivalents a year; trend against the mean of the ${window.baseline.length} previous windows (from ${window.baseline[window.baseline.length - 1]?.start ?? window.start})`,
	);
	const machine = machineCodedNote({
		incidents: table.reduce((n, r) => n + r.machineCoded.incidents, 0),
		counted: window.includeMachineCoded === true,
	});
	if (machine) ctx.out(`${machine}.`);
	ctx.out(
		`${fit('COUNTRY', 16)} ${fit('LEVEL', 8)} ${fit('SCORE', 5, true)}  ${fit('TREND (BASE)', 15)} ${fit('INC', 4, true)} ${fit('KILLED', 6, true)}  TAGS`,
	);
	for (const r of table) {
		const change = r.trend.change > 0 ? `+${r.trend.change}` : String(r.trend.change);
		ctx.out(
			`${fit(`${r.code} ${r.name}`, 16)} ${fit(r.level, 8)} ${fit(String(r.score), 5, true)}  ${fit(`${trendArrow(r.trend.direction)} ${change} (${r.trend.baseline})`, 15)} ${fit(String(r.incidents), 4, true)} ${fit(String(r.fatalities), 6, true)}  ${r.tags.map((t) => t.label).join(', ')}`,
		);
	}
	ctx.err(`Explain one: sitrep risk AF ${G.dot} the formula: sitrep risk --help`);
	return EXIT.ok;
}
