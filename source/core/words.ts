/** "1 incident", "3 incidents", "2 countries", "4 matches". */
export function plural(n: number, noun: string): string {
	if (n === 1) return `${n} ${noun}`;
	if (/[^aeiou]y$/.test(noun)) return `${n} ${noun.slice(0, -1)}ies`;
	if (/(s|x|z|ch|sh)$/.test(noun)) return `${n} ${noun}es`;
	return `${n} ${noun}s`;
}

/** Levenshtein distance (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			cur[j] = Math.min(
				(prev[j] ?? 0) + 1,
				(cur[j - 1] ?? 0) + 1,
				(prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}
		prev = cur;
	}
	return prev[b.length] ?? 0;
}

/**
 * The option a mistyped word most likely meant, for "did you mean": the one
 * option it begins, else the nearest within two edits (more for long words).
 */
export function closest(word: string, options: readonly string[]): string | undefined {
	const w = word.toLowerCase();
	if (!w) return undefined;
	const begun = options.filter((o) => o.toLowerCase().startsWith(w));
	if (begun.length === 1) return begun[0];
	let best: string | undefined;
	let bestDistance = Math.max(2, Math.floor(w.length / 3)) + 1;
	for (const o of options) {
		const d = editDistance(w, o.toLowerCase());
		if (d < bestDistance) {
			best = o;
			bestDistance = d;
		}
	}
	return best;
}
