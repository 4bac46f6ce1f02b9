// Builds the search index in two passes. Pass 1 tokenizes, interns words,
// records each token's word and offset, and counts exactly how many bytes
// every word's postings and positions will take; pass 2 replays the recorded
// tokens into arrays allocated once at their final size. No per-token
// strings or arrays are created.

import { dayNumber, firstDay, lastDay } from '../dates.js';
import type { Article, Country, Incident } from '../schema.js';
import { runSteps } from '../slices.js';
import type { Store } from '../store.js';
import { ASCII_WORD, FNV_OFFSET, FNV_PRIME, foldWord, Scanner } from '../tokenize.js';
import { packCounts, putVarint, SKIP_EVERY, varintSize } from './postings.js';
import { bodyKOf, docDate, INCIDENT, incidentTitle, type SearchIndex } from './searchIndex.js';
import { Vocab } from './vocab.js';

function grown<T extends Int32Array | Uint32Array>(arr: T, size: number, fill = 0): T {
	const next = new (arr.constructor as new (n: number) => T)(size);
	next.set(arr);
	if (fill !== 0) next.fill(fill, arr.length);
	return next;
}

/** Word ids and offsets of every token, in 1M-entry chunks (no doubling copies, freed after the build). */
class TokenStream {
	length = 0;
	private ids: Int32Array[] = [];
	private offsets: Uint32Array[] = [];
	private curIds = new Int32Array(0);
	private curPos = new Uint32Array(0);

	push(id: number, vpos: number): void {
		const at = this.length & CHUNK_MASK;
		if (at === 0) {
			// The first chunk starts small and doubles: a build over a few documents (a query's
			// candidates, core/search/candidates.ts) would otherwise zero 8 MB for each.
			const size = this.ids.length === 0 ? FIRST_CHUNK : CHUNK;
			this.curIds = new Int32Array(size);
			this.curPos = new Uint32Array(size);
			this.ids.push(this.curIds);
			this.offsets.push(this.curPos);
		} else if (at === this.curIds.length) {
			const ids = new Int32Array(at * 2);
			const pos = new Uint32Array(at * 2);
			ids.set(this.curIds);
			pos.set(this.curPos);
			this.curIds = ids;
			this.curPos = pos;
			this.ids[this.ids.length - 1] = ids;
			this.offsets[this.offsets.length - 1] = pos;
		}
		this.curIds[at] = id;
		this.curPos[at] = vpos;
		this.length++;
	}

	id(k: number): number {
		return this.ids[k >>> CHUNK_BITS]?.[k & CHUNK_MASK] ?? 0;
	}

	pos(k: number): number {
		return this.offsets[k >>> CHUNK_BITS]?.[k & CHUNK_MASK] ?? 0;
	}
}

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
const FIRST_CHUNK = 1 << 12;
const SIZER_START = 1 << 11;

/**
 * Pass 1's per-word counters: documents, and the exact bytes the word's
 * postings and positions will take. A class with small methods rather than
 * one long loop, so V8 optimises the hot part as a whole function.
 */
class Sizer {
	// Small at first, doubled as words come: an index over a query's few candidates
	// (core/search/candidates.ts, every key over the SQLite index) made 400 KB of zeros each time.
	df = new Int32Array(SIZER_START);
	lastDoc = new Int32Array(SIZER_START).fill(-1);
	lastPos = new Int32Array(SIZER_START);
	postBytes = new Uint32Array(SIZER_START);
	posBytes = new Uint32Array(SIZER_START);
	docPosBytes = new Uint32Array(SIZER_START);
	/** Distinct words of the current document. */
	docTerms = new Int32Array(1024);
	private dt = 0;
	private readonly sc = new Scanner();

	constructor(
		private readonly vocab: Vocab,
		private readonly tokens: TokenStream,
	) {}

	/**
	 * Tokenizes one field of document d; returns how many tokens it had.
	 * ASCII words are cut and hashed by a loop here (a call per token to the
	 * Scanner is not reliably inlined and costs a third of the build); a word
	 * touching any non-ASCII character is cut by the Scanner itself.
	 */
	field(text: string, base: number, d: number): number {
		const { sc, tokens } = this;
		const n = text.length;
		let count = 0;
		let i = 0;
		while (i < n) {
			let c = text.charCodeAt(i);
			if (c < 0x80 && ASCII_WORD[c] === 0) {
				i++;
				continue;
			}
			let start = i;
			let h = FNV_OFFSET;
			if (c < 0x80) {
				for (; i < n; i++) {
					c = text.charCodeAt(i);
					if (c >= 0x80 || ASCII_WORD[c] === 0) break;
					h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 32 : c), FNV_PRIME);
				}
			}
			let id: number;
			if (i < n && c >= 0x80) {
				sc.reset(text, start);
				if (!sc.next()) break;
				start = sc.start;
				i = sc.pos;
				if (sc.ascii) id = this.vocab.internAscii(text, start, sc.end, sc.hash);
				else {
					const key = foldWord(text.slice(start, sc.end));
					if (key === '') continue;
					id = this.vocab.intern(key);
				}
			} else id = this.vocab.internAscii(text, start, i, h >>> 0);
			const vpos = base + start;
			tokens.push(id, vpos);
			count++;
			this.count(id, vpos, d);
		}
		return count;
	}

	private count(id: number, vpos: number, d: number): void {
		if (id >= this.df.length) this.grow();
		const { df, lastDoc, lastPos, postBytes, posBytes, docPosBytes } = this;
		const prev = lastDoc[id] ?? -1;
		if (prev !== d) {
			postBytes[id] = (postBytes[id] ?? 0) + varintSize(d - Math.max(prev, 0)) + 1;
			lastDoc[id] = d;
			df[id] = (df[id] ?? 0) + 1;
			if (this.dt === this.docTerms.length) this.docTerms = grown(this.docTerms, this.dt * 2);
			this.docTerms[this.dt++] = id;
			lastPos[id] = 0;
			docPosBytes[id] = 0;
		}
		const size = varintSize(vpos - (lastPos[id] ?? 0));
		lastPos[id] = vpos;
		posBytes[id] = (posBytes[id] ?? 0) + size;
		docPosBytes[id] = (docPosBytes[id] ?? 0) + size;
	}

	/** Adds each posting's position-block length, known once the document is done. */
	endDoc(): void {
		const { docTerms, postBytes, docPosBytes } = this;
		for (let k = 0; k < this.dt; k++) {
			const id = docTerms[k] ?? 0;
			postBytes[id] = (postBytes[id] ?? 0) + varintSize(docPosBytes[id] ?? 0);
		}
		this.dt = 0;
	}

	private grow(): void {
		const cap = this.df.length * 2;
		this.df = grown(this.df, cap);
		this.lastDoc = grown(this.lastDoc, cap, -1);
		this.lastPos = grown(this.lastPos, cap);
		this.postBytes = grown(this.postBytes, cap);
		this.posBytes = grown(this.posBytes, cap);
		this.docPosBytes = grown(this.docPosBytes, cap);
	}
}

export function indexStore(store: Store): SearchIndex {
	return buildSearchIndex(store.articles, store.incidents, { countries: store.countries });
}

export function buildSearchIndex(
	articles: readonly Article[],
	incidents: readonly Incident[],
	context: { countries?: readonly Country[] } = {},
): SearchIndex {
	const steps = buildSteps(articles, incidents, context, Number.POSITIVE_INFINITY);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * The same build in slices of about `sliceMs`, each run from the event loop,
 * so a big index never holds keys back (the dashboard builds it after its
 * first frame). Resolves with the index; `onProgress` gets 0..1.
 */
export function buildSearchIndexInSlices(
	articles: readonly Article[],
	incidents: readonly Incident[],
	context: { countries?: readonly Country[] },
	opts: {
		sliceMs?: number;
		onProgress?: (done: number) => void;
		cancelled?: () => boolean;
		paused?: () => boolean;
		wake?: { now?: (() => void) | undefined };
	} = {},
): Promise<SearchIndex | undefined> {
	return runSteps(buildSteps(articles, incidents, context, opts.sliceMs ?? 8), {
		...(opts.cancelled ? { cancelled: opts.cancelled } : {}),
		...(opts.paused ? { paused: opts.paused } : {}),
		...(opts.wake ? { wake: opts.wake } : {}),
		...(opts.onProgress ? { onStep: opts.onProgress } : {}),
	});
}

/** Yields its progress (0..1) whenever `sliceMs` have passed since the last yield. */
export function* buildSteps(
	articles: readonly Article[],
	incidents: readonly Incident[],
	context: { countries?: readonly Country[] },
	sliceMs: number,
	/** False for an index only merged into another (update.ts): its words need no sorted order nor typo table. */
	queried = true,
): Generator<number, SearchIndex> {
	let sliceStart = performance.now();
	const due = () => performance.now() - sliceStart > sliceMs;
	const countryName = new Map((context.countries ?? []).map((c) => [c.code, c.name]));
	const records: (Article | Incident)[] = [...articles, ...incidents];
	const n = records.length;
	// Filled in pass 1, a document at a time, so the first slice is not all titles.
	const titles: string[] = new Array(n);
	const kind = new Uint8Array(n);
	const summaryBase = new Uint32Array(n);
	const bodyBase = new Uint32Array(n);
	const fields: string[] = ['', '', ''];
	const bases = [0, 0, 0];
	const setFields = (d: number): void => {
		const r = records[d] as Article | Incident;
		fields[0] = titles[d] ?? '';
		if ('published' in r) {
			fields[1] = r.summary ?? '';
			fields[2] = r.body;
		} else {
			kind[d] = INCIDENT;
			fields[1] = '';
			fields[2] = r.description;
		}
		bases[1] = fields[0].length + 1;
		bases[2] = (bases[1] ?? 0) + fields[1].length + 1;
		summaryBase[d] = bases[1] ?? 0;
		bodyBase[d] = bases[2] ?? 0;
	};

	// Pass 1: intern words, record each token's word and offset, size every block exactly.
	const vocab = new Vocab();
	const tokens = new TokenStream();
	const sizer = new Sizer(vocab, tokens);
	const docEnd = new Float64Array(n);
	const bodyTokens = new Uint32Array(n);
	let totalBody = 0;
	for (let d = 0; d < n; d++) {
		// Pass 1 is most of the work: 0.8 of the progress.
		if ((d & 7) === 0 && due()) {
			yield (0.75 * d) / n;
			sliceStart = performance.now();
		}
		const r = records[d] as Article | Incident;
		titles[d] = 'published' in r ? r.title : incidentTitle(r, countryName.get(r.country));
		setFields(d);
		sizer.field(fields[0] ?? '', 0, d);
		sizer.field(fields[1] ?? '', bases[1] ?? 0, d);
		const count = sizer.field(fields[2] ?? '', bases[2] ?? 0, d);
		bodyTokens[d] = count;
		totalBody += count;
		docEnd[d] = tokens.length;
		sizer.endDoc();
	}
	const { df, postBytes, posBytes } = sizer;
	const { lastDoc, lastPos, docPosBytes, docTerms } = sizer;
	yield 0.75;
	sliceStart = performance.now();
	if (queried) vocab.finish();
	yield 0.8;
	sliceStart = performance.now();

	// Layout: every word's blocks end to end, at offsets from prefix sums.
	const v = vocab.size;
	const postStart = new Uint32Array(v + 1);
	const posStart = new Uint32Array(v + 1);
	const skipStart = new Uint32Array(v + 1);
	for (let id = 0; id < v; id++) {
		postStart[id + 1] = (postStart[id] ?? 0) + (postBytes[id] ?? 0);
		posStart[id + 1] = (posStart[id] ?? 0) + (posBytes[id] ?? 0);
		skipStart[id + 1] = (skipStart[id] ?? 0) + Math.floor(Math.max(0, (df[id] ?? 0) - 1) / SKIP_EVERY);
	}
	const postings = new Uint8Array(postStart[v] ?? 0);
	const positions = new Uint8Array(posStart[v] ?? 0);
	const skips = skipStart[v] ?? 0;
	const skipDoc = new Int32Array(skips);
	const skipPost = new Uint32Array(skips);
	const skipPos = new Uint32Array(skips);

	// Pass 2: write, from the recorded tokens. Arrays from pass 1 are reused as cursors.
	const postAt = postBytes;
	postAt.set(postStart.subarray(0, v));
	const posAt = posBytes;
	posAt.set(posStart.subarray(0, v));
	const skipAt = skipStart.slice(0, v);
	const prevDoc = lastDoc;
	prevDoc.fill(-1);
	const seenIn = new Int32Array(v).fill(-1);
	const written = df.fill(0);
	const blockStart = docPosBytes;
	const headCounts = new Int32Array(v);
	const bodyCounts = new Int32Array(v);
	let k = 0;
	for (let d = 0; d < n; d++) {
		if ((d & 15) === 0 && due()) {
			yield 0.8 + (0.18 * d) / n;
			sliceStart = performance.now();
		}
		const sb = summaryBase[d] ?? 0;
		const bb = bodyBase[d] ?? 0;
		const end = docEnd[d] ?? 0;
		let dt = 0;
		for (; k < end; k++) {
			const id = tokens.id(k);
			const vpos = tokens.pos(k);
			if (seenIn[id] !== d) {
				seenIn[id] = d;
				docTerms[dt++] = id;
				lastPos[id] = 0;
				headCounts[id] = 0;
				bodyCounts[id] = 0;
				blockStart[id] = posAt[id] ?? 0;
			}
			posAt[id] = putVarint(positions, posAt[id] ?? 0, vpos - (lastPos[id] ?? 0));
			lastPos[id] = vpos;
			if (vpos >= bb) bodyCounts[id] = (bodyCounts[id] ?? 0) + 1;
			else headCounts[id] = (headCounts[id] ?? 0) + (vpos < sb ? 1 : 0x10000);
		}
		for (let j = 0; j < dt; j++) {
			const id = docTerms[j] ?? 0;
			const nth = written[id] ?? 0;
			let p = postAt[id] ?? 0;
			const before = prevDoc[id] ?? -1;
			if (nth > 0 && nth % SKIP_EVERY === 0) {
				const s = skipAt[id] ?? 0;
				skipAt[id] = s + 1;
				skipDoc[s] = before;
				skipPost[s] = p;
				skipPos[s] = blockStart[id] ?? 0;
			}
			const head = headCounts[id] ?? 0;
			p = putVarint(postings, p, d - Math.max(before, 0));
			postings[p++] = packCounts(head & 0xffff, head >>> 16, bodyCounts[id] ?? 0);
			p = putVarint(postings, p, (posAt[id] ?? 0) - (blockStart[id] ?? 0));
			postAt[id] = p;
			prevDoc[id] = d;
			written[id] = nth + 1;
		}
	}

	yield 0.98;
	sliceStart = performance.now();
	const docDf = new Uint32Array(v);
	for (let id = 0; id < v; id++) docDf[id] = (written[id] ?? 0) as number;
	const avgBody = n > 0 && totalBody > 0 ? totalBody / n : 1;
	const bodyK = new Float32Array(n);
	const dayFirst = new Int32Array(n);
	const dayLast = new Int32Array(n);
	for (let d = 0; d < n; d++) {
		bodyK[d] = bodyKOf(bodyTokens[d] ?? 0, avgBody);
		const r = records[d] as Article | Incident;
		const date = docDate(r);
		dayFirst[d] = dayNumber(firstDay(date));
		dayLast[d] = 'published' in r ? (dayFirst[d] ?? 0) : dayNumber(lastDay(r.endDate ?? r.date));
	}
	const ids = records.map((r) => r.id);
	const recency = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
		const x = dayFirst[a] ?? 0;
		const y = dayFirst[b] ?? 0;
		if (x !== y) return y - x;
		const p = ids[a] ?? '';
		const q = ids[b] ?? '';
		return p < q ? -1 : p > q ? 1 : 0;
	});

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
		byRecency: Int32Array.from(recency),
		df: docDf,
		articleSourceById: new Map(articles.map((a) => [a.id, a.source])),
		countryNames: countryName,
		postings,
		positions,
		postStart,
		posStart,
		skipStart,
		skipDoc,
		skipPost,
		skipPos,
	};
}
