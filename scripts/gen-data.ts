// npm run gen-data -- DIR [--incidents N] [--articles N] [--seed S] [--world wide|classic]
// Writes a seeded synthetic data directory of NDJSON parts (tests/support/synthStream.ts),
// e.g. issue 18's bench sets: --incidents 100000 --articles 10000, or 2500000 and 300000.
// Progress goes to stderr; the last line gives the time taken and the bytes written.
import { parseArgs } from 'node:util';
import { writeSynthDataDirStreaming } from '../tests/support/synthStream.js';

const USAGE =
	'usage: tsx scripts/gen-data.ts DIR [--incidents N] [--articles N] [--seed S] [--world wide|classic]\n' +
	'  (defaults: 100000 incidents, 10000 articles, seed 7, world wide; DIR/incidents and DIR/articles must be empty)\n';

function count(value: string | undefined, fallback: number): number {
	const n = value === undefined ? fallback : Number(value.replaceAll('_', ''));
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a count: ${value}`);
	return n;
}

const parse = (args: string[]) =>
	parseArgs({
		args,
		allowPositionals: true,
		options: {
			incidents: { type: 'string' },
			articles: { type: 'string' },
			seed: { type: 'string' },
			world: { type: 'string' },
		},
	});

async function main(argv: string[]): Promise<number> {
	let parsed: ReturnType<typeof parse>;
	try {
		parsed = parse(argv);
	} catch (err) {
		process.stderr.write(`${(err as Error).message}\n${USAGE}`);
		return 2;
	}
	const { values, positionals } = parsed;
	const world = values.world ?? 'wide';
	if (positionals.length !== 1 || (world !== 'wide' && world !== 'classic')) {
		process.stderr.write(USAGE);
		return 2;
	}
	const dir = positionals[0] as string;
	const incidents = count(values.incidents, 100_000);
	const articles = count(values.articles, 10_000);
	const seed = count(values.seed, 7);
	const started = performance.now();
	const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
	const written = await writeSynthDataDirStreaming(dir, {
		incidents,
		articles,
		seed,
		world,
		onProgress: (kind, done, total) =>
			process.stderr.write(
				`${kind}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}  (${seconds()} s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)\n`,
			),
	});
	const parts = Object.keys(written.files).filter((f) => f.endsWith('.ndjson')).length;
	process.stderr.write(
		`${incidents.toLocaleString('en')} incidents and ${articles.toLocaleString('en')} articles (seed ${seed}, ${world}) ` +
			`written to ${dir} in ${parts} parts: ${written.bytes.toLocaleString('en')} bytes (${(written.bytes / 1e6).toFixed(1)} MB) in ${seconds()} s\n`,
	);
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(err: Error) => {
		process.stderr.write(`gen-data: ${err.message}\n`);
		process.exitCode = 1;
	},
);
