// The vocabulary of distinct folded words: an open-addressing hash table
// (interning during the build allocates no string per token), a sorted order
// for prefix ranges, and a bigram table that shortlists typo candidates so
// fuse.js only ever scores a few hundred short words.
import { hashKey } from '../tokenize.js';

/** Shortlist size handed to fuse.js per fuzzy word. */
const SHORTLIST = 300;

function bigramSlot(a: number, b: number): number {
	return (Math.imul(a, 0x9e3779b1) ^ b) & 0xffff;
}

export class Vocab {
	readonly terms: string[] = [];
	private hashes = new Uint32Array(4096);
	private table = new Int32Array(8192);
	private mask = 8191;
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
			const grown = new Uint32Array(this.hashes.length * 2);
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
		ids.sort((a, b) => {
			const x = terms[a] ?? '';
			const y = terms[b] ?? '';
			return x < y ? -1 : x > y ? 1 : 0;
		});
		this.order = Int32Array.from(ids);
		this.hashes = this.hashes.slice(0, n);

		const start = new Uint32Array(0x10001);
		const seen = new Int32Array(0x10000).fill(-1);
		for (let id = 0; id < n; id++) {
			const t = terms[id] ?? '';
			for (let i = 1; i < t.length; i++) {
				const g = bigramSlot(t.charCodeAt(i - 1), t.charCodeAt(i));
				if (seen[g] !== id) {
					seen[g] = id;
					start[g + 1] = (start[g + 1] ?? 0) + 1;
				}
			}
		}
		for (let g = 0; g < 0x10000; g++) start[g + 1] = (start[g + 1] ?? 0) + (start[g] ?? 0);
		const fill = start.slice(0, 0x10000);
		const out = new Int32Array(start[0x10000] ?? 0);
		seen.fill(-1);
		for (let id = 0; id < n; id++) {
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
	typoCandidates(q: string, k: number, asPrefix: boolean): number[] {
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
			if ((counts[id] ?? 0) >= need && len >= minLen && len <= maxLen) picked.push(id);
		}
		if (picked.length > SHORTLIST) picked.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
		for (const id of touched) counts[id] = 0;
		return picked.slice(0, SHORTLIST);
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
