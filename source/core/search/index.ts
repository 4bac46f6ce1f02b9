// Full-text search over articles and incidents: query language, index and
// ranking. Pure and synchronous; the pane and `sitrep search` share it.
// The parts live in ./search/ (tokenizer, vocabulary, postings, index shape
// and build, query parsing, filters, phrases, ranking, results, snippets).

export { buildSearchIndex, buildSearchIndexInSlices, indexStore } from './build.js';
export { applyCompletion, type CompletionCandidate, completeQuery, type QueryCompletion } from './complete.js';
export { FILTER_KEYS, type FilterKey } from './lex.js';
export {
	emptyFilters,
	type FilterSet,
	hasFilters,
	hasText,
	MAX_UNITS,
	MAX_WORD_LENGTH,
	type ParsedQuery,
	parseQuery,
	type QueryError,
	type QueryTerm,
	type SearchFilters,
	type SearchScope,
} from './query.js';
export { type SearchOptions, type SearchOutcome, search, searchWithInfo } from './rank.js';
export type { FieldName, SearchResult } from './results.js';
export { incidentTitle, indexBytes, type SearchIndex } from './searchIndex.js';
export { drawnSnippet, type Range, SNIPPET_WIDTH, type Snippet } from './snippet.js';
export { FEW_HITS, SYNONYMS, type SynonymUse, synonymNote } from './synonyms.js';
export { updateSearchIndex, updateSearchIndexInSlices } from './update.js';
