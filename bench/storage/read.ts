// What bench/storage/child.ts measures in a reading process: the first answer
// (the Timeline's first page and the risk table) counted from the process's
// start, then filter applies, risk tables and actor rows, as the dashboard
// asks them of a Backend.
import { actorRows } from '../../source/core/actorProfile.js';
import { backendOf } from '../../source/core/backend/memory.js';
import type { Backend } from '../../source/core/backend/types.js';
import { riskTable, riskWindow } from '../../source/core/risk.js';
import { emptyFilter, type TimelineSort } from '../../source/core/timeline.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { sqliteBackend } from '../../source/io/store/sqlite/backend.js';
import { ensureIndex } from '../../source/io/store/sqlite/ensure.js';
import { benchFilters } from './filters.js';
import { searchFigures } from './search.js';
import { stats } from './stats.js';

export { type Stats, stats } from './stats.js';

const PAGE = 50;

function timed<T>(fn: () => T): [T, number] {
	const t = performance.now();
	const v = fn();
	return [v, performance.now() - t];
}

/** The backend a read process measures: the index (built first when missing) or the directory loaded. */
export async function openBackend(dir: string, storage: 'index' | 'memory'): Promise<{ data: Backend; built: string }> {
	if (storage === 'memory') return { data: backendOf(loadDataDir(dir).store), built: 'memory' };
	const ix = await ensureIndex(dir);
	return { data: sqliteBackend(ix.db), built: ix.built };
}

/** Filter applies stop starting after `budgetMs`: at 2.5M a slow one takes seconds. */
export async function readFigures(dir: string, storage: 'index' | 'memory', budgetMs = Number.POSITIVE_INFINITY) {
	const importedMs = performance.now();
	const { data, built } = await openBackend(dir, storage);
	const openedMs = performance.now();
	const page = data.incidentPage(emptyFilter, 'date', 0, PAGE);
	const firstTable = riskTable(data, riskWindow(data, { days: 90 }));
	const firstAnswerMs = performance.now();
	const firstAnswerRssMb = process.resourceUsage().maxRSS / 1024;

	// Filter apply: the page the Timeline shows and the per-date counts of its chart.
	const newest = data.newestDays().incidentDate ?? '2025-12-31';
	const applies: { filter: string; sort: TimelineSort; offset: number; ms: number }[] = [];
	const pairs = benchFilters(newest).flatMap((f) => (['date', 'fatalities'] as const).map((sort) => ({ ...f, sort })));
	// Stepping by 7 (prime to the 60 pairs) spreads a run the budget cuts short over every kind of filter.
	const stopAt = performance.now() + budgetMs;
	for (let i = 0; i < pairs.length && performance.now() < stopAt; i++) {
		const { name, filter, sort } = pairs[(i * 7) % pairs.length] as (typeof pairs)[number];
		let total = 0;
		for (const deep of [false, true]) {
			const offset = deep ? Math.max(0, total - PAGE) : 0;
			const [p, ms] = timed(() => {
				const p = data.incidentPage(filter, sort, offset, PAGE);
				data.incidentDates(filter);
				return p;
			});
			total = p.total;
			applies.push({ filter: name, sort, offset, ms });
		}
	}

	const risk: Record<string, number> = {};
	let explanationMs = 0;
	for (const days of [30, 90, 365] as const) {
		const [table, ms] = timed(() => riskTable(data, riskWindow(data, { days })));
		risk[days] = ms;
		const top = [...table].sort((a, b) => b.score - a.score)[0];
		if (days === 90 && top) explanationMs = timed(() => top.explanation.incidents.length)[1];
	}
	const [rows, actorRowsMs] = timed(() => actorRows(data, riskWindow(data, { days: 90 })));
	const search = searchFigures(data);

	return {
		storage,
		built,
		importedMs,
		openMs: openedMs - importedMs,
		firstAnswerMs,
		firstAnswerRssMb,
		firstAnswer: { total: page.total, rows: page.rows.length, countries: firstTable.length },
		filter: {
			pairs: pairs.length * 2,
			all: stats(applies.map((a) => a.ms)),
			top: stats(applies.filter((a) => a.offset === 0).map((a) => a.ms)),
			deep: stats(applies.filter((a) => a.offset > 0).map((a) => a.ms)),
			slowest: [...applies].sort((a, b) => b.ms - a.ms).slice(0, 5),
		},
		risk,
		explanationMs,
		actorRowsMs,
		actorRows: rows.length,
		search,
	};
}
