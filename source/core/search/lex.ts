// Splits a query line into tokens with their offsets: words, "quoted
// phrases", -exclusions and key:value filters (values may be quoted).
// Shared by parseQuery and completeQuery so both agree on what the cursor is in.
import { isSpace } from '../tokenize.js';

export const FILTER_KEYS = ['country', 'actor', 'type', 'since', 'until', 'source', 'in'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface QueryToken {
	/** Offsets of the whole token in the input, including a leading "-". */
	start: number;
	end: number;
	negated: boolean;
	/** Set for a recognised filter key; unknown keys stay plain text. */
	key?: FilterKey;
	/** The word, the phrase's inside, or the filter's value (without quotes). */
	value: string;
	valueStart: number;
	valueEnd: number;
	quoted: boolean;
}

const KEYS = new Set<string>(FILTER_KEYS);

function isOpenQuote(c: string | undefined): boolean {
	return c === '"' || c === '\u201c' || c === '\u201d' || c === '\u201e';
}

function isCloseQuote(c: string | undefined): boolean {
	return c === '"' || c === '\u201d' || c === '\u201c';
}

function closingQuote(input: string, from: number): number {
	for (let j = from; j < input.length; j++) if (isCloseQuote(input[j])) return j;
	return -1;
}

export function lexQuery(input: string): QueryToken[] {
	const out: QueryToken[] = [];
	const n = input.length;
	let i = 0;
	while (i < n) {
		while (i < n && isSpace(input.charCodeAt(i))) i++;
		if (i >= n) break;
		const start = i;
		let negated = false;
		if (input[i] === '-' && i + 1 < n && !isSpace(input.charCodeAt(i + 1))) {
			negated = true;
			i++;
		}
		if (isOpenQuote(input[i])) {
			const close = closingQuote(input, i + 1);
			const valueEnd = close < 0 ? n : close;
			out.push({
				start,
				end: close < 0 ? n : close + 1,
				negated,
				value: input.slice(i + 1, valueEnd),
				valueStart: i + 1,
				valueEnd,
				quoted: true,
			});
			i = close < 0 ? n : close + 1;
			continue;
		}
		let j = i;
		while (j < n && !isSpace(input.charCodeAt(j)) && input[j] !== ':') j++;
		const key = input.slice(i, j).toLowerCase();
		if (input[j] === ':' && KEYS.has(key)) {
			const vs = j + 1;
			if (isOpenQuote(input[vs])) {
				const close = closingQuote(input, vs + 1);
				const valueEnd = close < 0 ? n : close;
				out.push({
					start,
					end: close < 0 ? n : close + 1,
					negated,
					key: key as FilterKey,
					value: input.slice(vs + 1, valueEnd),
					valueStart: vs + 1,
					valueEnd,
					quoted: true,
				});
				i = close < 0 ? n : close + 1;
				continue;
			}
			let e = vs;
			while (e < n && !isSpace(input.charCodeAt(e))) e++;
			out.push({
				start,
				end: e,
				negated,
				key: key as FilterKey,
				value: input.slice(vs, e),
				valueStart: vs,
				valueEnd: e,
				quoted: false,
			});
			i = e;
			continue;
		}
		while (j < n && !isSpace(input.charCodeAt(j))) j++;
		out.push({ start, end: j, negated, value: input.slice(i, j), valueStart: i, valueEnd: j, quoted: false });
		i = j;
	}
	return out;
}
