// Exact phrases: documents holding every word are found by leapfrogging
// cursors; each one is then checked by reading the text right after every
// occurrence of the first word, with the same scanner the index used.

import { foldWord, Scanner } from '../tokenize.js';
import { PostingCursor, packCounts } from './postings.js';
import { fieldText, type SearchIndex } from './searchIndex.js';

export class PhraseMatcher {
	private readonly cursors: PostingCursor[];
	private readonly lists: number[][];
	private readonly sc = new Scanner();
	readonly ok: boolean;

	constructor(
		private readonly ix: SearchIndex,
		words: readonly string[],
	) {
		const ids = words.map((w) => ix.vocab.lookup(w));
		this.ok = ids.length > 0 && ids.every((id) => id >= 0);
		this.cursors = this.ok ? ids.map((id) => new PostingCursor(ix).open(id)) : [];
		this.lists = ids.map(() => []);
	}

	/** Calls back for every document (ascending) where the phrase occurs, with packed per-field counts. */
	each(allowed: Uint8Array | null, found: (doc: number, counts: number) => void): void {
		if (!this.ok) return;
		const cs = this.cursors;
		const first = cs[0] as PostingCursor;
		if (!first.next()) return;
		let target = first.doc;
		for (;;) {
			let agreed = true;
			for (const c of cs) {
				if (!c.advance(target)) return;
				if (c.doc > target) {
					target = c.doc;
					agreed = false;
				}
			}
			if (!agreed) continue;
			if (allowed === null || allowed[target] === 1) {
				const counts = this.inDoc(target);
				if (counts !== 0) found(target, counts);
			}
			target++;
		}
	}

	/** Moves the cursors to `doc` (at or after their position); counts (packed) of the phrase there. */
	at(doc: number, spans?: number[]): number {
		if (!this.ok) return 0;
		for (const c of this.cursors) if (!c.advance(doc) || c.doc !== doc) return 0;
		return this.inDoc(doc, spans);
	}

	/** Counts per field in the current document; pushes [field, start, end] triples to `spans`. */
	private inDoc(doc: number, spans?: number[]): number {
		const { ix, sc, cursors, lists } = this;
		cursors.forEach((c, i) => c.positions(lists[i] as number[]));
		const rest = lists.slice(1);
		const ptr = rest.map(() => 0);
		let title = 0;
		let summary = 0;
		let body = 0;
		const sb = ix.summaryBase[doc] ?? 0;
		const bb = ix.bodyBase[doc] ?? 0;
		for (const p of lists[0] as number[]) {
			const field = p < sb ? 0 : p < bb ? 1 : 2;
			if (rest.length === 0 && !spans) {
				// A one-word phrase is the exact word: no text to read.
				if (field === 0) title++;
				else if (field === 1) summary++;
				else body++;
				continue;
			}
			const base = field === 0 ? 0 : field === 1 ? sb : bb;
			const text = fieldText(ix, doc, field);
			sc.reset(text, p - base);
			if (!sc.next()) continue;
			let end = sc.end;
			let ok = true;
			for (let k = 0; k < rest.length && ok; k++) {
				let found = false;
				while (sc.next()) {
					// Words that fold to nothing were not indexed: step over them as the index did.
					if (!sc.ascii && foldWord(text.slice(sc.start, sc.end)) === '') continue;
					found = true;
					break;
				}
				const want = base + sc.start;
				const list = rest[k] as number[];
				let j = ptr[k] ?? 0;
				while (j < list.length && (list[j] ?? 0) < want) j++;
				ptr[k] = j;
				ok = found && list[j] === want;
				end = sc.end;
			}
			if (!ok) continue;
			if (field === 0) title++;
			else if (field === 1) summary++;
			else body++;
			spans?.push(field, p - base, end);
		}
		return title + summary + body === 0 ? 0 : packCounts(title, summary, body);
	}
}
