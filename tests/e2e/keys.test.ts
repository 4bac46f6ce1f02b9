// Keys as they arrive over SSH and through tmux, end to end: the built
// dashboard in a real pseudo-terminal (support/ptyRun.ts), the bytes written
// as a link delivers them — bunched in one write, or one key split over
// several writes — and the screen read back (issue 14, items 2–4):
// - Esc followed quickly by another key is Esc, then that key: in one write,
//   and 100–200 ms apart through tmux (escape-time 500 ms turns them into one
//   Alt+key, `ESC ESC [B` or `ESC ESC`);
// - keys typed ahead in the Search query line act on the results of the query
//   as typed up to them, also before the index is built (while the articles
//   still load);
// - an escape sequence split over writes 10 ms apart is one key.
// Every check waits for a screen; no timing is asserted. The pauses between
// writes are the input being tested.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, Dash, type DashOptions } from '../support/ptyRun.js';
import { writeSynthDataDir } from '../support/synth.js';

const ESC = '\u001b';
const DOWN = `${ESC}[B`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const running: Dash[] = [];
// Each run ends here, passed or not: the app, and tmux's server with it, are ended by their marker.
afterEach(async () => {
	for (const d of running.splice(0)) await d.finish(1);
});

/** The dashboard at 100×24 (one column: a view replaces the list), its first frame drawn. */
async function start(opts: DashOptions = {}): Promise<Dash> {
	const d = await Dash.start({ cols: 100, rows: 24, ...opts });
	running.push(d);
	await d.firstFrame();
	return d;
}

/**
 * The dashboard inside tmux (its own server and socket), with tmux's classic
 * escape-time of 500 ms — the default before tmux 3.5 — and no status line,
 * so the screen is the dashboard's.
 */
function inTmux(): DashOptions {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-check-tmux-'));
	const conf = join(dir, 'tmux.conf');
	writeFileSync(conf, 'set -sg escape-time 500\nset -g status off\n');
	const socket = `sitrep-keys-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const app = `node '${CLI}'`;
	return { shell: `tmux -L ${socket} -f '${conf}' new-session "${app}"` };
}

/** Writes each part on its own, `gapMs` apart: one key's bytes split by the link, or keys spaced by the typist. */
async function writeApart(d: Dash, parts: readonly string[], gapMs: number): Promise<void> {
	for (const [i, part] of parts.entries()) {
		if (i > 0) await sleep(gapMs);
		d.press(part);
	}
}

/** Waits until `test` holds for the screen. */
async function until(d: Dash, test: (lines: string[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	if (test(d.lines())) return;
	try {
		await d.session.waitFor(() => test(d.lines()), timeoutMs, what);
	} catch (err) {
		throw new Error(`${(err as Error).message}; the screen:\n${d.lines().join('\n')}`);
	}
}

/** The list row under the cursor. */
const selected = (lines: string[]) => lines.find((l) => l.startsWith('›')) ?? '';
/** The line under the tabs: the pane's summary, or the open view's path ("Timeline › 2025-12-23 armed clash"). */
const second = (lines: string[]) => lines[1] ?? '';

const TIMELINE = (lines: string[]) => second(lines).startsWith('all incidents');
const INCIDENT = (lines: string[]) => second(lines).startsWith('Timeline › 2025-12-23 armed clash');
/** The incident's first link followed: the newest incident names no actor, so its first link is its country. */
const LINKED = (lines: string[]) => second(lines) === 'Timeline › 2025-12-23 armed clash › Tajikistan';
/** The second incident of the Timeline (newest first) under the cursor, in the list. */
const SECOND_ROW = (lines: string[]) => TIMELINE(lines) && selected(lines).startsWith('›2025-11-30');

describe('Esc followed quickly by another key (item 2)', () => {
	it('Esc and ↓ in one write (1b 1b 5b 42): back from the incident, then down the list', async () => {
		const d = await start();
		d.press('\r');
		await until(d, INCIDENT, 'the incident');
		d.press(`${ESC}${DOWN}`);
		await until(d, SECOND_ROW, 'the list, one row down');
	});

	it('Esc Esc in one write: back two levels, from the linked country to the list', async () => {
		const d = await start();
		d.press('\r');
		await until(d, INCIDENT, 'the incident');
		d.press('\r');
		await until(d, LINKED, 'the country, followed from the incident');
		d.press(`${ESC}${ESC}`);
		await until(d, TIMELINE, 'the list');
		// Nothing else was read from those bytes: the next key acts on the list.
		d.press('j');
		await until(d, SECOND_ROW, 'the list, one row down');
	});

	it('in tmux (escape-time 500 ms): Esc, then ↓ 100 ms later — back, then down', async () => {
		const d = await start(inTmux());
		d.press('\r');
		await until(d, INCIDENT, 'the incident');
		await writeApart(d, [ESC, DOWN], 100);
		await until(d, SECOND_ROW, 'the list, one row down');
	});

	it('in tmux (escape-time 500 ms): Esc Esc 200 ms apart — back two levels', async () => {
		const d = await start(inTmux());
		d.press('\r');
		await until(d, INCIDENT, 'the incident');
		d.press('\r');
		await until(d, LINKED, 'the country');
		await writeApart(d, [ESC, ESC], 200);
		await until(d, TIMELINE, 'the list');
		d.press('j');
		await until(d, SECOND_ROW, 'the list, one row down');
	});
});

interface Ranked {
	kind: 'article' | 'incident';
	title: string;
}

/** The results `sitrep search QUERY` ranks first, as the pane ranks them. */
function ranked(query: string, args: string[] = []): Ranked[] {
	const out = execFileSync(process.execPath, [CLI, 'search', query, '--json', '--limit', '5', ...args], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CACHE_DIR: '' },
	});
	return (JSON.parse(out) as { results: Ranked[] }).results;
}

const readerOpen = (lines: string[]) => second(lines).startsWith('Search › ');

/**
 * The Search reader is open on `result`: an article's reader starts with its
 * title, an incident's with its place (the title less its "Type: ").
 */
async function expectReaderOn(d: Dash, result: Ranked): Promise<void> {
	const { kind, title } = result;
	const words = (kind === 'incident' ? title.slice(title.indexOf(': ') + 2) : title).slice(0, 40);
	const top = (lines: string[]) => lines.slice(1, 6).join('\n');
	// The trail line can be on the screen a moment before the rest of the frame (only changed lines are sent).
	await until(d, (lines) => top(lines).includes(words), `the reader on the ${kind} "${title}"`).catch(() => {});
	expect(top(d.lines()), `the reader should show the ${kind} "${title}"`).toContain(words);
}

describe('keys typed ahead in the Search query line (item 3)', () => {
	let kabul: Ranked[] = [];
	beforeAll(() => {
		kabul = ranked('kabul');
	});

	it('`/kabul⏎` in one burst opens the best result for "kabul", not the previous query’s', async () => {
		expect(kabul.length).toBeGreaterThanOrEqual(3);
		const d = await start();
		d.press('4');
		// The index is built and the empty query answered (newest first): those are the results a stale Enter would open.
		await until(d, (l) => l.some((x) => /^\d+ match(es)? · /.test(x)), 'results for the empty query');
		d.press('/kabul\r');
		await until(d, readerOpen, 'the reader');
		await expectReaderOn(d, kabul[0] as Ranked);
	});

	it('`/kabul ↓ ↓ ⏎` in one burst opens the third result for "kabul"', async () => {
		const d = await start();
		d.press('4');
		await until(d, (l) => l.some((x) => /^\d+ match(es)? · /.test(x)), 'results for the empty query');
		d.press(`/kabul${DOWN}${DOWN}\r`);
		await until(d, readerOpen, 'the reader');
		await expectReaderOn(d, kabul[2] as Ranked);
	});

	it('typed while the data loads, before the index exists: `/kabul bank⏎` waits for it and opens the best result', async () => {
		const dir = writeSynthDataDir(mkdtempSync(join(tmpdir(), 'sitrep-check-keys-')), {
			incidents: 3000,
			articles: 3000,
			seed: 14,
		}).dir;
		const expected = ranked('kabul bank', ['--data', dir])[0] as Ranked;
		const d = await Dash.start({ cols: 100, rows: 24, args: ['--data', dir] });
		running.push(d);
		// takeTerminal has drawn "loading …" and put the terminal in raw mode; the data is still being read.
		await d.screenShows('loading', 20_000);
		d.press('/kabul bank\r');
		await until(d, readerOpen, 'the reader', 30_000);
		await expectReaderOn(d, expected);
	});
});

const RISK = (lines: string[]) => second(lines).includes('90-day window') && (lines[0] ?? '').endsWith('90d');
const riskRow = (code: string) => (lines: string[]) => RISK(lines) && selected(lines).startsWith(`›${code} `);

/**
 * On the Risk pane, cursor on the first row (Pakistan, then Afghanistan, Tajikistan …
 * Uzbekistan), the app idle: a split key then meets a reader that takes each
 * write as it comes (a busy one would read both parts together and hide the bug).
 */
async function onRisk(opts: DashOptions = {}): Promise<Dash> {
	const d = await start(opts);
	d.press('3');
	await until(d, riskRow('PK'), 'the Risk pane');
	await d.idle();
	return d;
}

describe('escape sequences split between writes (item 4)', () => {
	it('ESC and [B 10 ms apart are one ↓ (the window stays 90 days)', async () => {
		const d = await onRisk();
		await writeApart(d, [ESC, '[B'], 10);
		await until(d, riskRow('AF'), 'one row down, 90-day window');
		d.press('k');
		await until(d, riskRow('PK'), 'back up, 90-day window');
	});

	it('eight split ↓ in a row: eight rows down, no key misread', async () => {
		const d = await onRisk();
		const rows = ['AF', 'TJ', 'IN', 'IR', 'KZ', 'KG', 'RU', 'TM'];
		for (const row of rows) {
			await writeApart(d, [ESC, '[B'], 10);
			await until(d, riskRow(row), `${row}, 90-day window`);
			await d.idle();
		}
		d.press('k');
		await until(d, riskRow('RU'), 'one row up');
	});

	it('End split as ESC [ 4 ~ (four writes 10 ms apart) goes to the last row; Search does not open', async () => {
		const d = await onRisk();
		await writeApart(d, [ESC, '[', '4', '~'], 10);
		await until(d, riskRow('UZ'), 'the last row of Risk');
		d.press('k');
		await until(d, riskRow('TM'), 'one up from the last row');
	});

	it('the wait is the escapeTime setting: at 1000 ms, ESC and [B 300 ms apart are still one ↓', async () => {
		const configDir = mkdtempSync(join(tmpdir(), 'sitrep-check-config-'));
		execFileSync(process.execPath, [CLI, 'config', 'set', 'escapeTime', '1000'], {
			env: { ...process.env, SITREP_CONFIG_DIR: configDir },
		});
		const d = await onRisk({ env: { SITREP_CONFIG_DIR: configDir } });
		await writeApart(d, [ESC, '[B'], 300);
		await until(d, riskRow('AF'), 'one row down, 90-day window');
		d.press('k');
		await until(d, riskRow('PK'), 'back up');
	});

	it('SS3 ↓ split as ESC O B (three writes 10 ms apart) is one ↓', async () => {
		const d = await onRisk();
		await writeApart(d, [ESC, 'O', 'B'], 10);
		await until(d, riskRow('AF'), 'one row down');
		d.press('k');
		await until(d, riskRow('PK'), 'back up');
	});
});

describe('the key forms Ink understood, through the real terminal', () => {
	const first = (lines: string[]) => TIMELINE(lines) && selected(lines).startsWith('›2025-12-23');
	const last = (lines: string[]) => TIMELINE(lines) && selected(lines).startsWith('›2021-04-21');
	const query = (text: string) => (lines: string[]) => (lines[1] ?? '').trimEnd() === `search› ${text}`.trimEnd();

	it('Tab, Shift-Tab, PgDn/PgUp and Home/End in their xterm, vt220, rxvt and SS3 forms', async () => {
		const d = await start();
		d.press('\t');
		await until(d, (l) => /^\d+ of \d+ actors/.test(second(l)), 'the Actors pane (Tab)');
		d.press(`${ESC}[Z`);
		await until(d, first, 'the Timeline (Shift-Tab)');
		d.press(`${ESC}[6~`);
		await until(d, (l) => TIMELINE(l) && !first(l), 'a page down (PgDn)');
		d.press(`${ESC}[5~`);
		await until(d, first, 'a page up (PgUp)');
		const forms: [string, (l: string[]) => boolean, string][] = [
			[`${ESC}[4~`, last, 'End (vt220, tmux)'],
			[`${ESC}[1~`, first, 'Home (vt220, tmux)'],
			[`${ESC}[8~`, last, 'End (rxvt)'],
			[`${ESC}[7~`, first, 'Home (rxvt)'],
			[`${ESC}[F`, last, 'End (xterm)'],
			[`${ESC}[H`, first, 'Home (xterm)'],
			[`${ESC}OF`, last, 'End (SS3)'],
			[`${ESC}OH`, first, 'Home (SS3)'],
		];
		for (const [bytes, test, what] of forms) {
			d.press(bytes);
			await until(d, test, what);
		}
	});

	it('pasted Dari, CJK and emoji; Backspace as DEL and BS; Ctrl-U; Enter as LF', async () => {
		const d = await start();
		d.press('/');
		await until(d, query(''), 'the query line');
		d.press('کابل 喀布尔👍');
		await until(d, query('کابل 喀布尔👍'), 'the pasted text in the query');
		d.press('\u007f');
		await until(d, query('کابل 喀布尔'), 'one character less (DEL)');
		d.press('\b');
		await until(d, query('کابل 喀布'), 'one more less (BS)');
		d.press('\u0015');
		await until(d, query(''), 'an empty query (Ctrl-U)');
		d.press('kabul\n');
		await until(d, readerOpen, 'the reader (Enter sent as LF)');
	});
});
