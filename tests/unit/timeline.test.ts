import { describe, expect, it } from 'vitest';
import { parseDateBound, weekStart } from '../../source/core/dates.js';
import { Resolver } from '../../source/core/resolve.js';
import { buildStore } from '../../source/core/store.js';
import { countBy, describeFilter, filterIncidents, filterValues, parseFilter } from '../../source/core/timeline.js';
import { bundled } from '../support/helpers.js';

const inc = (id: string, date: string, over: Record<string, unknown> = {}) => ({
	id,
	date,
	country: 'AF',
	type: 'IED' as const,
	perpetrators: [] as string[],
	targets: [] as string[],
	description: 'x',
	sources: ['s'],
	tags: [] as string[],
	...over,
});

describe('timeline queries', () => {
	const { store } = bundled();
	const resolver = new Resolver(store);

	it('Afghanistan in December 2024 has the Haqqani assassination', () => {
		const { filter, errors } = parseFilter(resolver, { country: 'afghanistan', since: '2024-12', until: '2024-12' });
		expect(errors).toEqual([]);
		expect(filter).toMatchObject({ countries: ['AF'], since: '2024-12-01', until: '2024-12-31' });
		expect(filterIncidents(store, filter).map((i) => i.id)).toContain('inc-2024-12-11-kabul-khalil-haqqani');
		expect(describeFilter(filter)).toBe('country:AF since:2024-12-01 until:2024-12-31');
	});

	it('an actor filter includes the groups within it', () => {
		const { filter } = parseFilter(resolver, { actor: 'islamic state' });
		const ids = filterIncidents(store, filter).map((i) => i.id);
		expect(ids).toContain('inc-2024-12-11-kabul-khalil-haqqani'); // ISKP, within the Islamic State
		expect(ids).toContain('inc-2024-01-03-kerman');
	});

	it('-AF leaves a country out; -AF,-PK neither; lists mix with what is asked for', () => {
		const { filter, errors } = parseFilter(resolver, { actor: 'iskp', country: '-AF, -pakistan' });
		expect(errors).toEqual([]);
		expect(filter).toMatchObject({ countries: [], actors: ['iskp'], notCountries: ['AF', 'PK'] });
		const found = filterIncidents(store, filter);
		expect(new Set(found.map((i) => i.country))).toEqual(new Set(['RU', 'IR', 'TJ', 'UZ']));
		expect(found.map((i) => i.id)).toContain('inc-2024-03-22-crocus-city-hall');
		expect(describeFilter(filter)).toBe('country:not AF, PK actor:iskp');
		// Repeated flags and one comma list read the same; the values come back with their minus.
		const repeated = parseFilter(resolver, { actor: 'iskp', country: ['-AF', '-PK'] }).filter;
		expect(repeated).toEqual(filter);
		expect(filterValues(filter)).toEqual({ country: ['-AF', '-PK'], actor: ['iskp'], type: [] });
		expect(parseFilter(resolver, filterValues(filter)).filter).toEqual(filter);
		// Without the minus nothing is left out: the same values ask for AF or PK.
		const either = filterIncidents(store, parseFilter(resolver, { actor: 'iskp', country: 'AF,PK' }).filter);
		expect(either.length + found.length).toBe(
			filterIncidents(store, parseFilter(resolver, { actor: 'iskp' }).filter).length,
		);
	});

	it('leaving an actor out leaves out the groups within it; types can be left out too', () => {
		const { filter } = parseFilter(resolver, { actor: '-islamic state', type: '-suicide bombing' });
		expect(filter).toMatchObject({ notActors: ['islamic-state'], notTypes: ['suicide bombing'] });
		const ids = filterIncidents(store, filter).map((i) => i.id);
		expect(ids).not.toContain('inc-2024-12-11-kabul-khalil-haqqani'); // ISKP, within the Islamic State
		expect(ids).not.toContain('inc-2024-03-22-crocus-city-hall');
		expect(filterIncidents(store, filter).some((i) => i.type === 'suicide bombing')).toBe(false);
		expect(ids.length).toBeGreaterThan(0);
		expect(describeFilter(filter)).toBe('actor:not islamic-state type:not "suicide bombing"');
	});

	it('a value both asked for and left out, or a bare minus, is an error', () => {
		expect(parseFilter(resolver, { country: 'AF,-AF' }).errors.map((e) => e.message)).toEqual([
			'AF is both asked for and left out',
		]);
		expect(parseFilter(resolver, { country: '-' }).errors[0]?.message).toMatch(/nothing after it/);
		const bad = parseFilter(resolver, { country: '-Narnia' }).errors[0];
		expect(bad?.field).toBe('country');
	});

	it('resolves names, aliases and typos, and explains bad values with suggestions', () => {
		expect(parseFilter(resolver, { actor: 'ISIS-K', country: 'Pakistan, AF', type: 'suicide' }).filter).toMatchObject({
			actors: ['iskp'],
			countries: ['PK', 'AF'],
			types: ['suicide bombing'],
		});
		const bad = parseFilter(resolver, { country: 'Narnia', type: 'ar', since: '2024-13', until: 'soon' });
		expect(bad.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
			'country: unknown country "Narnia"',
			'type: "ar" matches several types',
			'since: bad date "2024-13" (expected YYYY, YYYY-MM, YYYY-MM-DD, or 90d/12w/6m/1y)',
			'until: bad date "soon" (expected YYYY, YYYY-MM or YYYY-MM-DD)',
		]);
		expect(bad.errors[1]?.suggestions).toEqual(['armed assault', 'armed clash']);
	});

	it('a country that matches several says "countries", not "countrys"', () => {
		const { errors } = parseFilter(resolver, { country: 'k' });
		expect(errors.map((e) => e.message)).toEqual(['"k" matches several countries']);
		expect(errors[0]?.suggestions).toEqual(expect.arrayContaining(['KG Kyrgyzstan', 'KZ Kazakhstan']));
	});

	it('a month-only date matches any range that overlaps its month', () => {
		const s = buildStore('/x', {
			articles: [],
			actors: [],
			countries: [],
			incidents: [inc('m', '2024-03'), inc('d', '2024-02-28')],
		});
		const ids = (since?: string, until?: string) =>
			filterIncidents(s, { countries: [], actors: [], types: [], since, until }).map((i) => i.id);
		expect(ids('2024-03-20')).toEqual(['m']);
		expect(ids(undefined, '2024-03-01')).toEqual(['m', 'd']);
		expect(ids(undefined, '2024-02-29')).toEqual(['d']);
		expect(ids('2024-04-01')).toEqual([]);
	});

	it('counts by week and month with empty buckets kept', () => {
		const list = [inc('a', '2024-01-01'), inc('b', '2024-01-03', { fatalities: 4 }), inc('c', '2024-01-17')];
		expect(countBy(list, 'week').map((b) => [b.start, b.count, b.fatalities])).toEqual([
			['2024-01-01', 2, 4],
			['2024-01-08', 0, 0],
			['2024-01-15', 1, 0],
		]);
		expect(countBy(list, 'month', { since: '2023-12-01', until: '2024-02-10' }).map((b) => b.count)).toEqual([0, 3, 0]);
	});

	it('bucket counts add up to the incidents counted, even for month-only dates before the range', () => {
		const list = [inc('m', '2024-03'), inc('a', '2024-03-20'), inc('b', '2024-03-29')];
		const weeks = countBy(list, 'week', { since: '2024-03-15', until: '2024-03-31' });
		expect(weeks.reduce((n, b) => n + b.count, 0)).toBe(3);
	});

	it('stays finite for ranges at the ends of the calendar and rejects years before 1000', () => {
		const list = [inc('a', '2024-03-20')];
		expect(countBy(list, 'month', { since: '9999-11-01', until: '9999-12-31' }).length).toBeLessThanOrEqual(2);
		expect(countBy(list, 'week', { since: '1000-01-01', until: '9999-12-31' }).length).toBeLessThanOrEqual(2000);
		expect(parseDateBound('0001', false)).toBeUndefined();
		expect(parseDateBound('0999-01', false)).toBeUndefined();
	});

	it('parses date bounds and weeks', () => {
		expect(parseDateBound('2024', true)).toBe('2024-12-31');
		expect(parseDateBound('2024-2', true)).toBe('2024-02-29');
		expect(parseDateBound('2023-02-29', false)).toBeUndefined();
		expect(weekStart('2024-12-15')).toBe('2024-12-09');
	});
});
