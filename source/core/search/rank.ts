// Ranking. Every query part (word or phrase) adds, per document, its best
// expansion's BM25-style score (title > summary > body, saturating counts,
// body length normalised) times the expansion's weight (exact > prefix >
// fuzzy) times the part's IDF. Documents matching every part come first and
// alone; when none does, those matching the most parts. Among them, those
// with every part in the title come first. Recency breaks ties.

import { type Expansion, ExpansionCache, idf, idfOf, synonymExpansions } from './expand.js';
import { allowedDocs } from './filter.js';
import { PhraseMatcher } from './phrase.js';
import { PostingCursor } from './postings.js';
import { hasText, type ParsedQuery, type QueryTerm } from './query.js';
import { buildResults, type MatchUnit, type SearchResult } from './results.js';
import { K1, type SearchIndex } from './searchIndex.js';
import { popcount } from './snippet.js';
import type { SynonymUse } from './synonyms.js';

export interface SearchOptions {
	/** Results returned (default 50). */
	limit?: number;
}

export interface SearchOutcome {
	results: SearchResult[];
	/** Documents that qualified (all parts matched, or at least one when partial). */
	total: number;
	/** No document matched every part: these match some of them. */
	partial: boolean;
	/** Rare words that were also searched as their synonyms (core/search/synonyms.ts). */
	synonyms: SynonymUse[];
}

/**
 * Where a ranking gets its query words' expansions and weights: from the index
 * ranked (ownWords), or from a whole corpus's vocabulary when the index holds
 * only the candidate documents (rankCandidates, for the SQLite index).
 */
export interface QueryWords {
	/** Expansions as term ids of the index ranked, the word's IDF, and the synonyms searched too. */
	word(term: QueryTerm): { expansions: Expansion[]; idf: number; synonyms?: SynonymUse };
	/** A phrase's weight, before its field score. */
	phraseWeight(words: readonly string[]): number;
}

/** The index's own words. */
export function ownWords(ix: SearchIndex): QueryWords {
	const { expansions: cache } = scratchOf(ix);
	return {
		word(term) {
			const own = cache.get(term.text, term.prefix);
			const extra = synonymExpansions(ix, term.text, own);
			const expansions = extra ? [...own, ...extra.expansions] : own;
			return {
				expansions,
				idf: idfOf(ix, expansions),
				...(extra ? { synonyms: { word: term.text, also: extra.words } } : {}),
			};
		},
		phraseWeight: (words) => words.reduce((sum, w) => sum + idf(ix, ix.df[ix.vocab.lookup(w)] ?? 0), 0) * PHRASE_WEIGHT,
	};
}

const W_TITLE = 7;
const W_SUMMARY = 2.5;
const W_BODY = 1;
/** A phrase found verbatim counts a little more than its words found apart. */
export const PHRASE_WEIGHT = 1.2;
const SAT = [0, 1, (2 * (K1 + 1)) / (2 + K1), (3 * (K1 + 1)) / (3 + K1)];

interface Scratch {
	score: Float64Array;
	best: Float64Array;
	matched: Uint32Array;
	/** Parts found in the title, a bit each. */
	titled: Uint32Array;
	touched: Int32Array;
	partTouched: Int32Array;
	expansions: ExpansionCache;
}

const scratches = new WeakMap<SearchIndex, Scratch>();

function scratchOf(ix: SearchIndex): Scratch {
	let s = scratches.get(ix);
	if (!s) {
		const n = ix.docCount;
		s = {
			score: new Float64Array(n),
			best: new Float64Array(n),
			matched: new Uint32Array(n),
			titled: new Uint32Array(n),
			touched: new Int32Array(n),
			partTouched: new Int32Array(n),
			expansions: new ExpansionCache(ix),
		};
		scratches.set(ix, s);
	}
	return s;
}

function fieldScore(ix: SearchIndex, counts: number, d: number): number {
	return fieldScoreOf(counts, ix.bodyK[d] ?? K1);
}

/** A word's score in a document from its packed field counts (postings.ts packCounts) and the body's K. */
export function fieldScoreOf(counts: number, bodyK: number): number {
	const body = counts >>> 4;
	return (
		W_TITLE * (SAT[counts & 3] ?? 0) +
		W_SUMMARY * (SAT[(counts >>> 2) & 3] ?? 0) +
		(body === 0 ? 0 : (W_BODY * body * (K1 + 1)) / (body + bodyK))
	);
}

export function search(ix: SearchIndex, query: ParsedQuery, opts: SearchOptions = {}): SearchResult[] {
	return searchWithInfo(ix, query, opts).results;
}

export function searchWithInfo(
	ix: SearchIndex,
	query: ParsedQuery,
	opts: SearchOptions = {},
	words: QueryWords = ownWords(ix),
): SearchOutcome {
	const limit = Math.max(0, Math.floor(opts.limit ?? 50));
	const allowed = allowedDocs(ix, query);
	if (!hasText(query)) return newest(ix, allowed, limit);

	const s = scratchOf(ix);
	const { score, best, matched, titled, touched, partTouched } = s;
	const cursor = new PostingCursor(ix);
	const units: MatchUnit[] = [];
	let tn = 0;
	const credit = (d: number, bit: number, points: number) => {
		score[d] = (score[d] ?? 0) + points;
		if (matched[d] === 0) touched[tn++] = d;
		matched[d] = (matched[d] ?? 0) | bit;
	};
	const synonyms: SynonymUse[] = [];
	query.terms.forEach((term, u) => {
		const { expansions, idf: termIdf, synonyms: use } = words.word(term);
		if (use) synonyms.push(use);
		units.push({ expansions });
		let pn = 0;
		for (const e of expansions) {
			cursor.open(e.term);
			while (cursor.next()) {
				const d = cursor.doc;
				if (allowed !== null && allowed[d] === 0) continue;
				const c = e.weight * fieldScore(ix, cursor.counts, d);
				if (cursor.counts & 3) titled[d] = (titled[d] ?? 0) | (1 << u);
				const was = best[d] ?? 0;
				if (c > was) {
					if (was === 0) partTouched[pn++] = d;
					best[d] = c;
				}
			}
		}
		for (let j = 0; j < pn; j++) {
			const d = partTouched[j] ?? 0;
			credit(d, 1 << u, termIdf * (best[d] ?? 0));
			best[d] = 0;
		}
	});
	query.phrases.forEach((phrase, i) => {
		const u = query.terms.length + i;
		const matcher = new PhraseMatcher(ix, phrase);
		const weight = words.phraseWeight(phrase);
		matcher.each(allowed, (d, counts) => {
			if (counts & 3) titled[d] = (titled[d] ?? 0) | (1 << u);
			credit(d, 1 << u, weight * fieldScore(ix, counts, d));
		});
		units.push({ phrase: new PhraseMatcher(ix, phrase) });
	});

	const all = 2 ** units.length - 1;
	let complete = 0;
	for (let j = 0; j < tn; j++) if (matched[touched[j] ?? 0] === all) complete++;
	const partial = complete === 0;
	const better = (a: number, b: number): boolean => {
		if (partial) {
			const ca = popcount(matched[a] ?? 0);
			const cb = popcount(matched[b] ?? 0);
			if (ca !== cb) return ca > cb;
		}
		// Every word of the query in the title: what the analyst is most likely looking for.
		const ta = titled[a] === all;
		const tb = titled[b] === all;
		if (ta !== tb) return ta;
		const sa = score[a] ?? 0;
		const sb = score[b] ?? 0;
		if (sa !== sb) return sa > sb;
		const da = ix.dayFirst[a] ?? 0;
		const db = ix.dayFirst[b] ?? 0;
		return da !== db ? da > db : a < b;
	};
	const top = new TopK(limit, better);
	for (let j = 0; j < tn; j++) {
		const d = touched[j] ?? 0;
		if (partial || matched[d] === all) top.offer(d);
	}
	const docs = top.sorted();
	const scores = docs.map((d) => score[d] ?? 0);
	for (let j = 0; j < tn; j++) {
		const d = touched[j] ?? 0;
		score[d] = 0;
		matched[d] = 0;
		titled[d] = 0;
	}
	return {
		results: buildResults(ix, units, docs, scores),
		total: partial ? tn : complete,
		partial: partial && tn > 0,
		synonyms,
	};
}

function newest(ix: SearchIndex, allowed: Uint8Array | null, limit: number): SearchOutcome {
	const docs: number[] = [];
	let total = 0;
	for (const d of ix.byRecency) {
		if (allowed !== null && allowed[d] === 0) continue;
		total++;
		if (docs.length < limit) docs.push(d);
	}
	return {
		results: buildResults(
			ix,
			[],
			docs,
			docs.map(() => 0),
		),
		total,
		partial: false,
		synonyms: [],
	};
}

/** Keeps the best `k` documents seen: a heap with the worst kept one on top. */
class TopK {
	private readonly heap: number[] = [];

	constructor(
		private readonly k: number,
		private readonly better: (a: number, b: number) => boolean,
	) {}

	offer(d: number): void {
		const h = this.heap;
		if (this.k === 0) return;
		if (h.length < this.k) {
			h.push(d);
			let i = h.length - 1;
			while (i > 0) {
				const parent = (i - 1) >> 1;
				if (!this.better(h[parent] ?? 0, h[i] ?? 0)) break;
				[h[parent], h[i]] = [h[i] ?? 0, h[parent] ?? 0];
				i = parent;
			}
		} else if (this.better(d, h[0] ?? 0)) {
			h[0] = d;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let worst = i;
				if (l < h.length && this.better(h[worst] ?? 0, h[l] ?? 0)) worst = l;
				if (r < h.length && this.better(h[worst] ?? 0, h[r] ?? 0)) worst = r;
				if (worst === i) break;
				[h[worst], h[i]] = [h[i] ?? 0, h[worst] ?? 0];
				i = worst;
			}
		}
	}

	sorted(): number[] {
		return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
	}
}
