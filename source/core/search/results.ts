// Result records for the few documents shown: positions are decoded here,
// only for them, and turned into exact UTF-16 ranges in the stored text.
import type { Article, Incident } from '../schema.js';
import { outletOf } from '../schemaBase.js';
import { Scanner } from '../tokenize.js';
import type { Expansion } from './expand.js';
import type { PhraseMatcher } from './phrase.js';
import { PostingCursor } from './postings.js';
import { docDate, fieldText, INCIDENT, type SearchIndex } from './searchIndex.js';
import { type Hit, makeSnippet, popcount, type Range, type Snippet } from './snippet.js';

export type FieldName = 'title' | 'summary' | 'body' | 'description';

export interface SearchResult {
	kind: 'article' | 'incident';
	id: string;
	score: number;
	/** The article title, or the incident's type/place line (see incidentTitle). */
	title: string;
	date: string;
	/** Article outlet; for incidents, the outlets cited, comma-separated. */
	source?: string;
	countries: string[];
	snippet: Snippet;
	/** Match ranges per field, UTF-16 offsets into the stored (sanitized) text. */
	fields: { field: FieldName; ranges: Range[] }[];
}

/** What was matched: per query part, its word expansions or its phrase. */
export interface MatchUnit {
	expansions?: readonly Expansion[];
	phrase?: PhraseMatcher;
}

const ARTICLE_FIELDS: FieldName[] = ['title', 'summary', 'body'];
const INCIDENT_FIELDS: FieldName[] = ['title', 'summary', 'description'];

function sortMerge(hits: Hit[]): Hit[] {
	hits.sort((a, b) => a.start - b.start || b.end - a.end);
	const out: Hit[] = [];
	for (const h of hits) {
		const last = out[out.length - 1];
		if (last && h.start < last.end) {
			last.end = Math.max(last.end, h.end);
			last.unit |= h.unit;
		} else out.push({ ...h });
	}
	return out;
}

/** Hits per document and field (0 title, 1 summary, 2 body) for the given documents. */
function collectHits(ix: SearchIndex, units: readonly MatchUnit[], docs: readonly number[]): Map<number, Hit[][]> {
	const byDoc = new Map<number, Hit[][]>(docs.map((d) => [d, [[], [], []]]));
	const ascending = [...docs].sort((a, b) => a - b);
	const cursor = new PostingCursor(ix);
	const sc = new Scanner();
	const pos: number[] = [];
	const spans: number[] = [];
	units.forEach((unit, u) => {
		const bit = 1 << u;
		for (const e of unit.expansions ?? []) {
			cursor.open(e.term);
			const termLength = ix.vocab.terms[e.term]?.length ?? 0;
			for (const d of ascending) {
				if (!cursor.advance(d)) break;
				if (cursor.doc !== d) continue;
				const fields = byDoc.get(d) as Hit[][];
				const sb = ix.summaryBase[d] ?? 0;
				const bb = ix.bodyBase[d] ?? 0;
				for (const p of cursor.positions(pos)) {
					const f = p < sb ? 0 : p < bb ? 1 : 2;
					const start = p - (f === 0 ? 0 : f === 1 ? sb : bb);
					sc.reset(fieldText(ix, d, f), start);
					if (!sc.next()) continue;
					// A prefix match highlights what was typed when the word maps 1:1 onto its folded form.
					const end = e.typed > 0 && sc.end - start === termLength ? start + e.typed : sc.end;
					fields[f]?.push({ start, end, unit: bit });
				}
			}
		}
		if (unit.phrase) {
			for (const d of ascending) {
				spans.length = 0;
				unit.phrase.at(d, spans);
				const fields = byDoc.get(d) as Hit[][];
				for (let k = 0; k < spans.length; k += 3) {
					fields[spans[k] ?? 0]?.push({ start: spans[k + 1] ?? 0, end: spans[k + 2] ?? 0, unit: bit });
				}
			}
		}
	});
	return byDoc;
}

function sourceLine(ix: SearchIndex, rec: Article | Incident): string | undefined {
	if ('published' in rec) return rec.source;
	const names = rec.sources.map((s) => (typeof s === 'string' ? ix.articleSourceById.get(s) : outletOf(s)));
	const distinct = [...new Set(names.filter((n): n is string => Boolean(n)))];
	return distinct.length ? distinct.join(', ') : undefined;
}

export function buildResults(
	ix: SearchIndex,
	units: readonly MatchUnit[],
	docs: readonly number[],
	scores: readonly number[],
): SearchResult[] {
	const hits = units.length > 0 ? collectHits(ix, units, docs) : new Map<number, Hit[][]>();
	return docs.map((d, i) => toResult(ix, d, scores[i] ?? 0, hits.get(d) ?? [[], [], []]));
}

function toResult(ix: SearchIndex, d: number, score: number, raw: Hit[][]): SearchResult {
	const rec = ix.records[d] as Article | Incident;
	const incident = ix.kind[d] === INCIDENT;
	const names = incident ? INCIDENT_FIELDS : ARTICLE_FIELDS;
	const merged = raw.map(sortMerge);
	const fields: SearchResult['fields'] = [];
	merged.forEach((hs, f) => {
		if (hs.length > 0) fields.push({ field: names[f] as FieldName, ranges: hs.map((h) => [h.start, h.end]) });
	});
	// The excerpt comes from the summary or body, whichever holds the better cluster.
	const summary = merged[1] ?? [];
	const body = merged[2] ?? [];
	let field = 2;
	if (body.length === 0 && summary.length > 0) field = 1;
	else if (body.length === 0 && fieldText(ix, d, 1) !== '') field = 1;
	else if (summary.length > 0 && distinctUnits(summary) > distinctUnits(body)) field = 1;
	const snippet = makeSnippet(fieldText(ix, d, field), field === 1 ? summary : body);
	const result: SearchResult = {
		kind: incident ? 'incident' : 'article',
		id: rec.id,
		score,
		title: ix.titles[d] ?? '',
		date: docDate(rec),
		countries: 'published' in rec ? [...rec.countries] : [rec.country],
		snippet,
		fields,
	};
	const source = sourceLine(ix, rec);
	if (source !== undefined) result.source = source;
	return result;
}

function distinctUnits(hits: readonly Hit[]): number {
	let units = 0;
	for (const h of hits) units |= h.unit;
	return popcount(units);
}
