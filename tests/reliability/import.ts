// The "rows lost" row of the reliability table (docs/reliability.md): every row of a CSV
// an import reads must come out imported, updated, unchanged or skipped with
// a reason. Counted over the fuzzed ACLED/UCDP files of reliability/fuzz.ts
// (whose well-formed files say how many rows they hold) and over the ACLED and
// UCDP export fixtures in tests/fixtures/import (real layouts, in the repo, so
// every checkout counts the same rows).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { importFile } from '../../source/io/import/run.js';
import { DATA_DIR, fuzzCsvImport, fuzzSettings, reportVerdict } from './fuzz.js';
import type { Check } from './types.js';

export const UCDP_SAMPLES = fileURLToPath(new URL('../fixtures/import', import.meta.url));
/** Bigger samples (5,000 rows) take seconds: the table's run keeps to the small ones. */
const SMALL_BYTES = 1_000_000;

/** Files in the real ACLED and UCDP layouts to import (small ones). */
export function realSamples(dir = UCDP_SAMPLES): string[] {
	if (!existsSync(dir)) return [];
	return (
		readdirSync(dir)
			// ucdp-no-date.csv lacks a required column: the whole file is refused, by design.
			.filter((name) => name.endsWith('.csv') && name !== 'ucdp-no-date.csv')
			.map((name) => join(dir, name))
			.filter((file) => statSync(file).size <= SMALL_BYTES)
			.sort()
	);
}

/** Records in a CSV after its header, as a plain reading with csv-parse counts them. */
export function csvRecords(file: string): number {
	const records = parse(readFileSync(file), {
		bom: true,
		relax_column_count: true,
		relax_quotes: true,
		skip_empty_lines: true,
	}) as unknown[];
	return Math.max(0, records.length - 1);
}

export const check: Check = async () => {
	const failures: string[] = [];
	let rows = 0;
	let accounted = 0;
	const fuzzed = await fuzzCsvImport(fuzzSettings());
	fuzzed.files.forEach((f, i) => {
		const have = f.rows ?? f.read;
		rows += have;
		accounted += Math.min(f.accounted, have);
		if (f.accounted !== have) failures.push(`fuzzed file ${i + 1}: ${have} rows, ${f.accounted} accounted for`);
	});
	const samples = realSamples();
	if (samples.length) {
		const root = mkdtempSync(join(tmpdir(), 'sitrep-rows-lost-'));
		try {
			const dir = join(root, 'data');
			cpSync(DATA_DIR, dir, { recursive: true });
			for (const file of samples) {
				const r = await importFile(dir, file, { dryRun: true });
				const have = csvRecords(file) - (r.hxlRow ? 1 : 0);
				const done = r.imported + r.updated + r.unchanged + r.skipped.length;
				rows += have;
				accounted += Math.min(done, have);
				const bad = reportVerdict(r, have + (r.hxlRow ? 1 : 0));
				if (bad) failures.push(`${file}: ${bad}`);
			}
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}
	return [
		{
			area: 'import',
			what: 'rows lost',
			passed: accounted,
			total: rows,
			note: `${(rows - accounted).toLocaleString('en-US')} lost`,
			failures,
		},
	];
};
