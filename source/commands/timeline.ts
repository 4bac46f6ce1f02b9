// sitrep timeline: the Timeline pane's query as text or JSON.

import type { Backend } from '../core/backend/types.js';
import { tollCell } from '../core/fatalities.js';
import { G } from '../core/glyphs.js';
import type { Resolver } from '../core/resolve.js';
import { sanitizeLine } from '../core/sanitize.js';
import { countDates, type FilterInput, isTimelineSort, parseFilter, perpetratorLabel } from '../core/timeline.js';
import { fit } from '../core/width.js';
import { incidentJson, terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export interface TimelineFlags extends FilterInput {
	limit?: number;
	json: boolean;
	by?: string;
	sort?: string;
}

export function runTimeline(data: Backend, resolver: Resolver, flags: TimelineFlags, ctx: Ctx): number {
	const { filter, errors } = parseFilter(resolver, flags);
	if (errors.length) {
		for (const e of errors) {
			ctx.err(
				`sitrep: --${e.field}: ${e.message}${e.suggestions.length ? ` (did you mean: ${e.suggestions.join('; ')}?)` : ''}`,
			);
		}
		return EXIT.usage;
	}
	if (flags.by !== undefined && flags.by !== 'week' && flags.by !== 'month') {
		ctx.err(`sitrep: --by: expected week or month, found "${flags.by}"`);
		return EXIT.usage;
	}
	if (flags.limit !== undefined && (!Number.isInteger(flags.limit) || flags.limit < 1)) {
		ctx.err('sitrep: --limit: expected a whole number of at least 1');
		return EXIT.usage;
	}
	const sort = flags.sort ?? 'date';
	if (!isTimelineSort(sort)) {
		ctx.err(`sitrep: --sort: expected date or fatalities, found "${sanitizeLine(sort)}"`);
		return EXIT.usage;
	}
	if (flags.by && flags.sort !== undefined) {
		ctx.err('sitrep: --sort orders incidents; --by counts them per week or month: give one of the two');
		return EXIT.usage;
	}
	if (flags.by) {
		const buckets = countDates(data.incidentDates(filter), flags.by, filter);
		const { total } = data.incidentPage(filter, 'date', 0, 0);
		if (flags.json) ctx.out(terminalJson({ filter, unit: flags.by, total, buckets }));
		else {
			ctx.out(
				`${fit(flags.by === 'week' ? 'WEEK OF' : 'MONTH', 10)}  ${fit('INCIDENTS', 9, true)}  ${fit('KILLED', 6, true)}`,
			);
			for (const b of buckets) {
				const label = flags.by === 'week' ? b.start : b.start.slice(0, 7);
				ctx.out(
					`${fit(label, 10)}  ${fit(String(b.count), 9, true)}  ${fit(String(b.fatalities), 6, true)}  ${(G.bars[6] ?? '#').repeat(Math.min(b.count, 40))}`,
				);
			}
		}
		return EXIT.ok;
	}
	// One page: what --limit asks for, else every match.
	const page = data.incidentPage(filter, sort, 0, flags.limit ?? Number.MAX_SAFE_INTEGER);
	const shown = page.rows;
	const total = page.total;
	if (flags.json) {
		// The incidents as the data wrote them (core/originals.ts), escaped for the terminal.
		const byToll = sort === 'fatalities' ? { sort, untolled: page.untolled } : {};
		ctx.out(terminalJson({ filter, ...byToll, total, shown: shown.length, incidents: shown.map(incidentJson) }));
		return EXIT.ok;
	}
	ctx.out(
		`${fit('DATE', 10)}  CC  ${fit('TYPE', 16)}  ${fit('PERPETRATOR', 18)}  ${fit('KILLED', 10, true)}  LOCATION`,
	);
	const firstUntolled = sort === 'fatalities' ? total - page.untolled : -1;
	shown.forEach((inc, i) => {
		if (i === firstUntolled)
			ctx.out(`${G.rule.repeat(2)} toll not reported ${G.dot} ${page.untolled} ${G.rule.repeat(2)}`);
		const place = [inc.location, inc.admin1].filter(Boolean).join(', ');
		ctx.out(
			`${fit(inc.date, 10)}  ${fit(inc.country, 2)}  ${fit(inc.type, 16)}  ${fit(perpetratorLabel(data, inc), 18)}  ${fit(tollCell(inc.fatalities, '-', 10), 10, true)}  ${place}`,
		);
	});
	const inData = data.totals().incidents;
	ctx.err(`${shown.length} of ${total} incidents${total !== inData ? ` (${inData} in the data)` : ''}`);
	return EXIT.ok;
}
