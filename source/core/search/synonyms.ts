// The domain's other words for a query word, tried when the word itself is
// rare: the press writes "hijacked the Jaffar Express", not "train". Kept
// small and one word to one word (each form listed, since the index does not
// stem): a phrase such as "roadside bomb" would need a phrase match per word,
// and a loose list would find more noise than it saves. docs/search.md lists
// the same pairs.

/** Query word → the words also searched. Read one way: "express" alone is also a newspaper. */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = (() => {
	const out: Record<string, string[]> = {};
	const oneWay = (from: readonly string[], to: readonly string[]) => {
		for (const f of from) out[f] = [...(out[f] ?? []), ...to.filter((t) => !out[f]?.includes(t))];
	};
	const bothWays = (a: readonly string[], b: readonly string[]) => {
		oneWay(a, b);
		oneWay(b, a);
	};
	oneWay(['train', 'trains'], ['railway', 'railways', 'express']);
	oneWay(['railway', 'railways'], ['train', 'trains']);
	bothWays(['kidnap', 'kidnapped', 'kidnapping', 'kidnappings'], ['abduct', 'abducted', 'abduction', 'abductions']);
	bothWays(['drone', 'drones'], ['uav', 'uavs']);
	bothWays(['bombing', 'bombings'], ['bomber', 'bombers']);
	bothWays(['ied', 'ieds'], ['improvised']);
	return out;
})();

/**
 * A word held by fewer documents than this is rare enough to look for its
 * synonyms too; a common one ("bombing") is left as typed.
 */
export const FEW_HITS = 20;

/** A synonym counts a little less than the word typed, so documents with the word itself come first. */
export const SYNONYM_WEIGHT = 0.8;

/** What the results line says: "train → also railway, express". */
export interface SynonymUse {
	word: string;
	also: string[];
}

/** The results line's note: "train → also railway, express", a word at a time. */
export function synonymNote(uses: readonly SynonymUse[], arrow: string): string {
	return uses.map((u) => `${u.word} ${arrow} also ${u.also.join(', ')}`).join('; ');
}
