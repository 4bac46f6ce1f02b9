// The places the incidents happened in, as the palette offers them: the
// gazetteer's names (core/places.ts) that an incident's location or province
// mentions, each province (admin-1), and each location as recorded. A place is
// found through the search, since the Timeline filters by country, actor and
// type but has no place of its own: its query is its country and its name.
import { REGION_COUNTRIES } from './places.js';
import type { Store } from './store.js';

export interface PlaceName {
	name: string;
	country: string;
	kind: 'place' | 'admin1' | 'location';
	/** Incidents whose location or province names it. */
	count: number;
}

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One pattern per country for all its gazetteer names, longest first so that
 * "Khyber Pakhtunkhwa" is read before "Khyber", whole words only ("Kurram" in
 * "Lower Kurram district"); built once, as a data set may hold 100,000 incidents.
 */
const patterns = new Map<string, { re: RegExp; names: Map<string, string> }>(
	REGION_COUNTRIES.map((c) => {
		const names = new Map(c.places.map((p) => [p.toLowerCase(), p]));
		const alts = [...c.places].sort((a, b) => b.length - a.length).map(escapeRe);
		return [c.code, { re: new RegExp(`(?<!\\p{L})(?:${alts.join('|')})(?!\\p{L})`, 'giu'), names }];
	}),
);

/** Every place once per country, the most incidents first, then by name. */
export function placeNames(store: Store): PlaceName[] {
	const out = new Map<string, PlaceName>();
	const add = (name: string, country: string, kind: PlaceName['kind']) => {
		const key = `${country}|${name.toLowerCase()}`;
		const had = out.get(key);
		if (had) had.count += 1;
		else out.set(key, { name, country, kind, count: 1 });
	};
	// Many incidents share a location: each (country, location, province) is read once.
	const named = new Map<string, string[]>();
	for (const inc of store.incidents) {
		const where = `${inc.location ?? ''} | ${inc.admin1 ?? ''}`;
		const memo = `${inc.country}|${where}`;
		let places = named.get(memo);
		if (!places) {
			const pattern = patterns.get(inc.country);
			const found = new Set<string>();
			for (const m of pattern ? where.matchAll(pattern.re) : [])
				found.add(pattern?.names.get(m[0].toLowerCase()) ?? m[0]);
			places = [...found];
			named.set(memo, places);
		}
		const seen = new Set(places.map((p) => p.toLowerCase()));
		for (const place of places) add(place, inc.country, 'place');
		if (inc.admin1 && !seen.has(inc.admin1.toLowerCase())) add(inc.admin1, inc.country, 'admin1');
		if (inc.location && !seen.has(inc.location.toLowerCase()) && inc.location !== inc.admin1)
			add(inc.location, inc.country, 'location');
	}
	return [...out.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The search that lists a place's incidents: in its country, its name as a phrase. */
export function placeQuery(p: Pick<PlaceName, 'name' | 'country'>): string {
	const words = p.name
		.replace(/["\u201c\u201d\u201e]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return `in:incidents country:${p.country} "${words}"`;
}
