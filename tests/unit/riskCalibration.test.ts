// The risk levels on real volumes: UCDP's events for Pakistan 2009-2021 (the
// HDX export) imported into a copy of the bundled data, then the level at the
// end of each year against UCDP's own yearly deaths for Pakistan (the
// country-month file; 2009 from the imported events). Needs the developers'
// shared reference data (scripts/ucdp.ts); skipped, saying so, without it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryMonths, ucdpDir, yearlyDeaths } from '../../scripts/ucdp.js';
import { killedOr0 } from '../../source/core/fatalities.js';
import { countryRisk, levelFor, RISK_LEVELS, type RiskLevel, riskWindow } from '../../source/core/risk.js';
import type { Store } from '../../source/core/store.js';
import { importFile } from '../../source/io/import/run.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { DATA_DIR } from '../support/helpers.js';

const UCDP = ucdpDir();
const YEARS = Array.from({ length: 13 }, (_, i) => 2009 + i);
const rank = (l: RiskLevel) => RISK_LEVELS.findIndex((x) => x.level === l);

describe.skipIf(!UCDP)(`risk levels on UCDP's Pakistan events, 2009-2021${UCDP ? '' : ' (no UCDP data here)'}`, () => {
	let dir: string;
	let store: Store;
	const deaths = new Map<number, number>();

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'sitrep-ucdp-pk-'));
		cpSync(DATA_DIR, dir, { recursive: true });
		await importFile(dir, join(UCDP as string, 'ucdp_ged_pakistan_hdx.csv'));
		store = loadDataDir(dir).store;
		for (const [y, d] of yearlyDeaths(countryMonths(UCDP as string).get('PAK') ?? new Map())) deaths.set(y, d);
		// 2009 is not in the country-month file: UCDP's deaths as imported from its events.
		let d2009 = 0;
		for (const inc of store.incidentsByCountry.get('PK') ?? []) {
			if (inc.id.startsWith('ucdp-') && inc.date.startsWith('2009')) d2009 += killedOr0(inc);
		}
		deaths.set(2009, d2009);
	}, 120_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const levels = (days: 90 | 365) =>
		YEARS.map((y) => {
			const r = countryRisk(store, 'PK', riskWindow(store, { days, asOf: `${y}-12-31` }));
			return { year: y, level: r.level, score: r.score, deaths: deaths.get(y) ?? Number.NaN };
		});

	it('over a year, each level is the one UCDP deaths for that year give, or next to it (event weights add a little)', () => {
		const got = levels(365);
		const off = got.filter((g) => rank(g.level) !== rank(levelFor(g.deaths)));
		expect(
			got.every((g) => Math.abs(rank(g.level) - rank(levelFor(g.deaths))) <= 1),
			JSON.stringify(got),
		).toBe(true);
		expect(off.length, JSON.stringify(off)).toBeLessThanOrEqual(2);
		// Not one level for all years: 2009-2010 (over 7,000 dead a year) above 2018-2021 (under 500).
		expect(new Set(got.map((g) => g.level)).size).toBeGreaterThanOrEqual(3);
	});

	it('at the default 90 days (as sitrep risk PK --as-of Y-12-31), levels rise and fall with the yearly deaths', () => {
		const got = levels(90);
		expect(new Set(got.map((g) => g.level)).size, JSON.stringify(got)).toBeGreaterThanOrEqual(3);
		// A year with three times the deaths of another never gets a lower level.
		for (const a of got) {
			for (const b of got) {
				if (a.deaths >= 3 * b.deaths)
					expect(rank(a.level), `${a.year} vs ${b.year}`).toBeGreaterThanOrEqual(rank(b.level));
			}
		}
		// And the levels move both ways over the years (2014's offensive up, the late 2010s down).
		const steps = got.slice(1).map((g, i) => rank(g.level) - rank((got[i] as { level: RiskLevel }).level));
		expect(steps.some((s) => s > 0)).toBe(true);
		expect(steps.some((s) => s < 0)).toBe(true);
	});

	it('no year saturates: the highest level only where UCDP counted over 5,000 dead in the year', () => {
		for (const g of levels(365)) if (g.level === 'severe') expect(g.deaths).toBeGreaterThan(5000);
	});
});
