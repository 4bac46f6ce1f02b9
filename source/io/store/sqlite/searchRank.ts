// A query of words ranked over search_postings (searchPostings.ts): core's
// ranking (core/search/rank.ts) step for step — per part, each document's best
// expansion's weight times its field score, times the part's IDF; documents
// with every part first, else those with most; every part in the title; score;
// day — over the postings of the query's expansions only. The documents at or
// above the limit's worst key (ties and near-ties kept) go to core, which ranks
// them as it ranks the whole data and cuts snippets: the answer is the
// in-memory engine's, and only the results' records are read.
import { type Corpus, corpusExpansions } from '../../../core/search/candidates.js';
import type { Expansion } from '../../../core/search/expand.js';
import type { ParsedQuery } from '../../../core/search/query.js';
import { fieldScoreOf } from '../../../core/search/rank.js';
import { bodyKOf } from '../../../core/search/searchIndex.js';
import { popcount } from '../../../core/search/snippet.js';
import type { Db } from './open.js';
import { PartCache, PartList } from './searchParts.js';
import { DAY_BIAS, eachPosting } from './searchPostings.js';

export interface Ranked {
	kind: number;
	rid: number;
}

/** A growable list of rids (an Int32Array: millions of them at 2.5M incidents). */
class RidList {
	items = new Int32Array(1024);
	length = 0;

	push(rid: number): void {
		if (this.length === this.items.length) {
			const grown = new Int32Array(this.length * 2);
			grown.set(this.items);
			this.items = grown;
		}
		this.items[this.length++] = rid;
	}

	clear(): void {
		this.length = 0;
		// A list grown past 1M entries by one query is not kept for the next.
		if (this.items.length > 1 << 20) this.items = new Int32Array(1024);
	}
}

/** Per kind, per rid: what core's search keeps per document while a query runs (28 bytes: 70 MB at 2.5M incidents). */
class Scratch {
	score = new Float64Array(0);
	best = new Float64Array(0);
	/** Bits of the query's parts: at most MAX_UNITS (16). */
	matched = new Uint16Array(0);
	titled = new Uint16Array(0);
	day = new Int32Array(0);
	/** Stamp of the query that excluded the rid (minus it) or, with filters, allowed it. */
	mark = new Int32Array(0);
	touched = new RidList();
	/** Rids credited by the part being scored. */
	part = new RidList();

	fit(rid: number): void {
		if (rid < this.score.length) return;
		// An eighth to spare for rows an update adds, not the next power of two (4.2M entries for 2.5M).
		const n = Math.max(1024, Math.ceil((rid + 1) * 1.125));
		const grow = <T extends Float64Array | Uint16Array | Int32Array>(a: T): T => {
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
	private readonly parts = new PartCache();

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
		this.parts.use(corpus);
		const filtered = allowed !== undefined;
		for (const kind of kinds) (this.scratch[kind] as Scratch).fit(this.maxRid(kind));
		const all = 2 ** query.terms.length - 1;
		const terms = query.terms.map((term, u) => ({ term, u, ...corpusExpansions(corpus, term) }));
		// Cheapest part first: with two or more, each later part is scored only over the documents
		// every part before it matched. Exact when some document has every part (then only those
		// qualify); when none has, every part is scored again over all documents (partial matches).
		const cost = (t: (typeof terms)[number]) => t.expansions.reduce((n, e) => n + (corpus.df[e.term] ?? 0), 0);
		const order = [...terms].sort((a, b) => cost(a) - cost(b) || a.u - b.u);
		const cacheable = !filtered && query.exclude.length === 0;
		let complete = 0;
		for (const narrow of terms.length > 1 ? [true, false] : [false]) {
			const stamp = this.marks(query, kinds, allowed);
			const lists: PartList[][] = terms.map(() => []);
			let within = 0;
			for (const t of order) {
				const bit = 1 << t.u;
				for (const kind of kinds) {
					const s = this.scratch[kind] as Scratch;
					const key = `${kind}${t.term.prefix ? '*' : '='}${t.term.text}`;
					// A word still being typed (a prefix) changes with the next key: only finished words are kept.
					const reuse = cacheable && within === 0 && !t.term.prefix;
					let list = reuse ? this.parts.get(key) : undefined;
					if (!list) {
						this.scan(corpus, t.expansions, bit, kind, within || stamp, filtered || within > 0);
						// A word in the title scores above 0 (a weight of 0 aside): the list then holds every titled document.
						const keep = reuse && this.parts.fits(s.part.length) && t.expansions.every((e) => e.weight > 0);
						if (!keep && terms.length === 1) {
							this.credit(s, t.idf, bit);
							continue;
						}
						list = this.listOf(s, t.idf, bit);
						if (keep) this.parts.set(key, list);
					}
					(lists[t.u] as PartList[])[kind] = list;
				}
				if (!narrow || t === order[order.length - 1]) continue;
				// The documents of this part (all of which every part before had) are the next part's.
				within = ++this.stamp;
				for (const kind of kinds) {
					const { mark } = this.scratch[kind] as Scratch;
					const list = lists[t.u]?.[kind] ?? PartList.empty;
					for (let j = 0; j < list.length; j++) mark[list.rids[j] as number] = within;
				}
			}
			complete = this.fold(lists, kinds, all);
			if (complete > 0 || !narrow) break;
			this.clear(kinds);
		}
		const partial = complete === 0;
		const picked = this.pick(kinds, limit, partial, all);
		this.clear(kinds);
		return { picked: picked.docs, total: picked.qualifying, partial: partial && picked.qualifying > 0 };
	}

	/** A new stamp, with the rids the filters allow and those an excluded word has marked by it. */
	private marks(query: ParsedQuery, kinds: readonly number[], allowed?: readonly (readonly number[])[]): number {
		const stamp = ++this.stamp;
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
		return stamp;
	}

	/** One part over one kind: per document its best expansion (core's inner loop), in the scratch's `part`. */
	private scan(
		corpus: Corpus,
		expansions: readonly Expansion[],
		bit: number,
		kind: number,
		want: number,
		gated: boolean,
	): void {
		const s = this.scratch[kind] as Scratch;
		s.part.clear();
		for (const e of expansions) {
			for (const data of this.postings(corpus.vocab.terms[e.term] ?? '', kind)) {
				scoreList(data, s, e.weight, bit, corpus.avgBody, want, gated);
			}
		}
	}

	/** The part just scanned, as a list (its best scores back to 0). */
	private listOf(s: Scratch, idf: number, bit: number): PartList {
		const { best, day, titled, part } = s;
		const n = part.length;
		const list = new PartList(n, new Int32Array(n), new Float64Array(n), new Int32Array(n), new Uint8Array(n));
		for (let j = 0; j < n; j++) {
			const rid = part.items[j] as number;
			list.rids[j] = rid;
			list.points[j] = idf * (best[rid] as number);
			list.days[j] = day[rid] as number;
			list.titled[j] = (titled[rid] as number) & bit ? 1 : 0;
			best[rid] = 0;
		}
		return list;
	}

	/** The part just scanned, straight into the scores (a query of one word not kept: no list of millions made). */
	private credit(s: Scratch, idf: number, bit: number): void {
		const { score, best, matched, touched, part } = s;
		for (let j = 0; j < part.length; j++) {
			const rid = part.items[j] as number;
			score[rid] = (score[rid] as number) + idf * (best[rid] as number);
			if (matched[rid] === 0) touched.push(rid);
			matched[rid] = (matched[rid] as number) | bit;
			best[rid] = 0;
		}
	}

	/** The parts' points summed per document in query order (as core adds them); returns how many have every part. */
	private fold(lists: readonly PartList[][], kinds: readonly number[], all: number): number {
		let complete = 0;
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			const { score, matched, titled, day, touched } = s;
			lists.forEach((perKind, u) => {
				const list = perKind[kind];
				if (!list) return;
				const bit = 1 << u;
				for (let j = 0; j < list.length; j++) {
					const rid = list.rids[j] as number;
					score[rid] = (score[rid] as number) + (list.points[j] as number);
					if (matched[rid] === 0) touched.push(rid);
					matched[rid] = (matched[rid] as number) | bit;
					if (list.titled[j]) titled[rid] = (titled[rid] as number) | bit;
					day[rid] = list.days[j] as number;
				}
			});
			for (let j = 0; j < touched.length; j++) if (matched[touched.items[j] as number] === all) complete++;
		}
		return complete;
	}

	/** Scratch back to zero for the next query. */
	private clear(kinds: readonly number[]): void {
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (let j = 0; j < s.touched.length; j++) {
				const rid = s.touched.items[j] as number;
				s.score[rid] = 0;
				s.matched[rid] = 0;
			}
			s.touched.clear();
			// Titled bits are set on documents never credited too (as core does): all cleared.
			s.titled.fill(0);
		}
	}

	/**
	 * The qualifying documents' best `limit` by core's key without its last tie-break (store
	 * order), with every one tied or nearly tied with the worst of them. Documents are
	 * numbered rid * 2 + kind, their keys read from the scratch arrays (no copy of millions).
	 */
	private pick(
		kinds: readonly number[],
		limit: number,
		partial: boolean,
		all: number,
	): { docs: Ranked[]; qualifying: number } {
		const keys = new KeyView(this.scratch, partial, all);
		const qualifying: number[] = [];
		let n = 0;
		const k = Math.max(1, limit);
		const heap = new TopDocs(k, keys);
		// The heap's worst key once it is full: most documents are not above it, checked here inline.
		let wr = -1;
		let ws = 0;
		let wd = 0;
		for (const kind of kinds) {
			const { touched, matched, titled, score, day } = this.scratch[kind] as Scratch;
			for (let j = 0; j < touched.length; j++) {
				const rid = touched.items[j] as number;
				const m = matched[rid] as number;
				if (!partial && m !== all) continue;
				n++;
				if (wr >= 0) {
					const r = (partial ? popcount(m) * 2 : 0) + (titled[rid] === all ? 1 : 0);
					if (r < wr) continue;
					if (r === wr) {
						const sc = score[rid] as number;
						if (sc < ws || (sc === ws && (day[rid] as number) <= wd)) continue;
					}
				}
				heap.offer(rid * 2 + kind);
				if (n >= k) {
					const w = heap.worst();
					wr = keys.rank(w);
					ws = keys.score(w);
					wd = keys.day(w);
				}
			}
		}
		const out = (doc: number): Ranked => ({ kind: doc & 1, rid: Math.floor(doc / 2) });
		if (n <= limit) return { docs: heap.items().map(out), qualifying: n };
		const worst = heap.worst();
		const rank = keys.rank(worst);
		const score = keys.score(worst);
		const day = keys.day(worst);
		const near = score - NEAR * Math.max(1, Math.abs(score));
		for (const kind of kinds) {
			const s = this.scratch[kind] as Scratch;
			for (let j = 0; j < s.touched.length; j++) {
				const rid = s.touched.items[j] as number;
				if (!partial && s.matched[rid] !== all) continue;
				const doc = rid * 2 + kind;
				const r = keys.rank(doc);
				if (r < rank) continue;
				const sc = keys.score(doc);
				// At or above the worst kept; or a hair below it, whatever the day.
				if (r > rank || sc > score || (sc === score && keys.day(doc) >= day) || sc >= near) qualifying.push(doc);
			}
		}
		return { docs: qualifying.map(out), qualifying: n };
	}
}

/** Core's key of a document numbered rid * 2 + kind. */
class KeyView {
	constructor(
		private readonly scratch: readonly Scratch[],
		private readonly partial: boolean,
		private readonly all: number,
	) {}

	/** Parts matched (when partial), then every part in the title, as one number: higher first. */
	rank(doc: number): number {
		const s = this.scratch[doc & 1] as Scratch;
		const rid = Math.floor(doc / 2);
		return (this.partial ? popcount(s.matched[rid] as number) * 2 : 0) + (s.titled[rid] === this.all ? 1 : 0);
	}

	score(doc: number): number {
		return (this.scratch[doc & 1] as Scratch).score[Math.floor(doc / 2)] as number;
	}

	day(doc: number): number {
		return (this.scratch[doc & 1] as Scratch).day[Math.floor(doc / 2)] as number;
	}

	/** True when a comes after b in core's order. */
	after(a: number, b: number): boolean {
		const ra = this.rank(a);
		const rb = this.rank(b);
		if (ra !== rb) return ra < rb;
		const sa = this.score(a);
		const sb = this.score(b);
		if (sa !== sb) return sa < sb;
		return this.day(a) < this.day(b);
	}
}

/** The best `k` documents offered (a bounded heap, the worst kept on top). */
class TopDocs {
	private readonly h: number[] = [];

	constructor(
		private readonly k: number,
		private readonly keys: KeyView,
	) {}

	offer(doc: number): void {
		const { h, keys } = this;
		if (h.length < this.k) {
			h.push(doc);
			let i = h.length - 1;
			while (i > 0) {
				const parent = (i - 1) >> 1;
				if (!keys.after(h[i] as number, h[parent] as number)) break;
				[h[i], h[parent]] = [h[parent] as number, h[i] as number];
				i = parent;
			}
		} else if (keys.after(h[0] as number, doc)) {
			h[0] = doc;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let w = i;
				if (l < h.length && keys.after(h[l] as number, h[w] as number)) w = l;
				if (r < h.length && keys.after(h[r] as number, h[w] as number)) w = r;
				if (w === i) break;
				[h[i], h[w]] = [h[w] as number, h[i] as number];
				i = w;
			}
		}
	}

	worst(): number {
		return this.h[0] as number;
	}

	items(): number[] {
		return this.h;
	}
}
