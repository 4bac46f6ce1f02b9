// Brings an index up to date with new record lists without tokenizing what it
// has already indexed: documents whose record is the same object keep their
// postings and positions, only the new and changed records are tokenized (a
// small build of their own), and the two are merged word by word. Position
// blocks are per document, so they are copied as they are; only the doc
// numbers in the postings are written again. The result answers every query
// as an index built from scratch over the same lists would (same documents,
// numbers, df, lengths and order). The old index is never changed: it keeps
// answering while this runs in slices.
import type { Article, Country, Incident } from '../schema.js';
import { runSteps } from '../slices.js';
import { buildSteps } from './build.js';
import { putVarint, SKIP_EVERY } from './postings.js';
import { bodyKOf, INCIDENT, type SearchIndex } from './searchIndex.js';
import type { Vocab } from './vocab.js';

/** A byte buffer that grows as it is written. */
class Bytes {
	buf: Uint8Array;
	at = 0;
	constructor(size: number) {
		this.buf = new Uint8Array(Math.max(64, size));
	}
	ensure(more: number): void {
		if (this.at + more <= this.buf.length) return;
		const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + more));
		next.set(this.buf.subarray(0, this.at));
		this.buf = next;
	}
}

/** Growable Int32 list (skip entries). */
class Ints<T extends Int32Array | Uint32Array> {
	length = 0;
	constructor(public arr: T) {}
	push(v: number): void {
		if (this.length === this.arr.length) {
			const next = new (this.arr.constructor as new (n: number) => T)(Math.max(64, this.arr.length * 2));
			next.set(this.arr);
			this.arr = next;
		}
		this.arr[this.length++] = v;
	}
	done(): T {
		return this.arr.slice(0, this.length) as T;
	}
}

function sameNames(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
}

const END = 0x7fffffff;

/**
 * One index's postings of a word, walked in document order with its documents renumbered
 * (`map`: its document number to the new one, -1 for a document gone). Reused for every word:
 * nothing is allocated per word or posting.
 */
class Side {
	/** The current posting's new document number, END when there are no more. */
	doc = END;
	counts = 0;
	/** Its position block: where it starts in data.positions, and its length. */
	pos = 0;
	len = 0;
	private p = 0;
	private end = 0;
	private at = -1;
	private nextPos = 0;

	constructor(
		readonly data: SearchIndex,
		private readonly map: Int32Array,
	) {}

	/** Starts on a word (-1: none); returns the bytes of postings it has, for the slice's count of work. */
	open(term: number): number {
		this.p = term >= 0 ? (this.data.postStart[term] ?? 0) : 0;
		this.end = term >= 0 ? (this.data.postStart[term + 1] ?? 0) : 0;
		this.nextPos = term >= 0 ? (this.data.posStart[term] ?? 0) : 0;
		this.at = -1;
		this.advance();
		return this.end - this.p;
	}

	advance(): void {
		const buf = this.data.postings;
		this.doc = END;
		while (this.p < this.end) {
			let p = this.p;
			let b = buf[p++] ?? 0;
			let v = b & 0x7f;
			for (let shift = 7; b & 0x80; shift += 7) {
				b = buf[p++] ?? 0;
				v |= (b & 0x7f) << shift;
			}
			this.at = Math.max(this.at, 0) + v;
			const counts = buf[p++] ?? 0;
			b = buf[p++] ?? 0;
			v = b & 0x7f;
			for (let shift = 7; b & 0x80; shift += 7) {
				b = buf[p++] ?? 0;
				v |= (b & 0x7f) << shift;
			}
			this.p = p;
			const pos = this.nextPos;
			this.nextPos += v;
			const d = this.map[this.at] ?? -1;
			if (d >= 0) {
				this.doc = d;
				this.counts = counts;
				this.pos = pos;
				this.len = v;
				return;
			}
		}
	}
}

function copyBytes(from: Uint8Array, start: number, len: number, to: Bytes): void {
	to.ensure(len);
	// Most blocks are a few bytes: a loop beats making a subarray (garbage) for each.
	if (len < 512) {
		const { buf } = to;
		let at = to.at;
		for (let i = 0; i < len; i++) buf[at++] = from[start + i] ?? 0;
		to.at = at;
	} else {
		to.buf.set(from.subarray(start, start + len), to.at);
		to.at += len;
	}
}

/**
 * The index for these lists (articles first, then incidents, as buildSearchIndex takes them),
 * reusing `old` for every record it already holds (the same object). Yields progress 0..1
 * whenever `sliceMs` have passed. Builds from scratch when it cannot reuse (other country names,
 * or the lists ordered otherwise than the index).
 */
export function* updateSteps(
	old: SearchIndex,
	articles: readonly Article[],
	incidents: readonly Incident[],
	context: { countries?: readonly Country[] },
	sliceMs: number,
): Generator<number, SearchIndex> {
	let sliceStart = performance.now();
	const due = () => performance.now() - sliceStart > sliceMs;
	const rebuild = () => buildSteps(articles, incidents, context, sliceMs);
	const names = new Map((context.countries ?? []).map((c) => [c.code, c.name]));
	if (!sameNames(names, old.countryNames)) return yield* rebuild();

	// Which old document each record was (by identity), in slices: 100k records take a few ms.
	const oldDoc = new Map<object, number>();
	for (let o = 0; o < old.docCount; o++) {
		if ((o & 1023) === 0 && due()) {
			yield 0;
			sliceStart = performance.now();
		}
		oldDoc.set(old.records[o] as object, o);
	}
	yield 0.05;
	sliceStart = performance.now();
	const records: (Article | Incident)[] = [...articles, ...incidents];
	const n = records.length;
	const newOf = new Int32Array(old.docCount).fill(-1);
	/** >= 0: the old document; < 0: -(fresh document) - 1. */
	const srcOf = new Int32Array(n);
	const fresh: number[] = [];
	let lastOld = -1;
	for (let d = 0; d < n; d++) {
		if ((d & 1023) === 0 && due()) {
			yield 0.05;
			sliceStart = performance.now();
		}
		const o = oldDoc.get(records[d] as object);
		// A record of the other kind with the same object cannot happen; a different kind at the same place would.
		if (o !== undefined && o > lastOld && old.kind[o] === (d < articles.length ? 0 : INCIDENT)) {
			newOf[o] = d;
			srcOf[d] = o;
			lastOld = o;
		} else if (o !== undefined && o <= lastOld) {
			// Reordered: the postings could not be merged in one pass each.
			return yield* rebuild();
		} else {
			srcOf[d] = -fresh.length - 1;
			fresh.push(d);
		}
	}
	oldDoc.clear();
	// Nothing new and nothing gone: the index already answers for these lists.
	if (fresh.length === 0 && n === old.docCount) return old;

	// The new and changed records, indexed on their own (most of the work when many arrived).
	const freshArticles = fresh.filter((d) => d < articles.length).map((d) => records[d] as Article);
	const freshIncidents = fresh.filter((d) => d >= articles.length).map((d) => records[d] as Incident);
	yield 0.1;
	sliceStart = performance.now();
	const small = buildSteps(freshArticles, freshIncidents, context, sliceMs, false);
	let mini: SearchIndex;
	for (;;) {
		const step = small.next();
		if (step.done) {
			mini = step.value;
			break;
		}
		yield 0.1 + 0.4 * step.value;
	}
	sliceStart = performance.now();

	// The old words, then the fresh documents' new ones.
	const extending = old.vocab.extendedSteps(mini.vocab.terms, due);
	let vocab: Vocab;
	for (;;) {
		const step = extending.next();
		if (step.done) {
			vocab = step.value;
			break;
		}
		yield 0.5;
		sliceStart = performance.now();
	}
	const v = vocab.size;
	const miniOf = new Int32Array(v).fill(-1);
	mini.vocab.terms.forEach((t, m) => {
		miniOf[vocab.lookup(t)] = m;
	});
	yield 0.55;
	sliceStart = performance.now();

	const oldV = old.vocab.size;
	// Sized for the worst case so they never grow (a copy of megabytes in one go would hold a frame up):
	// a renumbered doc delta may take two bytes more than before, and a posting is at least three. Pages
	// never written cost nothing.
	const postings = new Bytes(
		old.postings.length + Math.ceil((old.postings.length * 2) / 3) + mini.postings.length + 64,
	);
	const positions = new Bytes(old.positions.length + mini.positions.length);
	const postStart = new Uint32Array(v + 1);
	const posStart = new Uint32Array(v + 1);
	const skipStart = new Uint32Array(v + 1);
	// At most one skip entry more per word than the two indexes had between them.
	const skips = old.skipDoc.length + mini.skipDoc.length + v + 64;
	const skipDoc = new Ints(new Int32Array(skips));
	const skipPost = new Ints(new Uint32Array(skips));
	const skipPos = new Ints(new Uint32Array(skips));
	const df = new Uint32Array(v);
	let work = 0;
	const oldSide = new Side(old, newOf);
	const newSide = new Side(mini, Int32Array.from(fresh));
	for (let w = 0; w < v; w++) {
		work += 1;
		if (work > 4096 && due()) {
			yield 0.55 + (0.4 * w) / v;
			sliceStart = performance.now();
			work = 0;
		}
		postStart[w] = postings.at;
		posStart[w] = positions.at;
		skipStart[w] = skipDoc.length;
		work += oldSide.open(w < oldV ? w : -1) + newSide.open(miniOf[w] ?? -1);
		let prev = -1;
		let count = 0;
		while (oldSide.doc !== END || newSide.doc !== END) {
			const side = oldSide.doc < newSide.doc ? oldSide : newSide;
			const d = side.doc;
			if (count > 0 && count % SKIP_EVERY === 0) {
				skipDoc.push(prev);
				skipPost.push(postings.at);
				skipPos.push(positions.at);
			}
			postings.ensure(11);
			let p = putVarint(postings.buf, postings.at, d - Math.max(prev, 0));
			postings.buf[p++] = side.counts;
			postings.at = putVarint(postings.buf, p, side.len);
			copyBytes(side.data.positions, side.pos, side.len, positions);
			side.advance();
			prev = d;
			count++;
		}
		df[w] = count;
	}
	postStart[v] = postings.at;
	posStart[v] = positions.at;
	skipStart[v] = skipDoc.length;
	yield 0.95;
	sliceStart = performance.now();

	// Per-document arrays, from whichever index held the document.
	const kind = new Uint8Array(n);
	const titles: string[] = new Array(n);
	const summaryBase = new Uint32Array(n);
	const bodyBase = new Uint32Array(n);
	const bodyTokens = new Uint32Array(n);
	const dayFirst = new Int32Array(n);
	const dayLast = new Int32Array(n);
	let totalBody = 0;
	for (let d = 0; d < n; d++) {
		if ((d & 2047) === 0 && due()) {
			yield 0.96;
			sliceStart = performance.now();
		}
		const s = srcOf[d] ?? 0;
		const from = s >= 0 ? old : mini;
		const i = s >= 0 ? s : -s - 1;
		kind[d] = from.kind[i] ?? 0;
		titles[d] = from.titles[i] ?? '';
		summaryBase[d] = from.summaryBase[i] ?? 0;
		bodyBase[d] = from.bodyBase[i] ?? 0;
		bodyTokens[d] = from.bodyTokens[i] ?? 0;
		dayFirst[d] = from.dayFirst[i] ?? 0;
		dayLast[d] = from.dayLast[i] ?? 0;
		totalBody += bodyTokens[d] ?? 0;
	}
	// As the build works it out: lengths are whole numbers, so the same lists give the same K.
	const avgBody = n > 0 && totalBody > 0 ? totalBody / n : 1;
	const bodyK = new Float32Array(n);
	for (let d = 0; d < n; d++) bodyK[d] = bodyKOf(bodyTokens[d] ?? 0, avgBody);
	yield 0.97;
	sliceStart = performance.now();
	const byRecency = mergeRecency(old, mini, newOf, fresh, records, dayFirst);
	yield 0.99;
	sliceStart = performance.now();
	return {
		vocab,
		docCount: n,
		articleCount: articles.length,
		records,
		kind,
		titles,
		summaryBase,
		bodyBase,
		bodyK,
		bodyTokens,
		dayFirst,
		dayLast,
		byRecency,
		df,
		articleSourceById: new Map(articles.map((r) => [r.id, r.source])),
		countryNames: names,
		postings: postings.buf.subarray(0, postings.at),
		positions: positions.buf.subarray(0, positions.at),
		postStart,
		posStart,
		skipStart,
		skipDoc: skipDoc.done(),
		skipPost: skipPost.done(),
		skipPos: skipPos.done(),
	};
}

/** Newest first, then by id, then by document (as the build's stable sort leaves ties): two sorted runs merged. */
function mergeRecency(
	old: SearchIndex,
	mini: SearchIndex,
	newOf: Int32Array,
	fresh: readonly number[],
	records: readonly (Article | Incident)[],
	dayFirst: Int32Array,
): Int32Array {
	const out = new Int32Array(records.length);
	const before = (x: number, y: number): boolean => {
		const dx = dayFirst[x] ?? 0;
		const dy = dayFirst[y] ?? 0;
		if (dx !== dy) return dx > dy;
		const ix = records[x]?.id ?? '';
		const iy = records[y]?.id ?? '';
		if (ix !== iy) return ix < iy;
		return x < y;
	};
	let i = 0;
	let j = 0;
	let k = 0;
	const nextOld = (): number => {
		while (i < old.byRecency.length) {
			const d = newOf[old.byRecency[i] ?? 0] ?? -1;
			if (d >= 0) return d;
			i++;
		}
		return -1;
	};
	for (;;) {
		const x = nextOld();
		const y = j < mini.byRecency.length ? (fresh[mini.byRecency[j] ?? 0] ?? -1) : -1;
		if (x < 0 && y < 0) break;
		if (y < 0 || (x >= 0 && before(x, y))) {
			out[k++] = x;
			i++;
		} else {
			out[k++] = y;
			j++;
		}
	}
	return out;
}

/** updateSteps run to the end at once. */
export function updateSearchIndex(
	old: SearchIndex,
	articles: readonly Article[],
	incidents: readonly Incident[],
	context: { countries?: readonly Country[] } = {},
): SearchIndex {
	const steps = updateSteps(old, articles, incidents, context, Number.POSITIVE_INFINITY);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** updateSteps in slices of about `sliceMs`, each from the event loop, as the dashboard builds its index. */
export function updateSearchIndexInSlices(
	old: SearchIndex,
	articles: readonly Article[],
	incidents: readonly Incident[],
	context: { countries?: readonly Country[] },
	opts: {
		sliceMs?: number;
		cancelled?: () => boolean;
		paused?: () => boolean;
		wake?: { now?: (() => void) | undefined };
	} = {},
): Promise<SearchIndex | undefined> {
	return runSteps(updateSteps(old, articles, incidents, context, opts.sliceMs ?? 8), opts);
}
