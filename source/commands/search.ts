// sitrep search QUERY: ranked results with snippets; matches highlighted on a
// terminal, plain when piped, and in JSON with their ranges.

import type { Backend } from '../core/backend/types.js';
import { G } from '../core/glyphs.js';
import { hasOriginal, original } from '../core/originals.js';
import type { Resolver } from '../core/resolve.js';
import { outletOf } from '../core/schemaBase.js';
import { drawnSnippet, parseQuery, type SearchResult, synonymNote } from '../core/search/index.js';
import { plural } from '../core/words.js';
import { terminalJson } from '../present/json.js';
import { resultFacts, resultMeta } from '../present/resultMeta.js';
import { type Ctx, EXIT } from './context.js';

const ON = '\u001b[1;4m';
const OFF = '\u001b[22;24m';

function mark(text: string, ranges: readonly (readonly [number, number])[], color: boolean): string {
	if (!color || ranges.length === 0) return text;
	let out = '';
	let at = 0;
	for (const [a, b] of ranges) {
		out += text.slice(at, a) + ON + text.slice(a, b) + OFF;
		at = b;
	}
	return out + text.slice(at);
}

export function runSearch(
	store: Backend,
	resolver: Resolver,
	query: string,
	flags: { limit?: number; json: boolean },
	ctx: Ctx,
): number {
	if (flags.limit !== undefined && (!Number.isInteger(flags.limit) || flags.limit < 1)) {
		ctx.err('sitrep search: --limit: expected a whole number of at least 1');
		return EXIT.usage;
	}
	const parsed = parseQuery(query, resolver);
	if (parsed.errors.length) {
		for (const e of parsed.errors) {
			ctx.err(
				`sitrep search: ${e.token}: ${e.message}${e.suggestions.length ? ` (did you mean: ${e.suggestions.join('; ')}?)` : ''}`,
			);
		}
		return EXIT.usage;
	}
	const out = store.search(parsed, { limit: flags.limit ?? 20 });
	if (flags.json) {
		// A result's title and snippet stay the cleaned text: their match ranges are offsets into it.
		// Its record fields (the outlet) are as the data wrote them; terminalJson escapes controls.
		ctx.out(
			terminalJson({
				query,
				parsed: { terms: parsed.terms, phrases: parsed.phrases, exclude: parsed.exclude, filters: parsed.filters },
				total: out.total,
				partial: out.partial,
				synonyms: out.synonyms,
				results: out.results.map((r) => ({ ...withOriginalSource(store, r), ...resultFacts(store, r) })),
			}),
		);
		return EXIT.ok;
	}
	out.results.forEach((r, i) => {
		const title = r.fields.find((f) => f.field === 'title')?.ranges ?? [];
		const meta = resultMeta(store, r).join(` ${G.dot} `);
		ctx.outStyled(`${String(i + 1).padStart(2)}. ${mark(r.title, title, ctx.color)}  (${meta}; ${r.id})`);
		ctx.outStyled(`    ${mark(drawnSnippet(r.snippet), r.snippet.ranges, ctx.color)}`);
	});
	ctx.err(
		`${plural(out.total, 'match')}${out.partial ? ' (no document has every word: partial matches)' : ''}${out.synonyms.length ? ` (${synonymNote(out.synonyms, G.right)})` : ''}; showing ${out.results.length}`,
	);
	return EXIT.ok;
}

/** The result's outlet as the data wrote it (search results carry the cleaned one). */
function withOriginalSource(store: Backend, r: SearchResult): SearchResult {
	if (r.kind === 'article') {
		const art = store.article(r.id);
		return art && hasOriginal(art) ? { ...r, source: original(art).source } : r;
	}
	const inc = store.incident(r.id);
	if (!inc) return r;
	const cited = inc.sources.map((s) => (typeof s === 'string' ? store.article(s) : undefined));
	if (!hasOriginal(inc) && !cited.some((a) => a && hasOriginal(a))) return r;
	const names = original(inc).sources.map((s, i) => (typeof s === 'string' ? original(cited[i])?.source : outletOf(s)));
	const distinct = [...new Set(names.filter((n): n is string => Boolean(n)))];
	return { ...r, source: distinct.length ? distinct.join(', ') : undefined };
}
