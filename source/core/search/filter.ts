// Which documents the filters and exclusions leave in play, as a byte per
// document. Filters rarely change between keystrokes, so the last mask is kept.
import { dayNumber } from '../dates.js';
import { squash } from '../fold.js';
import { memoByString } from '../memo.js';
import type { Article, Incident } from '../schema.js';
import { outletOf } from '../schemaBase.js';
import { PhraseMatcher } from './phrase.js';
import { PostingCursor } from './postings.js';
import { type FilterSet, hasFilters, type ParsedQuery } from './query.js';
import { INCIDENT, type SearchIndex } from './searchIndex.js';

interface Sets {
	countries: Set<string>;
	actors: Set<string>;
	types: Set<string>;
	sources: Set<string>;
}

// Tags and outlet names repeat across thousands of records: fold each once.
const key = memoByString(squash, 10_000);

function setsOf(f: FilterSet): Sets {
	return {
		countries: new Set(f.countries),
		actors: new Set(f.actorsWithin),
		types: new Set(f.types.map(key)),
		sources: new Set(f.sources.map(key)),
	};
}

function sourcesOf(ix: SearchIndex, rec: Article | Incident): string[] {
	if ('published' in rec) return [rec.source];
	return rec.sources.map((s) => (typeof s === 'string' ? (ix.articleSourceById.get(s) ?? '') : outletOf(s)));
}

/** Whether the record passes the filters in `s` (all: every kind used matches; else: any kind matches). */
function test(ix: SearchIndex, rec: Article | Incident, s: Sets, all: boolean): boolean {
	const isArticle = 'published' in rec;
	if (s.countries.size) {
		const ok = isArticle ? rec.countries.some((c) => s.countries.has(c)) : s.countries.has(rec.country);
		if (ok !== all) return ok;
	}
	if (s.actors.size) {
		const ok = isArticle
			? rec.actors.some((a) => s.actors.has(a))
			: rec.perpetrators.some((a) => s.actors.has(a)) ||
				rec.targets.some((a) => s.actors.has(a)) ||
				(rec.claimedBy !== undefined && s.actors.has(rec.claimedBy));
		if (ok !== all) return ok;
	}
	if (s.types.size) {
		// Articles have no type; one tagged with the type's label counts.
		const ok = isArticle ? rec.tags.some((t) => s.types.has(key(t))) : s.types.has(key(rec.type));
		if (ok !== all) return ok;
	}
	if (s.sources.size) {
		const ok = sourcesOf(ix, rec).some((x) => s.sources.has(key(x)));
		if (ok !== all) return ok;
	}
	return all;
}

const cache = new WeakMap<SearchIndex, { key: string; mask: Uint8Array | null }>();

/** 1 for each document the query's filters and exclusions allow; null when all are allowed. */
export function allowedDocs(ix: SearchIndex, q: ParsedQuery): Uint8Array | null {
	const f = q.filters;
	if (!hasFilters(f) && q.exclude.length === 0) return null;
	const key = JSON.stringify([f, q.exclude]);
	const hit = cache.get(ix);
	if (hit && hit.key === key) return hit.mask;
	const mask = new Uint8Array(ix.docCount);
	const want = setsOf(f);
	const not = setsOf(f.not);
	const since = f.since ? dayNumber(f.since) : undefined;
	const until = f.until ? dayNumber(f.until) : undefined;
	for (let d = 0; d < ix.docCount; d++) {
		const incident = ix.kind[d] === INCIDENT;
		if ((f.scope === 'articles' && incident) || (f.scope === 'incidents' && !incident)) continue;
		// Month-only incident dates cover the month: they match when it overlaps the range.
		if (since !== undefined && (ix.dayLast[d] ?? 0) < since) continue;
		if (until !== undefined && (ix.dayFirst[d] ?? 0) > until) continue;
		const rec = ix.records[d] as Article | Incident;
		if (!test(ix, rec, want, true) || test(ix, rec, not, false)) continue;
		mask[d] = 1;
	}
	const cursor = new PostingCursor(ix);
	for (const words of q.exclude) {
		if (words.length === 1) {
			const id = ix.vocab.lookup(words[0] ?? '');
			if (id < 0) continue;
			cursor.open(id);
			while (cursor.next()) mask[cursor.doc] = 0;
		} else {
			new PhraseMatcher(ix, words).each(mask, (doc) => {
				mask[doc] = 0;
			});
		}
	}
	cache.set(ix, { key, mask });
	return mask;
}
