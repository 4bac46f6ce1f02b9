// Real UCDP data for calibrating risk, read where the developers' shared
// reference folder is (../shared beside the repository, or SITREP_SHARED_DIR).
// It is not part of the repository (UCDP's rows are not copied into it): tests
// that need it say so and skip where it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folder holding UCDP's files (ucdp/…), or undefined. */
export function ucdpDir(): string | undefined {
	const candidates = [
		process.env.SITREP_SHARED_DIR,
		join(dirname(ROOT), 'shared'),
		join(dirname(dirname(ROOT)), 'shared'),
		'/work/shared',
	];
	for (const c of candidates) {
		if (c && existsSync(join(c, 'data', 'ucdp', 'ucdp_country_month_deaths_2010_2024.csv')))
			return join(c, 'data', 'ucdp');
	}
	return undefined;
}

/** UCDP deaths per country (ISO3) per month (YYYYMM), with population, from the country-month file. */
export function countryMonths(dir: string): Map<string, Map<number, { deaths: number; population: number }>> {
	const out = new Map<string, Map<number, { deaths: number; population: number }>>();
	const lines = readFileSync(join(dir, 'ucdp_country_month_deaths_2010_2024.csv'), 'utf8').trim().split(/\r?\n/);
	for (const line of lines.slice(1)) {
		const [iso, period, deaths, population] = line.split(',');
		if (!iso || !period) continue;
		const m = out.get(iso) ?? new Map<number, { deaths: number; population: number }>();
		out.set(iso, m);
		m.set(Number(period), { deaths: Number(deaths) || 0, population: Number(population) || 0 });
	}
	return out;
}

/** Deaths per year for one country from the country-month file. */
export function yearlyDeaths(months: Map<number, { deaths: number }>): Map<number, number> {
	const out = new Map<number, number>();
	for (const [period, { deaths }] of months) {
		const y = Math.floor(period / 100);
		out.set(y, (out.get(y) ?? 0) + deaths);
	}
	return out;
}
