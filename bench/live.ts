// Live dashboard benchmark: npx tsx bench/live.ts [--json] [--articles 10000] [--incidents 10000] [--add 1000] [--writes 3] [--seed 1]
// (part of npm run bench). A synthetic directory of 10k articles is opened in
// the dashboard (the App rendered in this process, on the Search pane, the
// live reload wired as run.tsx wires it, files read in the built load worker);
// then a separate `sitrep ingest` process writes 1,000 new articles into it,
// `--writes` times. Per write: the time from the writer's exit to the first
// frame listing a new article marked ● with "N new" in the status bar, to the
// reload's data reaching the App, and the longest the event loop was held
// (nothing can be drawn meanwhile) from the writer's exit until the search
// results answer from the updated index. Figures, not tests: nothing fails.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { render } from 'ink';
import { createElement } from 'react';
import type { Problem } from '../source/core/problems.js';
import { buildSearchIndex } from '../source/core/search/index.js';
import { updateSteps } from '../source/core/search/update.js';
import type { Store } from '../source/core/store.js';
import { updateStoreSteps } from '../source/core/storeUpdate.js';
import { loadDataDir } from '../source/io/load/load.js';
import { snapshotOf } from '../source/io/load/watchDir.js';
import { App, type LiveStatus } from '../source/ui/app/App.js';
import { startLiveView } from '../source/ui/app/liveView.js';
import { synthArticles, writeSynthDataDir } from '../tests/support/synth.js';

const args = process.argv.slice(2);
// React's development build records every render's props for its profiler (the store, here): seconds
// per frame. The dashboard runs the production build (the bundle defines it); so does this, in a child.
if (process.env.NODE_ENV !== 'production') {
	const script = process.argv[1] ?? fileURLToPath(import.meta.url);
	const child = spawnSync(process.execPath, [...process.execArgv, script, ...args], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' },
	});
	process.exit(child.status ?? 1);
}
const option = (name: string, fallback: number) => {
	const i = args.indexOf(name);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const json = args.includes('--json');
const articles = option('--articles', 10_000);
const incidents = option('--incidents', 10_000);
const add = option('--add', 1000);
const writes = option('--writes', 3);
const seed = option('--seed', 1);

const TARGETS = { latencyMs: 2000, stallMs: 50 };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKER = join(ROOT, 'dist', 'articles-worker.js');
const log = (line: string) => {
	if (!json) process.stderr.write(`${line}\n`);
};

if (!existsSync(CLI) || !existsSync(WORKER)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });

const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-live-'));
const dir = join(work, 'data');
log(`writing ${articles} articles and ${incidents} incidents to ${dir}...`);
writeSynthDataDir(dir, { articles, incidents, seed });

/** `n` Markdown article files, newer than anything in the directory (so they head the Search pane's newest-first list). */
function articleFiles(batch: number): string[] {
	const folder = join(work, `in-${batch}`);
	mkdirSync(folder);
	return synthArticles(add, seed + 100 + batch).map((a, i) => {
		const file = join(folder, `a${i}.md`);
		const day = String(1 + (i % 28)).padStart(2, '0');
		writeFileSync(
			file,
			`---\ndate: 2026-0${1 + batch}-${day}\nsource: "Live Bench Wire"\n---\n\n# Live ${batch}-${i}: ${a.title}\n\n${a.body}\n`,
		);
		return file;
	});
}

const frames: { at: number; text: string }[] = [];
/** Ink's own time per frame (laying it out and making its text), as its onRender reports it. */
const renders: { at: number; ms: number }[] = [];
/**
 * A 1 ms ticker: a gap between two ticks is a time the event loop was held (by this process's
 * work, or by the machine giving its cores to others), and the process's CPU time in the gap says
 * how much of it was this process (all its threads: the collector's helpers count too).
 */
const ticks: { at: number; cpuMs: number }[] = [];
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
setInterval(() => ticks.push({ at: performance.now(), cpuMs: cpuMs() }), 1).unref();

const baseline = snapshotOf(dir);
if (!baseline) throw new Error(`${dir} is not there`);
const loaded = loadDataDir(dir);
const { problems } = loaded;
let status: LiveStatus | undefined;
let gotData = Number.NaN;
// createElement, not JSX: the runner and the docs name this file bench/live.ts.
const app = (store: Store, p: readonly Problem[]) =>
	createElement(App, {
		escapeMs: 0,
		store,
		problems: p,
		cols: 110,
		rows: 30,
		pane: 'search',
		...(status ? { live: status } : {}),
	});

/** What Ink writes to: whole frames (debug mode), kept with the time they came. */
class Screen extends EventEmitter {
	columns = 110;
	rows = 30;
	write = (frame: string) => {
		frames.push({ at: performance.now(), text: frame });
		return true;
	};
}
class Keys extends EventEmitter {
	isTTY = true;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => null;
}
const ink = render(app(loaded.store, problems), {
	stdout: new Screen() as unknown as NodeJS.WriteStream,
	stderr: new Screen() as unknown as NodeJS.WriteStream,
	stdin: new Keys() as unknown as NodeJS.ReadStream,
	debug: true,
	exitOnCtrlC: false,
	patchConsole: false,
	onRender: ({ renderTime }) => renders.push({ at: performance.now(), ms: renderTime }),
});

async function until(test: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
	const end = performance.now() + timeoutMs;
	while (!test()) {
		if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((res) => setTimeout(res, 10));
	}
}
const last = () => frames[frames.length - 1]?.text ?? '';
log('building the search index...');
await until(() => / matches · \d+\.\d ms/.test(last()) && !/indexing/.test(last()), 'the first results');

const live = startLiveView({
	dir,
	loaded,
	mode: 'auto',
	baseline,
	workerUrl: pathToFileURL(WORKER),
	onData(data, next) {
		status = next;
		gotData = performance.now();
		ink.rerender(app(data.store, data.problems));
	},
	onStatus(next) {
		status = next;
	},
});

interface Run {
	write: number;
	/** Writer's exit to the first frame listing a new article marked ● with the count in the status bar. */
	latencyMs: number;
	/** Writer's exit to the reload's store reaching the App. */
	dataMs: number;
	/** Longest gap between ticks in that time, and this process's CPU time in it. */
	holdMs: number;
	holdCpuMs: number;
	/** Longest time Ink took over one frame in that time. */
	frameMs: number;
}
const runs: Run[] = [];
for (let w = 0; w < writes; w++) {
	const files = articleFiles(w);
	const total = add * (w + 1);
	const shown = new RegExp(`● Live ${w}-\\d+`);
	const counted = new RegExp(`${total} new · updated \\d\\d:\\d\\d`);
	log(`write ${w + 1}: sitrep ingest of ${add} articles...`);
	gotData = Number.NaN;
	const child = spawn(process.execPath, [CLI, 'ingest', ...files, '--data', dir], { cwd: ROOT, stdio: 'ignore' });
	const code = await new Promise<number | null>((res) => child.on('exit', res));
	const written = performance.now();
	if (code !== 0) throw new Error(`sitrep ingest exited ${code}`);
	const from = frames.length;
	const isShown = (f: { text: string }) => shown.test(f.text) && counted.test(f.text);
	await until(() => frames.slice(from).some(isShown), 'the new articles');
	const at = frames.slice(from).find(isShown)?.at ?? Number.NaN;
	let holdMs = 0;
	let holdCpuMs = 0;
	for (let i = 1; i < ticks.length; i++) {
		const a = ticks[i - 1];
		const b = ticks[i];
		if (!a || !b || b.at < written || a.at > at) continue;
		if (b.at - a.at > holdMs) {
			holdMs = b.at - a.at;
			holdCpuMs = Math.min(holdMs, b.cpuMs - a.cpuMs);
		}
	}
	const during = renders.filter((x) => x.at >= written && x.at <= at + 1);
	runs.push({
		write: w + 1,
		latencyMs: at - written,
		dataMs: gotData - written,
		holdMs,
		holdCpuMs,
		frameMs: Math.max(0, ...during.map((x) => x.ms)),
	});
	ticks.length = 0;
	const run = runs[runs.length - 1] as Run;
	log(`  on screen ${run.latencyMs.toFixed(0)} ms after the write; longest hold ${run.holdMs.toFixed(1)} ms`);
}
live.close();
ink.unmount();

/**
 * The main thread's own share, apart from the collector and the machine: the store and index
 * updates for the first write run alone on the same data, each step timed (8 ms slices, as the
 * dashboard runs them).
 */
function longestStep<T>(steps: Generator<unknown, T>): { value: T; ms: number } {
	let ms = 0;
	for (;;) {
		const t = performance.now();
		const step = steps.next();
		ms = Math.max(ms, performance.now() - t);
		if (step.done) return { value: step.value, ms };
	}
}
const after = loadDataDir(dir).store;
const before = loaded.store;
const fresh = after.articles.filter((a) => !before.articleById.has(a.id) && a.title.startsWith('Live 0-'));
let sliceStart = performance.now();
const due = () => performance.now() - sliceStart > 8;
const storeSteps = (function* () {
	const g = updateStoreSteps(before, { articles: { fresh, gone: new Set() } }, due);
	for (;;) {
		sliceStart = performance.now();
		const step = g.next();
		if (step.done) return step.value;
		yield;
	}
})();
const stored = longestStep(storeSteps);
const oldIndex = buildSearchIndex(before.articles, before.incidents, before);
const indexed = longestStep(updateSteps(oldIndex, stored.value.articles, stored.value.incidents, stored.value, 8));
rmSync(work, { recursive: true, force: true });

const worst = (k: keyof Run) => Math.max(...runs.map((x) => x[k]));
const result = {
	articles,
	incidents,
	add,
	load: os.loadavg(),
	runs,
	targets: [
		{
			target: `${add} new articles into ${articles / 1000}k: on screen after the write (worst of ${writes})`,
			measured: `${worst('latencyMs').toFixed(0)} ms`,
			limit: `≤ ${TARGETS.latencyMs} ms`,
			met: worst('latencyMs') <= TARGETS.latencyMs,
		},
		{
			target: `longest frame while merging (Ink's time for it, worst of ${writes})`,
			measured: `${worst('frameMs').toFixed(1)} ms`,
			limit: `≤ ${TARGETS.stallMs} ms`,
			met: worst('frameMs') <= TARGETS.stallMs,
		},
		{
			target: `longest step of the store / index update run alone (${add} articles into ${articles / 1000}k)`,
			measured: `${stored.ms.toFixed(1)} / ${indexed.ms.toFixed(1)} ms`,
			limit: `≤ ${TARGETS.stallMs} ms`,
			met: Math.max(stored.ms, indexed.ms) <= TARGETS.stallMs,
		},
		{
			target: `longest the event loop was held while merging (worst of ${writes}; this process's CPU in it)`,
			measured: `${worst('holdMs').toFixed(1)} ms (${runs.find((x) => x.holdMs === worst('holdMs'))?.holdCpuMs.toFixed(1)} ms)`,
			limit: `≤ ${TARGETS.stallMs} ms`,
			met: worst('holdMs') <= TARGETS.stallMs,
		},
	],
};
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
	process.stdout.write(`machine load (1/5/15 min): ${result.load.map((l) => l.toFixed(2)).join(' ')}\n`);
	for (const x of runs)
		process.stdout.write(
			`write ${x.write}: store in the App ${x.dataMs.toFixed(0)} ms, on screen ${x.latencyMs.toFixed(0)} ms after the write; longest frame ${x.frameMs.toFixed(1)} ms; longest hold ${x.holdMs.toFixed(1)} ms (CPU ${x.holdCpuMs.toFixed(1)} ms)\n`,
		);
	for (const t of result.targets)
		process.stdout.write(`${t.target}: ${t.measured} ${t.limit} — ${t.met ? 'met' : 'MISSED'}\n`);
}
process.exit(0);
