// The load cache for big data sets: what it gives back must be exactly what
// loading gives, and anything changed, broken or unclean must miss it.
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCache } from '../../source/commands/cache.js';
import type { Ctx } from '../../source/commands/context.js';
import { cacheFileFor, readCache } from '../../source/io/load/cache.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { loadStaged } from '../../source/io/load/staged.js';
import { DATA_DIR } from '../support/helpers.js';

let cache: string;
const quiet: Ctx = { out: () => {}, outStyled: () => {}, err: () => {}, color: false };
const save = (dir: string, version = 'test') => runCache(dir, version, { json: false }, quiet);

beforeEach(() => {
	cache = mkdtempSync(join(tmpdir(), 'sitrep-cache-'));
	process.env.SITREP_CACHE_DIR = cache;
	process.env.SITREP_CACHE_FROM_BYTES = '0';
});

afterEach(() => {
	delete process.env.SITREP_CACHE_DIR;
	delete process.env.SITREP_CACHE_FROM_BYTES;
});

/** The bundled data without the incidents that cite articles (those are never cached). */
function cleanData(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-cache-data-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	const file = join(dir, 'incidents.json');
	const data = JSON.parse(readFileSync(file, 'utf8'));
	data.incidents = data.incidents.filter((inc: { sources: unknown[] }) =>
		inc.sources.every((s) => typeof s !== 'string'),
	);
	writeFileSync(file, JSON.stringify(data, null, 2));
	return dir;
}

describe('load cache', () => {
	it('a second start reads the cache and gets the same data', async () => {
		const dir = cleanData();
		const cold = await loadStaged(dir, undefined, 'test');
		expect(cold.fromCache).toBe(false);
		expect(cold.cacheWanted).toBe(true);
		expect(await save(dir)).toBe(0);
		expect(readdirSync(cache).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
		const warm = await loadStaged(dir, undefined, 'test');
		expect(warm.fromCache).toBe(true);
		expect(warm.cacheWanted).toBeUndefined();
		const all = loadDataDir(dir);
		expect(warm.first.store.incidents).toEqual(all.store.incidents);
		expect(warm.first.store.actors).toEqual(all.store.actors);
		expect(warm.first.store.countries).toEqual(all.store.countries);
		expect(warm.first.store.articles).toEqual(all.store.articles);
		expect(warm.first.problems).toEqual(all.problems);
	});

	it('misses after a data file changes, for another version, and when the cache file is broken', async () => {
		const dir = cleanData();
		await save(dir);
		expect((await loadStaged(dir, undefined, 'another-version')).fromCache).toBe(false);
		const files = ['actors.json', 'countries.json', 'incidents.json'].map((f) => join(dir, f));
		const file = (await cacheFileFor(dir, files, 'test')) as string;
		writeFileSync(file, 'not a cache');
		expect(await readCache(file)).toBeUndefined();
		expect((await loadStaged(dir, undefined, 'test')).fromCache).toBe(false);
		await save(dir);
		expect((await loadStaged(dir, undefined, 'test')).fromCache).toBe(true);
		appendFileSync(join(dir, 'countries.json'), '\n');
		expect((await loadStaged(dir, undefined, 'test')).fromCache).toBe(false);
	});

	it('is not written for a load with problems, or whose incidents cite articles', async () => {
		const dir = cleanData();
		const file = join(dir, 'incidents.json');
		const data = JSON.parse(readFileSync(file, 'utf8'));
		data.incidents[0].date = '2024-02-30';
		writeFileSync(file, JSON.stringify(data));
		expect((await loadStaged(dir, undefined, 'test')).cacheWanted).toBeUndefined();
		expect(await save(dir)).toBe(1);
		// The bundled data's incidents cite its articles.
		expect((await loadStaged(DATA_DIR, undefined, 'test')).cacheWanted).toBeUndefined();
		expect(await save(DATA_DIR)).toBe(1);
	});

	it('is off for small data sets', async () => {
		delete process.env.SITREP_CACHE_FROM_BYTES;
		expect(await cacheFileFor(DATA_DIR, [join(DATA_DIR, 'incidents.json')], 'test')).toBeUndefined();
		const staged = await loadStaged(DATA_DIR, undefined, 'test');
		expect(staged.cacheWanted).toBeUndefined();
		expect(await save(DATA_DIR)).toBe(1);
		expect(staged.first.store.articles.length).toBe(20);
	});
});
