// The search index's shape and the accessors the query side shares with the
// build: which text a field is, where a document's positions start.
import type { Article, Incident } from '../schema.js';
import type { PostingData } from './postings.js';
import type { Vocab } from './vocab.js';

/** BM25 term-frequency saturation and body length normalisation. */
export const K1 = 1.2;
export const B = 0.75;

/** Document kinds in SearchIndex.kind (0 is an article). */
export const INCIDENT = 1;

/**
 * The title-like line an incident is indexed and shown under: type, place, country.
 * Highlight ranges for an incident's 'title' field point into this string.
 */
export function incidentTitle(inc: Incident, countryName?: string): string {
	const type = inc.type === 'IED' ? 'IED' : inc.type.charAt(0).toUpperCase() + inc.type.slice(1);
	const place: string[] = [];
	if (inc.location) place.push(inc.location);
	if (inc.admin1 && !inc.location?.includes(inc.admin1)) place.push(inc.admin1);
	place.push(countryName ?? inc.country);
	return `${type}: ${place.join(', ')}`;
}

export interface SearchIndex extends PostingData {
	readonly vocab: Vocab;
	/** Documents: articles first, then incidents. */
	readonly docCount: number;
	readonly articleCount: number;
	readonly records: readonly (Article | Incident)[];
	readonly kind: Uint8Array;
	readonly titles: readonly string[];
	/**
	 * Positions are offsets into the document's fields laid end to end with a
	 * one-character gap: title at 0, summary at summaryBase, body at bodyBase.
	 */
	readonly summaryBase: Uint32Array;
	readonly bodyBase: Uint32Array;
	/** BM25 K for the body: K1 * (1 - B + B * length / average length). */
	readonly bodyK: Float32Array;
	/** Tokens in each body: bodyK is worked out again from them when documents are added (update.ts). */
	readonly bodyTokens: Uint32Array;
	/** Day numbers: first and last day the document covers. */
	readonly dayFirst: Int32Array;
	readonly dayLast: Int32Array;
	/** Document ids, newest first (then by id). */
	readonly byRecency: Int32Array;
	/** Word id -> number of documents containing it. */
	readonly df: Uint32Array;
	readonly articleSourceById: ReadonlyMap<string, string>;
	/** The country names incident titles were made with: an update with other names builds afresh. */
	readonly countryNames: ReadonlyMap<string, string>;
}

/** BM25's K for a body of `tokens` words, normalised by the corpus's average body length. */
export function bodyKOf(tokens: number, avgBody: number): number {
	return K1 * (1 - B + (B * tokens) / avgBody);
}

export function docDate(rec: Article | Incident): string {
	return 'published' in rec ? rec.published.slice(0, 10) : rec.date;
}

/** The text of field 0 (title), 1 (summary) or 2 (body / description) of a document. */
export function fieldText(ix: SearchIndex, doc: number, field: number): string {
	if (field === 0) return ix.titles[doc] ?? '';
	const rec = ix.records[doc];
	if (!rec) return '';
	if ('published' in rec) return (field === 1 ? rec.summary : rec.body) ?? '';
	return field === 2 ? rec.description : '';
}

/** Bytes held by the index's typed arrays (what a heap measurement should roughly confirm). */
export function indexBytes(ix: SearchIndex): number {
	return (
		ix.vocab.bytes() +
		ix.postings.byteLength +
		ix.positions.byteLength +
		ix.postStart.byteLength * 3 +
		ix.skipDoc.byteLength * 3 +
		ix.df.byteLength +
		ix.kind.byteLength +
		ix.summaryBase.byteLength * 2 +
		ix.bodyK.byteLength +
		ix.bodyTokens.byteLength +
		ix.dayFirst.byteLength * 2 +
		ix.byRecency.byteLength
	);
}
