// search_postings (schema.ts): core's own postings, kept in the index so a
// query of words is ranked from a few small blobs, not from its candidates'
// records. Per word, kind (0 article, 1 incident) and data file, in rid order:
// varint rid delta, core's packed field counts (core/search/postings.ts), varint
// body tokens, varint first day (core dayNumber + DAY_BIAS). Written from the
// chunk indexes core builds to count words (searchTerms.ts), removed with the file.

import { PostingCursor, putVarint } from '../../../core/search/postings.js';
import type { SearchIndex } from '../../../core/search/searchIndex.js';
import type { Db } from './open.js';

/** Day numbers are stored from this one on (varints are unsigned; dates before 1900 stay positive). */
export const DAY_BIAS = 1 << 20;
/** Bytes of postings held before they are written (one file's words can be millions of postings). */
const PENDING_BYTES = 32 << 20;

class Buf {
	bytes = new Uint8Array(64);
	length = 0;
	lastRid = 0;

	entry(rid: number, counts: number, body: number, day: number): number {
		if (this.length + 20 > this.bytes.length) {
			const grown = new Uint8Array(this.bytes.length * 2);
			grown.set(this.bytes.subarray(0, this.length));
			this.bytes = grown;
		}
		const was = this.length;
		let p = putVarint(this.bytes, this.length, rid - this.lastRid);
		this.bytes[p++] = counts;
		p = putVarint(this.bytes, p, body);
		this.length = putVarint(this.bytes, p, day + DAY_BIAS);
		this.lastRid = rid;
		return this.length - was;
	}
}

/** Postings of records as they are indexed, written per data file. */
export class PostingWriter {
	private readonly pending = new Map<string, Buf>();
	private bytes = 0;
	private fid = -1;

	constructor(private readonly db: () => Db) {}

	/** A chunk's index: `rids` are its documents' rows (articles first, as buildSteps numbers them). */
	add(ix: SearchIndex, rids: readonly number[], fid: number): void {
		if (fid !== this.fid) {
			this.write();
			this.fid = fid;
		}
		const cursor = new PostingCursor(ix);
		const bufOf = (key: string) => {
			let buf = this.pending.get(key);
			if (!buf) {
				buf = new Buf();
				this.pending.set(key, buf);
			}
			return buf;
		};
		ix.vocab.terms.forEach((term, id) => {
			cursor.open(id);
			// Articles are numbered first: a word's postings switch kind once.
			let kind = -1;
			let buf: Buf | undefined;
			while (cursor.next()) {
				const d = cursor.doc;
				const k = d < ix.articleCount ? 0 : 1;
				if (k !== kind || !buf) {
					kind = k;
					buf = bufOf(`${k}${term}`);
				}
				this.bytes += buf.entry(rids[d] ?? 0, cursor.counts, ix.bodyTokens[d] ?? 0, ix.dayFirst[d] ?? 0);
			}
		});
		if (this.bytes > PENDING_BYTES) this.write();
	}

	write(): void {
		if (this.pending.size === 0) return;
		const insert = this.db().prepare('INSERT INTO search_postings (term, kind, fid, data) VALUES (?, ?, ?, ?)');
		for (const [key, buf] of this.pending) {
			insert.run(key.slice(1), Number(key[0]), this.fid, Buffer.from(buf.bytes.buffer, 0, buf.length));
		}
		this.pending.clear();
		this.bytes = 0;
	}
}

/** One posting list's entries, in order. */
export function eachPosting(
	data: Uint8Array,
	fn: (rid: number, counts: number, body: number, day: number) => void,
): void {
	let p = 0;
	let rid = 0;
	const n = data.length;
	while (p < n) {
		let b = data[p++] ?? 0;
		let v = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = data[p++] ?? 0;
			v |= (b & 0x7f) << shift;
		}
		rid += v;
		const counts = data[p++] ?? 0;
		b = data[p++] ?? 0;
		let body = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = data[p++] ?? 0;
			body |= (b & 0x7f) << shift;
		}
		b = data[p++] ?? 0;
		let day = b & 0x7f;
		for (let shift = 7; b & 0x80; shift += 7) {
			b = data[p++] ?? 0;
			day |= (b & 0x7f) << shift;
		}
		fn(rid, counts, body, day - DAY_BIAS);
	}
}
