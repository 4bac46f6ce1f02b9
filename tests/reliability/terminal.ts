// The terminal lifecycle of the built dashboard (dist/cli.js; `npm run build`
// first), in a real pseudo-terminal (reliability/ptyRun.ts):
// - every way out — q, Ctrl-C, SIGTERM, SIGHUP (kill -HUP), SIGINT, an
//   uncaught exception, a rejected promise, an error while rendering — gives
//   the terminal back before any error text: the alternate screen left
//   (once), the cursor shown, raw mode off (`stty -a` in the same pty shows
//   icanon echo isig), with its exit status (0, 130, 143, 129, 130, 70) and no
//   process of the run left behind (the articles worker thread dies with the
//   process; after a slow start, q leaves a detached `sitrep cache` that
//   writes the cache and ends by itself, a signal starts none);
// - a dropped connection (the pty's master side closed: support/hangup.ts)
//   ends the run by the hang-up, 129, with nothing on stderr, no SIGABRT, and
//   the pane shown and the watch state saved;
// - without a terminal on stdin or stdout, or with TERM dumb or unset, the
//   dashboard refuses with exit 4 and says how to get one (ssh -t, TERM);
// - bursts of resizes down to 20×5 and back leave the same screen as a fresh
//   start at the final size.
// The crashes come from SITREP_TEST_CRASH=throw|reject|render (source/ui/run.tsx), for these checks only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropConnection, type HangupMode } from '../support/hangup.js';
import { maskVolatile } from '../support/pty.js';
import {
	CLI,
	caseRunner,
	cookedProblems,
	Dash,
	type DashOptions,
	type Finished,
	restoreProblems,
} from '../support/ptyRun.js';
import { writeSynthDataDir } from '../support/synth.js';
import type { Check, Row } from './types.js';

export interface Case {
	name: string;
	row: 'exits' | 'no-tty' | 'resize';
	/** Failures, one line each; empty when the case passed. */
	run: () => Promise<string[]>;
}

const LEAVE_ALT = '\u001b[?1049l';
/** The crash message as printed (Ink's own error screen may quote the bundle's source, which holds the words too). */
const CRASH = 'sitrep crashed: Error: SITREP_TEST_CRASH';

/** What every run that reached the dashboard must satisfy. */
function afterExit(r: Finished, expected: number | number[], crash: boolean): string[] {
	const out: string[] = [];
	const codes = ([] as number[]).concat(expected);
	if (r.killed) out.push('did not exit: killed after 15 s');
	if (r.code === undefined) out.push(`no exit status; the run ended with ${JSON.stringify(r.output.slice(-300))}`);
	if (r.code === undefined || !codes.includes(r.code)) {
		out.push(`exit status ${r.code ?? 'unknown'}, expected ${codes.join(' or ')}`);
	}
	out.push(...restoreProblems(r.output, crash ? /^\s*sitrep crashed: [\s\S]*$/ : undefined));
	const leaves = r.output.split(LEAVE_ALT).length - 1;
	if (leaves > 1) out.push(`the alternate screen was left ${leaves} times: the way out ran more than once`);
	out.push(...cookedProblems(r.stty));
	const message = r.output.indexOf(CRASH);
	if (crash && message < 0) out.push('no crash message');
	if (crash && message >= 0 && message < r.output.lastIndexOf(LEAVE_ALT)) {
		out.push('the crash message was printed before the terminal was restored');
	}
	if (!crash && message >= 0) out.push(`unexpected crash: ${r.output.slice(message, message + 200)}`);
	// The error text quotes hostile bytes (see CrashForTests): none may reach the terminal.
	const tail = message >= 0 ? r.output.slice(message, message + 400) : '';
	if (/\u001b\]|\u001b\[2J|\u009b|\u0007/.test(tail))
		out.push(`the crash message carried control bytes: ${JSON.stringify(tail.slice(0, 120))}`);
	if (r.orphans.length) out.push(`left running: ${r.orphans.join(', ')}`);
	return out;
}

interface ExitOptions {
	env?: Record<string, string> | (() => Record<string, string>);
	args?: string[] | (() => string[]);
	crash?: boolean;
	/** Checked after the run (and after lingerMs): extra failures. */
	after?: (env: Record<string, string>) => string[];
	lingerMs?: number;
}

function exitCase(name: string, expected: number | number[], act: (d: Dash) => void, opts: ExitOptions = {}): Case {
	return {
		name,
		row: 'exits',
		run: async () => {
			const env = typeof opts.env === 'function' ? opts.env() : (opts.env ?? {});
			const args = typeof opts.args === 'function' ? opts.args() : (opts.args ?? []);
			const d = await Dash.start({ env, args });
			try {
				await d.firstFrame();
			} catch (err) {
				// A crash case may already be on its way out; anything else must have drawn a frame.
				if (!opts.crash) throw err;
			}
			act(d);
			const r = await d.finish(15_000, opts.lingerMs ?? 0);
			return [...afterExit(r, expected, opts.crash ?? false), ...(opts.after?.(env) ?? [])];
		},
	};
}

/** A synthetic data set whose start-up is worth caching (small, but SITREP_CACHE_FROM_BYTES=1 says it is big). */
let synthDir: string | undefined;
function cachedStart(): { env: () => Record<string, string>; args: () => string[] } {
	return {
		env: () => ({
			SITREP_CACHE_FROM_BYTES: '1',
			SITREP_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sitrep-check-cache-')),
		}),
		args: () => {
			synthDir ??= writeSynthDataDir(mkdtempSync(join(tmpdir(), 'sitrep-check-synth-')), {
				incidents: 400,
				articles: 40,
				seed: 7,
			}).dir;
			return ['--data', synthDir];
		},
	};
}

const cacheFiles = (env: Record<string, string>) => readdirSync(env.SITREP_CACHE_DIR as string).length;

const crashCase = (name: string, kind: string) =>
	exitCase(name, 70, () => {}, { env: { SITREP_TEST_CRASH: kind }, crash: true });

export const EXIT_CASES: Case[] = [
	exitCase('q', 0, (d) => d.press('q')),
	exitCase('Ctrl-C', 130, (d) => d.press('\u0003')),
	exitCase('SIGTERM', 143, (d) => d.signal('SIGTERM')),
	exitCase('SIGHUP from kill -HUP (the terminal still there)', 129, (d) => d.signal('SIGHUP')),
	exitCase('SIGINT (kill -INT)', 130, (d) => d.signal('SIGINT')),
	// Which one the kernel delivers first is its business; the first handled decides, the second changes nothing.
	exitCase('SIGTERM and SIGHUP together: handled once', [143, 129], (d) => {
		d.signal('SIGTERM');
		d.signal('SIGHUP');
	}),
	crashCase('uncaught exception', 'throw'),
	crashCase('rejected promise', 'reject'),
	crashCase('error while rendering', 'render'),
	// The articles come from a worker thread when their files are big; 1 byte makes the bundled ones big.
	exitCase('q with the articles loaded by a worker thread', 0, (d) => d.press('q'), {
		env: { SITREP_ARTICLES_WORKER_BYTES: '1' },
	}),
	exitCase('SIGHUP with the articles loaded by a worker thread', 129, (d) => d.signal('SIGHUP'), {
		env: { SITREP_ARTICLES_WORKER_BYTES: '1' },
	}),
	// After a slow start, q hands the load cache to a detached `sitrep cache`: it must write it and end by itself.
	exitCase('q after a slow start: the background `sitrep cache` ends by itself', 0, (d) => d.press('q'), {
		...cachedStart(),
		lingerMs: 15_000,
		after: (env) => (cacheFiles(env) === 1 ? [] : ['the background `sitrep cache` wrote no cache']),
	}),
	exitCase('SIGTERM after a slow start: no background `sitrep cache`', 143, (d) => d.signal('SIGTERM'), {
		...cachedStart(),
		lingerMs: 1_000,
		after: (env) => (cacheFiles(env) === 0 ? [] : ['a cache was written after SIGTERM']),
	}),
	// The connection really drops: the pty's master side closed (support/hangup.ts). Nothing can be
	// restored; the run must end by the hang-up (129, no SIGABRT, nothing on stderr) and save its state.
	hangupCase('SSH connection dropped (pty master closed), sitrep the session leader', 'leader'),
	hangupCase('SSH connection dropped under a shell that does not pass SIGHUP on', 'shell'),
];

function hangupCase(name: string, mode: HangupMode): Case {
	return { name, row: 'exits', run: () => dropConnection(mode) };
}

/** What the refusal must say: the problem, and the way out over SSH. */
const NO_TTY_TEXT = ['needs an interactive terminal', 'ssh -t'];
const DUMB_TEXT = ['needs a terminal that can move the cursor', 'TERM=xterm-256color', 'ssh -t'];

function noTtyOutput(code: number | undefined, output: string, text = NO_TTY_TEXT): string[] {
	const out: string[] = [];
	if (code !== 4) out.push(`exit status ${code ?? 'unknown'}, expected 4`);
	for (const t of text) if (!output.includes(t)) out.push(`the message does not say "${t}"`);
	if (output.includes('\u001b[?1049h')) out.push('entered the alternate screen anyway');
	if (/Raw mode|at .*\.js:\d+/.test(output)) out.push('printed an error or a stack trace');
	return out;
}

function noTtyInPty(name: string, shell: (cli: string) => string, text = NO_TTY_TEXT): Case {
	return {
		name,
		row: 'no-tty',
		run: async () => {
			const d = await Dash.start({ shell: shell(`node '${CLI}'`) });
			const r = await d.finish();
			return [
				...noTtyOutput(r.code, r.output, text),
				...cookedProblems(r.stty),
				...(r.orphans.length ? [`left running: ${r.orphans.join(', ')}`] : []),
			];
		},
	};
}

export const NO_TTY_CASES: Case[] = [
	// The pipeline's status is cat's: the app's is passed out through a file.
	noTtyInPty('stdout piped (sitrep | cat)', (cli) => {
		const f = join(mkdtempSync(join(tmpdir(), 'sitrep-check-')), 'status');
		return `(${cli}; echo $? > '${f}') | cat; (exit $(cat '${f}'))`;
	}),
	noTtyInPty('stdin piped (echo | sitrep)', (cli) => `echo | ${cli}`),
	noTtyInPty('stdin from /dev/null', (cli) => `${cli} < /dev/null`),
	// A terminal, but one that cannot move the cursor: refused the same way, saying how to fix TERM.
	noTtyInPty('TERM=dumb', (cli) => `TERM=dumb ${cli}`, DUMB_TEXT),
	noTtyInPty('TERM not set', (cli) => `env -u TERM ${cli}`, DUMB_TEXT),
	{
		name: 'no terminal at all (both piped)',
		row: 'no-tty',
		run: () =>
			new Promise((resolve) => {
				const configDir = mkdtempSync(join(tmpdir(), 'sitrep-check-config-'));
				const p = spawn(process.execPath, [CLI], {
					env: { ...process.env, SITREP_CONFIG_DIR: configDir },
					stdio: ['pipe', 'pipe', 'pipe'],
				});
				let output = '';
				p.stdout.on('data', (c: Buffer) => {
					output += c.toString();
				});
				p.stderr.on('data', (c: Buffer) => {
					output += c.toString();
				});
				p.stdin.end();
				p.on('close', (code) => resolve(noTtyOutput(code ?? undefined, output)));
			}),
	},
];

/** No output for this long (with the screen as expected): the app is done drawing. */
const QUIET_MS = 1_000;

/** The screen of a fresh start at a size, settled (one per size, shared by the cases). */
const freshScreens = new Map<string, Promise<string[]>>();
function freshScreen(cols: number, rows: number): Promise<string[]> {
	const key = `${cols}x${rows}`;
	let p = freshScreens.get(key);
	if (!p) {
		p = (async () => {
			const d = await Dash.start({ cols, rows });
			await d.firstFrame();
			await d.settle(QUIET_MS);
			const lines = d.lines();
			d.press('q');
			await d.finish();
			return lines;
		})();
		freshScreens.set(key, p);
	}
	return p;
}

function screenDifferences(got: string[], want: string[]): string[] {
	const out: string[] = [];
	for (let y = 0; y < Math.max(got.length, want.length); y++) {
		const a = maskVolatile(got[y] ?? '').trimEnd();
		const b = maskVolatile(want[y] ?? '').trimEnd();
		if (a !== b)
			out.push(`row ${y}: ${JSON.stringify(a.slice(0, 60))}, a fresh start has ${JSON.stringify(b.slice(0, 60))}`);
	}
	return out.slice(0, 5);
}

/**
 * Waits until the screen equals `want` and the output has stopped, for up to
 * `deadlineMs`: after a burst a loaded machine may take seconds to redraw, so
 * no fixed wait decides; only a screen that never gets there fails. Returns
 * the differences left (none when it got there).
 */
async function redrawnAs(d: Dash, want: string[], deadlineMs = 60_000): Promise<string[]> {
	const deadline = performance.now() + deadlineMs;
	const left = () => Math.max(1, deadline - performance.now());
	const differences = () => screenDifferences(d.lines(), want);
	while (performance.now() < deadline) {
		if (differences().length > 0)
			await d.session.waitFor(() => differences().length === 0, left(), 'the redrawn screen').catch(() => {});
		// A later frame may still change it: only a screen that stays so counts.
		await d.session.settle(QUIET_MS, left()).catch(() => {});
		if (differences().length === 0) return [];
	}
	const out = differences();
	return out.length ? [...out, `still so ${deadlineMs / 1000} s after the last resize`] : [];
}

function resizeCase(name: string, start: [number, number], sizes: [number, number][], opts: DashOptions = {}): Case {
	return {
		name,
		row: 'resize',
		run: async () => {
			const [endCols, endRows] = sizes[sizes.length - 1] as [number, number];
			const want = freshScreen(endCols, endRows);
			const d = await Dash.start({ ...opts, cols: start[0], rows: start[1] });
			// Below 60×16 the dashboard shows only "sitrep needs 60×16"; above it, a whole frame.
			if (start[0] >= 60 && start[1] >= 16) await d.firstFrame();
			else await d.screenShows('needs 60');
			await d.settle(QUIET_MS);
			for (const [cols, rows] of sizes) d.resize(cols, rows);
			const failures = await redrawnAs(d, await want);
			d.press('q');
			return [...failures, ...afterExit(await d.finish(), 0, false)];
		},
	};
}

const BURST: [number, number][] = [
	[100, 30],
	[20, 5],
	[60, 16],
	[20, 5],
	[120, 40],
	[59, 15],
	[30, 8],
	[20, 5],
	[200, 60],
	[40, 12],
	[81, 25],
];

export const RESIZE_CASES: Case[] = [
	resizeCase('33 resizes down to 20×5 and back to 80×24', [80, 24], [...BURST, ...BURST, ...BURST, [80, 24]]),
	resizeCase('started at 20×5, then 80×24', [20, 5], [[80, 24]]),
	// Narrower by one column, the old frame's full-width rows would wrap (the bundle clips them).
	resizeCase('one column narrower: 81×24 to 80×24', [81, 24], [[80, 24]]),
	resizeCase('a burst ending at 120×40 (split layout)', [80, 24], [...BURST, [120, 40]]),
];

export const CASES: Case[] = [...EXIT_CASES, ...NO_TTY_CASES, ...RESIZE_CASES];

export const { startAll, runCase } = caseRunner(CASES, 'terminal');

const ROWS: { row: Case['row']; what: string }[] = [
	{ row: 'exits', what: 'signals and exits restoring the terminal' },
	{ row: 'no-tty', what: 'no terminal, or a dumb one (TERM): a clear refusal, exit 4' },
	{ row: 'resize', what: 'resize bursts leaving no artefacts' },
];

export const check: Check = async () => {
	await startAll();
	const rows: Row[] = [];
	for (const { row, what } of ROWS) {
		const cases = CASES.filter((c) => c.row === row);
		const failures: string[] = [];
		let passed = 0;
		for (const c of cases) {
			const f = await runCase(c.name);
			if (f.length === 0) passed++;
			else failures.push(`${c.name}: ${f.join('; ')}`);
		}
		rows.push({ area: 'terminal', what, passed, total: cases.length, failures });
	}
	return rows;
};
