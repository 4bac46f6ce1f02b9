// Completion for the query line: the value of the filter under the cursor
// (country:Pak -> PK, type:sui -> "suicide bombing"), or a filter name.
import type { Resolver } from '../resolve.js';
import { FILTER_KEYS, type FilterKey, lexQuery } from './lex.js';
import { matchSources } from './sources.js';

export interface CompletionCandidate {
	value: string;
	label: string;
	/** Text that replaces [start, end) of the input. */
	insert: string;
}

export interface QueryCompletion {
	/** The filter whose value is under the cursor; null when completing a filter name. */
	key: FilterKey | null;
	start: number;
	end: number;
	/** What is typed of the value (or name) up to the cursor. */
	partial: string;
	candidates: CompletionCandidate[];
}

const SCOPE_VALUES = ['articles', 'incidents', 'all'];

function quoteIfSpaced(v: string): string {
	return /\s/.test(v) ? `"${v}"` : v;
}

export function completeQuery(
	input: string,
	cursor: number,
	resolver: Resolver,
	limit = 8,
): QueryCompletion | undefined {
	const tok = lexQuery(input).find((t) => cursor >= t.start && cursor <= t.end);
	if (!tok) return undefined;
	if (!tok.key) {
		if (tok.quoted || cursor !== tok.end) return undefined;
		const word = tok.value.toLowerCase();
		const keys = FILTER_KEYS.filter((k) => k.startsWith(word) && word !== '');
		if (keys.length === 0) return undefined;
		return {
			key: null,
			start: tok.valueStart,
			end: tok.end,
			partial: tok.value,
			candidates: keys.map((k) => ({ value: k, label: `${k}:`, insert: `${k}:` })),
		};
	}
	if (cursor < tok.valueStart - (tok.quoted ? 1 : 0)) return undefined;
	const key = tok.key;
	let start: number;
	let end: number;
	let partial: string;
	if (tok.quoted) {
		start = tok.valueStart - 1;
		end = tok.end;
		partial = input.slice(tok.valueStart, Math.max(tok.valueStart, Math.min(cursor, tok.valueEnd)));
	} else {
		const before = input.lastIndexOf(',', cursor - 1);
		start = before >= tok.valueStart ? before + 1 : tok.valueStart;
		const after = input.indexOf(',', cursor);
		end = after >= 0 && after < tok.valueEnd ? after : tok.valueEnd;
		partial = input.slice(start, cursor);
	}
	const quote = (v: string) => (tok.quoted ? `"${v}"` : quoteIfSpaced(v));
	let candidates: CompletionCandidate[] = [];
	if (key === 'country' || key === 'actor' || key === 'type') {
		candidates = resolver
			.complete(key, partial, limit)
			.map(({ value, label }) => ({ value, label, insert: quote(value) }));
	} else if (key === 'source') {
		candidates = matchSources(resolver.data, partial)
			.slice(0, limit)
			.map((name) => ({ value: name, label: name, insert: quote(name) }));
	} else if (key === 'in') {
		candidates = SCOPE_VALUES.filter((v) => v.startsWith(partial.toLowerCase())).map((v) => ({
			value: v,
			label: v,
			insert: v,
		}));
	}
	return { key, start, end, partial, candidates };
}

/** The input with a candidate applied, and where the cursor goes. */
export function applyCompletion(
	input: string,
	completion: QueryCompletion,
	candidate: CompletionCandidate,
): { text: string; cursor: number } {
	const text = input.slice(0, completion.start) + candidate.insert + input.slice(completion.end);
	return { text, cursor: completion.start + candidate.insert.length };
}
