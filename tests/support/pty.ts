// A pseudo-terminal session for the TUI bench, without native modules:
// util-linux `script` gives the app a real pty; the exact bytes it writes are
// fed to @xterm/headless (a pure-JS terminal emulator) of the same size, so
// the bench reads the screen a user would see. The pure helpers at the top
// (screen diffs, costs, statistics) have no dependency and are unit-tested.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import type { Terminal } from '@xterm/headless';

// ---------------------------------------------------------------- pure helpers

/** A run of cells with one style; style is the SGR parameter list ('' = default). */
export interface Run {
	style: string;
	text: string;
}
export type StyledRow = Run[];

export function rowText(row: StyledRow): string {
	return row.map((r) => r.text).join('');
}

/** A comparable signature of a row: its text and styles. */
export function rowSignature(row: StyledRow): string {
	return row.map((r) => `\u0000${r.style}\u0001${r.text}`).join('');
}

/** Bytes of a cursor move to a row (`ESC[rr;1H` is 6–8 bytes): the lead's estimate, one value for every row. */
export const MOVE_BYTES = 8;
/** `ESC[K`: erase the rest of the line after the text. */
const ERASE_BYTES = 3;

/**
 * Bytes to rewrite one row from scratch: a cursor move, the text up to its
 * last non-blank (or styled) cell, the erase-to-end-of-line, and — with
 * styles — one SGR sequence wherever the style changes.
 */
export function rowCost(row: StyledRow, withStyles: boolean): number {
	const runs = [...row];
	// Trailing spaces in the default style are what ESC[K leaves anyway.
	while (runs.length) {
		const last = runs[runs.length - 1] as Run;
		if (last.style !== '' && withStyles) break;
		const trimmed = last.text.replace(/ +$/, '');
		if (trimmed) {
			runs[runs.length - 1] = { ...last, text: trimmed };
			break;
		}
		runs.pop();
	}
	let bytes = MOVE_BYTES + ERASE_BYTES;
	let style = '';
	for (const r of runs) {
		if (withStyles && r.style !== style) {
			// ESC[0;…m resets and sets in one sequence; ESC[m returns to the default.
			bytes += r.style ? 5 + r.style.length : 3;
			style = r.style;
		}
		bytes += Buffer.byteLength(r.text);
	}
	if (withStyles && style !== '') bytes += 3;
	return bytes;
}

/** Rows whose text or style differ (indexes). */
export function changedRows(before: readonly StyledRow[], after: readonly StyledRow[]): number[] {
	const out: number[] = [];
	const n = Math.max(before.length, after.length);
	for (let y = 0; y < n; y++) {
		if (rowSignature(before[y] ?? []) !== rowSignature(after[y] ?? [])) out.push(y);
	}
	return out;
}

/** The fewest bytes that turn `before` into `after` by rewriting whole changed rows. */
export function minimalRewrite(
	before: readonly StyledRow[],
	after: readonly StyledRow[],
	withStyles = true,
): { rows: number; bytes: number } {
	const rows = changedRows(before, after);
	return { rows: rows.length, bytes: rows.reduce((sum, y) => sum + rowCost(after[y] ?? [], withStyles), 0) };
}

/** Parts of a screen that differ between two correct runs (timings): masked before comparing. */
const VOLATILE = /\d+(\.\d+)? ms/g;

export function maskVolatile(s: string): string {
	return s.replace(VOLATILE, '# ms');
}

/**
 * A row's signature with timings masked and the blanks after a timing dropped (a shorter timing
 * leaves one more space, at the end of the row or before the next column), styles kept: of the
 * blanks' styles only the last, the one of what follows them, counts (the blanks may be a run of
 * their own or the end of the timing's run, depending on the timing's width).
 */
function maskedSignature(row: StyledRow): string {
	return rowSignature(row.map((r) => ({ ...r, text: maskVolatile(r.text) })))
		.replace(/# ms((?:\u0000[^\u0001]*\u0001| )*)/g, (_all, after: string) => {
			const styles = after.match(/\u0000[^\u0001]*\u0001/g);
			return `# ms${styles?.[styles.length - 1] ?? ''}`;
		})
		.replace(/(\u0000\u0001 *)+$/, '')
		.replace(/ +$/, '');
}

/** The first row where two screens differ (text and style), with both texts; undefined when equal. */
export function firstDifference(
	a: readonly StyledRow[],
	b: readonly StyledRow[],
): { row: number; a: string; b: string; styleOnly: boolean } | undefined {
	const n = Math.max(a.length, b.length);
	for (let y = 0; y < n; y++) {
		const ra = a[y] ?? [];
		const rb = b[y] ?? [];
		if (maskedSignature(ra) !== maskedSignature(rb)) {
			const ta = rowText(ra);
			const tb = rowText(rb);
			return { row: y, a: ta, b: tb, styleOnly: maskVolatile(ta) === maskVolatile(tb) };
		}
	}
	return undefined;
}

/**
 * A complete dashboard frame: the last non-blank line is the hint line (with
 * "? help") and the one above it the status bar (with "incidents ·").
 */
export function isCompleteFrame(lines: readonly string[]): boolean {
	let last = lines.length - 1;
	while (last >= 0 && (lines[last] ?? '').trim() === '') last--;
	return last >= 1 && (lines[last] ?? '').includes('? help') && (lines[last - 1] ?? '').includes('incidents ·');
}

export const SYNC_END = '\u001b[?2026l';

/** Does `chunk` end a synchronized-output frame (the marker may straddle the previous chunk)? */
export function endsFrame(previousTail: string, chunk: string): boolean {
	return (previousTail + chunk).includes(SYNC_END);
}

export function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[i] ?? Number.NaN;
}

export interface Stats {
	n: number;
	median: number;
	p95: number;
	max: number;
}

export function stats(values: readonly number[]): Stats {
	const s = [...values].sort((a, b) => a - b);
	return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? Number.NaN };
}

// ------------------------------------------------------------ the pty session

export interface SessionOptions {
	cols: number;
	rows: number;
	/** The command run in the pty after `stty rows R cols C; exec ` (with `hangup`: by `sh -c`, as the session leader). */
	command: string;
	cwd?: string;
	env?: Record<string, string | undefined>;
	/**
	 * Run under ptyHangup.py instead of `script`: `hangUp()` closes the pty's master side, as
	 * sshd does when the connection drops, and `waitStatus()` gives the command's wait status.
	 */
	hangup?: boolean;
}

/** A command's end as its parent saw it (ptyHangup.py). */
export interface WaitStatus {
	/** As a shell reports it: the exit code, or 128 + the signal's number. */
	status: number;
	/** The signal that ended it, if one did. */
	signal: number | null;
	/** It dumped core (only where core files are enabled). */
	core: boolean;
}

const HANGUP_HELPER = fileURLToPath(new URL('./ptyHangup.py', import.meta.url));

/** Something observed on the emulator's screen, at the arrival time of the bytes that made it so. */
export interface Seen {
	/** performance.now() when the chunk arrived. */
	at: number;
	/** The chunk closed a synchronized-output frame. */
	frameEnd: boolean;
}

interface Waiter {
	test: (s: Seen) => boolean;
	resolve: (s: Seen) => void;
	reject: (e: Error) => void;
	timer: NodeJS.Timeout;
}

type TerminalCtor = new (opts: { cols: number; rows: number; allowProposedApi?: boolean }) => Terminal;
let TerminalClass: TerminalCtor | undefined;

/** @xterm/headless is CommonJS: its default export holds the class. Loaded once, lazily (tests need none of it). */
export async function loadEmulator(): Promise<TerminalCtor> {
	if (!TerminalClass) {
		const mod = (await import('@xterm/headless')) as unknown as { default?: { Terminal: TerminalCtor } };
		const T = mod.default?.Terminal ?? (mod as unknown as { Terminal: TerminalCtor }).Terminal;
		TerminalClass = T;
	}
	return TerminalClass;
}

export class PtySession {
	/** performance.now() just before spawn. */
	readonly started: number;
	readonly proc: ChildProcessWithoutNullStreams;
	readonly term: Terminal;
	/** Every byte the app wrote, as the terminal received it. */
	bytes = 0;
	/** Arrival time of the first and the latest chunk. */
	firstByteAt = Number.NaN;
	lastByteAt = Number.NaN;
	/** Arrival time and size of every chunk. */
	readonly chunks: { at: number; n: number }[] = [];
	/** Every chunk's bytes, kept to inspect what a key made the app write. */
	private readonly raw: Buffer[] = [];
	exited: Promise<number | null>;
	private pending = 0;
	private tail = '';
	private waiters: Waiter[] = [];
	private stderr = '';

	private constructor(
		Term: TerminalCtor,
		readonly opts: SessionOptions,
	) {
		this.term = new Term({ cols: opts.cols, rows: opts.rows, allowProposedApi: true });
		const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', ...opts.env };
		// Ink writes only the final frame under CI, and colours follow NO_COLOR/FORCE_COLOR: keep them out.
		for (const k of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES']) {
			if (!opts.env || !(k in opts.env)) delete env[k];
		}
		this.started = performance.now();
		const [file, args] = opts.hangup
			? ['python3', [HANGUP_HELPER, String(opts.cols), String(opts.rows), opts.command]]
			: ['script', ['-qfec', `stty rows ${opts.rows} cols ${opts.cols}; exec ${opts.command}`, '/dev/null']];
		this.proc = spawn(file, args, { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
		this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
		this.proc.stderr.on('data', (chunk: Buffer) => {
			this.stderr += chunk.toString();
		});
		this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
		// Stop waiting when the app is gone.
		this.exited.then((code) => {
			for (const w of this.waiters.splice(0)) {
				clearTimeout(w.timer);
				w.reject(new Error(`the app exited (${code}) ${this.stderr.trim()}`));
			}
		});
	}

	static async start(opts: SessionOptions): Promise<PtySession> {
		return new PtySession(await loadEmulator(), opts);
	}

	private readonly utf8 = new StringDecoder('utf8');

	private onData(chunk: Buffer): void {
		const at = performance.now();
		if (Number.isNaN(this.firstByteAt)) this.firstByteAt = at;
		this.lastByteAt = at;
		this.bytes += chunk.length;
		this.chunks.push({ at, n: chunk.length });
		this.raw.push(chunk);
		const text = chunk.toString('latin1');
		const frameEnd = endsFrame(this.tail, text);
		this.tail = text.slice(-(SYNC_END.length - 1));
		this.pending++;
		// A chunk can end inside a UTF-8 sequence ("…" is 3 bytes): decode across chunks, or the
		// emulator may drop that character and shift the rest of its row one cell left.
		this.term.write(this.utf8.write(chunk), () => {
			this.pending--;
			this.check({ at, frameEnd });
		});
	}

	/** Called after every parsed chunk (the screen is up to date with it). */
	onParsed: ((seen: Seen) => void) | undefined;

	private check(seen: Seen): void {
		this.onParsed?.(seen);
		if (this.waiters.length === 0) return;
		for (const w of [...this.waiters]) {
			if (w.test(seen)) {
				clearTimeout(w.timer);
				this.waiters.splice(this.waiters.indexOf(w), 1);
				w.resolve(seen);
			}
		}
	}

	/** Resolves at the first parsed chunk for which `test` holds (it may read the screen). */
	waitFor(test: (s: Seen) => boolean, timeoutMs: number, what = 'a screen'): Promise<Seen> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				const i = this.waiters.findIndex((w) => w.timer === timer);
				if (i >= 0) this.waiters.splice(i, 1);
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			this.waiters.push({ test, resolve, reject, timer });
		});
	}

	/**
	 * Resolves once no byte has arrived for `quietMs` — counted from the call
	 * or the last byte, whichever is later — and the emulator has parsed
	 * everything; returns the arrival time of the last chunk.
	 */
	settle(quietMs: number, timeoutMs = 10_000): Promise<number> {
		const from = performance.now();
		const deadline = from + timeoutMs;
		return new Promise((resolve, reject) => {
			const tick = () => {
				const now = performance.now();
				const since = now - Math.max(from, Number.isNaN(this.lastByteAt) ? this.started : this.lastByteAt);
				if (since >= quietMs && this.pending === 0) return resolve(this.lastByteAt);
				if (now > deadline) return reject(new Error(`the output did not settle within ${timeoutMs} ms`));
				setTimeout(tick, Math.max(1, quietMs - since));
			};
			tick();
		});
	}

	/**
	 * After a key written at `t`: resolves once output has started and then
	 * paused for `quietMs`, or when nothing at all came for `idleMs` (a key
	 * that changes nothing). Returns the last chunk's arrival (NaN: no output).
	 */
	settleAfter(t: number, quietMs: number, idleMs: number, timeoutMs = 15_000): Promise<number> {
		return new Promise((resolve, reject) => {
			const tick = () => {
				const now = performance.now();
				const last = this.lastByteAt > t ? this.lastByteAt : Number.NaN;
				const wait = Number.isNaN(last) ? idleMs - (now - t) : quietMs - (now - last);
				if (wait <= 0 && this.pending === 0) return resolve(last);
				if (now - t > timeoutMs) return reject(new Error(`the output did not settle within ${timeoutMs} ms`));
				setTimeout(tick, Math.max(1, wait));
			};
			tick();
		});
	}

	/** Writes a key; returns the time just before the write. */
	press(key: string): number {
		const at = performance.now();
		this.proc.stdin.write(key);
		return at;
	}

	/** The bytes received from offset `from` (a past value of `bytes`) on. */
	output(from: number): Buffer {
		return Buffer.concat(this.raw).subarray(from);
	}

	/** Arrival time of the first chunk after `t` (NaN if none yet). */
	firstChunkAfter(t: number): number {
		for (let i = this.chunks.length - 1; i >= 0; i--) {
			const c = this.chunks[i] as { at: number };
			if (c.at < t) return this.chunks[i + 1]?.at ?? Number.NaN;
		}
		return this.chunks[0]?.at ?? Number.NaN;
	}

	lines(): string[] {
		const buf = this.term.buffer.active;
		const out: string[] = [];
		for (let y = 0; y < this.opts.rows; y++) out.push(buf.getLine(y)?.translateToString(true) ?? '');
		return out;
	}

	/** The screen as styled runs, one array per row. */
	styled(): StyledRow[] {
		const buf = this.term.buffer.active;
		const cell = buf.getNullCell();
		const out: StyledRow[] = [];
		for (let y = 0; y < this.opts.rows; y++) {
			const line = buf.getLine(y);
			const row: StyledRow = [];
			for (let x = 0; line && x < this.opts.cols; x++) {
				line.getCell(x, cell);
				if (cell.getWidth() === 0) continue; // the right half of a wide character
				const style = styleOf(cell);
				const chars = cell.getChars() || ' ';
				const last = row[row.length - 1];
				if (last && last.style === style) last.text += chars;
				else row.push({ style, text: chars });
			}
			out.push(row);
		}
		return out;
	}

	/** The app's node process inside the pty (script → sh → exec node), once it has exec'd. */
	appPid(): number | undefined {
		const pid = this.proc.pid;
		if (!pid) return undefined;
		try {
			// script's one child is the shell, then (after exec) the app, which names itself "sitrep".
			const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
			for (const k of kids) {
				if (!['sh', 'bash', 'dash', 'stty'].includes(readFileSync(`/proc/${k}/comm`, 'utf8').trim())) return k;
			}
		} catch {
			// Gone, or not exec'd yet.
		}
		return undefined;
	}

	/** VmHWM (peak RSS) and VmRSS of the app's node process, in bytes. */
	memory(): { hwm: number; rss: number } | undefined {
		const pid = this.appPid();
		if (!pid) return undefined;
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
		return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
	}

	/** Ends the app by its pid (SIGKILL: an index build would delay q), then waits for script. */
	async kill(): Promise<void> {
		const pid = this.appPid();
		try {
			if (pid) process.kill(pid, 'SIGKILL');
			else this.proc.kill('SIGKILL');
		} catch {
			// Already gone.
		}
		await this.exited;
		this.term.dispose();
	}

	/** Quits with q and waits for the exit status. */
	async quit(timeoutMs = 10_000): Promise<number | null> {
		this.press('q');
		const timer = setTimeout(() => void this.kill(), timeoutMs);
		const code = await this.exited;
		clearTimeout(timer);
		this.term.dispose();
		return code;
	}

	errors(): string {
		return this.stderr;
	}

	/** Closes the pty's master side: the terminal hangs up (only with `hangup`). */
	hangUp(): void {
		if (!this.opts.hangup) throw new Error('hangUp needs a session started with hangup: true');
		this.proc.stdin.end();
	}

	/** The command's wait status, once ptyHangup.py has printed it (only with `hangup`). */
	waitStatus(): WaitStatus | undefined {
		const line = /^\{"status".*\}$/m.exec(this.stderr)?.[0];
		return line ? (JSON.parse(line) as WaitStatus) : undefined;
	}
}

interface CellLike {
	isBold(): number;
	isDim(): number;
	isItalic(): number;
	isUnderline(): number;
	isInverse(): number;
	isStrikethrough(): number;
	isFgRGB(): boolean;
	isFgPalette(): boolean;
	isBgRGB(): boolean;
	isBgPalette(): boolean;
	getFgColor(): number;
	getBgColor(): number;
}

function colour(base: number, palette: boolean, rgb: boolean, value: number): string | undefined {
	if (rgb) return `${base + 8};2;${(value >> 16) & 255};${(value >> 8) & 255};${value & 255}`;
	if (!palette) return undefined;
	if (value < 8) return String(base + value);
	if (value < 16) return String(base + 60 + value - 8);
	return `${base + 8};5;${value}`;
}

/** The SGR parameters that draw a cell's style, e.g. "1;7;36" ('' = the default). */
function styleOf(c: CellLike): string {
	const p: string[] = [];
	if (c.isBold()) p.push('1');
	if (c.isDim()) p.push('2');
	if (c.isItalic()) p.push('3');
	if (c.isUnderline()) p.push('4');
	if (c.isInverse()) p.push('7');
	if (c.isStrikethrough()) p.push('9');
	const fg = colour(30, c.isFgPalette(), c.isFgRGB(), c.getFgColor());
	if (fg) p.push(fg);
	const bg = colour(40, c.isBgPalette(), c.isBgRGB(), c.getBgColor());
	if (bg) p.push(bg);
	return p.join(';');
}
