// Storage benchmark (issue 18): npx tsx bench/storage.ts [--json] [--quick] [--sizes bundled,10k,100k,2.5m]
// The SQLite index against its targets on the bundled data and the bench sets
// (bench/data.ts; --quick leaves out 2.5M + 300k, ~2 GB and ~10 minutes more):
// full build, incremental update of 10k incidents, first answer from process
// start, filter applies, risk tables, actor rows, peak RSS; the in-memory store
// beside it where it fits. Every figure comes from a fresh process
// (storage/child.ts), bundled by esbuild as dist/ is, so tsx's compiling at
// start-up is not counted. Figures, not tests: nothing here fails a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { incidentRecords } from '../tests/support/synthRecords.js';
import { BENCH_SIZES, type BenchSize, benchDataDir } from './data.js';
import { measureDashboard } from './storage/dashboard.js';
import { type Measured, type Row, storageRows } from './storage/rows.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const sizesAt = args.indexOf('--sizes');
const sizes = (
	sizesAt >= 0 ? (args[sizesAt + 1] ?? '') : args.includes('--quick') ? 'bundled,100k' : 'bundled,100k,2.5m'
).split(',');
for (const s of sizes) {
	if (s !== 'bundled' && !(s in BENCH_SIZES))
		throw new Error(`--sizes: unknown size "${s}"; expected bundled, ${Object.keys(BENCH_SIZES).join(', ')}`);
}
const log = (line: string) => {
	if (!json) process.stderr.write(`${line}\n`);
};

const root = fileURLToPath(new URL('..', import.meta.url));
const childFile = join(root, '.bench', 'storage-child.mjs');
mkdirSync(join(root, '.bench'), { recursive: true });
await build({
	entryPoints: [join(root, 'bench/storage/child.ts')],
	outfile: childFile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	mainFields: ['module', 'main'],
	external: ['libsql'],
	// Bundled CommonJS dependencies call require: give the ES module one.
	banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
	logLevel: 'warning',
});

const FILTER_BUDGET_MS = 180_000;

/** One child run: its JSON, and the 1-minute load average as it started. */
function child(env: NodeJS.ProcessEnv, ...argv: string[]): Record<string, unknown> & { load: number } {
	const load = os.loadavg()[0] ?? 0;
	log(`  ${argv.join(' ')} (load ${load.toFixed(2)})`);
	const r = spawnSync(process.execPath, [childFile, ...argv], {
		encoding: 'utf8',
		env: { ...process.env, ...env },
		maxBuffer: 16 * 1024 * 1024,
		stdio: ['ignore', 'pipe', json ? 'ignore' : 'inherit'],
	});
	if (r.status !== 0) throw new Error(`storage child ${argv.join(' ')} failed with status ${r.status}`);
	return { ...JSON.parse(r.stdout), load };
}

/** 10k new incidents as their own file: a new file is what an import or a feed adds. */
function writeExtra(path: string): void {
	const lines: string[] = [];
	for (const inc of incidentRecords(10_000, 4242, { world: 'wide' })) lines.push(JSON.stringify(inc));
	writeFileSync(path, `${lines.join('\n')}\n`);
}

async function measure(size: string): Promise<Measured> {
	const bundled = size === 'bundled';
	// The bundled sample's index goes to a temporary folder, not the user's cache.
	const indexDir = bundled ? mkdtempSync(join(os.tmpdir(), 'sitrep-bench-storage-')) : undefined;
	const env: NodeJS.ProcessEnv = indexDir ? { SITREP_INDEX_DIR: indexDir } : {};
	// At 2.5M an apply can take seconds: 3 minutes of them, spread over the filters (storage/read.ts).
	if (size === '2.5m') env.SITREP_BENCH_FILTER_BUDGET_MS = String(FILTER_BUDGET_MS);
	const dir = bundled ? join(root, 'data') : await benchDataDir(size as BenchSize);
	const extra = join(dir, 'incidents', 'bench-extra.ndjson');
	if (!bundled) rmSync(extra, { force: true });
	log(`${size}: ${dir}`);
	try {
		const m: Measured = {
			size,
			build: child(env, 'build', dir),
			index: child(env, 'read', dir, 'index'),
		};
		// 2.5M incidents in memory would take 4–6 times their 2 GB: not measured.
		if (size !== '2.5m') m.memory = child(env, 'read', dir, 'memory');
		// The dashboard itself (dist/cli.js in a pty) over the index just measured, and in memory below 2.5M.
		if (existsSync(join(root, 'dist', 'cli.js'))) {
			m.dashboard = {};
			const dashEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
			for (const mode of size === '2.5m' ? (['index'] as const) : (['index', 'memory'] as const)) {
				const load = os.loadavg()[0] ?? 0;
				log(`  dashboard ${mode} (load ${load.toFixed(2)})`);
				m.dashboard[mode] = { ...(await measureDashboard(dir, mode, dashEnv, { starts: 3, keys: 60 })), load };
			}
		} else log('  dashboard: dist/cli.js not built (npm run build): not measured');
		// The bundled sample is one incidents.json in the repository: no folder to add a file to.
		if (!bundled && existsSync(join(dir, 'incidents'))) {
			try {
				writeExtra(extra);
				m.added = child(env, 'update', dir);
			} finally {
				rmSync(extra, { force: true });
			}
			m.removed = child(env, 'update', dir);
		}
		return m;
	} finally {
		if (indexDir) rmSync(indexDir, { recursive: true, force: true });
	}
}

const started = performance.now();
const measured: Measured[] = [];
for (const size of sizes) measured.push(await measure(size));
const rows: Row[] = storageRows(measured);
const seconds = (performance.now() - started) / 1000;

if (json) {
	process.stdout.write(`${JSON.stringify({ load: os.loadavg(), seconds, rows, measured }, null, 2)}\n`);
} else {
	const w = [0, 0, 0].map((_, i) => Math.max(...rows.map((r) => [r.name, r.value, r.target][i]?.length ?? 0)));
	for (const r of rows) {
		const verdict = r.met === null ? '' : r.met ? 'met' : 'MISSED';
		process.stdout.write(
			`${r.name.padEnd(w[0] ?? 0)}  ${r.value.padStart(w[1] ?? 0)}  ${r.target.padEnd(w[2] ?? 0)}  ${verdict}\n`,
		);
	}
	process.stdout.write(
		`(${seconds.toFixed(0)} s; load now ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' / ')})\n`,
	);
}
