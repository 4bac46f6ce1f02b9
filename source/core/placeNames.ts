// The places the incidents happened in, as the palette offers them: the
// gazetteer's names (core/places.ts) that an incident's location or province
// mentions, each province (admin-1), and each location as recorded. A place is
// found through the search, since the Timeline filters by country, actor and
// type but has no place of its own: its query is its country and its name.

import { compareText } from './collate.js';
import { REGION_COUNTRIES } from './places.js';
import type { Incident } from './schema.js';

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

const KIND_RANK: Record<PlaceName['kind'], number> = { place: 0, admin1: 1, location: 2 };

/**
 * Incidents counted by where they happened as recorded: country, location and province ('' when
 * missing). What placeNames reads, and what the SQLite index keeps per data file (incident_places).
 */
export interface PlaceCount {
	country: string;
	location: string;
	admin1: string;
	incidents: number;
}

/** The incidents' PlaceCounts (a data set holds far fewer distinct places than incidents). */
export function placeCounts(incidents: Iterable<Pick<Incident, 'country' | 'location' | 'admin1'>>): PlaceCount[] {
	const out = new Map<string, PlaceCount>();
	for (const inc of incidents) {
		const location = inc.location ?? '';
		const admin1 = inc.admin1 ?? '';
		const key = `${inc.country}\u0000${location}\u0000${admin1}`;
		const had = out.get(key);
		if (had) had.incidents += 1;
		else out.set(key, { country: inc.country, location, admin1, incidents: 1 });
	}
	return [...out.values()];
}

/**
 * Every place once per country, the most incidents first, then by name. A name spelled in more
 * than one way (case) is shown as most of its incidents spell it: the same whatever order the
 * records come in, so the index and the records in memory give the same list.
 */
export function placeNames(counts: Iterable<PlaceCount>): PlaceName[] {
	const out = new Map<string, PlaceName & { spellings: Map<string, number> }>();
	const add = (name: string, country: string, kind: PlaceName['kind'], n: number) => {
		const key = `${country}|${name.toLowerCase()}`;
		let had = out.get(key);
		if (!had) {
			had = { name, country, kind, count: 0, spellings: new Map() };
			out.set(key, had);
		}
		had.count += n;
		had.spellings.set(name, (had.spellings.get(name) ?? 0) + n);
		// A gazetteer place before a province before a location, whichever incident came first.
		if (KIND_RANK[kind] < KIND_RANK[had.kind]) had.kind = kind;
	};
	for (const c of counts) {
		const where = `${c.location} | ${c.admin1}`;
		const pattern = patterns.get(c.country);
		const found = new Set<string>();
		for (const m of pattern ? where.matchAll(pattern.re) : [])
			found.add(pattern?.names.get(m[0].toLowerCase()) ?? m[0]);
		const seen = new Set([...found].map((p) => p.toLowerCase()));
		for (const place of found) add(place, c.country, 'place', c.incidents);
		if (c.admin1 && !seen.has(c.admin1.toLowerCase())) add(c.admin1, c.country, 'admin1', c.incidents);
		if (c.location && !seen.has(c.location.toLowerCase()) && c.location !== c.admin1)
			add(c.location, c.country, 'location', c.incidents);
	}
	const names: PlaceName[] = [];
	for (const { spellings, ...p } of out.values()) {
		let best = p.name;
		for (const [name, n] of spellings) {
			const b = spellings.get(best) ?? 0;
			if (n > b || (n === b && name < best)) best = name;
		}
		names.push({ ...p, name: best });
	}
	return names.sort((a, b) => b.count - a.count || compareText(a.name, b.name) || a.country.localeCompare(b.country));
}

/** The search that lists a place's incidents: in its country, its name as a phrase. */
export function placeQuery(p: Pick<PlaceName, 'name' | 'country'>): string {
	const words = p.name
		.replace(/["\u201c\u201d\u201e]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return `in:incidents country:${p.country} "${words}"`;
}
