// Seeded synthetic data in memory, for benchmarks and for trying the TUI at
// scale; the records are made one at a time in synthRecords.ts (which says how
// they are marked as synthetic), and synthStream.ts streams millions to files.
//
//   tsx tests/support/synth.ts --articles 10000 --seed 1 --out DIR
// writes DIR/articles.jsonl plus copies of the bundled actors.json and
// countries.json, so `sitrep --data DIR` has actors and countries to resolve.
//   tsx tests/support/synth.ts --incidents 100000 --articles 10000 --seed 1 --out DIR
// writes DIR/incidents.json and DIR/articles.json instead (what bench/tui.ts opens);
// synthetic incidents say "Synthetic incident" and are tagged "synthetic" too.
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Article, Incident } from '../../source/core/schema.js';
import { articleRecords, incidentRecords, type SynthOptions } from './synthRecords.js';

export { prng } from './synthRecords.js';

/** `n` synthetic articles, the same for the same seed (and world: "classic" unless asked). */
export function synthArticles(n: number, seed: number, opts: SynthOptions = {}): Article[] {
	return [...articleRecords(n, seed, opts)];
}

/**
 * `n` synthetic incidents, the same for the same seed. Actor ids and country
 * codes are those of data/actors.json and data/countries.json; every
 * description starts "Synthetic incident" and every record is tagged
 * "synthetic". Independent of synthArticles (its own generator).
 */
export function synthIncidents(n: number, seed: number, opts: SynthOptions = {}): Incident[] {
	return [...incidentRecords(n, seed, opts)];
}

export interface SynthDataDir {
	dir: string;
	/** Bytes of each file written or copied, by name. */
	files: Record<string, number>;
	/** Bytes of JSON the app loads from the directory. */
	bytes: number;
}

/**
 * A data directory sitrep can open: incidents.json ({"incidents": [...]}),
 * articles.json ({"articles": [...]}) and copies of the bundled actors and
 * countries, which the synthetic records reference.
 */
export function writeSynthDataDir(
	dir: string,
	opts: { incidents: number; articles: number; seed: number },
): SynthDataDir {
	mkdirSync(dir, { recursive: true });
	const files: Record<string, number> = {};
	const write = (name: string, text: string) => {
		writeFileSync(join(dir, name), text);
		files[name] = Buffer.byteLength(text);
	};
	write('incidents.json', `{"incidents":${JSON.stringify(synthIncidents(opts.incidents, opts.seed))}}\n`);
	write('articles.json', `{"articles":${JSON.stringify(synthArticles(opts.articles, opts.seed))}}\n`);
	const data = fileURLToPath(new URL('../../data/', import.meta.url));
	for (const name of ['actors.json', 'countries.json']) {
		copyFileSync(join(data, name), join(dir, name));
		files[name] = statSync(join(dir, name)).size;
	}
	return { dir, files, bytes: Object.values(files).reduce((a, b) => a + b, 0) };
}

function argValue(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

const USAGE = 'usage: tsx tests/support/synth.ts [--articles N] [--incidents N] [--seed S] --out DIR\n';

function main(args: string[]): void {
	const incidents = argValue(args, '--incidents');
	const n = Number(argValue(args, '--articles') ?? '10000');
	const seed = Number(argValue(args, '--seed') ?? '1');
	const out = argValue(args, '--out');
	const m = Number(incidents ?? '0');
	if (!out || !Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0 || !Number.isInteger(seed)) {
		process.stderr.write(USAGE);
		process.exitCode = 2;
		return;
	}
	if (incidents !== undefined) {
		// With --incidents: a whole data directory of .json files, as the TUI bench loads it.
		const written = writeSynthDataDir(out, { incidents: m, articles: n, seed });
		process.stdout.write(
			`${m} synthetic incidents and ${n} articles (seed ${seed}) written to ${out}: ${(written.bytes / 1e6).toFixed(1)} MB of JSON\n`,
		);
		return;
	}
	mkdirSync(out, { recursive: true });
	const articles = synthArticles(n, seed);
	writeFileSync(join(out, 'articles.jsonl'), `${articles.map((a) => JSON.stringify(a)).join('\n')}\n`);
	const data = fileURLToPath(new URL('../../data/', import.meta.url));
	for (const name of ['actors.json', 'countries.json']) copyFileSync(join(data, name), join(out, name));
	process.stdout.write(`${n} synthetic articles (seed ${seed}) written to ${join(out, 'articles.jsonl')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
