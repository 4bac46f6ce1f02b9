/** "1 incident", "3 incidents", "2 countries", "4 matches". */
export function plural(n: number, noun: string): string {
	if (n === 1) return `${n} ${noun}`;
	if (/[^aeiou]y$/.test(noun)) return `${n} ${noun.slice(0, -1)}ies`;
	if (/(s|x|z|ch|sh)$/.test(noun)) return `${n} ${noun}es`;
	return `${n} ${noun}s`;
}
