// The streamed synthetic data sets (tests/support/synthStream.ts) that issue 18's
// bench runs on, and bench/data.ts's cache of them.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchDataDir, MARKER } from '../../bench/data.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { synthArticles, synthIncidents } from '../support/synth.js';
import { writeSynthDataDirStreaming } from '../support/synthStream.js';

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-synthstream-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string) =>
	readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => JSON.parse(l) as unknown);

function readKind(dir: string, kind: string): unknown[] {
	return readdirSync(join(dir, kind))
		.sort()
		.flatMap((name) => lines(join(dir, kind, name)));
}

describe('writeSynthDataDirStreaming', () => {
	it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
		const [a, b, c] = [tempDir(), tempDir(), tempDir()];
		const opts = { incidents: 300, articles: 40, perFile: { incidents: 128, articles: 16 } };
		const first = await writeSynthDataDirStreaming(a, { ...opts, seed: 5 });
		await writeSynthDataDirStreaming(b, { ...opts, seed: 5 });
		await writeSynthDataDirStreaming(c, { ...opts, seed: 6 });
		const names = Object.keys(first.files).sort();
		expect(names).toContain('incidents/part-0003.ndjson');
		for (const name of names) expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name)))).toBe(true);
		const part = 'incidents/part-0001.ndjson';
		expect(readFileSync(join(c, part)).equals(readFileSync(join(a, part)))).toBe(false);
		expect(first.files[part]).toBe(readFileSync(join(a, part)).length);
	});

	it('streams the same records as the array generators, in both worlds', async () => {
		for (const world of ['wide', 'classic'] as const) {
			const dir = tempDir();
			await writeSynthDataDirStreaming(dir, { incidents: 250, articles: 30, seed: 9, world });
			expect(readKind(dir, 'incidents')).toEqual(synthIncidents(250, 9, { world, articles: 30 }));
			expect(readKind(dir, 'articles')).toEqual(synthArticles(30, 9, { world }));
		}
	});

	it('splits each kind into files of the per-file count', async () => {
		const dir = tempDir();
		await writeSynthDataDirStreaming(dir, { incidents: 21, articles: 10, seed: 1, perFile: { incidents: 10 } });
		expect(readdirSync(join(dir, 'incidents')).sort()).toEqual([
			'part-0001.ndjson',
			'part-0002.ndjson',
			'part-0003.ndjson',
		]);
		expect(lines(join(dir, 'incidents', 'part-0003.ndjson'))).toHaveLength(1);
		expect(readdirSync(join(dir, 'articles'))).toEqual(['part-0001.ndjson']);
	});

	it('writes a 2k-record data dir the loader reads without a single problem', async () => {
		const dir = tempDir();
		const progress: string[] = [];
		await writeSynthDataDirStreaming(dir, {
			incidents: 1800,
			articles: 200,
			seed: 7,
			perFile: { incidents: 700, articles: 90 },
			progressEvery: 500,
			onProgress: (kind, done, total) => progress.push(`${kind} ${done}/${total}`),
		});
		expect(progress).toEqual([
			'incidents 500/1800',
			'incidents 1000/1800',
			'incidents 1500/1800',
			'incidents 1800/1800',
			'articles 200/200',
		]);
		const loaded = loadDataDir(dir);
		expect(loaded.problems).toEqual([]);
		const { incidents, articles } = loaded.store;
		expect(incidents).toHaveLength(1800);
		expect(articles).toHaveLength(200);
		expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toMatch(/SYNTHETIC DATA[\s\S]*seed: 7/);
		// Marked synthetic, and as varied as the bench needs: the whole region, every type, linked articles.
		expect(incidents.every((i) => i.tags.includes('synthetic') && i.description.startsWith('Synthetic'))).toBe(true);
		expect(articles.every((a) => a.tags.includes('synthetic'))).toBe(true);
		expect(new Set(incidents.map((i) => i.country)).size).toBe(10);
		expect(new Set(incidents.map((i) => i.type)).size).toBe(13);
		expect(incidents.some((i) => i.sources.some((s) => typeof s === 'string'))).toBe(true);
		const tolls = incidents.map((i) => i.fatalities as number | undefined);
		const small = tolls.filter((t) => t !== undefined && t <= 3).length;
		expect(small / incidents.length).toBeGreaterThan(0.6);
		expect(tolls.some((t) => t === undefined)).toBe(true);
		expect(Math.max(...tolls.map((t) => t ?? 0))).toBeGreaterThan(30);
		const bodies = articles.map((a) => Buffer.byteLength(a.body));
		expect(Math.min(...bodies)).toBeGreaterThan(600);
		expect(Math.max(...bodies)).toBeLessThan(3200);
	});

	it('refuses a directory that already holds parts', async () => {
		const dir = tempDir();
		mkdirSync(join(dir, 'incidents'));
		writeFileSync(join(dir, 'incidents', 'part-0009.ndjson'), '');
		await expect(writeSynthDataDirStreaming(dir, { incidents: 1, articles: 1, seed: 1 })).rejects.toThrow(/not empty/);
	});
});

describe('benchDataDir', () => {
	it('regenerates an interrupted set, then reuses the complete one', async () => {
		const root = tempDir();
		// The quick set: what is checked (a partial set redone, a complete one kept) is the same at any size.
		const partial = join(root, 'sitrep-bench-10k-seed3-v1');
		mkdirSync(join(partial, 'incidents'), { recursive: true });
		writeFileSync(join(partial, 'incidents', 'part-0001.ndjson'), '{"cut off');
		const log: string[] = [];
		const dir = await benchDataDir('10k', { seed: 3, root, log: (l) => log.push(l) });
		expect(dir).toBe(partial);
		expect(existsSync(join(dir, MARKER))).toBe(true);
		expect(readdirSync(join(dir, 'incidents'))).toEqual(['part-0001.ndjson']);
		expect(readFileSync(join(dir, 'incidents', 'part-0001.ndjson'), 'utf8').split('\n')).toHaveLength(10_001);
		expect(log.length).toBeGreaterThan(0);
		const again: string[] = [];
		expect(await benchDataDir('10k', { seed: 3, root, log: (l) => again.push(l) })).toBe(dir);
		expect(again).toEqual([]);
	}, 60_000);
});
