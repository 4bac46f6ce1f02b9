// The canonical text of a parsed query: what parseQuery kept, written so that
// parsing it again gives the same query. Filters first (in:, since:, until:,
// then each key with all its values), then phrases, exclusions and words; the
// last word ends the line only when it was being typed (a prefix), else a
// space follows it. The property tests check parse(print(q)) against q.

import { isSpace } from '../tokenize.js';
import type { FilterKey } from './lex.js';
import type { FilterSet, ParsedQuery } from './query.js';

const OPEN_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);

function needsQuotes(v: string): boolean {
	if (v === '' || OPEN_QUOTES.has(v[0] as string)) return true;
	for (let i = 0; i < v.length; i++) if (isSpace(v.charCodeAt(i))) return true;
	return false;
}

const quoted = (v: string) => (needsQuotes(v) ? `"${v}"` : v);

function filters(set: FilterSet, sign: '' | '-'): string[] {
	const out: string[] = [];
	const put = (key: FilterKey, values: string[]) => {
		if (values.length) out.push(`${sign}${key}:${quoted(values.join(','))}`);
	};
	put('country', set.countries);
	put('actor', set.actors);
	put('type', set.types);
	put('source', set.sources);
	return out;
}

/**
 * The query as one canonical line. A filter value holding a comma or a
 * closing quote cannot be typed as one value, so it cannot be printed as one
 * either (no country, actor, type or outlet in the bundled data does).
 */
export function printQuery(q: ParsedQuery): string {
	const f = q.filters;
	const parts: string[] = [];
	if (f.scope !== 'all') parts.push(`in:${f.scope}`);
	if (f.since !== undefined) parts.push(`since:${f.since}`);
	if (f.until !== undefined) parts.push(`until:${f.until}`);
	parts.push(...filters(f, ''), ...filters(f.not, '-'));
	for (const words of q.phrases) parts.push(`"${words.join(' ')}"`);
	for (const words of q.exclude) parts.push(words.length === 1 ? `-${words[0]}` : `-"${words.join(' ')}"`);
	for (const t of q.terms) parts.push(t.text);
	const line = parts.join(' ');
	const last = q.terms[q.terms.length - 1];
	return last && !last.prefix ? `${line} ` : line;
}
