// Ranking a few candidate documents as if they were searched among all of a
// corpus: what an index that finds candidates but cannot rank them (SQLite's
// FTS5, io/store/sqlite/search.ts) hands to core. The candidates get a small
// search index of their own, but every weight comes from the corpus — its
// vocabulary for typos, prefixes and synonyms, its document frequencies and
// its average body length — so scores, order, snippets and highlights are the
// ones the in-memory engine gives over the whole data.
import type { Article, Country, Incident } from '../schema.js';
import { drain } from '../slices.js';
import { articleOrder, byDateDesc } from '../store.js';
import { buildSteps } from './build.js';
import { type Expansion, ExpansionCache, idf, idfOf, synonymExpansions, type WordIndex } from './expand.js';
import { emptyFilters, type ParsedQuery, type QueryTerm } from './query.js';
import { PHRASE_WEIGHT, type QueryWords, type SearchOptions, type SearchOutcome, searchWithInfo } from './rank.js';
import { bodyKOf, type SearchIndex } from './searchIndex.js';
import type { SynonymUse } from './synonyms.js';
import { Vocab } from './vocab.js';

/** A corpus's words and sizes: what ranking among all of it needs besides the candidates. */
export interface Corpus extends WordIndex {
	/** Body tokens per document, over all of them (the in-memory build's avgBody). */
	readonly avgBody: number;
	readonly expansions: ExpansionCache;
}

/** The corpus from its words with their document frequencies, its document count and its body tokens in all. */
export function corpusOf(words: Iterable<readonly [string, number]>, docCount: number, bodyTokens: number): Corpus {
	const vocab = new Vocab();
	const counts: number[] = [];
	for (const [word, df] of words) counts[vocab.intern(word)] = df;
	vocab.finish();
	const corpus = {
		vocab,
		df: Uint32Array.from(counts),
		docCount,
		avgBody: docCount > 0 && bodyTokens > 0 ? bodyTokens / docCount : 1,
	};
	return { ...corpus, expansions: new ExpansionCache(corpus) };
}

/** A query word's expansions (its own and its synonyms) as corpus term ids, and its IDF over the corpus. */
export function corpusExpansions(
	corpus: Corpus,
	term: QueryTerm,
): { expansions: Expansion[]; idf: number; synonyms?: SynonymUse } {
	const own = corpus.expansions.get(term.text, term.prefix);
	const extra = synonymExpansions(corpus, term.text, own);
	const all = extra ? [...own, ...extra.expansions] : own;
	return {
		expansions: all,
		idf: idfOf(corpus, all),
		...(extra ? { synonyms: { word: term.text, also: extra.words } } : {}),
	};
}

/** The query's words as the corpus weighs them, as term ids of the candidates' index. */
function corpusWords(corpus: Corpus, ix: SearchIndex): QueryWords {
	const local = (e: Expansion): Expansion[] => {
		const id = ix.vocab.lookup(corpus.vocab.terms[e.term] ?? '');
		return id < 0 ? [] : [{ ...e, term: id }];
	};
	return {
		word(term) {
			const w = corpusExpansions(corpus, term);
			return { ...w, expansions: w.expansions.flatMap(local) };
		},
		phraseWeight: (words) =>
			words.reduce((sum, w) => sum + idf(corpus, corpus.df[corpus.vocab.lookup(w)] ?? 0), 0) * PHRASE_WEIGHT,
	};
}

/**
 * Searches the candidates (a superset of what the query matches; the filters
 * already applied, so only the exclusions are checked here) as the in-memory
 * engine searches the corpus. In the store's order, so ties fall the same way.
 */
export function rankCandidates(
	corpus: Corpus,
	candidates: {
		articles: Article[];
		incidents: Incident[];
		/** The outlets of the articles the incidents cite by id (a result's source line names them). */
		citedSources: ReadonlyMap<string, string>;
	},
	countries: readonly Country[],
	query: ParsedQuery,
	opts: SearchOptions,
): SearchOutcome {
	const articles = [...candidates.articles].sort(articleOrder);
	const incidents = [...candidates.incidents].sort(byDateDesc);
	const steps = buildSteps(articles, incidents, { countries }, Number.POSITIVE_INFINITY, false);
	const own = drain(steps);
	// Body lengths normalised by the corpus's average, not the candidates'.
	const bodyK = own.bodyK.map((_, d) => bodyKOf(own.bodyTokens[d] ?? 0, corpus.avgBody));
	const ix: SearchIndex = { ...own, bodyK, articleSourceById: candidates.citedSources };
	return searchWithInfo(ix, { ...query, filters: emptyFilters() }, opts, corpusWords(corpus, ix));
}
