// A query of words ranked over search_postings (searchPostings.ts): core's
// ranking (core/search/rank.ts) step for step — per part, each document's best
// expansion's weight times its field score, times the part's IDF; documents
// with every part first, else those with most; every part in the title; score;
// day — over the postings of the query's expansions only. The documents at or
// above the limit's worst key (ties and near-ties kept) go to core, which ranks
// them as it ranks the whole data and cuts snippets: the answer is the
// in-memory engine's, and only the results' records are read.
import { type Corpus, corpusExpansions } from '../../../core/search/candidates.js';
import type { ParsedQuery } from '../../../core/search/query.js';
import { fieldScoreOf } from '../../../core/search/rank.js';
import { bodyKOf } from '../../../core/search/searchIndex.js';
import { popcount } from '../../../core/search/snippet.js';
import type { Db } from './open.js';
import { DAY_BIAS, eachPosting } from './searchPostings.js';

export interface Ranked {
	kind: number;
	rid: number;
}

/** Per kind, per rid: what core's search keeps per document while a query runs. */
class Scratch {
	score = new Float64Array(0);
	best = new Float64Array(0);
	matched = new Uint32Array(0);
	titled = new Uint32Array(0);
	day = new Int32Array(0);
	/** Stamp of the query that excluded the rid (minus it) or, with filters, allowed it. */
	mark = new Int32Array(0);
	touched: number[] = [];
	/** Rids credited by the part being scored. */
	part: number[] = [];

	fit(rid: number): void {
		if (rid < this.score.length) return;
		const n = Math.max(1024, 2 ** Math.ceil(Math.log2(rid + 1)));
		const grow = <T extends Float64Array | Uint32Array | Int32Array>(a: T): T => {
			const b = new (a.constructor as new (n: number) => T)(n);
			b.set(a);
			return b;
		};
		this.score = grow(this.score);
		this.best = grow(this.best);
		this.matched = grow(this.matched);
		this.titled = grow(this.titled);
		this.day = grow(this.day);
		this.mark = grow(this.mark);
	}
}

/**
 * One posting list of one expansion (weight) of part `bit`: core's inner loop
 * (rank.ts searchWithInfo). Small and on its own so V8 optimises it as a whole.
 * `want`: the mark a rid must have (filters), else `-want` is the mark it must not have.
 */
function scoreList(
	data: Uint8Array,
	s: Scratch,
	weight: number,
	bit: number,
	avg: number,
	want: number,
	filtered: boolean,
): void {
	const { mark, titled, best, day: days, part } = s;
	const n = data.length;
	let p = 0;
	let rid = 0;
	while (p < n) {
		let b = data[p++] as number;
		let v = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = data[p++] as number;
			v |= (b & 0x7f) << shift;
		}
		rid += v;
		const counts = data[p++] as number;
		b = data[p++] as number;
		let body = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = data[p++] as number;
			body |= (b & 0x7f) << shift;
		}
		b = data[p++] as number;
		let day = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = data[p++] as number;
			day |= (b & 0x7f) << shift;
		}
		if (filtered ? mark[rid] !== want : mark[rid] === -want) continue;
		// Core's bodyK is a Float32Array entry: rounded alike.
		const c = weight * fieldScoreOf(counts, Math.fround(bodyKOf(body, avg)));
		if (counts & 3) titled[rid] = (titled[rid] as number) | bit;
		days[rid] = day - DAY_BIAS;
		const was = best[rid] as number;
		if (c > was) {
			if (was === 0) part.push(rid);
			best[rid] = c;
		}
	}
}

/** Scores differing by less than this (relatively) are kept as ties: core's sums might round otherwise. */
const NEAR = 1e-9;

export class PostingRanker {
	private readonly scratch = [new Scratch(), new Scratch()];
	private stamp = 0;

	constructor(private readonly db: Db) {}

	/** The highest rid of a kind: the scratch arrays are made that long once, not checked per posting. */
	private maxRid(kind: number): number {
		const row = this.db
			.prepare(`SELECT max(rid) FROM ${kind ? 'incidents' : 'articles'}`)
			.raw()
			.all()[0] as [number | null] | undefined;
		return row?.[0] ?? 0;
	}

	private postingsStmt: { all(...params: unknown[]): unknown[] } | undefined;

	private postings(term: string, kind: number): Uint8Array[] {
		this.postingsStmt ??= this.db.prepare('SELECT data FROM search_postings WHERE term = ? AND kind = ?').raw();
		return (this.postingsStmt.all(term, kind) as [Uint8Array][]).map((r) => r[0]);
	}

	/**
	 * The documents core must rank for `limit` results, and what it would count. `kinds`: the
	 * scope; `allowed`: per kind the rids the filters let through (undefined: all). Exclusions of
	 * single words are applied here; phrases are not handled (search.ts reads records for them).
	 */
	rank(
		corpus: Corpus,
		query: ParsedQuery,
		limit: number,
		kinds: readonly number[],
		allowed?: readonly (readonly number[])[],
	): { picked: Ranked[]; total: number; partial: boolean } {
		const stamp = ++this.stamp;
		const filtered = allowed !== undefined;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			s.fit(this.maxRid(kind));
			for (const rid of allowed?.[kind] ?? []) {
				s.fit(rid);
				s.mark[rid] = stamp;
			}
			for (const words of query.exclude) {
				for (const data of this.postings(words[0] ?? '', kind)) {
					eachPosting(data, (rid) => {
						s.fit(rid);
						s.mark[rid] = -stamp;
					});
				}
			}
		}
		const all = 2 ** query.terms.length - 1;
		const avg = corpus.avgBody;
		query.terms.forEach((term, u) => {
			const { expansions, idf } = corpusExpansions(corpus, term);
			const bit = 1 << u;
			for (const kind of kinds) {
				const s = this.scratch[kind] as Scratch;
				s.part = [];
				for (const e of expansions) {
					for (const data of this.postings(corpus.vocab.terms[e.term] ?? '', kind)) {
						scoreList(data, s, e.weight, bit, avg, stamp, filtered);
					}
				}
				const { score, best, matched, touched } = s;
				for (const rid of s.part) {
					score[rid] = (score[rid] as number) + idf * (best[rid] as number);
					if (matched[rid] === 0) touched.push(rid);
					matched[rid] = (matched[rid] as number) | bit;
					best[rid] = 0;
				}
			}
		});
		let complete = 0;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (const rid of s.touched) if (s.matched[rid] === all) complete++;
		}
		const partial = complete === 0;
		const picked = this.pick(kinds, limit, partial, all);
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (const rid of s.touched) {
				s.score[rid] = 0;
				s.matched[rid] = 0;
			}
			s.touched = [];
			// Titled bits are set on documents never credited too (as core does): all cleared.
			s.titled.fill(0);
		}
		return { picked: picked.docs, total: picked.qualifying, partial: partial && picked.qualifying > 0 };
	}

	/**
	 * The qualifying documents' best `limit` by core's key without its last tie-break (store
	 * order), with every one tied or nearly tied with the worst of them.
	 */
	private pick(
		kinds: readonly number[],
		limit: number,
		partial: boolean,
		all: number,
	): { docs: Ranked[]; qualifying: number } {
		let n = 0;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			if (partial) n += s.touched.length;
			else for (const rid of s.touched) if (s.matched[rid] === all) n++;
		}
		// Core's key in flat arrays: parts matched (when partial), every part in the title, score, day.
		const keys: Keys = {
			kind: new Uint8Array(n),
			rid: new Int32Array(n),
			rank: new Float64Array(n),
			score: new Float64Array(n),
			day: new Int32Array(n),
		};
		let i = 0;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (const rid of s.touched) {
				const matched = s.matched[rid] as number;
				if (!partial && matched !== all) continue;
				keys.kind[i] = kind;
				keys.rid[i] = rid;
				keys.rank[i] = (partial ? popcount(matched) * 2 : 0) + (s.titled[rid] === all ? 1 : 0);
				keys.score[i] = s.score[rid] as number;
				keys.day[i] = s.day[rid] as number;
				i++;
			}
		}
		const out = (j: number): Ranked => ({ kind: keys.kind[j] as number, rid: keys.rid[j] as number });
		if (n <= limit) return { docs: Array.from({ length: n }, (_, j) => out(j)), qualifying: n };
		const worst = kthBest(keys, n, Math.max(1, limit));
		const rank = keys.rank[worst] as number;
		const score = keys.score[worst] as number;
		const day = keys.day[worst] as number;
		const near = score - NEAR * Math.max(1, Math.abs(score));
		const docs: Ranked[] = [];
		for (let j = 0; j < n; j++) {
			const r = keys.rank[j] as number;
			if (r < rank) continue;
			const sc = keys.score[j] as number;
			// At or above the worst kept; or a hair below it, whatever the day.
			if (r > rank || sc > score || (sc === score && (keys.day[j] as number) >= day) || sc >= near) docs.push(out(j));
		}
		return { docs, qualifying: n };
	}
}

interface Keys {
	kind: Uint8Array;
	rid: Int32Array;
	/** Parts matched (when partial) and every part in the title, as one number: higher first. */
	rank: Float64Array;
	score: Float64Array;
	day: Int32Array;
}

/** True when item a comes after item b in core's order. */
function after(k: Keys, a: number, b: number): boolean {
	const ra = k.rank[a] as number;
	const rb = k.rank[b] as number;
	if (ra !== rb) return ra < rb;
	const sa = k.score[a] as number;
	const sb = k.score[b] as number;
	if (sa !== sb) return sa < sb;
	return (k.day[a] as number) < (k.day[b] as number);
}

/** The k-th best of items 0..n-1 (a bounded heap, the worst kept on top). */
function kthBest(keys: Keys, n: number, k: number): number {
	const h = new Int32Array(k);
	let size = 0;
	for (let it = 0; it < n; it++) {
		if (size < k) {
			h[size] = it;
			let i = size++;
			while (i > 0) {
				const parent = (i - 1) >> 1;
				if (!after(keys, h[i] as number, h[parent] as number)) break;
				const t = h[i] as number;
				h[i] = h[parent] as number;
				h[parent] = t;
				i = parent;
			}
		} else if (after(keys, h[0] as number, it)) {
			h[0] = it;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let w = i;
				if (l < size && after(keys, h[l] as number, h[w] as number)) w = l;
				if (r < size && after(keys, h[r] as number, h[w] as number)) w = r;
				if (w === i) break;
				const t = h[i] as number;
				h[i] = h[w] as number;
				h[w] = t;
				i = w;
			}
		}
	}
	return h[0] as number;
}
