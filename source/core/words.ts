/** "1 incident", "3 incidents", "1 country", "2 countries". */
export function plural(n: number, noun: string): string {
	if (n === 1) return `${n} ${noun}`;
	return `${n} ${noun.endsWith('y') && !/[aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}
