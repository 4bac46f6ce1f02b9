// core/fatalities.ts: the one reader of an incident's toll, a plain count or an
// estimate {best, low, high, reports, note}.
import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../source/commands/context.js';
import { runTimeline } from '../../source/commands/timeline.js';
import { backendOf } from '../../source/core/backend/memory.js';
import {
	countedOf,
	formatToll,
	killedPhrase,
	rangeOf,
	rangeSentence,
	reportLine,
	tollCell,
	tollFromEstimates,
	tollJson,
} from '../../source/core/fatalities.js';
import { setGlyphs } from '../../source/core/glyphs.js';
import { Resolver } from '../../source/core/resolve.js';
import type { Fatalities } from '../../source/core/schema.js';
import { incident, store } from '../support/fixtures.js';

afterEach(() => setGlyphs('unicode'));

const reports = [
	{ figure: 58, by: 'Afghan officials', outlet: 'Reuters', date: '2021-05-09' },
	{ figure: 85, by: 'Afghan government', outlet: 'CNN', date: '2021-05-10' },
];

// [toll, counted, range, short form, sentence form]
const CASES: [Fatalities | undefined, number | undefined, object | undefined, string, string][] = [
	[undefined, undefined, undefined, '–', 'toll not reported'],
	[0, 0, undefined, '0', '0 killed'],
	[12, 12, undefined, '12', '12 killed'],
	[{ best: 12 }, 12, undefined, '12', '12 killed'],
	[{ best: 12, low: 12, high: 12 }, 12, undefined, '12', '12 killed'],
	[{ best: 85, low: 58, high: 85, reports }, 85, { low: 58, high: 85 }, '85 (58–85)', '85 killed (58–85)'],
	[{ best: 85, low: 58 }, 85, { low: 58, high: 85 }, '85 (58–85)', '85 killed (58–85)'],
	[{ best: 20, high: 23 }, 20, { low: 20, high: 23 }, '20 (20–23)', '20 killed (20–23)'],
	[{ low: 19, high: 66 }, 19, { low: 19, high: 66 }, '19–66', '19–66 killed'],
	[{ low: 5, high: 5 }, 5, undefined, '5', '5 killed'],
	[{ low: 19 }, 19, { low: 19, high: undefined }, '19+', '19+ killed'],
	[{ high: 66 }, undefined, { low: undefined, high: 66 }, 'up to 66', 'up to 66 killed'],
];

describe('a toll, read', () => {
	it.each(CASES)('%j counts %s, spans %j, reads %s / %s', (f, counted, range, short, phrase) => {
		expect(countedOf(f)).toBe(counted);
		expect(rangeOf(f)).toEqual(range);
		expect(formatToll(f, '–')).toBe(short);
		expect(killedPhrase(f)).toBe(phrase);
	});

	it('counts the best estimate, else the low end: never the high end or a report', () => {
		expect(countedOf({ best: 30, low: 25, high: 40 })).toBe(30);
		expect(countedOf({ low: 25, high: 40 })).toBe(25);
		const claim = { figure: 214, by: 'the BLA (claim)', outlet: 'Reuters', date: '2025-03-12' };
		expect(countedOf({ best: 26, reports: [claim] })).toBe(26);
	});

	it('says why in words: the range, a report with who, where and when', () => {
		expect(rangeSentence({ low: 19, high: 66 })).toBe('reports range from 19 to 66');
		expect(rangeSentence({ best: 85, low: 58 })).toBe('reports range from 58 to 85');
		expect(rangeSentence({ low: 19 })).toBe('reports give at least 19');
		expect(rangeSentence({ high: 66 })).toBe('reports give up to 66');
		expect(rangeSentence(85)).toBeUndefined();
		expect(rangeSentence({ best: 85, reports })).toBeUndefined();
		expect(reportLine({ figure: 85, by: 'Afghan government', outlet: 'CNN', date: '2021-05-10' })).toBe(
			'85 — Afghan government (CNN, 2021-05-10)',
		);
		expect(reportLine({ figure: 12, upTo: 15, by: 'police', outlet: 'Dawn', date: '2025-03-11T09:00Z' })).toBe(
			'12–15 — police (Dawn, 2025-03-11)',
		);
	});

	it('draws the range and the cut in the glyph set in force', () => {
		setGlyphs('ascii');
		expect(formatToll({ best: 85, low: 58, high: 85 }, '-')).toBe('85 (58-85)');
		expect(tollCell({ best: 85, low: 58, high: 85 }, '-', 4)).toBe('85~');
	});

	it('fits a table cell: the whole when it fits, else the counted figure and an ellipsis', () => {
		expect(tollCell(undefined, '-', 4)).toBe('-');
		expect(tollCell(7, '-', 4)).toBe('7');
		expect(tollCell({ best: 85, low: 58, high: 85 }, '-', 10)).toBe('85 (58–85)');
		expect(tollCell({ best: 85, low: 58, high: 85 }, '-', 7)).toBe('85…');
		expect(tollCell({ low: 19, high: 66 }, '-', 7)).toBe('19–66');
		expect(tollCell({ low: 19, high: 66 }, '-', 4)).toBe('19…');
		expect(tollCell({ high: 66 }, '-', 4)).toBe('…66');
	});

	it('gives answer JSON the counted figure or null, the range’s ends and the reports', () => {
		expect(tollJson(undefined)).toEqual({ fatalities: null });
		expect(tollJson(12)).toEqual({ fatalities: 12 });
		expect(tollJson({ best: 85, low: 58, high: 85, reports })).toEqual({
			fatalities: 85,
			fatalitiesLow: 58,
			fatalitiesHigh: 85,
			fatalityReports: reports,
		});
		expect(tollJson({ low: 19, high: 66 })).toEqual({ fatalities: 19, fatalitiesLow: 19, fatalitiesHigh: 66 });
		expect(tollJson({ high: 66 })).toEqual({ fatalities: null, fatalitiesHigh: 66 });
		expect(tollJson({ best: 4, reports })).toEqual({ fatalities: 4, fatalityReports: reports });
	});
});

describe('a data set’s estimates as a toll', () => {
	it('is the plain best figure when the range adds nothing, else the object', () => {
		expect(tollFromEstimates()).toBeUndefined();
		expect(tollFromEstimates(3, 3, 3)).toBe(3);
		expect(tollFromEstimates(3)).toBe(3);
		expect(tollFromEstimates(30, 25, 40)).toEqual({ best: 30, low: 25, high: 40 });
		expect(tollFromEstimates(20, 20, 23)).toEqual({ best: 20, low: 20, high: 23 });
		expect(tollFromEstimates(undefined, 19, 66)).toEqual({ low: 19, high: 66 });
	});

	it('refuses estimates that contradict each other, saying how', () => {
		expect(() => tollFromEstimates(30, 35, 40)).toThrow(
			'estimates best 30, low 35, high 40: expected "low" ≤ "best" (30)',
		);
	});
});

describe('answer JSON (sitrep timeline --json)', () => {
	const s = store({
		incidents: [
			incident({ id: 'a', date: '2021-05-08', fatalities: { best: 85, low: 58, high: 85, reports, note: 'n' } }),
			incident({ id: 'b', date: '2021-05-07', fatalities: { low: 19, high: 66 } }),
			incident({ id: 'c', date: '2021-05-06', fatalities: 12, injured: 3 }),
			incident({ id: 'd', date: '2021-05-05' }),
		],
	});

	function timelineJson(): { incidents: Record<string, unknown>[] } {
		const out: string[] = [];
		const ctx: Ctx = { out: (l) => out.push(l), outStyled: (l) => out.push(l), err: () => {}, color: false };
		expect(runTimeline(backendOf(s), new Resolver(s), { json: true }, ctx)).toBe(0);
		return JSON.parse(out.join('\n'));
	}

	it('gives every incident the counted toll or null, the range and the reports where there are any', () => {
		const byId = Object.fromEntries(timelineJson().incidents.map((i) => [i.id, i]));
		expect(byId.a).toMatchObject({ fatalities: 85, fatalitiesLow: 58, fatalitiesHigh: 85, fatalityReports: reports });
		expect(byId.b).toMatchObject({ fatalities: 19, fatalitiesLow: 19, fatalitiesHigh: 66 });
		expect(byId.b).not.toHaveProperty('fatalityReports');
		expect(byId.c).toMatchObject({ fatalities: 12, injured: 3 });
		expect(byId.c).not.toHaveProperty('fatalitiesLow');
		expect(byId.d).toMatchObject({ fatalities: null });
	});

	it('puts the toll where the record has it among the fields', () => {
		const keys = Object.keys(timelineJson().incidents.find((i) => i.id === 'a') ?? {});
		expect(keys.slice(keys.indexOf('targets'), keys.indexOf('description') + 1)).toEqual([
			'targets',
			'fatalities',
			'fatalitiesLow',
			'fatalitiesHigh',
			'fatalityReports',
			'description',
		]);
		const plain = Object.keys(timelineJson().incidents.find((i) => i.id === 'd') ?? {});
		expect(plain.indexOf('fatalities')).toBe(plain.indexOf('targets') + 1);
	});
});
