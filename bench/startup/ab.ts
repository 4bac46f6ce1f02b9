// Start-up A/B: npx tsx bench/startup/ab.ts [-n 15] [--data DIR] name=path/to/cli.js ...
// Interleaves runs of `node -e 0` and of every variant (the machine's load then affects all
// alike) and reports medians: spawn → first complete frame in a pty (wall, as bench/tui.ts
// measures it), and the main thread's on-CPU time when the first frame was written (read by
// cpu-at-frame.cjs, preloaded), which load disturbs far less than wall time; each beside its
// ratio to `node -e 0` of the same run (wall spawn → exit; CPU at exit).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCompleteFrame, PtySession, stats } from '../../tests/support/pty.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOOK = fileURLToPath(new URL('./cpu-at-frame.cjs', import.meta.url));
const args = process.argv.slice(2);
let n = 15;
let data = join(ROOT, 'data');
const variants: [string, string][] = [];
for (let i = 0; i < args.length; i++) {
	const a = args[i] as string;
	if (a === '-n') n = Number(args[++i]);
	else if (a === '--data') data = args[++i] as string;
	else if (a.includes('=')) variants.push([a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
	else throw new Error(`unknown argument ${a}`);
}
if (variants.length === 0) variants.push(['dist', join(ROOT, 'dist', 'cli.js')]);

function readCpu(file: string): number {
	try {
		return Number(readFileSync(file, 'utf8').split(' ')[0]);
	} catch {
		return Number.NaN;
	}
}

function bareNode(dir: string): { wall: number; cpu: number } {
	const file = join(dir, 'node.cpu');
	const t = performance.now();
	spawnSync(process.execPath, ['-e', '0']);
	const wall = performance.now() - t;
	spawnSync(process.execPath, ['--require', HOOK, '-e', '0'], { env: { ...process.env, SITREP_STARTUP_CPU: file } });
	return { wall, cpu: readCpu(file) };
}

async function frame(cli: string): Promise<{ wall: number; cpu: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-ab-'));
	const file = join(dir, 'app.cpu');
	// The wall figure without the hook (as bench/tui.ts), the CPU figure from a second start with it.
	const start = (hook: boolean) =>
		PtySession.start({
			cols: 80,
			rows: 24,
			command: `${JSON.stringify(process.execPath)}${hook ? ` --require ${JSON.stringify(HOOK)}` : ''} ${JSON.stringify(cli)} --data ${JSON.stringify(data)}`,
			cwd: dir,
			env: {
				SITREP_CONFIG_DIR: dir,
				SITREP_CACHE_DIR: join(dir, 'cache'),
				...(hook ? { SITREP_STARTUP_CPU: file, SITREP_STARTUP_AT: 'frame' } : {}),
			},
		});
	try {
		let wall = Number.NaN;
		for (const hook of [false, true]) {
			const s = await start(hook);
			try {
				const seen = await s.waitFor((x) => x.frameEnd && isCompleteFrame(s.lines()), 30_000, 'first frame');
				if (!hook) wall = seen.at - s.started;
				s.press('q');
				await Promise.race([s.exited, new Promise((r) => setTimeout(r, 3000))]);
			} finally {
				await s.kill();
			}
		}
		return { wall, cpu: readCpu(file) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const scratch = mkdtempSync(join(tmpdir(), 'sitrep-ab-node-'));
const base = { wall: [] as number[], cpu: [] as number[] };
const res = new Map<string, { wall: number[]; cpu: number[] }>(variants.map(([k]) => [k, { wall: [], cpu: [] }]));
for (const [, cli] of variants) await frame(cli); // warm-up (page cache, code caches)
for (let i = 0; i < n; i++) {
	const b = bareNode(scratch);
	base.wall.push(b.wall);
	base.cpu.push(b.cpu);
	for (const [name, cli] of variants) {
		const r = await frame(cli);
		res.get(name)?.wall.push(r.wall);
		res.get(name)?.cpu.push(r.cpu);
	}
}
rmSync(scratch, { recursive: true, force: true });
const med = (v: number[]) => stats(v.filter((x) => Number.isFinite(x))).median;
const bw = med(base.wall);
const bc = med(base.cpu);
console.log(
	`n=${n}; load ${os
		.loadavg()
		.map((x) => x.toFixed(1))
		.join(' ')}`,
);
console.log(
	`${'node -e 0'.padEnd(16)} wall ${bw.toFixed(1).padStart(6)} ms          cpu ${bc.toFixed(1).padStart(6)} ms`,
);
// Medians of the per-run ratios too (each start over the node -e 0 just before it): steadier when the load drifts.
const paired = (v: number[], base: number[]) => med(v.map((x, i) => x / (base[i] as number)));
for (const [name, r] of res) {
	const w = med(r.wall);
	const c = med(r.cpu);
	console.log(
		`${name.padEnd(16)} wall ${w.toFixed(1).padStart(6)} ms (${(w / bw).toFixed(2)}×, paired ${paired(r.wall, base.wall).toFixed(2)}×)  cpu ${c.toFixed(1).padStart(6)} ms (${(c / bc).toFixed(2)}×, paired ${paired(r.cpu, base.cpu).toFixed(2)}×)  wall p95 ${stats(r.wall).p95.toFixed(0)}`,
	);
}
