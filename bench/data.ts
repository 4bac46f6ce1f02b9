// Issue 18's bench data sets, generated once and reused: 100k incidents + 10k
// articles (~75 MB) or 2.5M + 300k (~2 GB, over a minute to write). A set lives in
// ${SITREP_BENCH_DIR ?? os.tmpdir()}/sitrep-bench-<size>-seed<seed>-v<VERSION>; its
// marker file is written last, so a generation that was interrupted is redone.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { writeSynthDataDirStreaming } from '../tests/support/synthStream.js';

export const BENCH_SIZES = {
	// A quick run's set (`--sizes 10k`): the same generator, seconds to write.
	'10k': { incidents: 10_000, articles: 1_000 },
	'100k': { incidents: 100_000, articles: 10_000 },
	'2.5m': { incidents: 2_500_000, articles: 300_000 },
} as const;
export type BenchSize = keyof typeof BENCH_SIZES;

/** Bump when the generator's output changes, so stale sets are not reused. */
export const BENCH_DATA_VERSION = 1;
export const MARKER = '.sitrep-bench-complete';

export interface BenchDataOptions {
	seed?: number;
	/** Where sets are kept; default $SITREP_BENCH_DIR, else the OS temp dir. */
	root?: string;
	log?: (line: string) => void;
}

/** The directory a set is kept in (whether or not it exists yet). */
export function benchDataPath(size: BenchSize, opts: BenchDataOptions = {}): string {
	const root = opts.root ?? process.env.SITREP_BENCH_DIR ?? os.tmpdir();
	return join(root, `sitrep-bench-${size}-seed${opts.seed ?? 7}-v${BENCH_DATA_VERSION}`);
}

/** The set's directory, generated first unless a complete one is there. */
export async function benchDataDir(size: BenchSize, opts: BenchDataOptions = {}): Promise<string> {
	const seed = opts.seed ?? 7;
	const dir = benchDataPath(size, opts);
	const counts = BENCH_SIZES[size];
	const expected = JSON.stringify({ ...counts, seed, version: BENCH_DATA_VERSION });
	const marker = join(dir, MARKER);
	if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === expected) return dir;
	// Whatever is there is a partial set (or another version's): start again.
	rmSync(dir, { recursive: true, force: true });
	const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
	log(`generating bench data ${size} (seed ${seed}) in ${dir}...`);
	const started = performance.now();
	const written = await writeSynthDataDirStreaming(dir, {
		...counts,
		seed,
		onProgress: (kind, done, total) => log(`  ${kind} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`),
		progressEvery: 250_000,
	});
	writeFileSync(marker, `${expected}\n`);
	log(`  ${(written.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return dir;
}
