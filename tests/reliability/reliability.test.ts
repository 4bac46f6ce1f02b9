// Every reliability check, each run once: an area's cases as tests of their
// own (a failure names the case), then its rows, which must be green; last,
// docs/reliability.md must show the table these rows make
// (`npm run reliability -- --write` rewrites it).
import { beforeAll, describe, expect, it } from 'vitest';
import { readBlock } from '../../scripts/doc-block.js';
import * as files from './files.js';
import {
	csvRuns,
	type FuzzOutcome,
	fuzzCsvImport,
	check as fuzzingRows,
	fuzzLoader,
	fuzzQueryParser,
	fuzzSanitizer,
	fuzzSettings,
	loaderRuns,
} from './fuzz.js';
import { check as hostileRows } from './hostile.js';
import { check as importRows } from './import.js';
import * as settings from './settings.js';
import { CHECKS, RELIABILITY_BLOCK, RELIABILITY_DOC, table } from './table.js';
import * as terminal from './terminal.js';
import type { Row } from './types.js';

const SLOW = { timeout: 240_000 };
const rows = new Map<string, Row[]>();

function green(area: string, got: Row[]): void {
	rows.set(area, got);
	expect(got.length, area).toBeGreaterThan(0);
	const red = got.filter((r) => r.passed !== r.total || r.failures.length > 0);
	expect(red.map((r) => `${r.what}: ${r.passed}/${r.total}\n  ${r.failures.slice(0, 6).join('\n  ')}`)).toEqual([]);
}

describe('hostile text (every hostile string in every field, the dashboard and the CLI)', () => {
	it('every field group is tried with every string, and every row is green', SLOW, async () => {
		const got = await hostileRows();
		const names = got.map((r) => r.what);
		for (const what of [
			'article titles (TUI)',
			'article bodies (TUI)',
			'actor names and short names (TUI)',
			'actor aliases (TUI)',
			'incident locations (TUI)',
			'incident descriptions (TUI)',
			'incident tags (TUI)',
			'country names (TUI)',
			'file names in the problems list (TUI)',
			'search query typed (TUI)',
			'settings in the status bar (TUI): data directory, key names',
			'file names in sitrep validate',
			'imported CSV cells (sitrep import)',
			'settings values (sitrep config get, sitrep views)',
			'--json keeps the original text',
			'legitimate scripts intact, widths right',
		]) {
			expect(names).toContain(what);
		}
		expect(names.some((n) => n.startsWith('CLI output'))).toBe(true);
		green('hostile', got);
	});
});

describe('broken data files', () => {
	for (const name of files.caseNames()) {
		it(`${name}: ${files.readCase(name).what}`, async () => {
			const r = await files.runCase(name);
			if (r.skippedBecause) {
				console.warn(`${name} skipped: ${r.skippedBecause}`);
				return;
			}
			// reported: file, record, reason and position; kept: every other record still loads.
			expect({ reported: r.reported, kept: r.kept }).toEqual({ reported: [], kept: [] });
		});
	}

	it('rows: rejected with file + record + reason, other records still load', async () => {
		const got = await files.check();
		expect(got.map((r) => r.what)).toEqual([
			'malformed fixtures rejected with file + record + reason',
			'other records still load',
		]);
		for (const row of got) expect(row.total).toBeGreaterThanOrEqual(files.caseNames().length - 1);
		green('files', got);
	});
});

describe('fuzzing (fast-check, fixed seed: SITREP_FUZZ_SEED and SITREP_FUZZ_RUNS vary it)', () => {
	const s = fuzzSettings();
	const clean = (o: FuzzOutcome) => {
		expect(o.failures, o.failures.join('\n')).toEqual([]);
		expect(o.failedRuns).toBe(0);
		expect(o.crashes).toBe(0);
	};

	it('sanitizer: never throws, idempotent, no C0/C1/ESC/bidi left, text of any script kept', SLOW, async () => {
		const o = await fuzzSanitizer(s);
		clean(o);
		expect(o.runs).toBe(3 * s.runs);
	});

	it('query parser: never throws; valid queries give no errors; parse(print(q)) is q', SLOW, async () => {
		const o = await fuzzQueryParser(s);
		clean(o);
		expect(o.runs).toBe(2 * s.runs);
	});

	it('loader: records in = loaded + rejected, each rejection names its file, record and reason', SLOW, async () => {
		const o = await fuzzLoader(s);
		clean(o);
		expect(o.runs).toBe(loaderRuns(s));
		expect(o.cases).toBeGreaterThan(10 * o.runs);
	});

	it('CSV import: read = imported + updated + unchanged + skipped, each skip has a line and reason', SLOW, async () => {
		const o = await fuzzCsvImport(s);
		clean(o);
		expect(o.runs).toBe(csvRuns(s));
		expect(o.files.filter((f) => f.rows !== undefined).length).toBeGreaterThan(0);
	});

	it('rows (from the runs above, not run again)', SLOW, async () => {
		const got = await fuzzingRows();
		expect(got.map((r) => r.note)).toEqual(Array(4).fill(expect.stringMatching(/ cases, 0 crashes$/)));
		green('fuzz', got);
	});
});

describe('import', () => {
	it('no row lost, over the fuzzed files and the ACLED/UCDP fixtures', SLOW, async () => {
		const got = await importRows();
		expect(got.map((r) => r.note)).toEqual(['0 lost']);
		green('import', got);
	});
});

describe('settings corruption (dist/cli.js)', () => {
	beforeAll(() => {
		void settings.startAll();
	});
	for (const c of settings.CASES) {
		it(c.name, async () => {
			expect(await settings.runCase(c.name)).toEqual([]);
		}, 90_000);
	}
	it('row: corruption cases survived', async () => {
		const got = await settings.check();
		expect(got[0]).toMatchObject({ area: 'settings', what: 'corruption cases survived' });
		green('settings', got);
	}, 90_000);
});

describe('terminal lifecycle (dist/cli.js in a pty)', () => {
	beforeAll(() => {
		void terminal.startAll();
	});
	for (const c of terminal.CASES) {
		it(`${c.row}: ${c.name}`, async () => {
			expect(await terminal.runCase(c.name)).toEqual([]);
		}, 90_000);
	}
	it('rows: exits restore the terminal, no TTY or a dumb one refused, resize bursts leave no artefacts', async () => {
		const got = await terminal.check();
		expect(got.map((r) => r.what)).toEqual([
			'signals and exits restoring the terminal',
			'no terminal, or a dumb one (TERM): a clear refusal, exit 4',
			'resize bursts leaving no artefacts',
		]);
		green('terminal', got);
	}, 90_000);
});

describe('the table', () => {
	it('docs/reliability.md shows it (npm run reliability -- --write)', () => {
		expect([...rows.keys()].sort()).toEqual(Object.keys(CHECKS).sort());
		const all = Object.keys(CHECKS).flatMap((area) => rows.get(area) ?? []);
		expect(readBlock(RELIABILITY_DOC, RELIABILITY_BLOCK), 'docs/reliability.md: npm run reliability -- --write').toBe(
			table(all),
		);
	});
});
