// The built dashboard (dist/cli.js) in a real pseudo-terminal, for the
// settings and terminal checks: util-linux `script` gives it a pty (see
// bench/pty.ts), a shell runs `node dist/cli.js …; echo <<EXIT=$?>>; stty -a`
// in that same pty, so one run yields the exit status, the exact bytes the
// app wrote (in order, stdout and stderr as the terminal got them) and the
// terminal's modes after the app is gone. Every process of a run carries a
// unique marker in its environment: the app is found by it (to signal or
// resize it) and, after the run, anything still carrying it is an orphan.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCompleteFrame, PtySession } from './pty.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');

const LEAVE_ALT = '\u001b[?1049l';
const ENTER_ALT = '\u001b[?1049h';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

/** Processes whose environment holds `marker` (as root or as their owner /proc/PID/environ is readable). */
export /** The processes a run left behind (named), each killed. */
function killOrphans(marker: string): string[] {
	const left = marked(marker);
	for (const p of left) {
		try {
			process.kill(p.pid, 'SIGKILL');
		} catch {
			// Gone.
		}
	}
	return left.map((p) => `${p.comm} (pid ${p.pid})`);
}

function marked(marker: string): { pid: number; comm: string }[] {
	const out: { pid: number; comm: string }[] = [];
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			if (!readFileSync(`/proc/${d}/environ`, 'latin1').includes(`${marker}=1`)) continue;
			const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
			// A zombie is gone already, only not yet reaped by its parent.
			if (/\) Z /.test(stat)) continue;
			out.push({ pid: Number(d), comm: readFileSync(`/proc/${d}/comm`, 'utf8').trim() });
		} catch {
			// Gone meanwhile, or not ours to read.
		}
	}
	return out;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface DashOptions {
	cols?: number;
	rows?: number;
	/** Arguments after dist/cli.js. */
	args?: string[];
	env?: Record<string, string>;
	/** A shell fragment run instead of `node dist/cli.js ARGS` (e.g. with a pipe); its status is reported. */
	shell?: string;
	/**
	 * A terminal that can hang up (`hangUp()`; tests/support/ptyHangup.py instead of `script`).
	 * 'leader': the app is the session leader, as `ssh -t host sitrep` starts it (the kernel
	 * sends it SIGHUP). 'shell': the app runs under a shell that does not pass SIGHUP on (it
	 * sees only its terminal end). The app's stderr goes to a file: the terminal is gone when
	 * it would say something.
	 */
	hangup?: 'leader' | 'shell';
}

/** How a run ended after its terminal hung up. */
export interface HungUp {
	/** The app's exit status as a shell reports it (128 + the signal's number); undefined if unknown. */
	code: number | undefined;
	/** The signal that ended the app (known when it was the session leader). */
	signal: number | null | undefined;
	/** It dumped core (only where core files are enabled). */
	core: boolean;
	/** Everything the app wrote on stderr. */
	stderr: string;
	/** Processes of this run still alive after it ended. */
	orphans: string[];
	/** The app had to be killed (it did not exit in time). */
	killed: boolean;
}

export interface Finished {
	/** The app's exit status (from the shell that ran it); undefined if it never exited. */
	code: number | undefined;
	/** Everything the terminal received, up to the exit marker. */
	output: string;
	/** `stty -a` in the same pty after the app exited. */
	stty: string;
	/** Processes of this run still alive after it ended. */
	orphans: string[];
	/** The run had to be killed (it did not exit in time). */
	killed: boolean;
}

export class Dash {
	/** Resolves when script has exited and its output is all read ('exit' may come before the last bytes). */
	private readonly closed: Promise<unknown>;
	private constructor(
		readonly session: PtySession,
		readonly configDir: string,
		readonly marker: string,
		/** A folder of the run's own: the app's stderr and exit status when the terminal can hang up. */
		private readonly files: string,
	) {
		this.closed = new Promise((resolve) => session.proc.on('close', resolve));
	}

	/** Starts a run; SITREP_CONFIG_DIR is a fresh folder unless `env` gives one. */
	static async start(opts: DashOptions = {}): Promise<Dash> {
		const configDir = opts.env?.SITREP_CONFIG_DIR ?? mkdtempSync(join(tmpdir(), 'sitrep-check-config-'));
		const marker = `SITREP_CHECK_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
		const app = opts.shell ?? ['node', CLI, ...(opts.args ?? [])].map(shellQuote).join(' ');
		const files = mkdtempSync(join(tmpdir(), 'sitrep-check-run-'));
		const err = shellQuote(join(files, 'stderr'));
		const status = shellQuote(join(files, 'status'));
		// The subshell keeps the shell's own "Hangup" report out of the app's stderr.
		const command =
			opts.hangup === 'leader'
				? `exec ${app} 2>${err}`
				: opts.hangup === 'shell'
					? `exec 2>/dev/null; trap '' HUP; (exec ${app} 2>${err}); echo $? >${status}`
					: `sh -c ${shellQuote(`${app}; echo "<<EXIT=$?>>"; stty -a`)}`;
		const session = await PtySession.start({
			cols: opts.cols ?? 80,
			rows: opts.rows ?? 24,
			cwd: ROOT,
			command,
			hangup: opts.hangup !== undefined,
			env: {
				SITREP_CONFIG_DIR: configDir,
				// No load cache and no background `sitrep cache` child unless a run asks for them.
				SITREP_CACHE_DIR: '',
				...opts.env,
				[marker]: '1',
			},
		});
		return new Dash(session, configDir, marker, files);
	}

	/** The app's own process (the node running dist/cli.js), once started. */
	appPid(): number | undefined {
		return marked(this.marker).find(
			(p) => !['script', 'sh', 'bash', 'dash', 'stty', 'echo'].includes(p.comm) && !p.comm.startsWith('python'),
		)?.pid;
	}

	/**
	 * The screen's text, one string per row, at the emulator's current size. Only the first
	 * `cols` cells: after a narrowing resize xterm keeps the cut-off cells in its lines.
	 */
	lines(): string[] {
		const { term } = this.session;
		const buf = term.buffer.active;
		const out: string[] = [];
		for (let y = 0; y < term.rows; y++) out.push(buf.getLine(y)?.translateToString(true, 0, term.cols) ?? '');
		return out;
	}

	/** Resolves once the app has written nothing for `quietMs`. */
	settle(quietMs = 300): Promise<number> {
		return this.session.settle(quietMs, 15_000);
	}

	/** Waits for a whole dashboard frame (status bar and key hints drawn). */
	async firstFrame(timeoutMs = 30_000): Promise<void> {
		if (isCompleteFrame(this.lines())) return;
		await this.session.waitFor(() => isCompleteFrame(this.lines()), timeoutMs, 'the first complete frame');
	}

	/** Waits until the screen shows `text` (anywhere); as long as firstFrame waits: a loaded machine is slow, not wrong. */
	async screenShows(text: string, timeoutMs = 30_000): Promise<void> {
		if (this.lines().some((l) => l.includes(text))) return;
		await this.session.waitFor(() => this.lines().some((l) => l.includes(text)), timeoutMs, `"${text}" on screen`);
	}

	press(keys: string): void {
		this.session.press(keys);
	}

	/**
	 * Waits until the app has used no CPU for `quietMs` (its /proc stat, polled):
	 * its start-up work (the search index, the idle work after it) is done and it
	 * is waiting for a key, as a dashboard someone is reading is. A key split
	 * over two writes then meets a reader that takes each write on its own,
	 * not one too busy to read before both have arrived.
	 */
	async idle(quietMs = 250, timeoutMs = 15_000): Promise<void> {
		const pid = this.appPid();
		if (!pid) throw new Error('no app process to watch');
		const cpu = () => {
			const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
			// utime and stime: fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
			return Number(fields[11]) + Number(fields[12]);
		};
		const end = performance.now() + timeoutMs;
		let last = cpu();
		let since = performance.now();
		while (performance.now() - since < quietMs) {
			if (performance.now() > end) throw new Error(`the app was still busy after ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 25));
			const now = cpu();
			if (now !== last) {
				last = now;
				since = performance.now();
			}
		}
	}

	signal(sig: NodeJS.Signals): void {
		const pid = this.appPid();
		if (!pid) throw new Error('no app process to signal');
		process.kill(pid, sig);
	}

	/** Resizes the emulator (as a terminal window does), then the pty, which sends the app SIGWINCH. */
	resize(cols: number, rows: number): void {
		const pid = this.appPid();
		if (!pid) throw new Error('no app process to resize');
		const tty = readlinkSync(`/proc/${pid}/fd/0`);
		this.session.term.resize(cols, rows);
		execFileSync('stty', ['-F', tty, 'rows', String(rows), 'cols', String(cols)]);
	}

	/**
	 * Hangs the terminal up (closes the pty's master side, as sshd does when the connection
	 * drops; the run must have been started with `hangup`), waits for the app to end
	 * (killing it after `timeoutMs`) and reads how it ended.
	 */
	async hangUp(timeoutMs = 15_000): Promise<HungUp> {
		let killed = false;
		const timer = setTimeout(() => {
			killed = true;
			for (const p of marked(this.marker)) {
				try {
					process.kill(p.pid, 'SIGKILL');
				} catch {
					// Gone.
				}
			}
		}, timeoutMs);
		this.session.hangUp();
		await this.session.exited;
		await this.closed;
		clearTimeout(timer);
		const read = (name: string) => {
			try {
				return readFileSync(join(this.files, name), 'utf8');
			} catch {
				return undefined;
			}
		};
		const waited = this.session.waitStatus();
		const shellSaw = read('status');
		const code = shellSaw !== undefined ? Number(shellSaw.trim()) : waited?.status;
		const orphans = killOrphans(this.marker);
		this.session.term.dispose();
		return {
			code: Number.isNaN(code) ? undefined : code,
			signal: shellSaw !== undefined ? undefined : waited?.signal,
			core: waited?.core ?? false,
			stderr: read('stderr') ?? '',
			orphans,
			killed,
		};
	}

	/**
	 * Waits for the run to end (killing it after `timeoutMs`), then reads what it left.
	 * `lingerMs`: how long a process the run started on purpose (the detached `sitrep
	 * cache`) may take to end by itself before it counts as left behind.
	 */
	async finish(timeoutMs = 15_000, lingerMs = 0): Promise<Finished> {
		let killed = false;
		const timer = setTimeout(() => {
			killed = true;
			void this.session.kill();
		}, timeoutMs);
		await this.session.exited;
		await this.closed;
		clearTimeout(timer);
		const all = this.session.output(0).toString('utf8');
		const m = /<<EXIT=(\d+)>>/.exec(all);
		const until = performance.now() + lingerMs;
		while (marked(this.marker).length > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
		const orphans = killOrphans(this.marker);
		this.session.term.dispose();
		return {
			code: m ? Number(m[1]) : undefined,
			output: m ? all.slice(0, m.index) : all,
			stty: m ? all.slice(m.index + m[0].length) : '',
			orphans,
			killed,
		};
	}
}

/** `icanon` and `echo` on (the line discipline is cooked again): what raw mode left behind, if anything. */
export function cookedProblems(stty: string): string[] {
	const words = new Set(stty.split(/[\s;]+/));
	const out: string[] = [];
	if (!stty.trim()) out.push('no stty output after the app');
	for (const w of ['icanon', 'echo', 'isig'])
		if (!words.has(w)) out.push(`stty shows ${words.has(`-${w}`) ? `-${w}` : `no ${w}`}`);
	return out;
}

/**
 * What a run that took the terminal must leave: the alternate screen left
 * after it was last entered, the cursor shown after it was last hidden, and
 * after leaving nothing but `allowedAfter` (the crash message) and cursor
 * shows: no frame drawn over the user's shell screen.
 */
export function restoreProblems(output: string, allowedAfter?: RegExp): string[] {
	const out: string[] = [];
	const entered = output.lastIndexOf(ENTER_ALT);
	const left = output.lastIndexOf(LEAVE_ALT);
	if (entered < 0) out.push('the alternate screen was never entered');
	if (left < entered) out.push('the alternate screen was not left');
	if (output.lastIndexOf(SHOW_CURSOR) < output.lastIndexOf(HIDE_CURSOR)) out.push('the cursor was left hidden');
	if (left >= 0) {
		const after = output
			.slice(left + LEAVE_ALT.length)
			.split(SHOW_CURSOR)
			.join('');
		const rest = allowedAfter ? after.replace(allowedAfter, '') : after;
		if (rest.trim() !== '') out.push(`after leaving the alternate screen: ${JSON.stringify(rest.slice(0, 120))}`);
	}
	return out;
}

/** Runs `fns` at most `limit` at a time. */
export async function pool<T>(fns: (() => Promise<T>)[], limit: number): Promise<T[]> {
	const results: T[] = new Array(fns.length);
	let next = 0;
	const worker = async () => {
		while (next < fns.length) {
			const i = next++;
			results[i] = await (fns[i] as () => Promise<T>)();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, fns.length) }, worker));
	return results;
}

/** A case's failures, or its exception as one. */
export async function failuresOf(fn: () => Promise<string[]>): Promise<string[]> {
	try {
		return await fn();
	} catch (err) {
		return [`threw: ${err instanceof Error ? err.message : String(err)}`];
	}
}

/**
 * Named cases run once per process however many callers ask (the tests' `it`s
 * and the table's rows), and all of them a few at a time.
 */
export function caseRunner(
	cases: readonly { name: string; run: () => Promise<string[]> }[],
	what: string,
	limit = 4,
): { startAll: () => Promise<unknown>; runCase: (name: string) => Promise<string[]> } {
	const results = new Map<string, Promise<string[]>>();
	let started: Promise<unknown> | undefined;
	const runCase = (name: string): Promise<string[]> => {
		let p = results.get(name);
		if (!p) {
			const c = cases.find((x) => x.name === name);
			if (!c) throw new Error(`no ${what} case "${name}"`);
			p = failuresOf(c.run);
			results.set(name, p);
		}
		return p;
	};
	const startAll = () => {
		started ??= pool(
			cases.map((c) => () => runCase(c.name)),
			limit,
		);
		return started;
	};
	return { startAll, runCase };
}
