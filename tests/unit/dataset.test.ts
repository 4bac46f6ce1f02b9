// The bundled sample data: its coverage and the events the issue names.
import { describe, expect, it } from 'vitest';
import { countBySeverity } from '../../source/core/problems.js';
import { bundled } from '../support/helpers.js';

describe('bundled dataset', () => {
	const { store, problems } = bundled();

	it('loads without errors or warnings', () => {
		expect(countBySeverity(problems)).toEqual({ errors: 0, warnings: 0 });
	});

	it('has at least 40 incidents from 2021 to 2025 across the region and ISKP external attacks', () => {
		expect(store.incidents.length).toBeGreaterThanOrEqual(40);
		for (const inc of store.incidents) {
			expect(inc.date >= '2021' && inc.date < '2026', inc.id).toBe(true);
		}
		const countries = new Set(store.incidents.map((i) => i.country));
		for (const c of ['AF', 'PK', 'IR', 'RU']) expect(countries).toContain(c);
		expect(countries.has('TJ') || countries.has('UZ')).toBe(true);
	});

	it('includes the Khalil ur Rehman Haqqani assassination and the Balkh governor killing', () => {
		const haqqani = store.incidentById.get('inc-2024-12-11-kabul-khalil-haqqani');
		expect(haqqani).toMatchObject({ country: 'AF', type: 'suicide bombing', claimedBy: 'iskp' });
		expect(haqqani?.targets).toContain('khalil-haqqani');
		const balkh = store.incidentById.get('inc-2023-03-09-mazar-balkh-governor');
		expect(balkh).toMatchObject({ country: 'AF', claimedBy: 'iskp' });
		expect(balkh?.targets).toContain('mohammad-dawood-muzammil');
		expect(store.incidentById.get('inc-2024-01-03-kerman')?.country).toBe('IR');
		expect(store.incidentById.get('inc-2024-03-22-crocus-city-hall')?.country).toBe('RU');
	});

	it('has at least 20 actors with the named groups, people and affiliations', () => {
		expect(store.actors.length).toBeGreaterThanOrEqual(20);
		for (const id of [
			'taliban',
			'iskp',
			'islamic-state',
			'haqqani-network',
			'ttp',
			'bla',
			'jaish-al-adl',
			'taliban-gdi',
			'pakistan-military',
			'khalil-haqqani',
			'sirajuddin-haqqani',
			'mohammad-dawood-muzammil',
		]) {
			expect(store.actorById.has(id), id).toBe(true);
		}
		const parent = (id: string) => store.actorById.get(id)?.affiliations.find((a) => a.relation === 'parent')?.actor;
		expect(parent('haqqani-network')).toBe('taliban');
		expect(parent('iskp')).toBe('islamic-state');
		expect(store.actorById.get('iskp')?.aliases).toEqual(expect.arrayContaining(['ISIS-K']));
	});

	it('has at least 15 articles of 300 to 900 words from "sitrep sample", without invented URLs', () => {
		expect(store.articles.length).toBeGreaterThanOrEqual(15);
		for (const a of store.articles) {
			const words = a.body.split(/\s+/).filter(Boolean).length;
			expect(words, a.id).toBeGreaterThanOrEqual(300);
			expect(words, a.id).toBeLessThanOrEqual(900);
			expect(a.source).toBe('sitrep sample');
			expect(a.url).toBeUndefined();
		}
	});

	it('cites at least one source for every incident and no URLs', () => {
		for (const inc of store.incidents) {
			expect(inc.sources.length, inc.id).toBeGreaterThan(0);
			for (const s of inc.sources) if (typeof s !== 'string' && 'outlet' in s) expect(s.url).toBeUndefined();
		}
	});
});
