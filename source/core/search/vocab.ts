// The vocabulary of distinct folded words: an open-addressing hash table
// (interning during the build allocates no string per token), a sorted order
// for prefix ranges, and a bigram table that shortlists typo candidates so
// fuse.js only ever scores a few hundred short words.
import { hashKey } from '../tokenize.js';

/** Shortlist size handed to fuse.js per fuzzy word. */
const SHORTLIST = 300;

/** A generator run to its end. */
function drain<T>(steps: Generator<void, T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** Code-unit order: what prefixRange's binary search expects. */
function compareTerms(x: string, y: string): number {
	return x < y ? -1 : x > y ? 1 : 0;
}

function bigramSlot(a: number, b: number): number {
	return (Math.imul(a, 0x9e3779b1) ^ b) & 0xffff;
}

export class Vocab {
	readonly terms: string[] = [];
	private hashes = new Uint32Array(4096);
	private table = new Int32Array(8192);
	private mask = 8191;

	/** Empty, or a copy of `base` to add words to (base is left as it is: it may still be answering queries). */
	constructor(base?: Vocab) {
		if (!base) return;
		this.terms = base.terms.slice();
		this.hashes = base.hashes.slice();
		this.table = base.table.slice();
		this.mask = base.mask;
		// Shared, not copied: never written, only replaced (grams()).
		this.gramStart = base.gramStart;
		this.gramIds = base.gramIds;
	}
	/** Term ids in code-unit order of their text (after finish()). */
	order = new Int32Array(0);
	private gramStart = new Uint32Array(0);
	private gramIds = new Int32Array(0);
	private counts = new Uint8Array(0);

	get size(): number {
		return this.terms.length;
	}

	/** Id of the lower-cased ASCII word t[s, e) whose hash is `h` (see Scanner.hash), added when new. */
	internAscii(t: string, s: number, e: number, h: number): number {
		const len = e - s;
		const { table, hashes, terms, mask } = this;
		let slot = h & mask;
		for (;;) {
			const v = table[slot] ?? 0;
			if (v === 0) break;
			const id = v - 1;
			if (hashes[id] === h) {
				const term = terms[id] ?? '';
				if (term.length === len) {
					let i = 0;
					while (i < len) {
						let c = t.charCodeAt(s + i);
						if (c >= 65 && c <= 90) c |= 32;
						if (c !== term.charCodeAt(i)) break;
						i++;
					}
					if (i === len) return id;
				}
			}
			slot = (slot + 1) & mask;
		}
		return this.add(t.slice(s, e).toLowerCase(), h, slot);
	}

	intern(key: string): number {
		const h = hashKey(key);
		let slot = h & this.mask;
		for (;;) {
			const v = this.table[slot] ?? 0;
			if (v === 0) return this.add(key, h, slot);
			if (this.hashes[v - 1] === h && this.terms[v - 1] === key) return v - 1;
			slot = (slot + 1) & this.mask;
		}
	}

	/** Id of a folded word, or -1. */
	lookup(key: string): number {
		const h = hashKey(key);
		let slot = h & this.mask;
		for (;;) {
			const v = this.table[slot] ?? 0;
			if (v === 0) return -1;
			if (this.hashes[v - 1] === h && this.terms[v - 1] === key) return v - 1;
			slot = (slot + 1) & this.mask;
		}
	}

	private add(key: string, h: number, slot: number): number {
		const id = this.terms.length;
		this.terms.push(key);
		if (id >= this.hashes.length) {
			const grown = new Uint32Array(Math.max(64, this.hashes.length * 2));
			grown.set(this.hashes);
			this.hashes = grown;
		}
		this.hashes[id] = h;
		this.table[slot] = id + 1;
		if (this.terms.length * 2 > this.table.length) this.rehash();
		return id;
	}

	private rehash(): void {
		const size = this.table.length * 2;
		const table = new Int32Array(size);
		const mask = size - 1;
		for (let id = 0; id < this.terms.length; id++) {
			let slot = (this.hashes[id] ?? 0) & mask;
			while (table[slot] !== 0) slot = (slot + 1) & mask;
			table[slot] = id + 1;
		}
		this.table = table;
		this.mask = mask;
	}

	/** Builds the sorted order and the bigram table; call once after the last intern. */
	finish(): void {
		const { terms } = this;
		const n = terms.length;
		const ids = Array.from({ length: n }, (_, i) => i);
		ids.sort((a, b) => compareTerms(terms[a] ?? '', terms[b] ?? ''));
		this.order = Int32Array.from(ids);
		this.hashes = this.hashes.slice(0, n);
		drain(this.gramSteps(0, () => false));
	}

	/**
	 * The bigram table: for each bigram, the ids of the words that have it, ascending. With
	 * `first` > 0 the table of the words before it is kept and the later words' ids appended.
	 * Yields whenever `due()` says so (an index updated while the dashboard draws).
	 */
	private *gramSteps(first: number, due: () => boolean): Generator<void, void> {
		const { terms } = this;
		const n = terms.length;
		const base = this.gramStart;
		const baseIds = this.gramIds;
		// A table to keep exists once finish() has run.
		const kept = first > 0 && base.length === 0x10001;
		const from = kept ? first : 0;
		const start = new Uint32Array(0x10001);
		const seen = new Int32Array(0x10000).fill(-1);
		for (let id = from; id < n; id++) {
			if ((id & 2047) === 0 && due()) yield;
			const t = terms[id] ?? '';
			for (let i = 1; i < t.length; i++) {
				const g = bigramSlot(t.charCodeAt(i - 1), t.charCodeAt(i));
				if (seen[g] !== id) {
					seen[g] = id;
					start[g + 1] = (start[g + 1] ?? 0) + 1;
				}
			}
		}
		for (let g = 0; g < 0x10000; g++) {
			const had = kept ? (base[g + 1] ?? 0) - (base[g] ?? 0) : 0;
			start[g + 1] = (start[g + 1] ?? 0) + had + (start[g] ?? 0);
		}
		const fill = start.slice(0, 0x10000);
		const out = new Int32Array(start[0x10000] ?? 0);
		if (kept) {
			for (let g = 0; g < 0x10000; g++) {
				if ((g & 4095) === 0 && due()) yield;
				let at = fill[g] ?? 0;
				const end = base[g + 1] ?? 0;
				for (let j = base[g] ?? 0; j < end; j++) out[at++] = baseIds[j] ?? 0;
				fill[g] = at;
			}
		}
		seen.fill(-1);
		for (let id = from; id < n; id++) {
			if ((id & 2047) === 0 && due()) yield;
			const t = terms[id] ?? '';
			for (let i = 1; i < t.length; i++) {
				const g = bigramSlot(t.charCodeAt(i - 1), t.charCodeAt(i));
				if (seen[g] !== id) {
					seen[g] = id;
					const at = fill[g] ?? 0;
					out[at] = id;
					fill[g] = at + 1;
				}
			}
		}
		this.gramStart = start;
		this.gramIds = out;
		this.counts = new Uint8Array(n);
	}

	/** [lo, hi) in `order` of the words starting with `prefix`. */
	prefixRange(prefix: string): [number, number] {
		return [this.lowerBound(prefix), this.lowerBound(`${prefix}\uffff`)];
	}

	private lowerBound(key: string): number {
		let lo = 0;
		let hi = this.order.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.terms[this.order[mid] ?? 0] ?? '') < key) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/**
	 * Words that may be within `k` edits of `q` (q-gram lemma on bigrams), or of
	 * a prefix of them when `asPrefix`: at most SHORTLIST, most shared bigrams first.
	 */
	typoCandidates(q: string, k: number, asPrefix: boolean, keep?: (id: number) => boolean): number[] {
		const grams = new Set<number>();
		for (let i = 1; i < q.length; i++) grams.add(bigramSlot(q.charCodeAt(i - 1), q.charCodeAt(i)));
		const need = Math.max(1, grams.size - 2 * k);
		const { counts, gramStart, gramIds, terms } = this;
		const touched: number[] = [];
		for (const g of grams) {
			const end = gramStart[g + 1] ?? 0;
			for (let j = gramStart[g] ?? 0; j < end; j++) {
				const id = gramIds[j] ?? 0;
				if (counts[id] === 0) touched.push(id);
				counts[id] = (counts[id] ?? 0) + 1;
			}
		}
		const minLen = q.length - k;
		const maxLen = asPrefix ? Number.POSITIVE_INFINITY : q.length + k;
		const picked: number[] = [];
		for (const id of touched) {
			const len = (terms[id] ?? '').length;
			if ((counts[id] ?? 0) >= need && len >= minLen && len <= maxLen && (!keep || keep(id))) picked.push(id);
		}
		// Ties by text, not by id: an index added to (update.ts) numbers its words otherwise than one built at once.
		picked.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || compareTerms(terms[a] ?? '', terms[b] ?? ''));
		for (const id of touched) counts[id] = 0;
		return picked.slice(0, SHORTLIST);
	}

	/**
	 * A copy with `words` added (those it lacks), finished; this one is left as it is (it may
	 * still be answering queries). Its order is this one's merged with the new words', not
	 * sorted again. Yields whenever `due()` says so.
	 */
	*extendedSteps(words: readonly string[], due: () => boolean): Generator<void, Vocab> {
		const v = new Vocab(this);
		const first = v.size;
		for (let i = 0; i < words.length; i++) {
			if ((i & 2047) === 0 && due()) yield;
			v.intern(words[i] ?? '');
		}
		const added = Array.from({ length: v.size - first }, (_, i) => first + i);
		added.sort((a, b) => compareTerms(v.terms[a] ?? '', v.terms[b] ?? ''));
		yield;
		const order = new Int32Array(v.size);
		let i = 0;
		let j = 0;
		for (let k = 0; k < order.length; k++) {
			if ((k & 4095) === 0 && due()) yield;
			const a = this.order[i];
			const b = added[j];
			const takeOld = b === undefined || (a !== undefined && compareTerms(v.terms[a] ?? '', v.terms[b] ?? '') < 0);
			order[k] = (takeOld ? a : b) ?? 0;
			if (takeOld) i++;
			else j++;
		}
		v.order = order;
		v.hashes = v.hashes.slice(0, v.size);
		yield* v.gramSteps(first, due);
		return v;
	}

	/** extendedSteps at once. */
	extended(words: readonly string[]): Vocab {
		return drain(this.extendedSteps(words, () => false));
	}

	/** Bytes held by the typed arrays (strings not counted). */
	bytes(): number {
		return (
			this.hashes.byteLength +
			this.table.byteLength +
			this.order.byteLength +
			this.gramStart.byteLength +
			this.gramIds.byteLength +
			this.counts.byteLength
		);
	}
}
