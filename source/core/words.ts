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
