import { describe, expect, it } from 'vitest';
import { placeCounts, placeNames, placeQuery } from '../../source/core/placeNames.js';
import { Resolver } from '../../source/core/resolve.js';
import { indexStore, parseQuery, searchWithInfo } from '../../source/core/search/index.js';
import { buildStore } from '../../source/core/store.js';
import { incident } from '../support/fixtures.js';
import { bundled } from '../support/helpers.js';

describe('places for the palette', () => {
	const { store } = bundled();

	it('Kurram is a place of Pakistan, counted once per incident that names it, and its query finds them all', () => {
		const kurram = placeNames(placeCounts(store.incidents)).find((p) => p.name === 'Kurram');
		expect(kurram).toEqual({ name: 'Kurram', country: 'PK', kind: 'place', count: 4 });
		const q = placeQuery({ name: 'Kurram', country: 'PK' });
		expect(q).toBe('in:incidents country:PK "Kurram"');
		const out = searchWithInfo(indexStore(store), parseQuery(q, new Resolver(store)), { limit: 100 });
		expect(out.total).toBe(4);
		expect(out.results.map((r) => r.id)).toContain('inc-2024-11-21-kurram-convoy');
	});

	it('reads whole names, the longest first: Khyber Pakhtunkhwa is not Khyber', () => {
		const s = buildStore('x', {
			articles: [],
			actors: [],
			countries: [],
			incidents: [
				incident({
					id: 'a',
					date: '2024-01-02',
					country: 'PK',
					admin1: 'Khyber Pakhtunkhwa',
					location: 'Lower Kurram district',
				}),
				incident({ id: 'b', date: '2024-01-01', country: 'PK', admin1: 'Khyber Pakhtunkhwa', location: 'Kurramabad' }),
			],
		});
		const names = placeNames(placeCounts(s.incidents)).map((p) => `${p.name}:${p.kind}:${p.count}`);
		expect(names).toEqual(
			expect.arrayContaining(['Khyber Pakhtunkhwa:place:2', 'Kurram:place:1', 'Lower Kurram district:location:1']),
		);
		expect(names.some((n) => n.startsWith('Khyber:'))).toBe(false);
		expect(names).toContain('Kurramabad:location:1');
	});

	it('the same list whatever order the incidents come in: a name is spelled as most of its incidents spell it', () => {
		const at = (id: string, location: string, admin1?: string) =>
			incident({ id, date: '2024-01-01', country: 'AF', location, ...(admin1 ? { admin1 } : {}) });
		const incidents = [
			at('a', 'kabul', 'Kabul'),
			at('b', 'Kabul city'),
			at('c', 'Kabul city'),
			at('d', 'kabul city'),
			at('e', 'Jalalabad', 'Nangarhar'),
		];
		const list = placeNames(placeCounts(incidents));
		expect(placeNames(placeCounts([...incidents].reverse()))).toEqual(list);
		// Counts summed per place, whichever rows they come from (as the index keeps them per file).
		const split = [...placeCounts(incidents.slice(0, 2)), ...placeCounts(incidents.slice(2))];
		expect(placeNames(split)).toEqual(list);
		const city = list.find((p) => p.name.toLowerCase() === 'kabul city');
		expect(city).toEqual({ name: 'Kabul city', country: 'AF', kind: 'location', count: 3 });
		// Kabul: a gazetteer place in every incident that names it, whatever the first one was.
		expect(list.find((p) => p.name === 'Kabul')).toMatchObject({ kind: 'place', count: 4 });
	});

	it('a quote in a place name cannot break out of its phrase', () => {
		expect(placeQuery({ name: 'The "Red" Mosque', country: 'PK' })).toBe('in:incidents country:PK "The Red Mosque"');
	});
});
