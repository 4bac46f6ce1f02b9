// Compressed postings. Per (word, document): varint doc delta, one byte of
// per-field counts, varint length of its position block. Positions live in a
// separate byte stream (varint deltas of offsets), so scoring reads only the
// postings and positions are decoded for the few documents that need them.
// Every SKIP_EVERY postings a skip entry lets a cursor jump to a document.

export const SKIP_EVERY = 128;

/** Field counts packed into one byte: title 0-3, summary 0-3, body 0-15 (saturated). */
export function packCounts(title: number, summary: number, body: number): number {
	return Math.min(title, 3) | (Math.min(summary, 3) << 2) | (Math.min(body, 15) << 4);
}

export function varintSize(v: number): number {
	return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

export function putVarint(buf: Uint8Array, at: number, value: number): number {
	let v = value;
	let p = at;
	while (v >= 0x80) {
		buf[p++] = (v & 0x7f) | 0x80;
		v >>>= 7;
	}
	buf[p++] = v;
	return p;
}

export interface PostingData {
	postings: Uint8Array;
	positions: Uint8Array;
	/** Per word (length words + 1): start of its postings / positions / skip entries. */
	postStart: Uint32Array;
	posStart: Uint32Array;
	skipStart: Uint32Array;
	/** Per skip entry: the document before it, and where its posting and positions start. */
	skipDoc: Int32Array;
	skipPost: Uint32Array;
	skipPos: Uint32Array;
}

/** Walks one word's postings in document order. */
export class PostingCursor {
	doc = -1;
	/** Packed field counts (see packCounts). */
	counts = 0;
	posAt = 0;
	posLen = 0;
	private p = 0;
	private end = 0;
	private nextPos = 0;
	private skip = 0;
	private skipEnd = 0;

	constructor(private readonly data: PostingData) {}

	open(term: number): this {
		const d = this.data;
		this.p = d.postStart[term] ?? 0;
		this.end = d.postStart[term + 1] ?? 0;
		this.nextPos = d.posStart[term] ?? 0;
		this.skip = d.skipStart[term] ?? 0;
		this.skipEnd = d.skipStart[term + 1] ?? 0;
		this.doc = -1;
		return this;
	}

	next(): boolean {
		if (this.p >= this.end) {
			this.doc = 0x7fffffff;
			return false;
		}
		const buf = this.data.postings;
		let p = this.p;
		let b = buf[p++] ?? 0;
		let v = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = buf[p++] ?? 0;
			v |= (b & 0x7f) << shift;
		}
		this.doc = Math.max(this.doc, 0) + v;
		this.counts = buf[p++] ?? 0;
		b = buf[p++] ?? 0;
		v = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = buf[p++] ?? 0;
			v |= (b & 0x7f) << shift;
		}
		this.posAt = this.nextPos;
		this.posLen = v;
		this.nextPos += v;
		this.p = p;
		return true;
	}

	/** Moves to the first posting with doc >= target; false when there is none. */
	advance(target: number): boolean {
		if (this.doc >= target) return this.doc !== 0x7fffffff;
		const d = this.data;
		while (this.skip < this.skipEnd && (d.skipDoc[this.skip] ?? 0) < target) {
			const at = d.skipPost[this.skip] ?? 0;
			if (at > this.p) {
				this.p = at;
				this.nextPos = d.skipPos[this.skip] ?? 0;
				this.doc = d.skipDoc[this.skip] ?? 0;
			}
			this.skip++;
		}
		while (this.doc < target) if (!this.next()) return false;
		return true;
	}

	/** Offsets (virtual, see SearchIndex) of the word in the current document. */
	positions(out: number[]): number[] {
		out.length = 0;
		const buf = this.data.positions;
		let p = this.posAt;
		const end = p + this.posLen;
		let at = 0;
		while (p < end) {
			let b = buf[p++] ?? 0;
			let v = b & 0x7f;
			for (let shift = 7; b & 0x80; shift += 7) {
				b = buf[p++] ?? 0;
				v |= (b & 0x7f) << shift;
			}
			at += v;
			out.push(at);
		}
		return out;
	}
}
