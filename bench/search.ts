// Search benchmark: npx tsx bench/search.ts [--json] [--sizes 1000,10000,50000] [--seed 1] (part of npm run bench)
// Per corpus size: index build time, index memory (heap + ArrayBuffer delta
// around the build, after full GCs), per-keystroke latency of queries typed
// one character at a time, and naive fuse.js over whole bodies on a sample
// of the same keystrokes. Figures, not tests: nothing here fails a build.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { Resolver } from '../source/core/resolve.js';
import type { Article } from '../source/core/schema.js';
import {
	buildSearchIndex,
	indexBytes,
	parseQuery,
	type SearchIndex,
	searchWithInfo,
} from '../source/core/search/index.js';
import { lexQuery } from '../source/core/search/lex.js';
import { buildStore } from '../source/core/store.js';
import { loadDataDir } from '../source/io/load/load.js';
import { synthArticles } from '../tests/support/synth.js';

const args = process.argv.slice(2);

// Memory figures need global.gc: run again with --expose-gc (keeping tsx's loader flags).
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
	const script = process.argv[1] ?? fileURLToPath(import.meta.url);
	const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', script, ...args], {
		stdio: 'inherit',
	});
	process.exit(child.status ?? 1);
}

function option(name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

const json = args.includes('--json');
const sizes = (option('--sizes') ?? '1000,10000,50000').split(',').map((s) => Number(s.trim()));
const seed = Number(option('--seed') ?? '1');
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(seed)) {
	process.stderr.write('usage: npx tsx bench/search.ts [--json] [--sizes 1000,10000,50000] [--seed 1]\n');
	process.exit(2);
}

/** Queries typed one character at a time: names, misspellings, two words, filters, phrases. */
const QUERIES = [
	'muzamil',
	'haqani kabul',
	'khalil haqqani',
	'sirajuddin',
	'hibatulah akhundzda',
	'balkh governor',
	'suicide bombing quetta',
	'noor wali mehsud',
	'peshawar police checkpoint',
	'qandahar',
	'jaish al-adl zahedan',
	'country:PK ttp bannu',
	'actor:iskp kabul',
	'since:2024-01-01 haqqani',
	'type:"suicide bombing" mazar',
	'"roadside bomb" convoy',
	'taliban -pakistan',
];

/** Naive fuse.js runs per size: ~1.3 s each at 10k and ~6 s at 50k, so the bench stays near 3 minutes. */
function naiveSamples(n: number): number {
	return n <= 2000 ? 24 : n <= 20000 ? 8 : 4;
}

const TARGETS = {
	p95At10k: 16,
	p95At50k: 50,
	buildAt10k: 1000,
	memoryRatio: 1.5,
};

async function settle(): Promise<void> {
	for (let i = 0; i < 3; i++) {
		gc?.();
		// ArrayBuffer memory is released by a sweeper after the GC: give it a moment.
		await new Promise((r) => setTimeout(r, 30));
	}
}

function used(): number {
	const m = process.memoryUsage();
	return m.heapUsed + m.external;
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[i] ?? Number.NaN;
}

function stats(values: number[]): { median: number; p95: number; max: number } {
	const s = [...values].sort((a, b) => a - b);
	return { median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? Number.NaN };
}

function textBytes(articles: readonly Article[]): number {
	let b = 0;
	for (const a of articles)
		b += Buffer.byteLength(a.title) + Buffer.byteLength(a.summary ?? '') + Buffer.byteLength(a.body);
	return b;
}

/** The free-text part of a keystroke, as a naive fuse.js user would pass it. */
function freeText(input: string): string {
	return lexQuery(input)
		.filter((t) => !t.key)
		.map((t) => input.slice(t.start, t.end))
		.join(' ');
}

interface SizeResult {
	articles: number;
	textBytes: number;
	buildMs: number;
	buildRuns: number[];
	indexBytes: number;
	typedArrayBytes: number;
	terms: number;
	keystrokes: number;
	latency: { median: number; p95: number; max: number };
	slowest: { input: string; ms: number }[];
	naive: { samples: number; median: number; p95: number; engineMedianSameKeys: number; ratio: number };
}

const bundled = loadDataDir(fileURLToPath(new URL('../data/', import.meta.url))).store;

async function runSize(n: number): Promise<SizeResult> {
	const articles = synthArticles(n, seed);
	const bytes = textBytes(articles);
	const store = buildStore('synthetic', {
		articles,
		incidents: [],
		actors: bundled.actors,
		countries: bundled.countries,
	});
	const resolver = new Resolver(store);

	const runs = n <= 10_000 ? 3 : 1;
	const buildRuns: number[] = [];
	let ix: SearchIndex | undefined;
	let memory = 0;
	for (let r = 0; r < runs; r++) {
		ix = undefined;
		await settle();
		const before = used();
		const t = performance.now();
		ix = buildSearchIndex(articles, []);
		buildRuns.push(performance.now() - t);
		await settle();
		memory = used() - before;
	}
	const index = ix as SearchIndex;

	for (const warm of ['police', 'governor kabul', 'country:AF']) searchWithInfo(index, parseQuery(warm, resolver));
	const timings: { input: string; ms: number }[] = [];
	for (const q of QUERIES) {
		for (let i = 1; i <= q.length; i++) {
			const input = q.slice(0, i);
			const t = performance.now();
			searchWithInfo(index, parseQuery(input, resolver), { limit: 50 });
			timings.push({ input, ms: performance.now() - t });
		}
	}

	// Naive: fuse.js over title + body of every article, on evenly spread keystrokes.
	const candidates = timings.filter((k) => freeText(k.input).trim().length >= 2);
	const count = Math.min(naiveSamples(n), candidates.length);
	const picked = Array.from(
		{ length: count },
		(_, i) => candidates[Math.floor(((i + 0.5) * candidates.length) / count)] as { input: string; ms: number },
	);
	const fuse = new Fuse(articles, {
		keys: ['title', 'body'],
		ignoreLocation: true,
		threshold: 0.3,
		useExtendedSearch: false,
	});
	const naive: number[] = [];
	for (const k of picked) {
		const t = performance.now();
		fuse.search(freeText(k.input), { limit: 50 });
		naive.push(performance.now() - t);
	}
	const naiveStats = stats(naive);
	const engineSame = stats(picked.map((k) => k.ms)).median;

	return {
		articles: n,
		textBytes: bytes,
		buildMs: stats(buildRuns).median,
		buildRuns,
		indexBytes: memory,
		typedArrayBytes: indexBytes(index),
		terms: index.vocab.size,
		keystrokes: timings.length,
		latency: stats(timings.map((t) => t.ms)),
		slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5),
		naive: {
			samples: count,
			median: naiveStats.median,
			p95: naiveStats.p95,
			engineMedianSameKeys: engineSame,
			ratio: naiveStats.median / engineSame,
		},
	};
}

interface Verdict {
	target: string;
	measured: string;
	met: boolean;
	note: string;
}

function verdicts(results: SizeResult[]): Verdict[] {
	const out: Verdict[] = [];
	const check = (target: string, value: number, limit: number, unit: string, digits = 1) => {
		const met = value <= limit;
		const over = value - limit;
		out.push({
			target,
			measured: `${value.toFixed(digits)}${unit}`,
			met,
			note: met
				? `met (${(limit - value).toFixed(digits)}${unit} to spare)`
				: `missed by ${over.toFixed(digits)}${unit} (${((over / limit) * 100).toFixed(0)}%)`,
		});
	};
	for (const r of results) {
		if (r.articles === 10_000) {
			check('p95 per keystroke <= 16 ms at 10k', r.latency.p95, TARGETS.p95At10k, ' ms');
			check('index build <= 1 s at 10k', r.buildMs, TARGETS.buildAt10k, ' ms', 0);
		}
		if (r.articles === 50_000) check('p95 per keystroke <= 50 ms at 50k', r.latency.p95, TARGETS.p95At50k, ' ms');
		check(
			`index memory <= 1.5x text at ${r.articles / 1000}k`,
			r.indexBytes / r.textBytes,
			TARGETS.memoryRatio,
			'x',
			2,
		);
	}
	return out;
}

function mb(b: number): string {
	return (b / 1e6).toFixed(1);
}

function table(results: SizeResult[]): string {
	const head = [
		'articles',
		'text MB',
		'terms',
		'build ms',
		'index MB (x text)',
		'keys',
		'median ms',
		'p95 ms',
		'max ms',
		'naive n',
		'naive median ms',
		'naive p95 ms',
		'speed-up',
	];
	const rows = results.map((r) => [
		String(r.articles),
		mb(r.textBytes),
		String(r.terms),
		r.buildMs.toFixed(0),
		`${mb(r.indexBytes)} (${(r.indexBytes / r.textBytes).toFixed(2)}x)`,
		String(r.keystrokes),
		r.latency.median.toFixed(2),
		r.latency.p95.toFixed(2),
		r.latency.max.toFixed(1),
		String(r.naive.samples),
		r.naive.median.toFixed(0),
		r.naive.p95.toFixed(0),
		`${r.naive.ratio.toFixed(0)}x`,
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`;
	return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const started = performance.now();
const results: SizeResult[] = [];
for (const n of sizes) {
	if (!json) process.stderr.write(`${n} articles...\n`);
	results.push(await runSize(n));
	await settle();
}
const checks = verdicts(results);
if (json) {
	process.stdout.write(
		`${JSON.stringify(
			{
				node: process.version,
				cpus: os.cpus().length,
				seed,
				queries: QUERIES,
				results,
				targets: checks,
				seconds: (performance.now() - started) / 1000,
			},
			null,
			2,
		)}\n`,
	);
} else {
	const out: string[] = [
		`sitrep search bench: node ${process.version}, ${os.cpus().length} CPUs, synthetic corpus seed ${seed}`,
		`${QUERIES.length} queries typed one character at a time (parse + search + snippets, limit 50)`,
		'',
		table(results),
		'',
		'naive = fuse.js over title+body (ignoreLocation, threshold 0.3, useExtendedSearch false) on n evenly',
		'spread keystrokes; speed-up = naive median / engine median on those same keystrokes.',
		'index MB = heap + ArrayBuffer growth across the build after full GCs (the articles themselves excluded).',
		'',
		...checks.map((c) => `${c.met ? 'met   ' : 'MISSED'} ${c.target}: ${c.measured} — ${c.note}`),
		'',
		...results.map(
			(r) =>
				`slowest keystrokes at ${r.articles / 1000}k: ${r.slowest.map((s) => `${JSON.stringify(s.input)} ${s.ms.toFixed(1)} ms`).join(', ')}`,
		),
		`(${((performance.now() - started) / 1000).toFixed(0)} s)`,
	];
	process.stdout.write(`${out.join('\n')}\n`);
}
