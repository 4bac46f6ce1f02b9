// npm run bench [-- --json] [--quick] [--only search,import,link,tui,live,storage] [--full]
// Runs every benchmark, each in its own process (a clean heap, the built CLI
// in a pseudo-terminal for the TUI figures), and prints one table: each
// figure next to its target. Figures, not tests: nothing here fails a build.
// storage (the SQLite index, ~2 minutes on bundled + 100k) runs only when asked:
// --only storage; with --full it adds the 2.5M set (~2 GB generated once, 15–20 minutes).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Figure } from './tui.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const full = args.includes('--full');
const onlyAt = args.indexOf('--only');
const only = new Set((onlyAt >= 0 ? (args[onlyAt + 1] ?? '') : 'search,import,link,fetch,tui,live').split(','));

interface Row {
	section: string;
	name: string;
	value: string;
	target: string;
	met: boolean | null;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** One bench, run as its own process with --json; its parsed output. */
function run(file: string, extra: string[]): unknown {
	if (!json) process.stderr.write(`running ${file}...\n`);
	const r = spawnSync(process.execPath, ['--import', 'tsx', here(file), '--json', ...extra], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		stdio: ['ignore', 'pipe', json ? 'ignore' : 'inherit'],
	});
	if (r.status !== 0) throw new Error(`${file} failed with status ${r.status}`);
	return JSON.parse(r.stdout);
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};

if (only.has('tui')) {
	const out = run('./tui.ts', quick ? ['--quick'] : []) as { figures: Figure[]; load: number[] };
	const { figures } = out;
	raw.tui = out;
	for (const f of figures) {
		rows.push({
			section: 'terminal',
			name: f.name,
			value: `${Number.isInteger(f.value) ? f.value : f.value.toFixed(f.value < 10 ? 2 : 1)} ${f.unit}`,
			target: f.target === null ? '' : `≤ ${f.target} ${f.unit}`,
			met: f.info ? null : f.met,
		});
	}
}

if (only.has('search')) {
	const out = run('./search.ts', quick ? ['--sizes', '1000,10000'] : []) as {
		targets: { target: string; measured: string; met: boolean }[];
		results: { articles: number; latency: { median: number; p95: number }; buildMs: number }[];
	};
	raw.search = out;
	for (const r of out.results) {
		rows.push({
			section: 'search',
			name: `keystroke (parse + search + snippets), ${r.articles / 1000}k articles, median`,
			value: `${r.latency.median.toFixed(2)} ms`,
			target: '',
			met: null,
		});
	}
	for (const t of out.targets)
		rows.push({ section: 'search', name: t.target, value: t.measured, target: '', met: t.met });
}

if (only.has('import')) {
	const out = run('./import.ts', quick ? ['--rows', '10000'] : []) as {
		figures: {
			input: string;
			rows: number;
			firstSeconds: number;
			per10kSeconds: number;
			secondImportAdds: number;
			accounted: boolean;
		}[];
	};
	raw.import = out;
	for (const f of out.figures) {
		rows.push({
			section: 'import',
			name: `${f.input}: ${f.rows} rows, time per 10k rows`,
			value: `${f.per10kSeconds.toFixed(2)} s`,
			target: '',
			met: null,
		});
		rows.push({
			section: 'import',
			name: `${f.input}: every row accounted for, second import adds 0`,
			value: `${f.accounted ? 'yes' : 'NO'}, adds ${f.secondImportAdds}`,
			target: 'yes, 0',
			met: f.accounted && f.secondImportAdds === 0,
		});
	}
}

if (only.has('link')) {
	const out = run('./link.ts', []) as {
		articles: number;
		perArticleMs: number;
		texts: number;
		wordsPerText: number;
		perTextMs: number;
		buildMs: number;
	};
	raw.link = out;
	rows.push({
		section: 'link',
		name: `entity linking, per bundled article (${out.articles})`,
		value: `${out.perArticleMs.toFixed(3)} ms`,
		target: '≤ 1 ms',
		met: out.perArticleMs <= 1,
	});
	rows.push({
		section: 'link',
		name: `entity linking, per ingested text (${out.texts}, ~${out.wordsPerText} words)`,
		value: `${out.perTextMs.toFixed(3)} ms`,
		target: '',
		met: null,
	});
	rows.push({
		section: 'link',
		name: 'gazetteer build, bundled data',
		value: `${out.buildMs.toFixed(1)} ms`,
		target: '',
		met: null,
	});
}

if (only.has('fetch')) {
	const out = run('./fetch.ts', []) as {
		added: number;
		mergeMs: number;
		cliMs: number;
		idleMs: number;
		idleCliMs: number;
		all304: boolean;
	};
	raw.fetch = out;
	rows.push({
		section: 'fetch',
		name: `1,000 new RSS items fetched and merged into 10k articles (${out.added} added), in process`,
		value: `${(out.mergeMs / 1000).toFixed(2)} s`,
		target: '≤ 3 s',
		met: out.mergeMs <= 3000 && out.added === 1000,
	});
	rows.push({
		section: 'fetch',
		name: 'the same, as `sitrep fetch` (a process from start to exit)',
		value: `${(out.cliMs / 1000).toFixed(2)} s`,
		target: '≤ 3 s',
		met: out.cliMs <= 3000,
	});
	rows.push({
		section: 'fetch',
		name: `20 sources, nothing new (all 304: ${out.all304 ? 'yes' : 'NO'}), in process`,
		value: `${out.idleMs.toFixed(0)} ms`,
		target: '≤ 200 ms',
		met: out.idleMs <= 200 && out.all304,
	});
	rows.push({
		section: 'fetch',
		name: 'the same, as `sitrep fetch` (Node start-up included)',
		value: `${out.idleCliMs.toFixed(0)} ms`,
		target: '',
		met: null,
	});
}

if (only.has('live')) {
	const out = run('./live.ts', quick ? ['--writes', '1'] : []) as {
		load: number[];
		runs: { write: number; latencyMs: number; dataMs: number; holdMs: number; holdCpuMs: number; frameMs: number }[];
		targets: { target: string; measured: string; limit: string; met: boolean }[];
	};
	raw.live = out;
	for (const t of out.targets)
		rows.push({ section: 'live', name: t.target, value: t.measured, target: t.limit, met: t.met });
	rows.push({
		section: 'live',
		name: 'machine load while it ran (1 / 5 / 15 min)',
		value: out.load.map((l) => l.toFixed(2)).join(' / '),
		target: '',
		met: null,
	});
}

if (only.has('storage')) {
	const out = run('./storage.ts', full ? [] : ['--quick']) as { rows: Row[] };
	raw.storage = out;
	rows.push(...out.rows);
}

const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
if (json) {
	process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), machine, rows, raw }, null, 2)}\n`);
} else {
	const widths = [8, 0, 0, 0];
	for (const r of rows) {
		widths[1] = Math.max(widths[1] ?? 0, r.name.length);
		widths[2] = Math.max(widths[2] ?? 0, r.value.length);
		widths[3] = Math.max(widths[3] ?? 0, r.target.length);
	}
	const out = [`sitrep benchmarks — ${machine} — ${new Date().toISOString().slice(0, 16)}Z`, ''];
	for (const r of rows) {
		const verdict = r.met === null ? '' : r.met ? 'met' : 'MISSED';
		out.push(
			`${r.section.padEnd(widths[0] ?? 8)}  ${r.name.padEnd(widths[1] ?? 0)}  ${r.value.padStart(widths[2] ?? 0)}  ${r.target.padEnd(widths[3] ?? 0)}  ${verdict}`,
		);
	}
	const missed = rows.filter((r) => r.met === false).length;
	out.push('', `${rows.filter((r) => r.met !== null).length - missed} targets met, ${missed} missed`);
	process.stdout.write(`${out.join('\n')}\n`);
}
