// Outlet names for source: filters. The Resolver knows countries, actors and
// types; outlets come from the records themselves (article sources and
// incident source references).
import Fuse from 'fuse.js';
import type { Backend } from '../backend/types.js';
import { compareText } from '../collate.js';
import { squash } from '../fold.js';
import type { Resolved } from '../resolve.js';
import { outletOf } from '../schemaBase.js';
import type { Store } from '../store.js';

interface Outlets {
	names: string[];
	keys: string[];
	fuse: Fuse<string>;
}

const cache = new WeakMap<Store | Backend, Outlets>();

/** The outlets of a store's records, sorted: what its memory backend answers as outlets(). */
export function storeOutlets(store: Store): string[] {
	const set = new Set<string>();
	for (const a of store.articles) set.add(a.source);
	for (const inc of store.incidents) for (const s of inc.sources) if (typeof s !== 'string') set.add(outletOf(s));
	return [...set].sort((a, b) => compareText(a, b));
}

function outletsOf(data: Store | Backend): Outlets {
	let o = cache.get(data);
	if (o) return o;
	const names = 'kind' in data ? data.outlets() : storeOutlets(data);
	o = {
		names,
		keys: names.map(squash),
		fuse: new Fuse(names, { includeScore: true, threshold: 0.4, ignoreDiacritics: true }),
	};
	cache.set(data, o);
	return o;
}

/** Outlet names matching what was typed: exact, then prefix, then containing it. */
export function matchSources(data: Store | Backend, input: string): string[] {
	const { names, keys } = outletsOf(data);
	const q = squash(input);
	if (q === '') return names;
	const exact = names.filter((_, i) => keys[i] === q);
	if (exact.length) return exact;
	const starts = names.filter((_, i) => keys[i]?.startsWith(q));
	const contains = names.filter((n, i) => !starts.includes(n) && keys[i]?.includes(q));
	return [...starts, ...contains];
}

export function resolveSource(data: Store | Backend, input: string): Resolved<string> {
	const matches = matchSources(data, input);
	const only = matches[0];
	if (matches.length === 1 && only !== undefined) return { ok: true, value: only };
	if (matches.length > 1) {
		return { ok: false, error: `"${input}" matches several sources`, suggestions: matches.slice(0, 6) };
	}
	const hits = outletsOf(data).fuse.search(input.trim(), { limit: 5 });
	return { ok: false, error: `unknown source "${input}"`, suggestions: hits.map((h) => h.item) };
}
