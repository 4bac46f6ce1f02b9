// tmux check: npx tsx bench/tmux.ts [--sizes 80x24,200x50] [--set bundled|10k] [--keys 200] [--seed 1]
// Runs the built CLI (dist/cli.js) in tmux twice, side by side: as shipped (incremental
// rendering, the terminal's scrolling where TERM has it) and drawing whole frames
// (SITREP_RENDER=full, a fresh drawing of the same state after every key). Both get the same
// keys: j pressed down the list until it scrolls and on, k back up, page and end keys; then j
// and k held as a terminal repeats them (one key every 33 ms); then the TUI bench's mixed keys.
// After every single key, and after every hold once the cursor rested, the two panes are
// compared, text and colours (capture-pane -e), timings masked. tmux is a terminal emulator of
// its own, so this checks what tmux makes of the renderer's sequences, as bench/tui.ts checks
// @xterm/headless.
// Exits 1 if any screen differed. Needs tmux (checked with 3.3a).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCompleteFrame, maskVolatile } from '../tests/support/pty.js';
import { writeSynthDataDir } from '../tests/support/synth.js';
import { screenStream } from '../tests/support/xterm-screen.js';
import { KEY_REPEAT, KEYS, labelOf, mixedKeys } from './tui.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const sizes = option('--sizes', '80x24,200x50')
	.split(',')
	.map((s) => s.split('x').map(Number) as [number, number]);
const set = option('--set', '10k');
const mixed = Number(option('--keys', '200'));
const seed = Number(option('--seed', '1'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Keys in each hold of j or k (with KEY_REPEAT's delay, about 1.4 s). */
const HOLD_KEYS = 30;

const work = mkdtempSync(join(tmpdir(), 'sitrep-tmux-'));
const socket = `sitrep-check-${process.pid}`;
const conf = join(work, 'tmux.conf');
// No status line (the pane is the whole window) and a TERM with il/dl (tmux's own).
writeFileSync(conf, 'set -g status off\nset -g default-terminal tmux-256color\nset -g escape-time 0\n');
const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, '-f', conf, ...a], { encoding: 'utf8' });

function capture(name: string): string[] {
	return tmux('capture-pane', '-p', '-e', '-t', name).split('\n');
}

/**
 * A capture as cells: capture-pane -e writes each row's SGR changes relative to the cell before,
 * across rows, and ends a row with a reset or not depending on how its cells were last written
 * (two panes that look the same can capture differently). Redrawn in @xterm/headless, row by
 * row at its own position, the rows compare cell by cell: character and style.
 */
async function cells(lines: string[], cols: number, rows: number): Promise<string[]> {
	const s = screenStream(cols, rows);
	// Timings ("24.5 ms") masked; a shorter one leaves more spaces after it (or before the detail column).
	const masked = lines.map((line) => (maskVolatile(line) === line ? line : maskVolatile(line).replace(/ {2,}/g, ' ')));
	s.type(masked.map((line, y) => `\u001b[${y + 1};1H${line}`).join(''));
	const screen = await s.screen();
	s.dispose();
	return screen.styled.map((row) =>
		row
			// A space shows no foreground: its bold, dim, italic and colour are invisible (tmux keeps
			// them on cells written over old text and drops them on cells written after an erase).
			.replace(/ \u0000([^\u0001]*)\u0001/g, (_, style: string) => {
				// inverse, bold, dim, italic, underline, strikethrough, fg mode, fg, bg mode, bg
				const [inverse, , , , underline, strike, fgMode, fg, bgMode, bg] = style.split(',');
				const shown = inverse !== '0' ? [fgMode, fg] : ['0', '-1'];
				return ` \u0000${[inverse, 0, 0, 0, underline, strike, ...shown, bgMode, bg].join(',')}\u0001`;
			})
			// Blank cells in the default style at the end of a row: erased or spaces, they look the same.
			.replace(/( \u00000,0,0,0,0,0,0,-1,0,-1\u0001)+$/, ''),
	);
}
const plain = (lines: string[]) => lines.map((l) => l.replace(/\u001b\[[0-9;:]*m/g, ''));

/** Waits until the pane has not changed for `quietMs` (the app's rest timers are 120 ms). */
async function stable(name: string, quietMs = 250, timeoutMs = 10_000): Promise<string[]> {
	let last = capture(name).join('\n');
	let since = Date.now();
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		await sleep(40);
		const now = capture(name).join('\n');
		if (now !== last) {
			last = now;
			since = Date.now();
		} else if (Date.now() - since >= quietMs) break;
	}
	return last.split('\n');
}

async function waitFor(name: string, test: (lines: string[]) => boolean, what: string, timeoutMs = 120_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (test(plain(capture(name)))) return;
		await sleep(100);
	}
	throw new Error(`${name}: timed out waiting for ${what}`);
}

function send(name: string, key: string) {
	tmux('send-keys', '-t', name, '-l', key);
}

interface Result {
	size: string;
	/** Keys sent. */
	keys: number;
	/** Screens compared: after every single key, and after every hold. */
	screens: number;
	holds: number;
	differed: number;
	first: string[];
}

async function check(dir: string, cols: number, rows: number): Promise<Result> {
	const size = `${cols}x${rows}`;
	const names = [`inc-${size}`, `full-${size}`];
	for (const [k, name] of names.entries()) {
		const config = mkdtempSync(join(work, 'conf-'));
		const env = [`SITREP_CONFIG_DIR=${config}`, 'SITREP_CACHE_DIR=', ...(k === 1 ? ['SITREP_RENDER=full'] : [])];
		tmux(
			'new-session',
			'-d',
			'-s',
			name,
			'-x',
			String(cols),
			'-y',
			String(rows),
			`env ${env.join(' ')} ${process.execPath} ${join(ROOT, 'dist', 'cli.js')} --data ${dir}`,
		);
	}
	for (const name of names) await waitFor(name, isCompleteFrame, 'the first frame');
	// The search index built first (as the TUI bench does), so no pane says "indexing…" in one run only.
	for (const name of names) send(name, '4');
	for (const name of names)
		await waitFor(
			name,
			(l) => l[1]?.startsWith('search›') === true && !/indexing|loading articles/.test(l.join('\n')),
			'the search index',
		);
	for (const name of names) send(name, '1');
	await Promise.all(names.map((n) => stable(n)));
	const held = [
		...Array(rows * 3).fill('j'),
		...Array(rows).fill('k'),
		KEYS.pageDown,
		KEYS.pageDown,
		'j',
		KEYS.pageUp,
		'G',
		...Array(rows).fill('k'),
		'g',
	];
	// Then j and k held as a terminal repeats a key (the TUI bench's KEY_REPEAT), not waiting for
	// the screens: compared once the cursor has rested and the preview caught up.
	const holds = [...Array(3).fill('j'), 'k'].map((key) => ({ key, hold: HOLD_KEYS }));
	const keys = [...held, ...holds, ...mixedKeys(mixed, seed).map((s) => s.key)];
	let differed = 0;
	let sent = 0;
	const first: string[] = [];
	for (const [i, step] of keys.entries()) {
		const key = typeof step === 'string' ? step : step.key;
		if (typeof step === 'string') {
			for (const name of names) send(name, key);
			sent++;
		} else {
			const t0 = Date.now();
			for (let k = 0; k < step.hold; k++) {
				const wait = t0 + (k === 0 ? 0 : KEY_REPEAT.delayMs + (k - 1) * KEY_REPEAT.intervalMs) - Date.now();
				if (wait > 0) await sleep(wait);
				// Both panes in one tmux command, so they get each key at the same moment.
				tmux(...names.flatMap((name, n) => [...(n ? [';'] : []), 'send-keys', '-t', name, '-l', key]));
			}
			sent += step.hold;
		}
		let [a, b] = (await Promise.all(names.map((n) => stable(n)))) as [string[], string[]];
		const same = async () => {
			const [ca, cb] = await Promise.all([a, b].map((c) => cells(c, cols, rows)));
			return (ca ?? []).join('\n') === (cb ?? []).join('\n');
		};
		if (!(await same())) {
			// A slow frame is not a wrong one: look again once both have been quiet for longer.
			[a, b] = (await Promise.all(names.map((n) => stable(n, 600)))) as [string[], string[]];
		}
		if (!(await same())) {
			differed++;
			if (first.length < 3) {
				const [ca, cb] = await Promise.all([a, b].map((c) => cells(c, cols, rows)));
				const row = (ca ?? []).findIndex((line, y) => line !== cb?.[y]);
				const style = plain([a[row] ?? ''])[0] === plain([b[row] ?? ''])[0] ? ' (style only)' : '';
				first.push(
					`${typeof step === 'string' ? `key ${i + 1} (${labelOf(key)})` : `after ${key} held for ${step.hold} keys`} row ${row + 1}${style}: ${JSON.stringify(plain([a[row] ?? ''])[0])} vs full ${JSON.stringify(plain([b[row] ?? ''])[0])}`,
				);
			}
		}
	}
	for (const name of names) tmux('kill-session', '-t', name);
	return { size, keys: sent, screens: keys.length, holds: holds.length, differed, first };
}

try {
	const version = execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim();
	let dir = join(ROOT, 'data');
	if (set !== 'bundled') {
		const n = { '10k': [10_000, 1_000] }[set];
		if (!n) throw new Error(`unknown set ${set} (bundled, 10k)`);
		dir = writeSynthDataDir(join(work, set), { incidents: n[0] as number, articles: n[1] as number, seed }).dir;
	}
	tmux('start-server');
	const results = await Promise.all(sizes.map(([c, r]) => check(dir, c, r)));
	process.stdout.write(`${version}, data ${set}, TERM tmux-256color in the panes\n`);
	for (const r of results) {
		process.stdout.write(
			`${r.size}: ${r.differed} of ${r.screens} screens differed from whole-frame drawing (${r.keys} keys: compared after each single key and after each of ${r.holds} holds of ${HOLD_KEYS})${r.first.length ? `; first: ${r.first.join(' | ')}` : ''}\n`,
		);
	}
	process.exitCode = results.some((r) => r.differed > 0) ? 1 : 0;
} finally {
	try {
		execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
	} catch {
		// Already gone (the last session's end stops the server).
	}
	rmSync(work, { recursive: true, force: true });
}
