// The commands read through either backend and print the same bytes: `sitrep
// risk`, `sitrep timeline` and `sitrep search` on the bundled data (with UCDP rows imported) in
// memory and from the SQLite index (SITREP_STORAGE), text and --json alike.
// `auto` keeps small data in memory and builds no index.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../source/io/import/run.js';
import { DATA_DIR } from '../support/helpers.js';
import { CLI } from '../support/runCli.js';

const temp = mkdtempSync(join(tmpdir(), 'sitrep-storage-e2e-'));
const dir = join(temp, 'data');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(args: string[], storage: string) {
	const { SITREP_INDEX_DIR: _, ...rest } = process.env;
	const r = spawnSync(process.execPath, [CLI, ...args, '--data', dir], {
		encoding: 'utf8',
		env: {
			...rest,
			SITREP_CONFIG_DIR: join(temp, 'config'),
			XDG_CACHE_HOME: join(temp, 'cache'),
			SITREP_STORAGE: storage,
			NO_COLOR: '1',
		},
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

// One of each kind of output (the table, a country explained, a page, counts, a profile, results),
// as text and as JSON, briefs and exports; the conformance suite asks the answers behind them in depth.
const COMMANDS: string[][] = [
	['risk'],
	['risk', 'PK'],
	['risk', 'AF', '--as-of', '2025-03-01', '--json'],
	['timeline'],
	['timeline', '--json', '--country', 'AF,PK', '--since', '2024'],
	['timeline', '--sort', 'fatalities', '--limit', '20', '--json'],
	['timeline', '--actor', 'taliban', '--country=-AF', '--json'],
	['timeline', '--by', 'month', '--since', '2023', '--json'],
	['actor', 'iskp', '--json'],
	['actor', 'khalil haqqani'],
	['brief', 'AF', '--window', '365'],
	['export', 'incidents', '--country', 'AF,PK', '--since', '2024', '--format', 'json'],
	['export', 'articles', 'kabul attack', '--format', 'ndjson'],
	['brief', 'iskp'],
	['search', 'haqani kabul'],
	['search', '"jaffar express" -railway', '--json'],
	['search', 'attack source:reuters since:2024', '--json'],
	// The watchlist and alert rules of the settings below, evaluated at a fixed day (nothing recorded).
	['watch', '--json', '--as-of', '2025-11-30'],
	['watch', '--as-of', '2025-10-20'],
	['watch', 'list', '--json'],
];

describe('sitrep risk, timeline and search: the same from memory and from the index', () => {
	beforeAll(async () => {
		cpSync(DATA_DIR, dir, { recursive: true });
		await importFile(dir, join(import.meta.dirname, '../fixtures/import/ucdp-hdx.csv'));
		mkdirSync(join(temp, 'config'), { recursive: true });
		writeFileSync(
			join(temp, 'config', 'config.json'),
			JSON.stringify({
				watchlist: ['actor:taliban', 'country:PK', 'type:airstrike'],
				alerts: [
					{ watch: 'actor:taliban', when: '>=1 in 52w' },
					{ watch: 'type:airstrike', when: '>=2 in 30d' },
					{ query: 'kabul attack', when: '>=1 in 52w' },
				],
			}),
		);
	});

	it('auto keeps the bundled-size data in memory: no index is made', () => {
		const r = run(['risk', '--json'], 'auto');
		expect(r.code).toBe(0);
		expect(existsSync(join(dir, '.sitrep', 'index.sqlite'))).toBe(false);
	});

	it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('sitrep %s', (_name, args) => {
		const memory = run(args, 'memory');
		const index = run(args, 'index');
		// `sitrep watch` exits 5 when an alert rule fires.
		expect(memory.code).toBe(args[0] === 'watch' && !args.includes('list') ? 5 : 0);
		expect(index.code).toBe(memory.code);
		expect(index.out).toBe(memory.out);
		expect(index.out.length).toBeGreaterThan(100);
		expect(existsSync(join(dir, '.sitrep', 'index.sqlite'))).toBe(true);
	});

	it('an import brings an existing index up to date at once: nothing stale, the new rows in it', () => {
		const before = JSON.parse(run(['index', 'status', '--json'], 'index').out);
		expect(before.counts.incidents).toBeGreaterThan(0);
		const imported = run(['import', join(import.meta.dirname, '../fixtures/import/ucdp-api.csv'), '--json'], 'auto');
		// One row of the fixture has a bad date: skipped and reported (exit 1), the other imported.
		expect(imported.code).toBe(1);
		const after = JSON.parse(run(['index', 'status', '--json'], 'index').out);
		expect(after.stale).toEqual({ changed: [], added: [], removed: [] });
		expect(after.counts.incidents).toBe(before.counts.incidents + JSON.parse(imported.out).imported);
		expect(JSON.parse(imported.out).imported).toBeGreaterThan(0);
	});

	it('a bad SITREP_STORAGE is said and the default used', () => {
		const r = run(['risk', '--json'], 'disk');
		expect(r.code).toBe(0);
		expect(r.err).toContain('SITREP_STORAGE="disk" is not one of auto, memory, index');
	});
});
