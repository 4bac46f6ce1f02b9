// The loader's fast path must agree with zod: never accept what zod rejects,
// and build exactly zod's output (key order included) for what it accepts.
import { describe, expect, it } from 'vitest';
import { fastActor, fastArticle, fastCountry, fastIncident } from '../../source/core/recordCheck.js';
import { actorSchema, articleSchema, countrySchema, incidentSchema } from '../../source/core/schema.js';
import { bundled } from '../support/helpers.js';
import { synthArticles } from '../support/synth.js';

const MUTATIONS: ((r: Record<string, unknown>, key: string) => void)[] = [
	(r, k) => delete r[k],
	(r, k) => {
		r[k] = '';
	},
	(r, k) => {
		r[k] = 42;
	},
	(r, k) => {
		r[k] = -1;
	},
	(r, k) => {
		r[k] = Number.NaN;
	},
	(r, k) => {
		r[k] = 1.5;
	},
	(r, k) => {
		r[k] = null;
	},
	(r, k) => {
		r[k] = [];
	},
	(r, k) => {
		r[k] = ['', 'x'];
	},
	(r, k) => {
		r[k] = '2024-02-30';
	},
	(r, k) => {
		r[k] = 'Not An Id';
	},
	(r, k) => {
		r[k] = { outlet: 'X', date: '2024-01-01', url: 'not a url' };
	},
	(r, k) => {
		r[k] = [{ dataset: 'UCDP GED', ref: '1', extra: true }];
	},
	(r, k) => {
		r[k] = { best: 9, low: 12 };
	},
	(r, k) => {
		r[k] = { low: 2, high: 7, reports: [{ figure: 2, upTo: 7, by: 'officials', outlet: 'X', date: '2024-01-01' }] };
	},
	(r, k) => {
		r[k] = { best: 3, reports: [] };
	},
	(r) => {
		r.fatalites = 3;
	},
	(r) => {
		r.$schema = 5;
	},
	(r, k) => {
		r[k] = '2024';
	},
	(r, k) => {
		r[k] = '0999';
	},
	(r, k) => {
		r[k] = 'nobody';
	},
	(r, k) => {
		r[k] = [{ actor: 'iskp', relation: 'ally' }];
	},
	(r, k) => {
		r[k] = [{ relation: 'ally', actor: 'iskp' }];
	},
	(r, k) => {
		r[k] = [{ actor: 'iskp', relation: 'friend' }];
	},
	(r, k) => {
		r[k] = [{ actor: 'iskp', relation: 'member', role: 'chief', since: '2021-02', until: '2023' }];
	},
	(r, k) => {
		r[k] = [{ actor: 'iskp', relation: 'member', since: '2021-02-30' }];
	},
	(r, k) => {
		r[k] = ['af'];
	},
	(r) => {
		const keys = Object.keys(r).reverse();
		const copy = { ...r };
		for (const key of Object.keys(r)) delete r[key];
		for (const key of keys) r[key] = copy[key];
	},
];

function check(
	fast: (v: unknown) => unknown,
	schema: { safeParse(v: unknown): { success: boolean; data?: unknown } },
	records: unknown[],
) {
	let accepted = 0;
	let mutated = 0;
	let seed = 11;
	const next = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed;
	};
	for (const original of records) {
		const variants = [structuredClone(original)];
		for (let i = 0; i < 6; i++) {
			const r = structuredClone(original) as Record<string, unknown>;
			const keys = [
				...Object.keys(r),
				'lat',
				'endDate',
				'fatalities',
				'url',
				'sources',
				'tags',
				'affiliations',
				'firstActive',
				'kind',
				'countries',
				'population',
				'weakAliases',
				'machineCoded',
			];
			(MUTATIONS[next() % MUTATIONS.length] as (r: Record<string, unknown>, k: string) => void)(
				r,
				keys[next() % keys.length] as string,
			);
			variants.push(r);
		}
		for (const v of variants) {
			const zod = schema.safeParse(structuredClone(v));
			const ours = fast(structuredClone(v));
			if (ours === undefined) continue;
			accepted++;
			if (v !== variants[0]) mutated++;
			expect(zod.success, JSON.stringify(v)).toBe(true);
			expect(JSON.stringify(ours)).toBe(JSON.stringify(zod.data));
		}
	}
	return { accepted, mutated };
}

describe('fast record checks', () => {
	it('accept every bundled incident with zod’s exact output, and no mutation zod rejects', () => {
		const { store } = bundled();
		const { accepted, mutated } = check(fastIncident, incidentSchema, store.incidents);
		expect(accepted).toBeGreaterThanOrEqual(store.incidents.length);
		expect(mutated).toBeGreaterThan(0);
	});

	it('accept every bundled actor and country with zod’s exact output, and no mutation zod rejects', () => {
		const { store } = bundled();
		const actors = check(fastActor, actorSchema, store.actors);
		expect(actors.accepted).toBeGreaterThanOrEqual(store.actors.length);
		expect(actors.mutated).toBeGreaterThan(0);
		const countries = check(fastCountry, countrySchema, store.countries);
		expect(countries.accepted).toBeGreaterThanOrEqual(store.countries.length);
		expect(countries.mutated).toBeGreaterThan(0);
	});

	it('accept articles (bundled and synthetic) with zod’s exact output', () => {
		const { store } = bundled();
		const { accepted } = check(fastArticle, articleSchema, [...store.articles, ...synthArticles(50, 3)]);
		expect(accepted).toBeGreaterThanOrEqual(store.articles.length + 50);
	});
});

describe('fast record checks: sources', () => {
	const base = {
		id: 'inc-a',
		date: '2024-02-29',
		country: 'AF',
		type: 'bombing',
		perpetrators: [],
		targets: [],
		description: 'x',
		sources: ['art-a'],
		tags: [],
	};

	it('give zod’s key order for source objects written in another order', () => {
		for (const src of [
			{ date: '2024-01-01', outlet: 'X' },
			{ title: 'T', outlet: 'X', date: '2024-01-01' },
			{ ref: '1', dataset: 'UCDP GED' },
			{ dataset: 'ACLED', cited: 'c', ref: '1' },
			{ outlet: 'X', date: '2024-01-01' },
			{ dataset: 'ACLED', ref: '1', cited: 'c' },
		]) {
			const v = { ...base, sources: ['art-a', src] };
			const zod = incidentSchema.safeParse(structuredClone(v));
			const ours = fastIncident(structuredClone(v));
			expect(zod.success).toBe(true);
			if (ours !== undefined) expect(JSON.stringify(ours), JSON.stringify(src)).toBe(JSON.stringify(zod.data));
		}
	});
});

describe('fast record checks: machineCoded', () => {
	const base = {
		id: 'gdelt-1210000001',
		date: '2026-12-07',
		country: 'AF',
		type: 'bombing',
		perpetrators: [],
		targets: [],
		description: 'x',
		sources: [{ dataset: 'GDELT 2.0 Events', ref: '1210000001' }],
		tags: ['gdelt'],
	};

	it('takes true, written last or anywhere else, with zod’s exact output', () => {
		for (const v of [
			{ ...base, machineCoded: true },
			{ machineCoded: true, ...base },
			{ ...base, tags: undefined, machineCoded: true },
		]) {
			const zod = incidentSchema.safeParse(structuredClone(v));
			expect(zod.success).toBe(true);
			const ours = fastIncident(structuredClone(v));
			expect(ours).toBeDefined();
			expect(JSON.stringify(ours)).toBe(JSON.stringify(zod.data));
			expect((ours as { machineCoded?: boolean }).machineCoded).toBe(true);
		}
	});

	it('never takes anything but true, which zod rejects too', () => {
		for (const bad of [false, 'true', 1, 0, null, [], {}]) {
			const v = { ...base, machineCoded: bad };
			expect(incidentSchema.safeParse(structuredClone(v)).success, JSON.stringify(bad)).toBe(false);
			expect(fastIncident(structuredClone(v)), JSON.stringify(bad)).toBeUndefined();
		}
	});
});

describe('fast record checks: fatalities', () => {
	const base = {
		id: 'inc-a',
		date: '2024-02-29',
		country: 'AF',
		type: 'bombing',
		perpetrators: [],
		targets: [],
		description: 'x',
		sources: ['art-a'],
		tags: [],
	};
	const report = { figure: 58, by: 'Afghan officials', outlet: 'CNN', date: '2021-05-09' };
	// Valid tolls, each in zod's key order: the fast check must take them as they are.
	const valid: unknown[] = [
		0,
		85,
		{ best: 85 },
		{ best: 85, low: 58, high: 85 },
		{ low: 19, high: 66 },
		{ low: 19 },
		{ high: 66 },
		{ best: 3, low: 3, high: 3 },
		{
			best: 85,
			low: 58,
			reports: [report, { figure: 85, upTo: 90, by: 'the Taliban (claim)', outlet: 'Reuters', date: '2021-05-10' }],
			note: 'attackers not counted',
		},
		{ low: 58, high: 90, reports: [{ figure: 58, upTo: 58, by: 'x', outlet: 'y', date: '2021-05-09' }] },
		{ best: 12, reports: [{ ...report, figure: 12, date: '2021-05-09T10:00Z' }] },
	];
	// Invalid tolls: zod rejects each; the fast check must not take any of them.
	const invalid: unknown[] = [
		-1,
		1.5,
		'12',
		null,
		[3],
		{},
		{ note: 'x' },
		{ best: -1 },
		{ best: 1.5 },
		{ best: '3' },
		{ best: 5, low: 9 },
		{ best: 5, high: 4 },
		{ low: 9, high: 3 },
		{ best: 5, reports: [] },
		{ best: 5, reports: [{ figure: 58, upTo: 57, by: 'x', outlet: 'y', date: '2021-05-09' }] },
		{ best: 5, reports: [{ ...report, by: '' }] },
		{ best: 5, reports: [{ ...report, date: '2021-02-30' }] },
		{ best: 5, reports: [{ figure: 5, by: 'x', outlet: 'y' }] },
		{ best: 5, reports: report },
		{ best: 5, note: '' },
		{ best: 5, bset: 4 },
		{ best: 5, reports: [{ ...report, url: 'https://example.org' }] },
		{ best: Number.MAX_SAFE_INTEGER + 1 },
	];
	// Valid, but not in zod's key order: the fast check may decline; if it takes one, its output must be zod's.
	const reordered: unknown[] = [
		{ high: 85, best: 85, low: 58 },
		{ note: 'x', best: 5 },
		{ best: 5, reports: [{ by: 'x', figure: 5, outlet: 'y', date: '2021-05-09' }] },
		{ best: 5, reports: [{ ...report, upTo: 60 }] },
	];

	it('take every valid toll in schema order, with zod’s exact output', () => {
		for (const f of valid) {
			const v = { ...base, fatalities: f };
			const zod = incidentSchema.safeParse(structuredClone(v));
			expect(zod.success, JSON.stringify(f)).toBe(true);
			const ours = fastIncident(structuredClone(v));
			expect(ours, JSON.stringify(f)).toBeDefined();
			expect(JSON.stringify(ours)).toBe(JSON.stringify(zod.data));
		}
	});

	it('never take a toll zod rejects', () => {
		for (const f of invalid) {
			const v = { ...base, fatalities: f };
			expect(incidentSchema.safeParse(structuredClone(v)).success, JSON.stringify(f)).toBe(false);
			expect(fastIncident(structuredClone(v)), JSON.stringify(f)).toBeUndefined();
		}
	});

	it('give zod’s key order, or decline, for a toll written in another order', () => {
		for (const f of reordered) {
			const v = { ...base, fatalities: f };
			const zod = incidentSchema.safeParse(structuredClone(v));
			expect(zod.success, JSON.stringify(f)).toBe(true);
			const ours = fastIncident(structuredClone(v));
			if (ours !== undefined) expect(JSON.stringify(ours)).toBe(JSON.stringify(zod.data));
		}
	});
});
