import { describe, expect, it } from 'vitest';
import {
	countryRisk,
	effectiveDay,
	levelFor,
	machineCodedNote,
	RISK_FORMULA,
	riskTable,
	riskWindow,
	round,
	TYPE_WEIGHTS,
	trendOf,
} from '../../source/core/risk.js';
import { width } from '../../source/core/width.js';
import { linesToText } from '../../source/present/plain.js';
import { CHANGED_SHOWN, countryLines } from '../../source/present/views/country.js';
import { actor, article, country, incident, store } from '../support/fixtures.js';
import { bundled } from '../support/helpers.js';

// All hand-built cases use a 30-day window ending 2025-01-30:
// 2025-01-01..2025-01-30, previous 2024-12-02..2024-12-31, scale 365/30/0.75 = 16.2222 (a yearly
// rate; 0.75 is the mean recency), recency = 1 - 0.5 × age / 29 (age in days before 2025-01-30).
const SCALE_30 = 365 / 30 / 0.75;
const asOf = '2025-01-30';

describe('riskWindow', () => {
	it('ends at --as-of and has a previous window of equal length', () => {
		const w = riskWindow(store({}), { days: 30, asOf });
		expect(w).toEqual({
			days: 30,
			start: '2025-01-01',
			end: '2025-01-30',
			previous: { start: '2024-12-02', end: '2024-12-31' },
			// The trend's baseline: four windows of 30 days before this one, newest first.
			baseline: [
				{ start: '2024-12-02', end: '2024-12-31' },
				{ start: '2024-11-02', end: '2024-12-01' },
				{ start: '2024-10-03', end: '2024-11-01' },
				{ start: '2024-09-03', end: '2024-10-02' },
			],
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
			// On the last day: recency 1. (3 + 7 killed) × 1 = 10
			incident({ id: 'end', date: '2025-01-30', type: 'suicide bombing', fatalities: 7 }),
			// On the first day: recency 0.5. (2.5 + 3 killed) × 0.5 = 2.75
			incident({ id: 'start', date: '2025-01-01', type: 'armed assault', fatalities: 3 }),
			// One day before the window: only in the previous window, on its last day: 2 × 1 = 2
			incident({ id: 'before', date: '2024-12-31', type: 'bombing' }),
			// One day after the as-of date: in neither window.
			incident({ id: 'after', date: '2025-01-31', type: 'bombing', fatalities: 100 }),
		],
	});
	const w = riskWindow(s, { days: 30, asOf });
	const r = countryRisk(s, 'XX', w);

	it('adds the killed, the type weights and recency, and scales the sum to a yearly rate', () => {
		// (10 + 2.75) × 16.2222 = 206.83 → 207: guarded (25 to <250 a year)
		expect(r.score).toBe(207);
		expect(r.level).toBe('guarded');
		expect(r.incidents).toBe(2);
		expect(r.fatalities).toBe(10);
		expect(r.unknownFatalities).toBe(0);
	});

	it('counts incidents on the first and last day, not one day outside', () => {
		expect(r.explanation.incidents.map((p) => p.id)).toEqual(['end', 'start']);
		expect(r.explanation.incidents.map((p) => p.recency)).toEqual([1, 0.5]);
		// 10 × 16.2222 = 162.22; 2.75 × 16.2222 = 44.61
		expect(r.explanation.incidents.map((p) => p.points)).toEqual([162.22, 44.61]);
	});

	it('explains each term, and the terms add up to the score', () => {
		expect(r.explanation.scale).toBe(16.2222);
		expect(r.explanation.terms).toEqual([
			// (7 × 1 + 3 × 0.5) × 16.2222 = 137.89
			{ kind: 'fatalities', name: 'killed (1 each)', value: 10, contribution: 137.9, incidents: ['end', 'start'] },
			// 3 × 1 × 16.2222 = 48.67
			{ kind: 'type', name: 'suicide bombing (weight 3)', value: 1, contribution: 48.7, incidents: ['end'] },
			// 2.5 × 0.5 × 16.2222 = 20.28
			{ kind: 'type', name: 'armed assault (weight 2.5)', value: 1, contribution: 20.3, incidents: ['start'] },
		]);
		const sum = r.explanation.terms.reduce((t, x) => t + x.contribution, 0);
		expect(sum).toBeCloseTo(12.75 * SCALE_30, 0);
	});

	it("compares with the country's own baseline, the mean of the four windows before", () => {
		// previous window: 2 × 16.2222 = 32.4 → 32; the three before it: 0. Baseline (32 + 0 + 0 + 0) / 4 = 8;
		// 207 - 8 = 199, more than 10 and more than 25% of 8: up.
		expect(r.trend).toEqual({
			direction: 'up',
			previousScore: 32,
			baseline: 8,
			baselineScores: [32, 0, 0, 0],
			change: 199,
		});
	});

	it('weights recency linearly by day and adds the bonus for a named person as target', () => {
		const t = store({
			actors: [actor({ id: 'gov', name: 'Governor Gee', kind: 'person' })],
			incidents: [incident({ id: 'mid', date: '2025-01-16', type: 'targeted killing', targets: ['gov'] })],
		});
		const m = countryRisk(t, 'XX', riskWindow(t, { days: 30, asOf }));
		// age 14: recency = 1 - 0.5 × 14/29 = 22/29 ≈ 0.7586; (2 + 1) × 22/29 × 16.2222 = 36.92
		expect(m.score).toBe(37);
		expect(m.explanation.incidents[0]).toMatchObject({ recency: 0.759, severity: 1.52, targetPoints: 0.76 });
		// 1 × 22/29 × 16.2222 = 12.31
		expect(m.explanation.terms.find((x) => x.kind === 'target')).toMatchObject({ value: 1, contribution: 12.3 });
	});

	it('scales a 365-day window to a year: only the mean recency divides', () => {
		const t = store({ incidents: [incident({ id: 'a', date: asOf, type: 'suicide bombing' })] });
		// 3 × 1 × 365/365/0.75 = 4
		expect(countryRisk(t, 'XX', riskWindow(t, { days: 365, asOf })).score).toBe(4);
	});

	it('scores steady violence at its yearly rate: a death a day for 90 days counts 365 dead a year', () => {
		const days = Array.from({ length: 90 }, (_, i) => {
			const d = new Date(Date.UTC(2025, 0, 30 - i));
			return d.toISOString().slice(0, 10);
		});
		const t = store({
			incidents: days.map((date, i) => incident({ id: `d${i}`, date, type: 'other', fatalities: 1 })),
		});
		const m = countryRisk(t, 'XX', riskWindow(t, { days: 90, asOf }));
		// 'other' weighs 1, so each day is 2 deaths-equivalents: 730 a year (recency averages exactly 0.75).
		expect(m.score).toBe(730);
		expect(m.level).toBe('elevated');
		expect(m.fatalities).toBe(90);
	});

	it('counts an unknown toll as 0 killed but keeps the type weight', () => {
		const t = store({ incidents: [incident({ id: 'a', date: asOf, type: 'abduction' })] });
		const m = countryRisk(t, 'XX', riskWindow(t, { days: 30, asOf }));
		// 1.5 × 1 × 16.2222 = 24.3: just under the 25 a year of an armed conflict
		expect(m.score).toBe(24);
		expect(m.level).toBe('low');
		expect(m.unknownFatalities).toBe(1);
		expect(m.explanation.terms.map((x) => x.kind)).toEqual(['type']);
	});
});

describe('a toll reported as an estimate', () => {
	// Same day (recency 1), same type: only the tolls differ. 7 killed × 1 each × recency 1 = 7 points before scaling.
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
		expect(points.best?.fatalityPoints).toBe(7);
		expect(points.low?.fatalityPoints).toBe(7);
		expect(points.plain?.fatalityPoints).toBe(7);
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
		// age 15: recency = 1 - 0.5 × 15/29 = 43/58 ≈ 0.7414; 0.5 × 43/58 × 16.2222 = 6.01
		expect(r.score).toBe(6);
		expect(r.explanation.incidents.map((p) => [p.id, p.day])).toEqual([['jan', '2025-01-15']]);
		// dec on 2024-12-15 is in the previous window (2024-12-02..12-31), age 16: 1 × (1 - 8/29) × 16.2222 = 11.75;
		// baseline (12 + 0 + 0 + 0) / 4 = 3; 6 - 3 is not more than 10: flat
		expect(r.trend).toEqual({
			direction: 'flat',
			previousScore: 12,
			baseline: 3,
			baselineScores: [12, 0, 0, 0],
			change: 3,
		});
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
		expect(r.trend).toEqual({
			direction: 'flat',
			previousScore: 0,
			baseline: 0,
			baselineScores: [0, 0, 0, 0],
			change: 0,
		});
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
		// XX: 2 × 16.2222 = 32.4; ZZ (no record, named by code): 1.5 × 16.2222 = 24.3; QQ: 0
		expect(riskTable(s, w).map((r) => [r.code, r.name, r.score])).toEqual([
			['XX', 'Exland', 32],
			['ZZ', 'ZZ', 24],
			['QQ', 'Quietland', 0],
		]);
	});
});

describe('levels and trend', () => {
	it('uses the documented thresholds', () => {
		expect([0, 24, 25, 249, 250, 999, 1000, 4999, 5000, 36000].map(levelFor)).toEqual([
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
		// 90-day window, scale 365/90/0.75 = 5.4074: a suicide bombing on the last day (3 × 5.4074 = 16.22) and
		// a bombing 41 days earlier, 2 × (1 - 0.5 × 41/89) × 5.4074 = 8.32: 24.55 shows as 25, so guarded.
		const s = store({
			incidents: [
				incident({ id: 'a', date: asOf, type: 'suicide bombing' }),
				incident({ id: 'b', date: '2024-12-20', type: 'bombing' }),
			],
		});
		expect(countryRisk(s, 'XX', riskWindow(s, { days: 90, asOf }))).toMatchObject({ score: 25, level: 'guarded' });
		// 42 days earlier: 2 × (1 - 0.5 × 42/89) × 5.4074 = 8.26, 24.49 → 24, low
		const t = store({
			incidents: [
				incident({ id: 'a', date: asOf, type: 'suicide bombing' }),
				incident({ id: 'b', date: '2024-12-19', type: 'bombing' }),
			],
		});
		expect(countryRisk(t, 'XX', riskWindow(t, { days: 90, asOf }))).toMatchObject({ score: 24, level: 'low' });
	});

	it('needs more than 10 and more than 25% away from the baseline to move', () => {
		expect(trendOf(100, [80, 80, 80, 80])).toEqual({
			direction: 'flat',
			previousScore: 80,
			baseline: 80,
			baselineScores: [80, 80, 80, 80],
			change: 20,
		});
		// exactly 25% of 80 is not more than 25%; 21 is
		expect(trendOf(101, [80, 80, 80, 80]).direction).toBe('up');
		// more than 25% of 0, but not more than 10
		expect(trendOf(10, [0, 0, 0, 0]).direction).toBe('flat');
		expect(trendOf(11, [0, 0, 0, 0]).direction).toBe('up');
		// baseline (40 + 50 + 60 + 50) / 4 = 50: -20 is more than 10 and more than 12.5
		expect(trendOf(30, [40, 50, 60, 50])).toMatchObject({
			direction: 'down',
			previousScore: 40,
			baseline: 50,
			change: -20,
		});
		// the previous window alone would say down (90 against 300); against the baseline it is flat
		expect(trendOf(90, [300, 20, 30, 10]).direction).toBe('flat');
		// compares rounded scores, and the mean is rounded as shown: 100.4 vs (80.4, 80.6, 80, 80) → 100 vs 80
		expect(trendOf(100.4, [80.4, 80.6, 80, 80])).toMatchObject({
			baselineScores: [80, 81, 80, 80],
			baseline: 80,
			change: 20,
		});
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
		// t1 + t2 points: (3 + 2 killed + 1 official) × r(2) + (3 + 12 killed) × r(10), × 16.2222
		const r1 = 1 - 0.5 * (2 / 29);
		const r2 = 1 - 0.5 * (10 / 29);
		const expected = ((3 + 2 + 1) * r1 + (3 + 12) * r2) * SCALE_30;
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

	it("counts Pakistan's dead in the 90 days to 11 March 2025 (the Jaffar Express, Bannu, Akora Khattak...)", () => {
		const pk = countryRisk(s, 'PK', riskWindow(s, { days: 90, asOf: '2025-03-11' }));
		expect(pk.fatalities).toBe(71);
		expect(pk.unknownFatalities).toBe(0);
		expect(pk.tags.map((t) => t.label)).toContain('mass-casualty');
	});

	// Pinned to data/: an edit to the bundled incidents must update these figures (and the golden brief).
	it('ranks Pakistan, Afghanistan and Tajikistan first, with hand-checked scores', () => {
		// points = (type weight + killed + target bonus) × recency, recency = 1 - 0.5 × age/89; score = Σ × 365/90/0.75 (5.4074)
		// PK, 8 incidents: Peshawar FC HQ 11-24 suicide bombing, 3 killed, age 29: (3 + 3) × 74.5/89 = 5.022;
		//   Islamabad court 11-11 suicide bombing, 12 killed, age 42: 15 × 68/89 = 11.461;
		//   Wana 11-10 armed assault, no toll: 2.5 × 67.5/89 = 1.896; Doha ceasefire 10-19 other: 1 × 56.5/89 = 0.635;
		//   border fighting 10-11 armed clash, 32 killed: 33.5 × 52.5/89 = 19.761;
		//   D.I. Khan 10-10 armed assault, 7: 9.5 × 52/89 = 5.551; Orakzai 10-07 armed clash, 11: 12.5 × 50.5/89 = 7.093;
		//   Quetta FC HQ 09-30 armed assault, 10: 12.5 × 47/89 = 6.601          → 58.020 × 5.4074 = 313.7 → 314, elevated
		//   75 killed; baseline: the four windows before score 337, 196, 319, 447 (mean 325): -11 is not 25% of it, flat
		// AF: Khost 11-25 airstrike, 10 killed: 12 × 75/89 = 10.112; Paktika 10-17 airstrike, 10: 12 × 55.5/89 = 7.483;
		//   Spin Boldak 10-15 armed clash, 15: 16.5 × 54.5/89 = 10.104;
		//   Kabul 10-09 airstrike, no toll, a named person targeted: (2 + 1) × 51.5/89 = 1.736 → 29.435 × 5.4074 = 159.2 → 159
		// TJ: Shohin SM camp 11-26 armed assault, 3 killed, foreigners +1, age 27: 6.5 × 75.5/89 = 5.514;
		//   second attack 11-30, 2 killed, +1: 5.5 × 77.5/89 = 4.789; border clash 12-23 armed clash, 2: 3.5 × 1 = 3.5
		//   → 13.803 × 5.4074 = 74.6 → 75
		expect(
			table.slice(0, 3).map((r) => [r.code, r.level, r.score, r.fatalities, r.trend.direction, r.trend.baseline]),
		).toEqual([
			['PK', 'elevated', 314, 75, 'flat', 325],
			['AF', 'guarded', 159, 35, 'up', 93],
			['TJ', 'guarded', 75, 7, 'up', 5],
		]);
		expect(table[0]?.trend.baselineScores).toEqual([337, 196, 319, 447]);
		// Pakistan's 251.3 million: 75 killed in 90 days is 304 a year, 0.12 per 100,000.
		expect(table[0]?.rate).toMatchObject({ killedPerYear: 304, perHundredThousand: 0.12, population: 251_300_000 });
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
		expect(RISK_FORMULA).toContain('(365 / window days) / 0.75');
		expect(RISK_FORMULA).toContain(
			'low 0 to <25, guarded 25 to <250, elevated 250 to <1000, high 1000 to <5000, severe 5000+',
		);
		expect(RISK_FORMULA).toContain('mean score of the 4 windows of equal length before');
		expect(RISK_FORMULA).toContain('placed on the 15th');
	});
});

describe('machine-coded incidents', () => {
	// Two people-coded incidents and three GDELT ones in the window, one GDELT one in the window before.
	const gdelt = (id: string, date: string, fatalities?: number) =>
		incident({ id, date, type: 'bombing', machineCoded: true, tags: ['gdelt'], ...(fatalities ? { fatalities } : {}) });
	const s = store({
		countries: [country({ code: 'XX', name: 'Exland' })],
		incidents: [
			incident({ id: 'end', date: '2025-01-30', type: 'suicide bombing', fatalities: 7 }),
			incident({ id: 'start', date: '2025-01-01', type: 'armed assault', fatalities: 3 }),
			gdelt('g1', '2025-01-29', 40),
			gdelt('g2', '2025-01-20'),
			gdelt('g3', '2025-01-10'),
			gdelt('g0', '2024-12-31', 20),
		],
	});

	it('are left out of the score, the counts, the trend and the tags by default, and said to be', () => {
		const r = countryRisk(s, 'XX', riskWindow(s, { days: 30, asOf }));
		// As without them: (10 + 2.75) × 16.2222 = 207, against a baseline of 0.
		expect(r).toMatchObject({
			score: 207,
			incidents: 2,
			fatalities: 10,
			machineCoded: { incidents: 3, counted: false },
		});
		expect(r.trend.baselineScores).toEqual([0, 0, 0, 0]);
		expect(r.explanation.incidents.map((p) => p.id)).toEqual(['end', 'start']);
		expect(r.tags.map((t) => t.label)).not.toContain('bombings');
		expect(machineCodedNote(r.machineCoded)).toBe(
			'3 machine-coded (GDELT) incidents not counted; --machine-coded or the riskMachineCoded setting counts them',
		);
	});

	it('count like any other when the window asks for them', () => {
		const w = riskWindow(s, { days: 30, asOf, includeMachineCoded: true });
		expect(w.includeMachineCoded).toBe(true);
		const r = countryRisk(s, 'XX', w);
		expect(r).toMatchObject({ incidents: 5, fatalities: 50, machineCoded: { incidents: 3, counted: true } });
		expect(r.explanation.incidents.map((p) => p.id)).toEqual(['end', 'g1', 'g2', 'g3', 'start']);
		expect(r.score).toBeGreaterThan(207);
		// g0 is in the window before: (2 + 20) × 1 × 16.2222 = 357
		expect(r.trend.baselineScores[0]).toBe(357);
		expect(r.tags.map((t) => t.label)).toContain('bombings');
		expect(machineCodedNote(r.machineCoded)).toBe(
			'3 machine-coded (GDELT) incidents counted (--machine-coded or the riskMachineCoded setting)',
		);
	});

	it('the table agrees with each country; one incident is "it"; none says nothing', () => {
		const w = riskWindow(s, { days: 30, asOf });
		expect(riskTable(s, w)[0]).toMatchObject({ code: 'XX', score: 207, machineCoded: { incidents: 3 } });
		expect(machineCodedNote({ incidents: 1, counted: false })).toMatch(
			/^1 machine-coded \(GDELT\) incident not counted; .* counts it$/,
		);
		expect(machineCodedNote({ incidents: 0, counted: false })).toBeUndefined();
		// A window that does not ask carries no flag (JSON output stays as it was).
		expect(w).not.toHaveProperty('includeMachineCoded');
		expect(riskWindow(s, { days: 30, asOf, includeMachineCoded: false })).not.toHaveProperty('includeMachineCoded');
	});
});

describe('what changed since the window before', () => {
	const { store: data } = bundled();

	it('names the Gohar Kuh ambush as what left the window when Iran falls to 0', () => {
		const window = riskWindow(data, { days: 90, asOf: '2025-03-01' });
		const r = countryRisk(data, 'IR', window);
		expect(r.trend.direction).toBe('down');
		const { left, came } = r.explanation.changed;
		expect(left[0]).toMatchObject({ id: 'inc-2024-10-26-taftan-gohar-kuh', type: 'armed assault', fatalities: 10 });
		expect(came).toEqual([]);
		// The incidents that left are exactly what the previous window's score was made of.
		expect(Math.round(left.reduce((s, p) => s + p.points, 0))).toBe(r.trend.previousScore);
		expect(JSON.parse(JSON.stringify(r)).explanation.changed.left[0].id).toBe('inc-2024-10-26-taftan-gohar-kuh');
		const plain = linesToText(countryLines(data, 'IR', 80, window));
		expect(plain).toContain('What changed · 2024-09-03 to 2024-12-01 scored 54, this window 0');
		expect(plain).toMatch(/left 2024-10-26 armed assault, Gohar Kuh, Taftan County +10 killed · \+53\.92/);
		expect(plain).toContain('new  nothing: no incidents in this window');
	});

	it('shows the heaviest three on each side, counts the rest, and fits 80 columns', () => {
		const window = riskWindow(data, { days: 365 });
		const r = countryRisk(data, 'PK', window);
		const { left, came } = r.explanation.changed;
		expect(left.length).toBeGreaterThan(CHANGED_SHOWN);
		expect(came.length).toBeGreaterThan(CHANGED_SHOWN);
		for (const list of [left, came]) {
			for (let i = 1; i < list.length; i++) expect(list[i - 1]?.points).toBeGreaterThanOrEqual(list[i]?.points ?? 0);
		}
		expect(came.map((p) => p.id).sort()).toEqual(r.explanation.incidents.map((p) => p.id).sort());
		const lines = linesToText(countryLines(data, 'PK', 80, window)).split('\n');
		const at = lines.findIndex((l) => l.startsWith('What changed'));
		const block = lines.slice(at, lines.indexOf('', at));
		expect(block.filter((l) => /^ {2}left /.test(l))).toHaveLength(CHANGED_SHOWN);
		expect(block.filter((l) => /^ {2}new {2}/.test(l))).toHaveLength(CHANGED_SHOWN);
		expect(block).toContain(
			`       … and ${left.length - CHANGED_SHOWN} more (+${round(
				left.slice(CHANGED_SHOWN).reduce((s, p) => s + p.points, 0),
				1,
			)})`,
		);
		for (const l of block) expect(width(l)).toBeLessThanOrEqual(80);
		// The first named is the heaviest, with its toll and points.
		expect(block[1]).toContain(`+${left[0]?.points}`);
	});
});
