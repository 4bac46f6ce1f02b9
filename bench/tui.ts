// TUI bench: npx tsx bench/tui.ts [--json] [--sets bundled,10k,100k] [--quick] [--seed 1]
// Runs the real built CLI (dist/cli.js) in a pseudo-terminal (util-linux
// `script`, see bench/pty.ts) on the bundled data and on seeded synthetic
// data sets, reads the screen through a terminal emulator, and prints each
// figure next to its target: first frame, keystroke → frame latency, bytes
// per navigation key against a minimal rewrite (with a whole-frame reference
// run for correctness), bytes per j while the list scrolls (isolated presses,
// and j held as a terminal repeats it), peak memory, and query echo while
// searching.
// Figures, not tests: nothing here fails a build.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PREVIEW_REST_MS } from '../source/ui/app/Body.js';
import {
	firstDifference,
	isCompleteFrame,
	MOVE_BYTES,
	minimalRewrite,
	PtySession,
	rowCost,
	rowSignature,
	type Seen,
	type Stats,
	type StyledRow,
	SYNC_END,
	stats,
} from '../tests/support/pty.js';
import { prng, writeSynthDataDir } from '../tests/support/synth.js';

export interface Figure {
	name: string;
	value: number;
	unit: string;
	/** The limit the value must not exceed; null for figures shown for context only. */
	target: number | null;
	met: boolean;
	/** A context figure (no target): met is always true. */
	info?: boolean;
	note?: string;
}

export interface TuiBenchOptions {
	json: boolean;
	/** Data sets: bundled, 10k (10k incidents + 1k articles), 100k (100k + 10k). */
	sets?: string[];
	/** Fewer repeats, for a quick look (~1 minute). */
	quick?: boolean;
	seed?: number;
	/** Progress lines go here (default: stderr unless json). */
	log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** The CLI the sessions run: a snapshot of dist/, so a rebuild during the run cannot mix versions. */
let CLI = join(DIST, 'cli.js');

/** Copies dist/ into `work` (with node_modules linked, for anything the bundle leaves external). */
function snapshotDist(work: string): string {
	const dir = join(work, 'app');
	cpSync(DIST, join(dir, 'dist'), { recursive: true });
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
	return join(dir, 'dist', 'cli.js');
}

export const KEYS = {
	enter: '\r',
	esc: '\u001b',
	tab: '\t',
	down: '\u001b[B',
	up: '\u001b[A',
	pageDown: '\u001b[6~',
	pageUp: '\u001b[5~',
	ctrlU: '\u0015',
} as const;

/** Keys that count as navigation for the bytes figure. */
const NAV = new Set(['j', 'k', 'down', 'up', 'pgdn', 'pgup', 'g', 'G', '1', '2', '3', '4', 'tab']);

export interface Step {
	key: string;
	label: string;
}

const LABELS: Record<string, string> = {
	[KEYS.enter]: 'enter',
	[KEYS.esc]: 'esc',
	[KEYS.tab]: 'tab',
	[KEYS.down]: 'down',
	[KEYS.up]: 'up',
	[KEYS.pageDown]: 'pgdn',
	[KEYS.pageUp]: 'pgup',
	[KEYS.ctrlU]: 'ctrl-u',
};

export function labelOf(key: string): string {
	return LABELS[key] ?? key;
}

/**
 * `n` seeded keys over the whole dashboard: mostly navigation, with pane
 * switches, detail views, the help overlay, window changes, a typed search (a word without q or b, in case it lands outside a text field) and
 * a Timeline filter now and then. No q, no ^C, no b (writes a file).
 */
export function mixedKeys(n: number, seed: number): Step[] {
	const rnd = prng(seed);
	const weighted: [number, string[]][] = [
		[24, ['j']],
		[8, ['k']],
		[4, [KEYS.down]],
		[3, [KEYS.up]],
		[5, [KEYS.pageDown]],
		[3, [KEYS.pageUp]],
		[2, ['g']],
		[2, ['G']],
		[4, ['1']],
		[4, ['2']],
		[4, ['3']],
		[4, ['4']],
		[3, [KEYS.tab]],
		[6, [KEYS.enter]],
		[6, [KEYS.esc]],
		[2, [']']],
		[2, ['[']],
		[2, ['?']],
		[2, ['o']],
		[2, ['/', 'k', 'u', 'n', 'a', 'r', KEYS.esc]],
		[2, ['1', 'f', 'P', 'K', KEYS.enter]],
		[1, ['1', 'c']],
	];
	const total = weighted.reduce((s, [w]) => s + w, 0);
	const out: Step[] = [];
	while (out.length < n) {
		let r = rnd() * total;
		let keys = weighted[0]?.[1] ?? ['j'];
		for (const [w, k] of weighted) {
			r -= w;
			if (r < 0) {
				keys = k;
				break;
			}
		}
		for (const key of keys) if (out.length < n) out.push({ key, label: labelOf(key) });
	}
	return out;
}

export function isNavigation(step: Step): boolean {
	return NAV.has(step.label);
}

// ------------------------------------------------------------------ plumbing

interface DataSet {
	name: string;
	dir: string;
	/** Bytes of JSON the app loads. */
	bytes: number;
	incidents: number;
	articles: number;
}

function jsonBytes(dir: string): number {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'))
		.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

export function appSession(dir: string, cols: number, rows: number, extraEnv: Record<string, string> = {}) {
	const config = mkdtempSync(join(tmpdir(), 'sitrep-bench-conf-'));
	// A fresh settings folder: the app remembers the last pane, which would change where each run starts.
	return PtySession.start({
		cols,
		rows,
		command: `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --data ${JSON.stringify(dir)}`,
		cwd: config,
		// A load cache of its own unless given one: every start is cold unless a figure says otherwise.
		env: { SITREP_CONFIG_DIR: config, SITREP_CACHE_DIR: join(config, 'cache'), ...extraEnv },
	}).then((s) => {
		s.exited.then(() => rmSync(config, { recursive: true, force: true }));
		return s;
	});
}

/**
 * After 4: the Search pane drawn with every article loaded (big sets load
 * them after the first frame) and the index built ("indexing…" gone).
 */
function indexReady(s: PtySession): Promise<Seen> {
	return s.waitFor(
		(x) => {
			if (!x.frameEnd) return false;
			const lines = s.lines();
			return lines[1]?.startsWith('search›') === true && !/indexing|loading articles/.test(lines.join('\n'));
		},
		120_000,
		'the search index',
	);
}

export async function firstFrame(s: PtySession, timeoutMs = 60_000): Promise<Seen> {
	return s.waitFor((seen) => seen.frameEnd && isCompleteFrame(s.lines()), timeoutMs, 'the first complete frame');
}

/** Time from spawn to exit of `node -e 0`: what Node itself costs on this machine now. */
async function bareNode(): Promise<number> {
	const t = performance.now();
	const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
	await new Promise((r) => p.on('exit', r));
	return performance.now() - t;
}

/** Time from spawn to exit of `script` running `stty …; exec node -e 0`: the harness's own cost. */
async function baseline(): Promise<number> {
	const t = performance.now();
	const p = spawn('script', ['-qfec', 'stty rows 24 cols 80; exec node -e 0', '/dev/null'], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	p.stdout.resume();
	await new Promise((r) => p.on('exit', r));
	return performance.now() - t;
}

interface KeyTiming {
	label: string;
	/** Key written → first byte of output. */
	firstByte: number;
	/** Key written → arrival of the bytes that ended the first frame showing the change. */
	frame: number;
	/** Key written → last byte before ≥ quiet ms of silence. */
	settled: number;
	bytes: number;
}

/**
 * Presses a key and times the answer. `expect` says what the updated screen
 * looks like (default: any change of text).
 */
export async function timeKey(
	s: PtySession,
	key: string,
	opts: { expect?: (lines: string[]) => boolean; quietMs?: number; timeoutMs?: number } = {},
): Promise<KeyTiming> {
	const before = s.lines().join('\n');
	const bytes0 = s.bytes;
	const test = opts.expect ?? ((lines: string[]) => lines.join('\n') !== before);
	const t = s.press(key);
	let frame = Number.NaN;
	try {
		const seen = await s.waitFor((x) => x.frameEnd && test(s.lines()), opts.timeoutMs ?? 10_000, labelOf(key));
		frame = seen.at - t;
	} catch {
		// No updated frame: reported as NaN (and counted as a miss by the caller).
	}
	const last = await s.settle(opts.quietMs ?? 20);
	return {
		label: labelOf(key),
		firstByte: s.firstChunkAfter(t) - t,
		frame,
		settled: last > t ? last - t : Number.NaN,
		bytes: s.bytes - bytes0,
	};
}

/** Median frame time per key, e.g. "2 12.1, 3 105.0 ms". */
function byLabel(ts: readonly KeyTiming[]): string {
	const groups = new Map<string, number[]>();
	for (const t of ts) groups.set(t.label, [...(groups.get(t.label) ?? []), t.frame]);
	return `${[...groups].map(([label, v]) => `${label} ${fmt(stats(v).median)}`).join(', ')} ms`;
}

function fmt(n: number, digits = 1): string {
	return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

function describe(st: Stats, unit = 'ms'): string {
	return `median ${fmt(st.median)} / p95 ${fmt(st.p95)} / max ${fmt(st.max)} ${unit} (n=${st.n})`;
}

export function figure(name: string, value: number, unit: string, target: number | null, note?: string): Figure {
	if (target === null) return { name, value, unit, target, met: true, info: true, ...(note ? { note } : {}) };
	return { name, value, unit, target, met: Number.isFinite(value) && value <= target, ...(note ? { note } : {}) };
}

// ------------------------------------------------------------------ the bench

export async function runTuiBench(opts: TuiBenchOptions): Promise<Figure[]> {
	const t0 = performance.now();
	const say = opts.log ?? ((line: string) => (opts.json ? undefined : process.stderr.write(`${line}\n`)));
	const log = (line: string) => say(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}`);
	const sets = opts.sets ?? ['bundled', '10k', '100k'];
	const quick = opts.quick ?? false;
	const seed = opts.seed ?? 1;
	const starts = quick ? 2 : 5;
	const built = join(DIST, 'cli.js');
	if (!existsSync(built)) throw new Error(`${built} not found: run npm run build first`);
	const figures: Figure[] = [];
	const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-tui-'));
	try {
		CLI = snapshotDist(work);
		log(
			`dist/cli.js built ${statSync(built).mtime.toISOString()}; load average ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`,
		);
		// Data sets.
		const data: Record<string, DataSet> = {};
		for (const name of sets) {
			if (name === 'bundled') {
				const dir = join(ROOT, 'data');
				data[name] = { name, dir, bytes: jsonBytes(dir), incidents: 58, articles: 16 };
				continue;
			}
			const size = { '10k': [10_000, 1_000], '100k': [100_000, 10_000] }[name];
			if (!size) throw new Error(`unknown data set "${name}" (bundled, 10k, 100k)`);
			const [incidents, articles] = size as [number, number];
			log(`generating ${name}: ${incidents} incidents + ${articles} articles (seed ${seed})...`);
			const written = writeSynthDataDir(join(work, name), { incidents, articles, seed });
			data[name] = { name, dir: written.dir, bytes: written.bytes, incidents, articles };
		}
		for (const d of Object.values(data)) {
			figures.push(
				figure(
					`JSON loaded, ${d.name}`,
					d.bytes / 1e6,
					'MB',
					null,
					`${d.incidents} incidents + ${d.articles} articles + bundled actors/countries`,
				),
			);
		}

		// 1. First frame, cold, per data set.
		log('baseline: script + node -e 0...');
		const base: number[] = [];
		for (let i = 0; i < starts; i++) base.push(await baseline());
		const baseStats = stats(base);
		figures.push(
			figure(
				'harness baseline: script -qfec "stty …; exec node -e 0"',
				baseStats.median,
				'ms',
				null,
				`spawn → exit; ${describe(baseStats)}; included in every first-frame figure`,
			),
		);
		for (const d of Object.values(data)) {
			// The bundled set is quick to start: more starts make its median (and the ratio below) steadier.
			const n = d.name === 'bundled' ? (quick ? 5 : 15) : starts;
			log(`first frame, ${d.name} ×${n}...`);
			const times: number[] = [];
			const first: number[] = [];
			// `node -e 0` before each bundled start: the machine's load of the moment weighs on both alike.
			const node: number[] = [];
			for (let i = 0; i < n; i++) {
				if (d.name === 'bundled') node.push(await bareNode());
				const s = await appSession(d.dir, 80, 24);
				try {
					const seen = await firstFrame(s);
					times.push(seen.at - s.started);
					first.push(s.firstByteAt - s.started);
				} finally {
					await s.kill();
				}
			}
			const st = stats(times);
			const target = d.name === 'bundled' ? 150 : d.name === '100k' ? 800 : null;
			figures.push(
				figure(
					`first frame, ${d.name} (median, 80×24)`,
					st.median,
					'ms',
					target,
					`${describe(st)}; first byte ("loading…") median ${fmt(stats(first).median)} ms; harness baseline ${fmt(baseStats.median)} ms`,
				),
			);
			if (node.length) {
				// The machine's speed varies 2× from hour to hour: the ratio to Node's own start-up, measured in the same run, does not.
				const ns = stats(node);
				const pairs = stats(times.map((t, i) => t / (node[i] as number)));
				figures.push(
					figure(
						`first frame ÷ node -e 0 (same run), ${d.name}`,
						st.median / ns.median,
						'×',
						3,
						`median first frame ${fmt(st.median)} ms ÷ median node -e 0 ${fmt(ns.median)} ms (spawn → exit, ${describe(ns)}, one before each start); median of the per-start ratios ${fmt(pairs.median, 2)}×`,
					),
				);
			}
			if (d.name === '100k') figures.push(await warmFirstFrames(d, starts));
		}

		// 3. Bytes per navigation key, and the screen checked against whole-frame rendering.
		const bytesSet = data['10k'] ?? data.bundled ?? Object.values(data)[0];
		if (bytesSet) {
			// Both sizes at once (four apps): nothing here is timed, and the wall clock halves.
			log(`bytes and correctness, ${bytesSet.name}, 80×24 and 200×60, ${quick ? 60 : 200} keys...`);
			const runs = await Promise.all(
				(
					[
						[80, 24],
						[200, 60],
					] as const
				).map(([cols, rows]) => bytesAndCorrectness(bytesSet, cols, rows, quick ? 60 : 200, seed)),
			);
			figures.push(...runs.flat());
			// 3b. Bytes per j while the list scrolls (the terminal's own scrolling moves the rows).
			const scroll = { isolated: quick ? 15 : 40, holds: quick ? 2 : 4, holdKeys: 30 };
			log(
				`bytes per j while the list scrolls, ${bytesSet.name}, 80×24 and 200×50, ${scroll.isolated} isolated j and ${scroll.holds} holds of ${scroll.holdKeys} j each way...`,
			);
			const scrolls = await Promise.all(
				(
					[
						[80, 24, 300],
						[200, 50, 600],
					] as const
				).map(([cols, rows, target]) => scrollBytes(bytesSet, cols, rows, { ...scroll, target })),
			);
			figures.push(...scrolls.flat());
		}

		// 2, 4, 5 at 100k.
		const big = data['100k'];
		if (big) {
			log('100k: latency, memory, search while typing...');
			figures.push(...(await bigSession(big, quick)));
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	return figures;
}

/**
 * The second start of a big set: a first session quits with q, which leaves a
 * background `sitrep cache` writing the load cache; then each start reads it.
 */
async function warmFirstFrames(d: DataSet, starts: number): Promise<Figure> {
	const cache = mkdtempSync(join(tmpdir(), 'sitrep-bench-cache-'));
	try {
		const writer = await appSession(d.dir, 80, 24, { SITREP_CACHE_DIR: cache });
		try {
			await firstFrame(writer);
			await writer.quit();
		} catch (err) {
			await writer.kill();
			throw err;
		}
		const until = Date.now() + 60_000;
		while (Date.now() < until && !readdirSync(cache).some((f) => f.endsWith('.v8'))) await sleep(200);
		const written = readdirSync(cache).some((f) => f.endsWith('.v8'));
		const times: number[] = [];
		for (let i = 0; i < starts; i++) {
			const s = await appSession(d.dir, 80, 24, { SITREP_CACHE_DIR: cache });
			try {
				times.push((await firstFrame(s)).at - s.started);
			} finally {
				await s.kill();
			}
		}
		const st = stats(times);
		return figure(
			`first frame, ${d.name}, second start (load cache) (median, 80×24)`,
			st.median,
			'ms',
			800,
			`${describe(st)}; ${written ? 'the cache was written by a first session' : 'NO cache file was written: these are cold starts'}`,
		);
	} finally {
		rmSync(cache, { recursive: true, force: true });
	}
}

async function bytesAndCorrectness(d: DataSet, cols: number, rows: number, n: number, seed: number): Promise<Figure[]> {
	// The same keys, in lockstep, to the incremental renderer and to Ink's whole-frame one.
	const inc = await appSession(d.dir, cols, rows);
	const full = await appSession(d.dir, cols, rows, { SITREP_RENDER: 'full' });
	const both = [inc, full];
	const size = `${cols}×${rows}`;
	const mismatches: string[] = [];
	let mismatchCount = 0;
	const ratios: number[] = [];
	const fullRatios: number[] = [];
	const sent: number[] = [];
	const minimal: number[] = [];
	const textRatios: number[] = [];
	let wastedKeys = 0;
	let silentKeys = 0;
	const perKey: { label: string; ratio: number; bytes: number; minimal: number; changed: number; rewrote: number }[] =
		[];
	try {
		await Promise.all(both.map((s) => firstFrame(s)));
		// Let the index build (it blocks the app for a moment after the first frame) before keys are timed.
		for (const s of both) s.press('4');
		await Promise.all(both.map((s) => indexReady(s)));
		const back = both.map((s) => s.press('1'));
		await Promise.all(both.map((s, k) => s.settleAfter(back[k] as number, 60, 300)));
		const steps = mixedKeys(n, seed);
		for (const [i, step] of steps.entries()) {
			const before = both.map((s) => s.styled());
			const bytes0 = both.map((s) => s.bytes);
			const pressed = both.map((s) => s.press(step.key));
			// Search results arrive a frame after the query: a longer quiet spell than for timing; a key
			// that changes nothing writes nothing, so silence for 300 ms also ends the wait.
			const lasts = await Promise.all(both.map((s, k) => s.settleAfter(pressed[k] as number, 60, 300)));
			if (lasts.every((x) => Number.isNaN(x))) silentKeys++;
			let after = both.map((s) => s.styled());
			let diff = firstDifference(after[0] as StyledRow[], after[1] as StyledRow[]);
			// A slow frame is not a wrong one (an actor's profile is built once the cursor rests, which
			// takes a while on a loaded machine): look again, up to four times, once both have been
			// quiet for 500 ms. A wrong screen stays wrong: nothing redraws it.
			for (let look = 0; diff && look < 4; look++) {
				await Promise.all(both.map((s) => s.settle(500)));
				after = both.map((s) => s.styled());
				diff = firstDifference(after[0] as StyledRow[], after[1] as StyledRow[]);
			}
			if (diff) {
				mismatchCount++;
				if (mismatches.length < 3) {
					mismatches.push(
						`key ${i + 1} (${step.label}) row ${diff.row + 1}${diff.styleOnly ? ' (style only)' : ''}: ${JSON.stringify(diff.a.trimEnd())} vs full ${JSON.stringify(diff.b.trimEnd())}`,
					);
				}
			}
			if (!isNavigation(step)) continue;
			const m = minimalRewrite(before[0] as StyledRow[], after[0] as StyledRow[]);
			const mFull = minimalRewrite(before[1] as StyledRow[], after[1] as StyledRow[]);
			const b = inc.bytes - (bytes0[0] ?? 0);
			const bFull = full.bytes - (bytes0[1] ?? 0);
			if (m.rows === 0) {
				if (b > 0) wastedKeys++;
				continue;
			}
			sent.push(b);
			minimal.push(m.bytes);
			ratios.push(b / m.bytes);
			const written = inc.output(bytes0[0] ?? 0).toString('latin1');
			// The incremental renderer ends each line it rewrites with ESC[K.
			const rewrote = written.split('\u001b[K').length - 1;
			perKey.push({ label: step.label, ratio: b / m.bytes, bytes: b, minimal: m.bytes, changed: m.rows, rewrote });
			textRatios.push(b / minimalRewrite(before[0] as StyledRow[], after[0] as StyledRow[], false).bytes);
			if (mFull.rows > 0) fullRatios.push(bFull / mFull.bytes);
		}
	} finally {
		await Promise.all(both.map((s) => s.kill()));
	}
	const r = stats(ratios);
	const worst = [...perKey]
		.sort((a, b) => b.ratio - a.ratio)
		.slice(0, 3)
		.map(
			(k) =>
				`${k.label} ${fmt(k.ratio, 2)}× (${k.bytes} B for ${k.changed} changed rows, ${k.minimal} B minimal; ${k.rewrote} rows rewritten)`,
		)
		.join(', ');
	const total =
		sent.reduce((a, b) => a + b, 0) /
		Math.max(
			1,
			minimal.reduce((a, b) => a + b, 0),
		);
	const common = `${r.n} navigation keys that changed the screen on ${d.name}`;
	return [
		figure(
			`bytes / minimal rewrite per nav key, ${size} (median)`,
			r.median,
			'×',
			2,
			`${common}; bytes sent median ${fmt(stats(sent).median, 0)} B vs minimal ${fmt(stats(minimal).median, 0)} B; all keys together ${fmt(total, 2)}×; whole-frame renderer median ${fmt(stats(fullRatios).median, 1)}×`,
		),
		figure(
			`bytes / minimal text-only rewrite per nav key, ${size} (median)`,
			stats(textRatios).median,
			'×',
			2,
			`the same keys against changed rows' text + ${MOVE_BYTES} B cursor move + 3 B erase, no colour codes; p95 ${fmt(stats(textRatios).p95, 2)}×`,
		),
		figure(
			`bytes / minimal rewrite per nav key, ${size} (p95)`,
			r.p95,
			'×',
			2,
			`max ${fmt(r.max, 2)}×; worst: ${worst}; ${wastedKeys} nav keys wrote bytes without changing the screen`,
		),
		figure(
			`screen ≠ whole-frame reference after a key, ${size}`,
			mismatchCount,
			'keys',
			0,
			`${n} mixed keys (seed ${seed}) on ${d.name}, compared after every key (timings masked); ${silentKeys} drew nothing in either run${mismatches.length ? `; first: ${mismatches.join(' | ')}` : ''}`,
		),
	];
}

/** A held key as terminals repeat it: the first at once, the second after the delay, then one each interval. */
export const KEY_REPEAT = { delayMs: 500, intervalMs: 33 } as const;

/**
 * Bytes per j once the selection has reached the bottom of the list's window, so that every key
 * scrolls the list. Isolated presses: each j once the cursor has rested (more than
 * PREVIEW_REST_MS after the one before), so the detail column beside the list shows every row
 * passed. j held, two ways: at the rate a terminal repeats a held key (KEY_REPEAT: GNOME's and
 * Windows' default delay, about 30 keys a second), not waiting for the screen, where a busy
 * machine takes in several keys per frame; and paced by the frames, one frame per key, as a
 * machine fast enough to draw each repeated key does (the higher figure). For each hold, every
 * byte until the cursor has rested and the preview caught up, divided by the keys. Each with the
 * renderer as shipped, with line rewriting only (SITREP_RENDER=lines, no terminal scrolling) and
 * with whole frames (SITREP_RENDER=full, also the reference screen: compared after every
 * isolated key and after every hold, once all three have rested).
 */
async function scrollBytes(
	d: DataSet,
	cols: number,
	rows: number,
	opts: { isolated: number; holds: number; holdKeys: number; target: number },
): Promise<Figure[]> {
	const { target } = opts;
	const modes: Record<string, string>[] = [{}, { SITREP_RENDER: 'lines' }, { SITREP_RENDER: 'full' }];
	const sessions = await Promise.all(modes.map((env) => appSession(d.dir, cols, rows, env)));
	const [inc, , full] = sessions as [PtySession, PtySession, PtySession];
	const size = `${cols}×${rows}`;
	/** Per mode: bytes of each isolated j; bytes and keys of each hold, per way of holding j. */
	const isolated: number[][] = [[], [], []];
	type Way = 'rate' | 'paced';
	const held: Record<Way, { bytes: number; keys: number }[][]> = { rate: [[], [], []], paced: [[], [], []] };
	/** Ms between two repeated keys (after the delay). */
	const intervals: Record<Way, number[]> = { rate: [], paced: [] };
	const moved: number[] = [];
	let mismatchCount = 0;
	let compared = 0;
	const mismatches: string[] = [];
	let notScrolled = 0;
	let holdsNotScrolled = 0;
	/** Frames the shipped renderer drew in each hold. */
	const frames: Record<Way, number[]> = { rate: [], paced: [] };
	const split = cols >= 120;
	/** With the detail beside the list: the fewest bytes that redraw the detail column's changed rows. */
	const detailBytes: number[] = [];
	/** A key on every session, counted once each has drawn and the cursor has rested since. */
	const press = async (key: string) => {
		const bytes0 = sessions.map((s) => s.bytes);
		const pressed = sessions.map((s) => s.press(key));
		await Promise.all(sessions.map((s, k) => s.settleAfter(pressed[k] as number, 60, 300)));
		const rested = (pressed[0] ?? 0) + PREVIEW_REST_MS + 130 - performance.now();
		if (rested > 0) await sleep(rested);
		await Promise.all(sessions.map((s) => s.settle(60)));
		return sessions.map((s, k) => s.bytes - (bytes0[k] ?? 0));
	};
	const compare = async (what: string) => {
		compared++;
		let diff = firstDifference(inc.styled(), full.styled());
		// A slow frame is not a wrong one: look again, up to four times, once all have been quiet.
		for (let look = 0; diff && look < 4; look++) {
			await Promise.all(sessions.map((s) => s.settle(500)));
			diff = firstDifference(inc.styled(), full.styled());
		}
		if (diff) {
			mismatchCount++;
			if (mismatches.length < 3)
				mismatches.push(
					`${what} row ${diff.row + 1}: ${JSON.stringify(diff.a.trimEnd())} vs full ${JSON.stringify(diff.b.trimEnd())}`,
				);
		}
	};
	/** The screen row of the list's selection (it starts with ›). */
	const selectionRow = (lines: readonly string[]) => lines.findIndex((l, y) => y > 2 && l.startsWith('›'));
	try {
		await Promise.all(sessions.map((s) => firstFrame(s)));
		// As for the bytes figure: the index built first, so nothing else draws while j is measured.
		for (const s of sessions) s.press('4');
		await Promise.all(sessions.map((s) => indexReady(s)));
		const back = sessions.map((s) => s.press('1'));
		await Promise.all(sessions.map((s, k) => s.settleAfter(back[k] as number, 60, 300)));
		// Down to the last row of the list's window: from here every j scrolls.
		for (let i = 0; i < rows; i++) {
			const pressed = sessions.map((s) => s.press('j'));
			await Promise.all(sessions.map((s, k) => s.settleAfter(pressed[k] as number, 60, 300)));
		}
		await Promise.all(sessions.map((s) => s.settle(PREVIEW_REST_MS + 130)));
		for (let i = 0; i < opts.isolated; i++) {
			const before = inc.lines();
			const styledBefore = inc.styled();
			const sent = await press('j');
			const after = inc.lines();
			// The list scrolled if the rows under its column headings (screen row 4 on) moved up.
			const shift = listShift(before, after, cols);
			if (shift === 0) {
				notScrolled++;
				continue;
			}
			moved.push(shift);
			for (const [k, b] of sent.entries()) isolated[k]?.push(b);
			if (split) detailBytes.push(detailRewrite(styledBefore, inc.styled(), listWidth(cols) + 1));
			await compare(`isolated key ${i + 1}`);
		}
		for (let h = 0; h < opts.holds * 2; h++) {
			// Alternately: keys at the terminal's repeat rate whatever the screen does, and keys paced
			// by the frames (each session gets its next key once it has drawn the last, ≥ 33 ms after it).
			const way: Way = h % 2 === 0 ? 'rate' : 'paced';
			const before = inc.lines();
			const bytes0 = sessions.map((s) => s.bytes);
			const hold = async (s: PtySession, k: number) => {
				const t0 = performance.now();
				let last = t0;
				for (let i = 0; i < opts.holdKeys; i++) {
					const at =
						i === 0
							? t0
							: i === 1
								? t0 + KEY_REPEAT.delayMs
								: way === 'rate'
									? t0 + KEY_REPEAT.delayMs + (i - 1) * KEY_REPEAT.intervalMs
									: last + KEY_REPEAT.intervalMs;
					const wait = at - performance.now();
					if (wait > 0) await sleep(wait);
					const pressed = s.press('j');
					if (i >= 2 && k === 0) intervals[way].push(pressed - last);
					last = pressed;
					if (way === 'paced')
						await s.waitFor((x) => x.frameEnd && x.at > pressed, 5_000, 'the frame of a held j').catch(() => undefined);
				}
			};
			await Promise.all(sessions.map(hold));
			// Released: every byte until all have been quiet for well past the rest (the preview's last frame).
			await Promise.all(sessions.map((s) => s.settle(PREVIEW_REST_MS + 280)));
			for (const [k, s] of sessions.entries())
				held[way][k]?.push({ bytes: s.bytes - (bytes0[k] ?? 0), keys: opts.holdKeys });
			// Frames drawn (fewer than keys when the app took in more than one key between two).
			frames[way].push(
				inc
					.output(bytes0[0] ?? 0)
					.toString('latin1')
					.split(SYNC_END).length - 1,
			);
			// Every key scrolled: the selection is still on the window's last row, on another row.
			const after = inc.lines();
			if (selectionRow(after) !== selectionRow(before) || after[selectionRow(after)] === before[selectionRow(before)])
				holdsNotScrolled++;
			await compare(`after hold ${h + 1}`);
		}
	} finally {
		await Promise.all(sessions.map((s) => s.kill()));
	}
	const perKey = (hs: { bytes: number; keys: number }[]) =>
		hs.reduce((a, x) => a + x.bytes, 0) /
		Math.max(
			1,
			hs.reduce((a, x) => a + x.keys, 0),
		);
	const [st, stLines, stFull] = isolated.map((b) => stats(b)) as [Stats, Stats, Stats];
	const layout = split ? 'list and detail side by side' : 'one column';
	const heldFigure = (way: Way) => {
		const [hInc, hLines, hFull] = held[way].map(perKey) as [number, number, number];
		const range = (held[way][0] ?? []).map((x) => x.bytes / x.keys);
		const f = frames[way];
		const how =
			way === 'rate'
				? `one j every ${KEY_REPEAT.intervalMs} ms (${fmt(1000 / KEY_REPEAT.intervalMs, 0)}/s) after the first and a ${KEY_REPEAT.delayMs} ms delay, as a terminal repeats a held key, not waiting for the screen`
				: `the next j once the last one's frame was drawn (≥ ${KEY_REPEAT.intervalMs} ms apart; after the first, a ${KEY_REPEAT.delayMs} ms delay), so no frame takes in two keys: what a machine fast enough to draw every repeated key costs`;
		return figure(
			`bytes per j while j is held, ${way === 'rate' ? `${fmt(1000 / KEY_REPEAT.intervalMs, 0)} keys/s` : 'a frame per key'}, ${size} (every byte ÷ keys)`,
			hInc,
			'B',
			target,
			`${layout}; ${opts.holds} holds of ${opts.holdKeys} j on ${d.name}: ${how}; every byte until the cursor rested and the preview caught up (${PREVIEW_REST_MS} ms after the last key); per hold ${fmt(Math.min(...range), 0)}–${fmt(Math.max(...range), 0)} B in ${Math.min(...f)}–${Math.max(...f)} frames; repeated keys ${fmt(stats(intervals[way]).median, 0)} ms apart (median; max ${fmt(stats(intervals[way]).max, 0)}, ${intervals[way].filter((x) => x >= PREVIEW_REST_MS).length} of ${intervals[way].length} ≥ ${PREVIEW_REST_MS} ms, where the app sees a single key); without terminal scrolling (SITREP_RENDER=lines) ${fmt(hLines, 0)} B; whole frames ${fmt(hFull, 0)} B`,
		);
	};
	return [
		heldFigure('rate'),
		heldFigure('paced'),
		figure(
			`bytes per isolated j while the list scrolls, ${size} (median)`,
			st.median,
			'B',
			null,
			`${layout}; each j once the cursor rested (≥ ${PREVIEW_REST_MS + 130} ms apart)${split ? `, so the detail column shows each row passed (its changed rows alone cost ≥ ${fmt(stats(detailBytes).median, 0)} B, median)` : ''}; ${st.n} keys that scrolled the list by ${[...new Set(moved)].sort().join(' or ')} rows${notScrolled ? ` (${notScrolled} did not scroll)` : ''}; p95 ${fmt(st.p95, 0)} / max ${fmt(st.max, 0)} B; without terminal scrolling median ${fmt(stLines.median, 0)} B; whole frames median ${fmt(stFull.median, 0)} B; the target (≤ ${target} B) is for j held`,
		),
		figure(
			`screen ≠ whole-frame reference while the list scrolls, ${size}`,
			mismatchCount,
			'screens',
			0,
			`${compared} screens compared: after each isolated j, and after each hold once the cursor rested${holdsNotScrolled ? `; ${holdsNotScrolled} holds did not scroll the list on every key` : ''}${mismatches.length ? `; first: ${mismatches.join(' | ')}` : ''}`,
		),
	];
}

/**
 * How many rows the list moved up between two screens: the smallest k for which the rows
 * under the column headings now hold what was k rows lower (0 if none).
 */
function listShift(before: readonly string[], after: readonly string[], cols: number): number {
	const top = 3;
	const bottom = before.length - 4;
	// The detail beside the list changes anyway.
	const width = listWidth(cols);
	const left = (line: string | undefined) => (line ?? '').slice(0, width);
	for (let k = 1; k <= 4; k++) {
		let same = 0;
		for (let y = top; y + k <= bottom; y++) if (left(after[y]) === left(before[y + k])) same++;
		if (same >= (bottom - top) / 2) return k;
	}
	return 0;
}

/** The list's column (layout.ts: the left 45%, at least 56, from 120 columns on). */
function listWidth(cols: number): number {
	return cols >= 120 ? Math.max(56, Math.floor(cols * 0.45)) : cols;
}

/** Bytes to rewrite, from column `from` on, the rows whose cells there changed (a move, the text, an erase). */
function detailRewrite(before: readonly StyledRow[], after: readonly StyledRow[], from: number): number {
	const right = (row: StyledRow | undefined): StyledRow => {
		const out: StyledRow = [];
		let x = 0;
		for (const run of row ?? []) {
			const chars = [...run.text];
			const kept = chars.slice(Math.max(0, from - x)).join('');
			if (kept) out.push({ style: run.style, text: kept });
			x += chars.length;
		}
		return out;
	};
	let sum = 0;
	for (let y = 0; y < after.length; y++) {
		const a = right(after[y]);
		if (rowSignature(right(before[y])) !== rowSignature(a)) sum += rowCost(a, true);
	}
	return sum;
}

async function bigSession(d: DataSet, quick: boolean): Promise<Figure[]> {
	const out: Figure[] = [];
	const s = await appSession(d.dir, 80, 24);
	try {
		const first = await firstFrame(s);
		const memFirst = s.memory();
		// Big sets show the first frame before the articles are in ("loading articles…" on the status bar).
		const articles = s
			.waitFor(
				(x) => x.frameEnd && s.lines().some((l) => l.includes('incidents ·') && !l.includes('loading articles')),
				120_000,
				'the articles',
			)
			.catch(() => undefined);
		// Then the index; the Search pane says "indexing…" until it is ready.
		s.press('4');
		const ready = await indexReady(s);
		const loaded = await articles;
		await s.settle(100);
		const memIndex = s.memory();
		out.push(
			figure(
				'articles loaded (status bar) after the first frame, 100k',
				loaded ? loaded.at - first.at : Number.NaN,
				'ms',
				null,
				`first frame came ${fmt(first.at - s.started, 0)} ms after spawn in this session`,
			),
			figure(
				'search index ready after the first frame, 100k',
				ready.at - first.at,
				'ms',
				null,
				'Search pane (4, pressed right after the first frame) drawn with every article and no "indexing…"',
			),
		);

		// 2. Navigation.
		const settle = async () => {
			// Past Ink's 34 ms render throttle, so each key gets a leading-edge frame.
			await sleep(40);
		};
		const nav: Record<string, KeyTiming[]> = { 'j/k': [], 'PgDn/PgUp': [], 'pane switch 1-4': [] };
		s.press('1');
		await s.settle(100);
		const rounds = quick ? 1 : 2;
		for (let r = 0; r < rounds; r++) {
			for (let i = 0; i < 10; i++) {
				nav['j/k']?.push(await timeKey(s, i < 7 ? 'j' : 'k'));
				await settle();
			}
			for (let i = 0; i < 6; i++) {
				nav['PgDn/PgUp']?.push(await timeKey(s, i < 4 ? KEYS.pageDown : KEYS.pageUp));
				await settle();
			}
			for (const p of ['2', '3', '4', '1', '3', '1']) {
				nav['pane switch 1-4']?.push(await timeKey(s, p, { quietMs: 40 }));
				await settle();
			}
		}
		for (const [kind, ts] of Object.entries(nav)) {
			const f = stats(ts.map((t) => t.frame));
			out.push(
				figure(
					`${kind} → updated frame, 100k (p95)`,
					f.p95,
					'ms',
					16,
					`frame ${describe(f)}; per key (median) ${byLabel(ts)}; first byte median ${fmt(stats(ts.map((t) => t.firstByte)).median)} ms; settled (20 ms quiet) median ${fmt(stats(ts.map((t) => t.settled)).median)} / p95 ${fmt(stats(ts.map((t) => t.settled)).p95)} ms; bytes median ${fmt(stats(ts.map((t) => t.bytes)).median, 0)}`,
				),
			);
		}

		// Filter changes: f, a country, Enter; c to clear. And ]/[ in Risk.
		const typing: KeyTiming[] = [];
		const apply: KeyTiming[] = [];
		const clear: KeyTiming[] = [];
		const open: KeyTiming[] = [];
		for (const country of quick ? ['PK'] : ['PK', 'AF', 'IR']) {
			open.push(await timeKey(s, 'f', { quietMs: 40 }));
			await settle();
			for (const ch of country) {
				typing.push(await timeKey(s, ch, { quietMs: 40 }));
				await settle();
			}
			apply.push(
				await timeKey(s, KEYS.enter, {
					quietMs: 40,
					expect: (lines) =>
						!lines.join('\n').includes('Enter apply') && lines[1]?.startsWith('all incidents') === false,
				}),
			);
			await settle();
			clear.push(
				await timeKey(s, 'c', { quietMs: 40, expect: (lines) => lines[1]?.startsWith('all incidents') === true }),
			);
			await settle();
		}
		const win: KeyTiming[] = [];
		await timeKey(s, '3', { quietMs: 60 });
		await settle();
		for (const k of quick ? [']', '['] : [']', '[', '[', ']', ']', '[', '[', ']']) {
			win.push(await timeKey(s, k, { quietMs: 40 }));
			await settle();
		}
		const filterFigure = (name: string, ts: KeyTiming[], note = '') => {
			const f = stats(ts.map((t) => t.frame));
			out.push(
				figure(
					`${name}, 100k (p95)`,
					f.p95,
					'ms',
					50,
					`${note}frame ${describe(f)}; per key (median) ${byLabel(ts)}; settled median ${fmt(stats(ts.map((t) => t.settled)).median)} ms`,
				),
			);
		};
		filterFigure('filter apply (Enter) → updated frame', apply, 'country PK/AF/IR; ');
		filterFigure('filter clear (c) → updated frame', clear);
		filterFigure('window change ]/[ in Risk → updated frame', win);
		filterFigure(
			'filter bar: f, and each typed character → frame',
			[...open, ...typing],
			'the bar previews the match count on every keystroke; ',
		);

		// 5. Search while typing: one character every 80 ms, not waiting for the screen.
		await timeKey(s, '4', { quietMs: 60 });
		await timeKey(s, '/', { quietMs: 60 });
		const echo: { prefix: string; ms: number }[] = [];
		const searchMs: number[] = [];
		// The app prints each search's own time on the status line ("N matches · 4.2 ms"): collect them all.
		const appMs = new Map<string, number>();
		s.onParsed = () => {
			const line = s.lines()[3] ?? '';
			const m = /· (\d+(?:\.\d+)?) ms/.exec(line);
			if (m && !line.includes('updating')) appMs.set(`${s.lines()[1]}|${line}`, Number(m[1]));
		};
		const queries = quick ? ['haqqani kabul'] : ['haqqani kabul', 'suicide bombing quetta', 'country:PK ttp bannu'];
		for (const q of queries) {
			const pending: Promise<void>[] = [];
			const t0 = performance.now();
			for (let i = 1; i <= q.length; i++) {
				const wait = t0 + (i - 1) * 80 - performance.now();
				if (wait > 0) await sleep(wait);
				const prefix = q.slice(0, i);
				const at = s.press(q[i - 1] as string);
				pending.push(
					s
						.waitFor(() => queryShown(s) === prefix || (queryShown(s)?.startsWith(prefix) ?? false), 10_000, 'the echo')
						.then((seen) => {
							echo.push({ prefix, ms: seen.at - at });
						})
						.catch(() => {
							echo.push({ prefix, ms: Number.NaN });
						}),
				);
			}
			await Promise.all(pending);
			await s
				.waitFor(() => /\d+(\.\d+)? ms$/.test(s.lines()[3]?.trim() ?? ''), 30_000, 'the results')
				.catch(() => undefined);
			await s.settle(100);
			const shown = /· (\d+(?:\.\d+)?) ms/.exec(s.lines()[3] ?? '');
			if (shown) searchMs.push(Number(shown[1]));
			await timeKey(s, KEYS.ctrlU, { quietMs: 100 });
		}
		s.onParsed = undefined;
		const a = stats([...appMs.values()]);
		const e = stats(echo.map((x) => x.ms));
		const slowest = [...echo]
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 4)
			.map((x) => `${JSON.stringify(x.prefix)} ${fmt(x.ms)} ms`)
			.join(', ');
		out.push(
			figure(
				'search: key → typed character on screen, 100k (p95)',
				e.p95,
				'ms',
				16,
				`${queries.length} queries typed at 80 ms a key; echo ${describe(e)}; slowest ${slowest}; the app's own search times shown while typing: median ${fmt(a.median)} / max ${fmt(a.max)} ms (n=${a.n}); final queries ${searchMs.map((m) => `${m} ms`).join(', ')}`,
			),
		);
		const memSearch = s.memory();

		// 4. Memory.
		for (const [when, m] of [
			['after the first frame', memFirst],
			['after the index is built', memIndex],
			['after searching', memSearch],
		] as const) {
			out.push(
				figure(
					`peak RSS / JSON loaded, 100k, ${when}`,
					m ? m.hwm / d.bytes : Number.NaN,
					'×',
					2.5,
					m
						? `VmHWM ${fmt(m.hwm / 1e6, 0)} MB (VmRSS ${fmt(m.rss / 1e6, 0)} MB) vs ${fmt(d.bytes / 1e6, 1)} MB of JSON`
						: 'could not read /proc/<pid>/status',
				),
			);
		}
	} finally {
		await s.kill();
	}
	return out;
}

/** The query as drawn: the text between "search› " and the inverse-video cursor. */
function queryShown(s: PtySession): string | undefined {
	const row = s.styled()[1];
	if (!row) return undefined;
	let text = '';
	for (const run of row) {
		if (run.style.split(';').includes('7'))
			return text.startsWith('search› ') ? text.slice('search› '.length) : undefined;
		text += run.text;
	}
	return undefined;
}

// ------------------------------------------------------------------ output

export function figureTable(figures: readonly Figure[]): string {
	const head = ['figure', 'value', 'target', 'met'];
	const rows = figures.map((f) => [
		f.name,
		`${fmt(f.value, f.unit === '×' ? 2 : 1)} ${f.unit}`,
		f.target === null ? '—' : `≤ ${f.target} ${f.unit}`,
		f.info ? 'info' : f.met ? 'met' : 'MISSED',
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		`| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
	return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(args: string[]): Promise<void> {
	const option = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const json = args.includes('--json');
	const sets = option('--sets')
		?.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const seed = Number(option('--seed') ?? '1');
	const started = performance.now();
	const figures = await runTuiBench({ json, sets, quick: args.includes('--quick'), seed });
	const seconds = (performance.now() - started) / 1000;
	if (json) {
		process.stdout.write(
			`${JSON.stringify({ node: process.version, cpus: os.cpus().length, load: os.loadavg(), seed, figures, seconds }, null, 2)}\n`,
		);
		return;
	}
	const notes = figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
	process.stdout.write(
		[
			`sitrep TUI bench: node ${process.version}, ${os.cpus().length} CPUs (load ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}), dist/cli.js in a pty (script), seed ${seed}`,
			'',
			figureTable(figures),
			'',
			...notes,
			`(${seconds.toFixed(0)} s)`,
			'',
		].join('\n'),
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main(process.argv.slice(2)).catch((err) => {
		process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
		process.exit(1);
	});
}
