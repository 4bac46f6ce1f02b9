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
	day: number;
	matched: number;
	titled: number;
	score: number;
}

/** Per kind, per rid: what core's search keeps per document while a query runs. */
class Scratch {
	score = new Float64Array(0);
	best = new Float64Array(0);
	matched = new Uint32Array(0);
	titled = new Uint32Array(0);
	day = new Int32Array(0);
	/** Stamp of the query that excluded the rid (or, with filters, allowed it). */
	mark = new Int32Array(0);
	touched: number[] = [];

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

	private postings(term: string, kind: number): Uint8Array[] {
		return (
			this.db.prepare('SELECT data FROM search_postings WHERE term = ? AND kind = ?').raw().all(term, kind) as [
				Uint8Array,
			][]
		).map((r) => r[0]);
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
		const blocked = allowed ? stamp : -stamp;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
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
		// A rid counts when its mark is the stamp (filters) or is not minus the stamp (no filters).
		const filtered = allowed !== undefined;
		const all = 2 ** query.terms.length - 1;
		const avg = corpus.avgBody;
		for (const kind of kinds) (this.scratch[kind] as Scratch).fit(this.maxRid(kind));
		query.terms.forEach((term, u) => {
			const { expansions, idf } = corpusExpansions(corpus, term);
			const bit = 1 << u;
			for (const kind of kinds) {
				const s = this.scratch[kind] as Scratch;
				const { mark, titled, best, day: days } = s;
				const part: number[] = [];
				for (const e of expansions) {
					const weight = e.weight;
					for (const data of this.postings(corpus.vocab.terms[e.term] ?? '', kind)) {
						// eachPosting's decoding, inline: this loop is the query's cost.
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
							if (filtered ? mark[rid] !== stamp : mark[rid] === blocked) continue;
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
				}
				for (const rid of part) {
					s.score[rid] = (s.score[rid] ?? 0) + idf * (s.best[rid] ?? 0);
					if (s.matched[rid] === 0) s.touched.push(rid);
					s.matched[rid] = (s.matched[rid] ?? 0) | bit;
					s.best[rid] = 0;
				}
			}
		});
		let complete = 0;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (const rid of s.touched) if (s.matched[rid] === all) complete++;
		}
		// Objects only for the documents that qualify: when some have every part, only those.
		const pool: Ranked[] = [];
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (const rid of s.touched) {
				const matched = s.matched[rid] ?? 0;
				if (complete === 0 || matched === all) {
					pool.push({ kind, rid, day: s.day[rid] ?? 0, matched, titled: s.titled[rid] ?? 0, score: s.score[rid] ?? 0 });
				}
				s.score[rid] = 0;
				s.matched[rid] = 0;
			}
			s.touched = [];
			// Titled bits are set on documents never credited too (as core does): all cleared.
			s.titled.fill(0);
		}
		const partial = complete === 0;
		return { picked: pickTop(pool, limit, partial, all), total: pool.length, partial: partial && pool.length > 0 };
	}
}

/** The pool's best `limit` by core's key without its last tie-break (store order), with ties and near-ties at the cut. */
function pickTop(pool: Ranked[], limit: number, partial: boolean, all: number): Ranked[] {
	if (pool.length <= limit) return pool;
	const cmp = (a: Ranked, b: Ranked): number => {
		if (partial) {
			const d = popcount(b.matched) - popcount(a.matched);
			if (d !== 0) return d;
		}
		const ta = a.titled === all ? 1 : 0;
		const tb = b.titled === all ? 1 : 0;
		if (ta !== tb) return tb - ta;
		if (a.score !== b.score) return b.score - a.score;
		return b.day - a.day;
	};
	const worst = kthBest(pool, Math.max(1, limit), cmp);
	const near = NEAR * Math.max(1, Math.abs(worst.score));
	const kept = (k: Ranked) =>
		cmp(k, worst) <= 0 ||
		((!partial || popcount(k.matched) === popcount(worst.matched)) &&
			(k.titled === all) === (worst.titled === all) &&
			k.score >= worst.score - near);
	return pool.filter(kept);
}

/** The k-th best of `items` by `cmp` (a bounded heap, the worst kept on top). */
function kthBest<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T {
	const h: T[] = [];
	const worse = (a: T, b: T) => cmp(a, b) > 0;
	for (const it of items) {
		if (h.length < k) {
			h.push(it);
			let i = h.length - 1;
			while (i > 0) {
				const parent = (i - 1) >> 1;
				if (!worse(h[i] as T, h[parent] as T)) break;
				[h[parent], h[i]] = [h[i] as T, h[parent] as T];
				i = parent;
			}
		} else if (cmp(it, h[0] as T) < 0) {
			h[0] = it;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let w = i;
				if (l < h.length && worse(h[l] as T, h[w] as T)) w = l;
				if (r < h.length && worse(h[r] as T, h[w] as T)) w = r;
				if (w === i) break;
				[h[w], h[i]] = [h[i] as T, h[w] as T];
				i = w;
			}
		}
	}
	return h[0] as T;
}
