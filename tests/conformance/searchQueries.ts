// Search's part of the conformance suite: a fixed query set, asked of a
// backend through core's parser, answered as what a reader sees — ids in
// order, totals, partial and synonym notes, snippets and highlight ranges.
// Scores are left out: they are how the order was reached, not an answer.
import type { Backend } from '../../source/core/backend/types.js';
import { Resolver } from '../../source/core/resolve.js';
import { parseQuery } from '../../source/core/search/query.js';

export const SEARCH_QUERIES = [
	// Nothing typed: the Search pane's first list, newest first.
	'',
	'kabul',
	'taliban',
	'attack',
	'suicide bombing',
	'haqqani kabul',
	'"suicide bomber"',
	'"jaffar express"',
	'attack -kabul',
	'talibn',
	'haqani',
	'train',
	'kidnapping',
	'balochistan country:PK',
	'attack actor:ttp',
	'type:"suicide bombing"',
	'attack since:2024-06',
	'attack until:2024-01',
	'source:reuters',
	'attack source:reuters',
	'haqqani in:articles',
	'haqqani in:incidents',
	'country:AF -country:PK in:incidents',
	'zzqxv nonesuch',
	'country:PK since:2024-01 until:2024-12',
	'-attack in:incidents',
	'synthetic incident',
	'kabu',
	// Typed a key at a time: one-letter prefixes, a part reused from the query before (the index
	// keeps recent parts), a later part scored only where the first matched, and a word that
	// matches nothing after one that does (no document has both: partial matches, scored again).
	'k',
	'ka',
	'kabul a',
	'kabul at',
	'kabul atta',
	'kabul zzqxv',
	'suicide b',
	'suicide bombing k',
	'a k',
	'attack k country:PK',
	'haqqani k in:articles',
];

/**
 * The large set asks these, one of each kind of clause, so the suite stays inside its time (at
 * 100k a phrase still has every candidate's record read by the index: docs/dev/storage.md).
 */
export const SEARCH_QUERIES_AT_SCALE = [
	'',
	'country:AF -country:PK in:incidents',
	'kabul',
	'"suicide bomber"',
	'attack -kabul',
	'talibn',
	'train',
	'balochistan country:PK',
	'haqqani in:articles',
	'country:PK since:2024-01 until:2024-12',
	'zzqxv nonesuch',
	'kabu',
	't',
	'taliban a',
	'taliban at',
	'kabul zzqxv',
];

export const SEARCH_LIMIT = 20;

export function searchAnswers(data: Backend, queries: readonly string[] = SEARCH_QUERIES): Record<string, unknown> {
	const resolver = new Resolver(data);
	const out: Record<string, unknown> = {};
	for (const q of queries) {
		const parsed = parseQuery(q, resolver);
		if (parsed.errors.length) {
			out[`search ${q}`] = { errors: parsed.errors.map((e) => e.message) };
			continue;
		}
		const got = data.search(parsed, { limit: SEARCH_LIMIT });
		out[`search ${q}`] = {
			total: got.total,
			partial: got.partial,
			synonyms: got.synonyms,
			results: got.results.map(({ score: _, ...r }) => r),
		};
	}
	return out;
}

/** Ids in order per query: what the ranking agreement is measured on. */
export function searchOrder(answers: Record<string, unknown>): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [k, v] of Object.entries(answers)) {
		const results = (v as { results?: { id: string }[] }).results;
		if (results) out[k] = results.map((r) => r.id);
	}
	return out;
}
