// Search as typed (issue 18: p95 per keystroke ≤ 16 ms at 100k, ≤ 30 ms at 2.5M):
// every prefix of a few queries, a letter at a time, as the search box asks the
// Backend while one types. The first keystroke also reads the vocabulary (the
// index) or builds the search index (memory): counted, and shown apart.
import type { Backend } from '../../source/core/backend/types.js';
import { Resolver } from '../../source/core/resolve.js';
import { parseQuery } from '../../source/core/search/query.js';
import { type Stats, stats } from './stats.js';

export const TYPED_QUERIES = [
	'taliban attack',
	'suicide bombing kabul',
	'haqqani network',
	'kidnapping balochistan',
	'train -kabul',
];

/** Results the search pane asks for. */
const LIMIT = 50;

export interface SearchFigures {
	keys: Stats;
	/** The process's own CPU time per keystroke: on a loaded machine, what wall time would be alone. */
	cpu: Stats;
	firstMs: number;
	slowest: { query: string; ms: number }[];
}

export function searchFigures(data: Backend): SearchFigures {
	const resolver = new Resolver(data);
	const typed = TYPED_QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
	const times: { query: string; ms: number; cpuMs: number }[] = [];
	for (const query of typed) {
		const t = performance.now();
		const c = process.cpuUsage();
		data.search(parseQuery(query, resolver), { limit: LIMIT });
		const used = process.cpuUsage(c);
		times.push({ query, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 });
	}
	return {
		keys: stats(times.map((t) => t.ms)),
		cpu: stats(times.map((t) => t.cpuMs)),
		firstMs: times[0]?.ms ?? Number.NaN,
		slowest: [...times]
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 5)
			.map(({ query, ms }) => ({ query, ms })),
	};
}
