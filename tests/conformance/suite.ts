// Issue 18's conformance suite: every core answer (tests/conformance/answers.ts)
// over the in-memory store and over the SQLite index of the same directory,
// on the bundled data, the bundled data with UCDP rows imported (backends.test.ts),
// and a seeded 100k synthetic set (backends100k.test.ts: a file of its own, so a
// worker takes it while the other runs the rest). Any difference fails, named
// by the question asked.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import type { Backend } from '../../source/core/backend/types.js';
import { importFile } from '../../source/io/import/run.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { sqliteBackend } from '../../source/io/store/sqlite/backend.js';
import { ensureIndex } from '../../source/io/store/sqlite/ensure.js';
import { writeSynthDataDirStreaming } from '../support/synthStream.js';
import { type AnswerOptions, answersOf } from './answers.js';
import { SEARCH_QUERIES, SEARCH_QUERIES_AT_SCALE, searchAnswers } from './searchQueries.js';

const BUNDLED = join(import.meta.dirname, '../../data');
const FIXTURES = join(import.meta.dirname, '../fixtures/import');

function copyOfBundled(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-conf-'));
	cpSync(BUNDLED, dir, { recursive: true });
	return dir;
}

const datasets: Record<string, () => Promise<string>> = {
	bundled: async () => copyOfBundled(),
	'bundled + UCDP import': async () => {
		const dir = copyOfBundled();
		await importFile(dir, join(FIXTURES, 'ucdp-hdx.csv'));
		await importFile(dir, join(FIXTURES, 'ucdp-api.csv'));
		return dir;
	},
	// The wide synthetic world: ten countries, every incident type, tolls up to the hundreds, NDJSON parts.
	'synthetic 100k (seed 7)': async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-conf-synth-'));
		await writeSynthDataDirStreaming(dir, {
			incidents: 100_000,
			articles: 10_000,
			seed: 7,
			perFile: { incidents: 40_000, articles: 4_000 },
		});
		return dir;
	},
};

/**
 * The large set asks every question but the costliest in part: the profiles of the actors
 * the briefing questions are about (each scans the articles for mentions) and one search of
 * each kind of clause. The small sets ask all.
 */
const AT_SCALE: Record<string, { answers: AnswerOptions; queries: readonly string[] }> = {
	'synthetic 100k (seed 7)': {
		answers: {
			profiles: ['iskp', 'ttp', 'taliban', 'haqqani-network', 'khalil-haqqani', 'pakistan-military'],
			briefs: ['iskp', 'khalil-haqqani'],
			// A year of 100k incidents is thousands of records per rule: the small sets ask all four periods.
			alertPeriods: ['>=1 in 24h', '>=2 in 30d'],
		},
		queries: SEARCH_QUERIES_AT_SCALE,
	},
};

/** The suite on the data sets named. */
export function conformance(names: readonly string[]): void {
	describe.each(names)('memory and SQLite backends give the same answers: %s', (name) => {
		const scale = AT_SCALE[name];
		const queries = scale?.queries ?? SEARCH_QUERIES;
		let memory: Backend;
		let sqlite: Backend;
		const closers: (() => void)[] = [];

		beforeAll(async () => {
			const dir = await (datasets[name] as () => Promise<string>)();
			const { store, problems } = loadDataDir(dir);
			expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
			memory = backendOf(store);
			const index = await ensureIndex(dir);
			closers.push(() => index.db.close());
			sqlite = sqliteBackend(index.db);
			// Generating, loading and indexing 100k records takes a while on a loaded machine: a guard against a hang.
		}, 300_000);
		afterAll(() => {
			for (const close of closers) close();
		});

		it('holds the same records', () => {
			expect(sqlite.totals()).toEqual(memory.totals());
			expect(sqlite.totals().incidents).toBeGreaterThan(0);
		});

		// A guard against a hang, not a speed check: at 100k both backends answer every question
		// (briefs and exports too), 86 s once at load 10 against the 120 s default.
		it('answers every question alike', { timeout: 400_000 }, () => {
			const want = answersOf(memory, scale?.answers);
			const got = answersOf(sqlite, scale?.answers);
			expect(Object.keys(got)).toEqual(Object.keys(want));
			for (const key of Object.keys(want)) expect(got[key], key).toEqual(want[key]);
		});

		it('searches alike: the same results in the same order, totals, snippets and highlights', () => {
			const want = searchAnswers(memory, queries);
			const got = searchAnswers(sqlite, queries);
			expect(Object.keys(got)).toEqual(queries.map((q) => `search ${q}`));
			for (const key of Object.keys(want)) expect(got[key], key).toEqual(want[key]);
			// Not vacuous: most of the set finds something on every data set.
			const found = Object.values(want).filter((v) => ((v as { results?: unknown[] }).results?.length ?? 0) > 0);
			expect(found.length).toBeGreaterThan(queries.length / 2);
		});
	});
}
