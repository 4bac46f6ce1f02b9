// Where the risk levels fall in the real range of violence: UCDP's deaths per
// country per month, 2010-2024 (174 countries; the developers' shared data, not
// in the repository), turned into the yearly rate a window of 30, 90 or 365 days
// gives (deaths in 1, 3 or 12 consecutive months, scaled to a year), and each
// level's lower bound as a percentile of that distribution.
//
//   npx tsx scripts/risk-calibration.ts [--ucdp DIR] [--write]
//
// --write puts the table in docs/risk.md (between the risk-calibration markers).
import { RISK_LEVELS } from '../source/core/risk.js';
import { docPath, writeBlock } from './doc-block.js';
import { countryMonths, ucdpDir, yearlyDeaths } from './ucdp.js';

const args = process.argv.slice(2);
const at = args.indexOf('--ucdp');
const dir = at >= 0 ? args[at + 1] : ucdpDir();
if (!dir) {
	process.stderr.write('risk-calibration: no UCDP country-month file found (pass --ucdp DIR)\n');
	process.exit(1);
}
const data = countryMonths(dir);

/** Yearly rates of every run of `months` consecutive months, per country. */
function rates(months: number): number[] {
	const out: number[] = [];
	for (const series of data.values()) {
		const periods = [...series.keys()].sort((a, b) => a - b);
		for (let i = months - 1; i < periods.length; i++) {
			let sum = 0;
			for (let j = i - months + 1; j <= i; j++) sum += series.get(periods[j] as number)?.deaths ?? 0;
			out.push((sum * 12) / months);
		}
	}
	return out;
}

const pct = (xs: readonly number[], bound: number) => (100 * xs.filter((x) => x < bound).length) / xs.length;
const fmt = (x: number) => x.toFixed(1);

const windows = [
	{ days: 30, months: 1 },
	{ days: 90, months: 3 },
	{ days: 365, months: 12 },
];
const dists = windows.map((w) => {
	const all = rates(w.months);
	return { ...w, all, violent: all.filter((x) => x > 0) };
});
const lines: string[] = [];
const d90 = dists[1] as (typeof dists)[number];
lines.push(
	`Computed by \`npx tsx scripts/risk-calibration.ts --write\` from UCDP's deaths per country per month, 2010-2024 (${data.size} countries; ${d90.all.length.toLocaleString('en-US')} country-windows of 3 months, ${d90.violent.length.toLocaleString('en-US')} of them with any death). A percentile is the share of country-windows below the bound: of all, and of those with any death. Windows of 30, 90 and 365 days are 1, 3 and 12 months, scaled to a year as sitrep scales a window.`,
	'',
	'| level | from (a year) | why there | 90 days: all | 90 days: with deaths | 30 days: with deaths | 365 days: with deaths |',
	'|---|---:|---|---:|---:|---:|---:|',
);
for (const l of RISK_LEVELS) {
	const [d30, , d365] = dists as [(typeof dists)[number], unknown, (typeof dists)[number]];
	lines.push(
		`| ${l.level} | ${l.min.toLocaleString('en-US')} | ${l.why} | ${l.min === 0 ? '0' : fmt(pct(d90.all, l.min))} | ${l.min === 0 ? '0' : fmt(pct(d90.violent, l.min))} | ${l.min === 0 ? '0' : fmt(pct(d30.violent, l.min))} | ${l.min === 0 ? '0' : fmt(pct(d365.violent, l.min))} |`,
	);
}
const share = (level: number) => {
	const lo = RISK_LEVELS[level]?.min ?? 0;
	const hi = RISK_LEVELS[level + 1]?.min ?? Number.POSITIVE_INFINITY;
	return fmt((100 * d90.all.filter((x) => x >= lo && x < hi).length) / d90.all.length);
};
lines.push(
	'',
	`Country-quarters in each level (UCDP deaths alone, 2010-2024): ${RISK_LEVELS.map((l, i) => `${l.level} ${share(i)}%`).join(', ')}.`,
);
const yearly = (iso: string) =>
	[...yearlyDeaths(data.get(iso) ?? new Map())]
		.sort(([a], [b]) => a - b)
		.map(([y, d]) => `${y} ${Math.round(d).toLocaleString('en-US')}`)
		.join(', ');
lines.push('', `For scale, UCDP's deaths a year: Pakistan ${yearly('PAK')}; Afghanistan ${yearly('AFG')}.`);
const block = lines.join('\n');
if (args.includes('--write')) {
	writeBlock(docPath('risk.md'), 'risk-calibration', block);
	process.stdout.write('docs/risk.md: calibration table written\n');
} else process.stdout.write(`${block}\n`);
