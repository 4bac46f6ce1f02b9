import { describe, expect, it } from 'vitest';
import {
	countryRisk,
	effectiveDay,
	levelFor,
	RISK_FORMULA,
	riskTable,
	riskWindow,
	TYPE_WEIGHTS,
	trendOf,
} from '../../source/core/risk.js';
import { actor, article, country, incident, store } from '../support/fixtures.js';
import { bundled } from '../support/helpers.js';

// All hand-built cases use a 30-day window ending 2025-01-30:
// 2025-01-01..2025-01-30, previous 2024-12-02..2024-12-31, scale 90/30 = 3,
// recency = 1 - 0.5 × age / 29 (age in days before 2025-01-30).
const asOf = '2025-01-30';

describe('riskWindow', () => {
	it('ends at --as-of and has a previous window of equal length', () => {
		const w = riskWindow(store({}), { days: 30, asOf });
		expect(w).toEqual({
			days: 30,
			start: '2025-01-01',
			end: '2025-01-30',
			previous: { start: '2024-12-02', end: '2024-12-31' },
		});
	});

	it('ends at the newest incident when no date is given', () => {
		const s = store({
			incidents: [incident({ id: 'a', date: '2024-06-03' }), incident({ id: 'b', date: '2024-05-20' })],
		});
		expect(riskWindow(s, { days: 90 })).toMatchObject({ start: '2024-03-06', end: '2024-06-03' });
	});

	it('places a month-only newest incident on the 15th', () => {
		const s = store({ incidents: [incident({ id: 'a', date: '2024-06' }), incident({ id: 'b', date: '2024-06-10' })] });
		expect(riskWindow(s, { days: 30 }).end).toBe('2024-06-15');
	});

	it('reads a month or year as its last day, and rejects bad dates and window lengths', () => {
		expect(riskWindow(store({}), { days: 30, asOf: '2025-02' }).end).toBe('2025-02-28');
		expect(riskWindow(store({}), { days: 30, asOf: '2024' }).end).toBe('2024-12-31');
		expect(() => riskWindow(store({}), { days: 30, asOf: '2025-02-30' })).toThrow(/as-of/);
		expect(() => riskWindow(store({}), { days: 45 as 30 })).toThrow(/30, 90, 365/);
	});

	it('falls back to the newest article, then 1970-01-01, for a store without incidents', () => {
		const s = store({
			articles: [
				article({ id: 'a', published: '2024-02-03T10:00:00Z' }),
				article({ id: 'b', published: '2023-01-01' }),
			],
		});
		expect(riskWindow(s, { days: 30 }).end).toBe('2024-02-03');
		expect(riskWindow(store({}), { days: 30 }).end).toBe('1970-01-01');
	});
});

describe('countryRisk arithmetic', () => {
	const s = store({
		countries: [country({ code: 'XX', name: 'Exland' })],
		actors: [actor({ id: 'gov', name: 'Governor Gee', kind: 'person' })],
		incidents: [
			// On the last day: recency 1. (3 + 0.5 × log2(1 + 7) = 1.5) × 1 = 4.5
			incident({ id: 'end', date: '2025-01-30', type: 'suicide bombing', fatalities: 7 }),
			// On the first day: recency 0.5. (2.5 + 0.5 × log2(1 + 3) = 1) × 0.5 = 1.75
			incident({ id: 'start', date: '2025-01-01', type: 'armed assault', fatalities: 3 }),
			// One day before the window: only in the previous window, on its last day: 2 × 1 = 2
			incident({ id: 'before', date: '2024-12-31', type: 'bombing' }),
			// One day after the as-of date: in neither window.
			incident({ id: 'after', date: '2025-01-31', type: 'bombing', fatalities: 100 }),
		],
	});
	const w = riskWindow(s, { days: 30, asOf });
	const r = countryRisk(s, 'XX', w);

	it('adds type, fatality and recency terms and scales to 90 days', () => {
		// (4.5 + 1.75) × 3 = 18.75 → 18.8
		expect(r.score).toBe(18.8);
		expect(r.level).toBe('high');
		expect(r.incidents).toBe(2);
		expect(r.fatalities).toBe(10);
		expect(r.unknownFatalities).toBe(0);
	});

	it('counts incidents on the first and last day, not one day outside', () => {
		expect(r.explanation.incidents.map((p) => p.id)).toEqual(['end', 'start']);
		expect(r.explanation.incidents.map((p) => p.recency)).toEqual([1, 0.5]);
		expect(r.explanation.incidents.map((p) => p.points)).toEqual([13.5, 5.25]);
	});

	it('explains each term, and the terms add up to the score', () => {
		expect(r.explanation.scale).toBe(3);
		expect(r.explanation.terms).toEqual([
			// 3 × 1 × 3
			{ kind: 'type', name: 'suicide bombing (weight 3)', value: 1, contribution: 9, incidents: ['end'] },
			// (1.5 × 1 + 1 × 0.5) × 3
			{
				kind: 'fatalities',
				name: 'fatalities (0.5 × log2(1 + killed))',
				value: 10,
				contribution: 6,
				incidents: ['end', 'start'],
			},
			// 2.5 × 0.5 × 3
			{ kind: 'type', name: 'armed assault (weight 2.5)', value: 1, contribution: 3.75, incidents: ['start'] },
		]);
		const sum = r.explanation.terms.reduce((t, x) => t + x.contribution, 0);
		expect(sum).toBeCloseTo(18.75, 9);
	});

	it('compares with the previous window', () => {
		// previous: 2 × 3 = 6.0; change 18.8 - 6.0 = 12.8
		expect(r.trend).toEqual({ direction: 'up', previousScore: 6, change: 12.8 });
	});

	it('weights recency linearly by day and adds the bonus for a named person as target', () => {
		const t = store({
			actors: [actor({ id: 'gov', name: 'Governor Gee', kind: 'person' })],
			incidents: [incident({ id: 'mid', date: '2025-01-16', type: 'targeted killing', targets: ['gov'] })],
		});
		const m = countryRisk(t, 'XX', riskWindow(t, { days: 30, asOf }));
		// age 14: recency = 1 - 0.5 × 14/29 = 22/29 ≈ 0.7586; (2 + 1) × 22/29 × 3 = 198/29 ≈ 6.83
		expect(m.score).toBe(6.8);
		expect(m.explanation.incidents[0]).toMatchObject({ recency: 0.759, severity: 1.52, targetPoints: 0.76 });
		expect(m.explanation.terms.find((x) => x.kind === 'target')).toMatchObject({ value: 1, contribution: 2.28 });
	});

	it('scales a 365-day window to 90 days', () => {
		const t = store({ incidents: [incident({ id: 'a', date: asOf, type: 'suicide bombing' })] });
		// 3 × 1 × 90/365 ≈ 0.74
		expect(countryRisk(t, 'XX', riskWindow(t, { days: 365, asOf })).score).toBe(0.7);
	});

	it('counts an unknown toll as 0 killed but keeps the type weight', () => {
		const t = store({ incidents: [incident({ id: 'a', date: asOf, type: 'abduction' })] });
		const m = countryRisk(t, 'XX', riskWindow(t, { days: 30, asOf }));
		// 1.5 × 1 × 3
		expect(m.score).toBe(4.5);
		expect(m.unknownFatalities).toBe(1);
		expect(m.explanation.terms.map((x) => x.kind)).toEqual(['type']);
	});
});

describe('a toll reported as an estimate', () => {
	// Same day (recency 1), same type: only the tolls differ. 0.5 × log2(1 + 7) = 1.5.
	const t = store({
		incidents: [
			incident({ id: 'best', date: asOf, type: 'other', fatalities: { best: 7, low: 3, high: 60 } }),
			incident({ id: 'low', date: asOf, type: 'other', fatalities: { low: 7, high: 60 } }),
			incident({ id: 'high', date: asOf, type: 'other', fatalities: { high: 60 } }),
			incident({ id: 'plain', date: asOf, type: 'other', fatalities: 7 }),
		],
	});
	const r = countryRisk(t, 'XX', riskWindow(t, { days: 30, asOf }));
	const points = Object.fromEntries(r.explanation.incidents.map((p) => [p.id, p]));

	it('counts the best estimate, else the low end; an upper bound alone counts as not reported', () => {
		expect(r.fatalities).toBe(21);
		expect(r.unknownFatalities).toBe(1);
		expect(points.best?.fatalityPoints).toBe(1.5);
		expect(points.low?.fatalityPoints).toBe(1.5);
		expect(points.plain?.fatalityPoints).toBe(1.5);
		expect(points.high?.fatalityPoints).toBe(0);
		expect(r.explanation.terms.find((x) => x.kind === 'fatalities')?.value).toBe(21);
	});

	it('explains each incident with its range', () => {
		expect(points.best).toMatchObject({ fatalities: 7, fatalitiesLow: 3, fatalitiesHigh: 60 });
		expect(points.low).toMatchObject({ fatalities: 7, fatalitiesLow: 7, fatalitiesHigh: 60 });
		expect(points.high).toMatchObject({ fatalitiesHigh: 60 });
		expect(points.high?.fatalities).toBeUndefined();
		expect(points.plain).not.toHaveProperty('fatalitiesLow');
	});

	it('makes an incident mass-casualty by its counted figure, and says the range', () => {
		const m = store({
			incidents: [
				incident({ id: 'a', date: asOf, fatalities: { best: 12, low: 9, high: 20 } }),
				incident({ id: 'b', date: asOf, fatalities: { low: 4, high: 40 } }),
			],
		});
		const tag = countryRisk(m, 'XX', riskWindow(m, { days: 30, asOf })).tags.find((x) => x.kind === 'mass-casualty');
		expect(tag?.evidence).toEqual(['a']);
		expect(tag?.detail).toContain('(12 killed (9–20))');
	});
});

describe('month-only dates', () => {
	const s = store({
		incidents: [
			incident({ id: 'jan', date: '2025-01', type: 'protest' }),
			incident({ id: 'dec', date: '2024-12', type: 'execution' }),
		],
	});

	it('are placed on the 15th for window membership and recency', () => {
		expect(effectiveDay({ date: '2025-01' })).toBe('2025-01-15');
		const r = countryRisk(s, 'XX', riskWindow(s, { days: 30, asOf }));
		// age 15: recency = 1 - 0.5 × 15/29 = 43/58 ≈ 0.7414; 0.5 × 43/58 × 3 = 129/116 ≈ 1.11
		expect(r.score).toBe(1.1);
		expect(r.explanation.incidents.map((p) => [p.id, p.day])).toEqual([['jan', '2025-01-15']]);
		// dec on 2024-12-15 is in the previous window (2024-12-02..12-31), age 16: 1 × (1 - 8/29) × 3 = 63/29 ≈ 2.17
		expect(r.trend).toEqual({ direction: 'down', previousScore: 2.2, change: -1.1 });
	});

	it('do not count in a window ending before the 15th', () => {
		const r = countryRisk(s, 'XX', riskWindow(s, { days: 30, asOf: '2025-01-14' }));
		expect(r.incidents).toBe(0);
		expect(r.score).toBe(0);
	});

	it('land in the sparkline week of the 15th, so the buckets add up to the count', () => {
		const r = countryRisk(s, 'XX', riskWindow(s, { days: 30, asOf }));
		expect(r.buckets.reduce((t, b) => t + b.count, 0)).toBe(1);
		// 2025-01-15 is a Wednesday; its week starts Monday 2025-01-13.
		expect(r.buckets.find((b) => b.count === 1)?.start).toBe('2025-01-13');
	});
});

describe('empty countries and the table', () => {
	const s = store({
		countries: [
			country({ code: 'QQ', name: 'Quietland', tags: ['watch list'] }),
			country({ code: 'XX', name: 'Exland' }),
		],
		incidents: [
			incident({ id: 'x1', date: asOf, type: 'bombing' }),
			incident({ id: 'z1', date: asOf, country: 'ZZ', type: 'armed clash' }),
		],
	});
	const w = riskWindow(s, { days: 30, asOf });

	it('gives a country without incidents a zero score, flat trend and empty buckets', () => {
		const r = countryRisk(s, 'QQ', w);
		expect(r).toMatchObject({ name: 'Quietland', score: 0, level: 'low', incidents: 0, fatalities: 0 });
		expect(r.trend).toEqual({ direction: 'flat', previousScore: 0, change: 0 });
		// Weeks starting 2024-12-30, 01-06, 01-13, 01-20, 01-27.
		expect(r.buckets.map((b) => b.start)).toEqual([
			'2024-12-30',
			'2025-01-06',
			'2025-01-13',
			'2025-01-20',
			'2025-01-27',
		]);
		expect(r.buckets.every((b) => b.count === 0)).toBe(true);
		expect(r.explanation.terms).toEqual([]);
		expect(r.tags).toEqual([
			{
				label: 'watch list',
				kind: 'manual',
				evidence: [],
				actors: [],
				detail: 'manual tag from the country data',
				manual: true,
				weight: 0,
			},
		]);
	});

	it('has one row per country record or incident country, highest score first', () => {
		// XX: 2 × 3 = 6; ZZ (no record, named by code): 1.5 × 3 = 4.5; QQ: 0
		expect(riskTable(s, w).map((r) => [r.code, r.name, r.score])).toEqual([
			['XX', 'Exland', 6],
			['ZZ', 'ZZ', 4.5],
			['QQ', 'Quietland', 0],
		]);
	});
});

describe('levels and trend', () => {
	it('uses the documented thresholds', () => {
		expect([0, 1.9, 2, 4.9, 5, 9.9, 10, 19.9, 20, 55].map(levelFor)).toEqual([
			'low',
			'low',
			'guarded',
			'guarded',
			'elevated',
			'elevated',
			'high',
			'high',
			'severe',
			'severe',
		]);
	});

	it('decides the level on the rounded score', () => {
		// 90-day window, scale 1: a suicide bombing on the last day (3) and a bombing 4 days earlier,
		// 2 × (1 - 0.5 × 4/89) = 1.955: 4.955 shows as 5.0, so elevated, not guarded.
		const s = store({
			incidents: [
				incident({ id: 'a', date: asOf, type: 'suicide bombing' }),
				incident({ id: 'b', date: '2025-01-26', type: 'bombing' }),
			],
		});
		expect(countryRisk(s, 'XX', riskWindow(s, { days: 90, asOf }))).toMatchObject({ score: 5, level: 'elevated' });
		// 5 days earlier: 2 × (1 - 2.5/89) = 1.944, 4.944 → 4.9, guarded
		const t = store({
			incidents: [
				incident({ id: 'a', date: asOf, type: 'suicide bombing' }),
				incident({ id: 'b', date: '2025-01-25', type: 'bombing' }),
			],
		});
		expect(countryRisk(t, 'XX', riskWindow(t, { days: 90, asOf }))).toMatchObject({ score: 4.9, level: 'guarded' });
	});

	it('needs more than 0.5 and more than 10% to move', () => {
		expect(trendOf(7.2, 7.7)).toEqual({ direction: 'flat', previousScore: 7.7, change: -0.5 });
		// +0.6 is more than 0.5 but not more than 10% of 7.7
		expect(trendOf(8.3, 7.7).direction).toBe('flat');
		expect(trendOf(8.5, 7.7)).toEqual({ direction: 'up', previousScore: 7.7, change: 0.8 });
		// exactly 10% of 6.0 is not more than 10%
		expect(trendOf(6.6, 6).direction).toBe('flat');
		expect(trendOf(6.7, 6).direction).toBe('up');
		expect(trendOf(0.6, 0).direction).toBe('up');
		expect(trendOf(0.5, 0).direction).toBe('flat');
		expect(trendOf(2, 3)).toEqual({ direction: 'down', previousScore: 3, change: -1 });
		// compares rounded scores: 7.74 vs 7.25 shows as 7.7 vs 7.3, +0.4
		expect(trendOf(7.74, 7.25)).toEqual({ direction: 'flat', previousScore: 7.3, change: 0.4 });
	});
});

describe('tags of a country whose own forces fight at home', () => {
	const s = store({
		countries: [country({ code: 'XX', name: 'Exland' })],
		actors: [
			actor({ id: 'army', name: 'Exland Army', kind: 'state', countries: ['XX'] }),
			actor({ id: 'foreign', name: 'Wyland Air Force', kind: 'state', countries: ['YY'] }),
			actor({ id: 'rebels', name: 'Rebels', countries: ['XX'] }),
		],
		incidents: [
			incident({ id: 'c1', date: '2025-01-20', type: 'armed clash', perpetrators: ['army', 'rebels'] }),
			incident({ id: 'c2', date: '2025-01-10', type: 'armed clash', perpetrators: ['army', 'rebels'] }),
			incident({ id: 'c3', date: '2025-01-08', type: 'airstrike', perpetrators: ['foreign'] }),
			incident({ id: 'c4', date: '2025-01-05', type: 'airstrike', perpetrators: ['foreign'] }),
		],
	});

	it('tags the rebels and a foreign state, not the home state', () => {
		const labels = countryRisk(s, 'XX', riskWindow(s, { days: 30, asOf: '2025-01-31' })).tags.map((t) => t.label);
		expect(labels).toContain('Rebels activity');
		expect(labels).toContain('Wyland Air Force activity');
		expect(labels).not.toContain('Exland Army activity');
	});
});

describe('tags', () => {
	const s = store({
		countries: [country({ code: 'XX', name: 'Exland', tags: ['analyst note'] })],
		actors: [
			actor({ id: 'grp', name: 'Group of the Long Name', short: 'GLN', countries: ['YY', 'XX'] }),
			actor({ id: 'home', name: 'Home Front', countries: ['XX'] }),
			actor({ id: 'minister', name: 'Minister Em', kind: 'person', countries: ['XX'] }),
		],
		incidents: [
			incident({
				id: 't1',
				date: '2025-01-28',
				type: 'suicide bombing',
				perpetrators: ['grp'],
				targets: ['minister'],
				fatalities: 2,
			}),
			incident({ id: 't2', date: '2025-01-20', type: 'suicide bombing', claimedBy: 'grp', fatalities: 12 }),
			incident({ id: 't3', date: '2025-01-10', type: 'airstrike', perpetrators: ['home'], tags: ['cross-border'] }),
			incident({ id: 't4', date: '2025-01-05', type: 'other', tags: ['mass-casualty', 'foreigners'] }),
			incident({ id: 't5', date: '2025-01-02', type: 'other', perpetrators: ['home'] }),
		],
	});
	const r = countryRisk(s, 'XX', riskWindow(s, { days: 30, asOf }));
	const tag = (label: string) => r.tags.find((t) => t.label === label);

	it('derives types, actors, mass-casualty, cross-border, officials and foreigners with evidence', () => {
		// Points (× 3): t1 13.88, t2 12.04, t3 3.93, t4 3.41, t5 1.55; a tag weighs its evidence.
		expect(r.tags.map((t) => t.label)).toEqual([
			'cross-border', // t1 t2 t3: 29.85
			'suicide attacks', // t1 t2: 25.92 (a type tag goes before an actor tag of equal weight)
			'GLN activity', // t1 t2
			'mass-casualty', // t2 t4: 15.46
			'attacks on officials', // t1: 13.88
			'Home Front activity', // t3 t5: 5.48
			'attacks on foreigners', // t4: 3.41
			'analyst note',
		]);
		expect(tag('suicide attacks')).toMatchObject({
			kind: 'type',
			evidence: ['t1', 't2'],
			detail: '2 of 5 incidents (40%): suicide bombing',
		});
		// perpetrator in one, claimant in the other
		expect(tag('GLN activity')).toMatchObject({ kind: 'actor', evidence: ['t1', 't2'], actors: ['grp'] });
		// grp (perpetrator of t1, claimant of t2) is based in YY; t3 is tagged cross-border though its perpetrator is local
		expect(tag('cross-border')).toMatchObject({ evidence: ['t1', 't2', 't3'], actors: ['grp'] });
		expect(tag('cross-border')?.detail).toContain('GLN (YY)');
		// 12 killed, or tagged mass-casualty by the data
		expect(tag('mass-casualty')).toMatchObject({ evidence: ['t2', 't4'] });
		expect(tag('attacks on officials')).toMatchObject({ evidence: ['t1'], actors: ['minister'] });
		expect(tag('attacks on foreigners')).toMatchObject({ evidence: ['t4'] });
		expect(tag('analyst note')).toMatchObject({ manual: true, evidence: [], weight: 0 });
	});

	it('leaves out rare types, "other", and actors with a single incident', () => {
		// airstrike: 1 of 5 (20%); other: never a tag
		expect(tag('airstrikes')).toBeUndefined();
		expect(r.tags.some((t) => t.kind === 'type' && t.label.includes('other'))).toBe(false);
		const one = store({ incidents: [incident({ id: 'a', date: asOf, type: 'bombing', perpetrators: ['solo'] })] });
		const tags = countryRisk(one, 'XX', riskWindow(one, { days: 30, asOf })).tags.map((t) => t.label);
		// one bombing is 100% of the incidents, so the type tag shows; the single-incident actor does not
		expect(tags).toEqual(['bombings']);
	});

	it('orders tags by the score points of their evidence', () => {
		const weights = r.tags.map((t) => t.weight);
		expect(weights).toEqual([...weights].sort((a, b) => b - a));
		// t1 + t2 points: (3 + 0.5·log2 3 + 1) × r(2) + (3 + 0.5·log2 13) × r(10), × 3
		const r1 = 1 - 0.5 * (2 / 29);
		const r2 = 1 - 0.5 * (10 / 29);
		const expected = ((3 + 0.5 * Math.log2(3) + 1) * r1 + (3 + 0.5 * Math.log2(13)) * r2) * 3;
		expect(tag('suicide attacks')?.weight).toBeCloseTo(expected, 2);
	});
});

describe('the bundled data at the default window', () => {
	const { store: s } = bundled();
	const w = riskWindow(s, { days: 90 });
	const table = riskTable(s, w);

	it('ends at the newest incident', () => {
		expect(w).toMatchObject({ start: '2025-09-25', end: '2025-12-23' });
	});

	// Pinned to data/: an edit to the bundled incidents must update these figures (and the golden brief).
	it('ranks Pakistan, Tajikistan and Afghanistan first, with hand-checked scores', () => {
		// points = (type weight + 0.5·log2(1 + killed) + target bonus) × recency, recency = 1 - 0.5 × age/89
		// PK, 8 incidents: Peshawar FC HQ 11-24 suicide bombing, 3 killed, age 29: (3 + 1) × 74.5/89 = 3.348;
		//   Islamabad court 11-11 suicide bombing, 12 killed, age 42: (3 + 1.850) × 68/89 = 3.706;
		//   Wana 11-10 armed assault, no toll: 2.5 × 67.5/89 = 1.896; Doha ceasefire 10-19 other: 1 × 56.5/89 = 0.635;
		//   border fighting 10-11 armed clash, 32 killed: (1.5 + 2.522) × 52.5/89 = 2.373;
		//   D.I. Khan 10-10 armed assault, 7: (2.5 + 1.5) × 52/89 = 2.337; Orakzai 10-07 armed clash, 11: (1.5 + 1.792) × 50.5/89 = 1.868;
		//   Quetta FC HQ 09-30 armed assault, 10: (2.5 + 1.730) × 47/89 = 2.234            → 18.397 → 18.4
		// PK previous window (06-27 to 09-24): Mir Ali 2.479, Zhob-Loralai 2.098, Bannu 3.421, Quetta rally 4.382,
		//   Tirah 3.285 = 15.665 → 15.7; change +2.7 > 0.5 and > 10% → up
		// TJ: Shohin SM camp 11-26 armed assault, 3 killed, foreigners +1, age 27: (2.5 + 1 + 1) × 75.5/89 = 3.817;
		//   second attack 11-30, 2 killed: (2.5 + 0.792 + 1) × 77.5/89 = 3.738; border clash 12-23 armed clash, 2: 2.292 → 9.848 → 9.8
		// AF: Khost 11-25 airstrike, 10 killed: (2 + 1.730) × 75/89 = 3.143; Paktika 10-17 airstrike, 10: 3.730 × 55.5/89 = 2.326;
		//   Spin Boldak 10-15 armed clash, 15: (1.5 + 2) × 54.5/89 = 2.143;
		//   Kabul 10-09 airstrike, no toll, a named person targeted: (2 + 1) × 51.5/89 = 1.736   → 9.348 → 9.3; previous window empty
		expect(table.slice(0, 3).map((r) => [r.code, r.level, r.score, r.trend.direction, r.trend.previousScore])).toEqual([
			['PK', 'high', 18.4, 'up', 15.7],
			['TJ', 'elevated', 9.8, 'up', 0],
			['AF', 'elevated', 9.3, 'up', 0],
		]);
		expect(table.find((r) => r.code === 'AF')?.tags.map((t) => t.label)).toEqual([
			'Pakistan military activity',
			'cross-border',
			'mass-casualty',
			'airstrikes',
			'attacks on officials',
			'de facto Taliban government',
		]);
	});
});

describe('RISK_FORMULA', () => {
	it('is generated from the constants', () => {
		for (const [type, weight] of Object.entries(TYPE_WEIGHTS)) expect(RISK_FORMULA).toContain(`${type} ${weight}`);
		expect(RISK_FORMULA).toContain('(90 / window days)');
		expect(RISK_FORMULA).toContain('low 0 to <2, guarded 2 to <5, elevated 5 to <10, high 10 to <20, severe 20+');
		expect(RISK_FORMULA).toContain('placed on the 15th');
	});
});
