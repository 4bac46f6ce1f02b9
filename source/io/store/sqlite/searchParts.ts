// One query part's scored documents (searchRank.ts), kept as a list so a part
// can be reused and the parts folded in query order whatever order they were
// scored in: typing "taliban ka" after "taliban k" scores "taliban" once, and
// core's score is the parts' sum in query order, which the fold keeps.

/** A part's documents of one kind: rid, its points (IDF × best expansion), day, whether a word is in its title. */
export class PartList {
	constructor(
		readonly length: number,
		readonly rids: Int32Array,
		readonly points: Float64Array,
		readonly days: Int32Array,
		readonly titled: Uint8Array,
	) {}

	static empty = new PartList(0, new Int32Array(0), new Float64Array(0), new Int32Array(0), new Uint8Array(0));
}

/** Entries kept in all (~17 bytes each): at 2.5M documents a one-letter part (millions) is not kept. */
const CACHE_ENTRIES = 1_500_000;

/**
 * The parts of the last few queries, unfiltered, by word, prefix flag and kind; least recently
 * used out first. Cleared when the corpus changes (another index, or the same one updated).
 */
export class PartCache {
	private readonly map = new Map<string, PartList>();
	private entries = 0;
	private owner: unknown;

	/** Forgets everything when `corpus` is not the one the lists were made from. */
	use(corpus: unknown): void {
		if (corpus === this.owner) return;
		this.owner = corpus;
		this.map.clear();
		this.entries = 0;
	}

	/** Whether a list of `n` documents is kept (one of millions is not). */
	fits(n: number): boolean {
		return n <= CACHE_ENTRIES / 2;
	}

	get(key: string): PartList | undefined {
		const hit = this.map.get(key);
		if (hit) {
			this.map.delete(key);
			this.map.set(key, hit);
		}
		return hit;
	}

	set(key: string, list: PartList): void {
		if (!this.fits(list.length)) return;
		const was = this.map.get(key);
		if (was) {
			this.entries -= was.length;
			this.map.delete(key);
		}
		for (const [k, old] of this.map) {
			if (this.entries + list.length <= CACHE_ENTRIES) break;
			this.map.delete(k);
			this.entries -= old.length;
		}
		this.map.set(key, list);
		this.entries += list.length;
	}
}
