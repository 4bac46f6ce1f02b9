// Turns a query word into the vocabulary words it stands for: itself, the
// words it starts (while it is being typed) and its likely typos, each with
// a weight so that exact > prefix > fuzzy. fuse.js judges the typos, over a
// bigram shortlist of the vocabulary rather than over document text.
import Fuse from 'fuse.js';
import type { SearchIndex } from './searchIndex.js';
import { FEW_HITS, SYNONYM_WEIGHT, SYNONYMS } from './synonyms.js';

export const EXACT = 0;
export const PREFIX = 1;
export const FUZZY = 2;

/** What expanding a word reads: a vocabulary with document frequencies (an index, or a whole corpus's words). */
export type WordIndex = Pick<SearchIndex, 'vocab' | 'df' | 'docCount'>;

export interface Expansion {
	term: number;
	weight: number;
	match: typeof EXACT | typeof PREFIX | typeof FUZZY;
	/** For prefix matches: how many leading characters were typed (for highlighting). */
	typed: number;
}

/** Prefix completions kept per word: most frequent first, within a postings budget. */
const MAX_PREFIX_WORDS = 48;
const PREFIX_BUDGET_DOCS = 3;
const MAX_TYPOS = 8;
/** fuse.js allows 0 errors up to 3 characters, 1 up to 6, 2 up to 9, 3 beyond (as in the Resolver). */
const FUSE_THRESHOLD = 0.3;
/** Bitap's pattern limit; longer words are only matched exactly. */
const FUZZY_MAX_LENGTH = 32;
const HAS_DIGIT = /\p{N}/u;

export function allowedTypos(length: number): number {
	return Math.min(3, Math.floor(length * FUSE_THRESHOLD));
}

function topByDf(ix: WordIndex, lo: number, hi: number, skip: number): number[] {
	const { order } = ix.vocab;
	const top: number[] = [];
	for (let i = lo; i < hi; i++) {
		const id = order[i] ?? 0;
		const df = ix.df[id] ?? 0;
		// A word only removed documents had (update.ts) stays in the vocabulary with no documents.
		if (id === skip || df === 0) continue;
		if (top.length === MAX_PREFIX_WORDS && df <= (ix.df[top[top.length - 1] ?? 0] ?? 0)) continue;
		let at = top.length;
		while (at > 0 && (ix.df[top[at - 1] ?? 0] ?? 0) < df) at--;
		top.splice(at, 0, id);
		if (top.length > MAX_PREFIX_WORDS) top.pop();
	}
	return top;
}

export function expandWord(ix: WordIndex, text: string, prefix: boolean): Expansion[] {
	const out: Expansion[] = [];
	const have = new Set<number>();
	const exact = ix.vocab.lookup(text);
	if (exact >= 0 && (ix.df[exact] ?? 0) > 0) {
		out.push({ term: exact, weight: 1, match: EXACT, typed: 0 });
		have.add(exact);
	}
	if (prefix) {
		const [lo, hi] = ix.vocab.prefixRange(text);
		let budget = Math.max(1, ix.docCount * PREFIX_BUDGET_DOCS);
		for (const id of topByDf(ix, lo, hi, exact)) {
			if (budget <= 0) break;
			budget -= ix.df[id] ?? 0;
			const len = ix.vocab.terms[id]?.length ?? 1;
			out.push({ term: id, weight: 0.75 * Math.sqrt(text.length / len), match: PREFIX, typed: text.length });
			have.add(id);
		}
	}
	const k = allowedTypos(text.length);
	if (k > 0 && text.length <= FUZZY_MAX_LENGTH && !HAS_DIGIT.test(text)) {
		const ids = ix.vocab.typoCandidates(text, k, prefix, (id) => (ix.df[id] ?? 0) > 0).filter((id) => !have.has(id));
		if (ids.length > 0) {
			const words = ids.map((id) => ix.vocab.terms[id] ?? '');
			const fuse = new Fuse(words, {
				includeScore: true,
				threshold: FUSE_THRESHOLD,
				location: 0,
				distance: 8,
				isCaseSensitive: true,
				ignoreFieldNorm: true,
			});
			for (const hit of fuse.search(text, { limit: MAX_TYPOS })) {
				const id = ids[hit.refIndex] ?? -1;
				const len = words[hit.refIndex]?.length ?? 0;
				const closeness = 1 - (hit.score ?? 1);
				// A typo of the whole word outranks a typo of its beginning.
				const weight = (len <= text.length + k ? 0.55 : 0.45) * closeness;
				if (id >= 0) out.push({ term: id, weight, match: FUZZY, typed: 0 });
			}
		}
	}
	return out;
}

/**
 * The synonyms of a rare query word that the index holds, as expansions beside
 * the word's own (`own`), and the words they are, for the results line.
 */
export function synonymExpansions(
	ix: WordIndex,
	text: string,
	own: readonly Expansion[],
): { expansions: Expansion[]; words: string[] } | undefined {
	const also = SYNONYMS[text];
	if (!also) return undefined;
	const self = ix.vocab.lookup(text);
	if (self >= 0 && (ix.df[self] ?? 0) >= FEW_HITS) return undefined;
	const have = new Set(own.map((e) => e.term));
	const expansions: Expansion[] = [];
	const words: string[] = [];
	for (const w of also) {
		const id = ix.vocab.lookup(w);
		if (id < 0 || have.has(id) || !(ix.df[id] ?? 0)) continue;
		have.add(id);
		expansions.push({ term: id, weight: SYNONYM_WEIGHT, match: EXACT, typed: 0 });
		words.push(w);
	}
	return expansions.length ? { expansions, words } : undefined;
}

/** Inverse document frequency of a query word from the documents its expansions cover. */
export function idfOf(ix: WordIndex, expansions: readonly Expansion[]): number {
	let df = 0;
	for (const e of expansions) df += ix.df[e.term] ?? 0;
	return idf(ix, df);
}

export function idf(ix: WordIndex, df: number): number {
	const n = ix.docCount;
	const m = Math.min(df, n);
	return Math.log(1 + (n - m + 0.5) / (m + 0.5));
}

/** Small per-index cache: typing "kabu" then "kabul k" re-expands nothing twice. */
export class ExpansionCache {
	private readonly map = new Map<string, Expansion[]>();

	constructor(private readonly ix: WordIndex) {}

	get(text: string, prefix: boolean): Expansion[] {
		const key = `${prefix ? '*' : '='}${text}`;
		let hit = this.map.get(key);
		if (!hit) {
			hit = expandWord(this.ix, text, prefix);
			if (this.map.size >= 512) this.map.clear();
			this.map.set(key, hit);
		}
		return hit;
	}
}
