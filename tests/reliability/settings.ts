// Settings files that break, run through the built CLI (dist/cli.js; `npm run
// build` first), each case in a settings folder of its own (SITREP_CONFIG_DIR):
// a file that is not JSON, cut short, of the wrong type, empty, or with wrong
// fields; two sitreps writing at once; a folder that cannot be used; a broken
// watch.json; and the dashboard's own report of it. What must hold: sitrep
// starts (with defaults, or the fields that are right), says so once, keeps
// the bad file byte for byte as NAME.bad-<time>, never writes anything
// invalid back, and never leaves a file that does not parse.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings } from '../../source/io/settings/config.js';
import { CLI, caseRunner, cookedProblems, Dash, ROOT, restoreProblems } from '../support/ptyRun.js';
import type { Check } from './types.js';

export interface Case {
	name: string;
	/** Failures, one line each; empty when the case passed. */
	run: () => Promise<string[]>;
}

interface Ran {
	code: number | null;
	out: string;
	err: string;
}

/** Runs the built CLI with its settings in `dir`. */
function sitrep(dir: string, args: string[]): Promise<Ran> {
	return new Promise((resolve) => {
		const p = spawn(process.execPath, [CLI, ...args], {
			env: { ...process.env, SITREP_CONFIG_DIR: dir, NO_COLOR: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		p.stdout.on('data', (c: Buffer) => {
			out += c.toString();
		});
		p.stderr.on('data', (c: Buffer) => {
			err += c.toString();
		});
		p.on('close', (code) => resolve({ code, out, err }));
	});
}

const tempDir = (what: string) => mkdtempSync(join(tmpdir(), `sitrep-check-${what}-`));
const warningLines = (err: string) => err.split('\n').filter((l) => l.startsWith('sitrep: warning:'));
const backups = (dir: string, name: string) => readdirSync(dir).filter((f) => f.startsWith(`${name}.bad-`));
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function parses(file: string): unknown {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (err) {
		return err instanceof Error ? err : new Error(String(err));
	}
}

/** Checks shared by every file that is not a JSON object: defaults, one warning, the backup, a fresh start. */
async function unreadable(content: string, problem: RegExp): Promise<string[]> {
	const failures: string[] = [];
	const dir = tempDir('settings');
	const file = join(dir, 'config.json');
	writeFileSync(file, content);
	const r = await sitrep(dir, ['config', 'get', '--json']);
	if (r.code !== 0) failures.push(`config get: exit ${r.code}, expected 0 (${r.err.trim()})`);
	if (r.code === 0 && JSON.stringify(JSON.parse(r.out)) !== '{}') failures.push(`not the defaults: ${r.out.trim()}`);
	const warnings = warningLines(r.err);
	if (warnings.length !== 1) failures.push(`${warnings.length} warnings, expected 1: ${JSON.stringify(r.err)}`);
	const w = warnings[0] ?? '';
	if (!problem.test(w)) failures.push(`the warning does not say ${problem}: ${w}`);
	if (!/using defaults/.test(w)) failures.push('the warning does not say defaults are in use');
	if (CONTROL.test(r.err.replace(/\n/g, ''))) failures.push('control characters in the warning');
	const kept = backups(dir, 'config.json');
	if (kept.length !== 1) failures.push(`${kept.length} backups, expected 1`);
	else {
		if (!w.includes(join(dir, kept[0] as string))) failures.push('the warning does not name the backup');
		if (readFileSync(join(dir, kept[0] as string), 'utf8') !== content)
			failures.push('the backup differs from the file');
	}
	if (existsSync(file)) failures.push('the bad file is still in place');
	const again = await sitrep(dir, ['config', 'get']);
	if (again.err !== '') failures.push(`said again on the next run: ${again.err.trim()}`);
	const set = await sitrep(dir, ['config', 'set', 'theme', 'mono']);
	if (set.code !== 0) failures.push(`config set afterwards: exit ${set.code} (${set.err.trim()})`);
	const after = parses(file);
	if (JSON.stringify(after) !== '{"theme":"mono"}') failures.push(`after config set the file holds ${String(after)}`);
	return failures;
}

const VIEW = {
	name: 'AF',
	pane: 'timeline',
	days: 90,
	filter: { countries: ['AF'], actors: [], types: [] },
	savedAt: '2026-11-20T10:00:00.000Z',
};

async function wrongFields(): Promise<string[]> {
	const failures: string[] = [];
	const dir = tempDir('fields');
	const file = join(dir, 'config.json');
	const content = `${JSON.stringify(
		{
			theme: 42,
			lastPane: 'risk',
			hyperlinks: ['on'],
			dataDir: false,
			watchlist: 'actor:iskp',
			views: [{ name: 'half a view' }, VIEW],
			keys: { 'app.quit': 5, 'app.help': 'h' },
			fromANewerSitrep: { kept: true },
		},
		null,
		'\t',
	)}\n`;
	writeFileSync(file, content);
	const r = await sitrep(dir, ['config', 'get', '--json']);
	if (r.code !== 0) failures.push(`config get: exit ${r.code} (${r.err.trim()})`);
	else {
		const got = JSON.parse(r.out) as Record<string, unknown>;
		if (got.lastPane !== 'risk') failures.push('the good field lastPane was lost');
		for (const k of ['theme', 'hyperlinks', 'dataDir', 'watchlist']) if (k in got) failures.push(`bad ${k} was used`);
	}
	const warnings = warningLines(r.err);
	for (const field of ['theme', 'hyperlinks', 'dataDir', 'watchlist', 'views[0]', 'keys.app.quit']) {
		if (!warnings.some((l) => l.includes(`"${field}" ignored`))) failures.push(`no warning for ${field}`);
	}
	if (warnings.length !== 7) failures.push(`${warnings.length} warnings, expected 6 fields and the backup`);
	const kept = backups(dir, 'config.json');
	if (kept.length !== 1) failures.push(`${kept.length} backups, expected 1`);
	else if (readFileSync(join(dir, kept[0] as string), 'utf8') !== content) failures.push('the backup differs');
	// Nothing invalid written back; the good fields and unknown keys stay.
	const after = parses(file);
	if (after instanceof Error) failures.push(`the file no longer parses: ${after.message}`);
	else {
		const data = after as Record<string, unknown>;
		const left = readSettings(data).warnings;
		if (left.length) failures.push(`invalid fields written back: ${left.join('; ')}`);
		if (data.lastPane !== 'risk' || (data.views as unknown[] | undefined)?.length !== 1)
			failures.push('good fields lost');
		if (JSON.stringify(data.keys) !== '{"app.help":["h"]}') failures.push(`keys: ${JSON.stringify(data.keys)}`);
		if (!data.fromANewerSitrep) failures.push('a key this version does not know was dropped');
	}
	const again = await sitrep(dir, ['config', 'get']);
	if (again.err !== '') failures.push(`said again on the next run: ${again.err.trim()}`);
	const set = await sitrep(dir, ['config', 'set', 'theme', 'mono']);
	const final = parses(file) as Record<string, unknown>;
	if (set.code !== 0 || final.theme !== 'mono' || final.lastPane !== 'risk') {
		failures.push(`config set afterwards: exit ${set.code}, file ${JSON.stringify(final)}`);
	}
	return failures;
}

const WRITES = 200;

/** One writer process (reliability/settingsWriter.ts through tsx): `ready` once it waits for go(), `done` with when it wrote. */
function writer(dir: string, args: string[]) {
	const p = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'tests', 'reliability', 'settingsWriter.ts'), ...args],
		{
			cwd: ROOT,
			env: { ...process.env, SITREP_CONFIG_DIR: dir },
			stdio: ['pipe', 'pipe', 'pipe'],
		},
	);
	let out = '';
	let err = '';
	let ready: () => void = () => {};
	const isReady = new Promise<void>((resolve) => {
		ready = resolve;
	});
	p.stdout.on('data', (c: Buffer) => {
		out += c.toString();
		if (out.startsWith('ready\n')) ready();
	});
	p.stderr.on('data', (c: Buffer) => {
		err += c.toString();
	});
	const done = new Promise<{ code: number | null; err: string; span: number[] }>((resolve) =>
		p.on('close', (code) => {
			ready();
			resolve({
				code,
				err,
				span: out
					.replace(/^ready\n/, '')
					.trim()
					.split(' ')
					.map(Number),
			});
		}),
	);
	return { ready: isReady, go: () => p.stdin.end('go\n'), done };
}

let concurrentNote = '';

async function concurrentWriters(): Promise<string[]> {
	const failures: string[] = [];
	const dir = tempDir('concurrent');
	const file = join(dir, 'config.json');
	const themes = ['mono', 'high-contrast'];
	const panes = ['risk', 'actors'];
	const a = writer(dir, ['theme', ...themes, String(WRITES)]);
	const b = writer(dir, ['lastPane', ...panes, String(WRITES)]);
	// Meanwhile every read of the file must parse: a rename is the only way it changes.
	let reads = 0;
	let torn = 0;
	let running = true;
	const reader = (async () => {
		while (running) {
			try {
				const text = readFileSync(file, 'utf8');
				reads++;
				try {
					JSON.parse(text);
				} catch {
					torn++;
				}
			} catch {
				// Not written yet.
			}
			await new Promise((r) => setImmediate(r));
		}
	})();
	await Promise.all([a.ready, b.ready]);
	a.go();
	b.go();
	const results = await Promise.all([a.done, b.done]);
	running = false;
	await reader;
	for (const [i, r] of results.entries()) {
		if (r.code !== 0)
			failures.push(`writer ${i + 1}: exit ${r.code}: ${r.err.trim().split('\n').slice(0, 3).join(' | ')}`);
	}
	if (torn) failures.push(`${torn} of ${reads} reads during the writes did not parse`);
	const [sa = 0, ea = 0] = results[0]?.span ?? [];
	const [sb = 0, eb = 0] = results[1]?.span ?? [];
	// Not a timing limit: without overlap the case would have tested nothing.
	if (Math.min(ea, eb) <= Math.max(sa, sb)) failures.push('the writers did not overlap');
	const final = parses(file);
	if (final instanceof Error || typeof final !== 'object' || final === null)
		failures.push(`the final file: ${String(final)}`);
	else {
		const f = final as Record<string, unknown>;
		// Last writer wins and an update may be lost, but what is there is one of the values written.
		if (f.theme !== undefined && !themes.includes(f.theme as string)) failures.push(`theme ${String(f.theme)}`);
		if (f.lastPane !== undefined && !panes.includes(f.lastPane as string))
			failures.push(`lastPane ${String(f.lastPane)}`);
		if (f.theme === undefined && f.lastPane === undefined) failures.push('neither value is in the file');
	}
	const left = readdirSync(dir).filter((n) => n !== 'config.json');
	if (left.length) failures.push(`files left beside it: ${left.join(', ')}`);
	// The count of reads varies run to run; the table shows only what must hold.
	if (reads < 100) failures.push(`only ${reads} reads while the writers ran: the check proved nothing`);
	concurrentNote = `2×${WRITES} concurrent writes, ${torn ? `${torn} unparsable reads` : 'every read in between parsed'}`;
	return failures;
}

async function unwritableFolder(): Promise<string[]> {
	const failures: string[] = [];
	const base = tempDir('unwritable');
	// A folder under a regular file cannot be made, even by root.
	writeFileSync(join(base, 'a-file'), '');
	const dir = join(base, 'a-file', 'settings');
	const get = await sitrep(dir, ['config', 'get']);
	const warnings = warningLines(get.err);
	if (get.code !== 0) failures.push(`config get: exit ${get.code}`);
	if (warnings.length !== 1 || !/cannot use the settings folder/.test(warnings[0] ?? '')) {
		failures.push(`config get warnings: ${JSON.stringify(get.err)}`);
	}
	const set = await sitrep(dir, ['config', 'set', 'theme', 'mono']);
	if (set.code !== 3) failures.push(`config set: exit ${set.code}, expected 3`);
	if (!/config set: nothing saved: cannot use the settings folder/.test(set.err)) {
		failures.push(`config set message: ${JSON.stringify(set.err)}`);
	}
	const timeline = await sitrep(dir, ['timeline', '--limit', '1']);
	if (timeline.code !== 0 || !timeline.out.includes('DATE')) failures.push(`timeline: exit ${timeline.code}`);
	// The dashboard starts, says so, changes panes (which would save lastPane) and quits cleanly.
	const d = await Dash.start({ env: { SITREP_CONFIG_DIR: dir } });
	// The start message takes the status bar's place in the first frame.
	await d.screenShows('cannot use the settings folder', 30_000);
	d.press('3');
	await d.screenShows('Risk by country');
	d.press('q');
	const r = await d.finish();
	if (r.code !== 0) failures.push(`dashboard: exit ${r.code ?? 'unknown'}`);
	failures.push(...restoreProblems(r.output), ...cookedProblems(r.stty));
	return failures;
}

async function corruptWatch(): Promise<string[]> {
	const failures: string[] = [];
	const dir = tempDir('watch');
	const file = join(dir, 'watch.json');
	writeFileSync(join(dir, 'config.json'), JSON.stringify({ watchlist: ['country:AF'] }));
	for (const [content, problem] of [
		['{"since": "2025-03-01T10:00:00Z", "items": {', /not valid JSON/],
		['{"since": "never", "items": {}}', /not a watch record \("since" is not an ISO timestamp\)/],
	] as const) {
		writeFileSync(file, content);
		const r = await sitrep(dir, ['watch']);
		if (r.code !== 0) failures.push(`watch: exit ${r.code}`);
		const notes = r.err.split('\n').filter((l) => l.includes('watch.json'));
		if (notes.length !== 1 || !problem.test(notes[0] ?? '') || !/starting afresh/.test(notes[0] ?? '')) {
			failures.push(`watch says: ${JSON.stringify(r.err)}`);
		}
		const kept = backups(dir, 'watch.json');
		const last = kept.sort().at(-1);
		if (!last || readFileSync(join(dir, last), 'utf8') !== content) failures.push('no backup with the content');
		if (existsSync(file)) failures.push('the bad watch.json is still in place');
		const again = await sitrep(dir, ['watch']);
		if (again.err.includes('watch.json')) failures.push(`said again: ${again.err.trim()}`);
	}
	const mark = await sitrep(dir, ['watch', '--mark-seen']);
	if (mark.code !== 0) failures.push(`watch --mark-seen afterwards: exit ${mark.code} (${mark.err.trim()})`);
	// One record per data directory: {dirs: {"/abs/dir": {since, items}}}.
	const seen = parses(file) as { dirs?: Record<string, { since?: unknown }> };
	const records = seen instanceof Error ? [] : Object.values(seen.dirs ?? {});
	if (records.length !== 1 || typeof records[0]?.since !== 'string') failures.push('watch.json was not written afresh');
	return failures;
}

async function dashboardSaysSoOnce(): Promise<string[]> {
	const failures: string[] = [];
	const dir = tempDir('dash');
	writeFileSync(join(dir, 'config.json'), '{"theme": "mono",');
	const first = await Dash.start({ env: { SITREP_CONFIG_DIR: dir } });
	await first.screenShows('settings file was not valid JSON', 30_000);
	first.press('q');
	const r1 = await first.finish();
	if (r1.code !== 0) failures.push(`first start: exit ${r1.code ?? 'unknown'}`);
	if (backups(dir, 'config.json').length !== 1) failures.push('no backup');
	const second = await Dash.start({ env: { SITREP_CONFIG_DIR: dir } });
	await second.firstFrame();
	await second.settle();
	if (second.lines().some((l) => l.includes('settings file'))) failures.push('said again on the second start');
	second.press('q');
	const r2 = await second.finish();
	if (r2.code !== 0) failures.push(`second start: exit ${r2.code ?? 'unknown'}`);
	return failures;
}

export const CASES: Case[] = [
	{
		name: 'not JSON (with control characters)',
		run: () => unreadable('{"theme": "mono",\n lastPane: risk \u001b[2J\u0000}', /settings file was not valid JSON/),
	},
	{
		name: 'truncated JSON',
		run: () => unreadable('{\n\t"theme": "mono",\n\t"lastPa', /settings file was not valid JSON/),
	},
	{
		name: 'wrong top-level type (a list, a number, null)',
		run: async () => [
			...(await unreadable('["theme", "mono"]', /settings file was not a JSON object but a list/)),
			...(await unreadable('42', /settings file was not a JSON object but a number/)),
			...(await unreadable('null', /settings file was not a JSON object but null/)),
		],
	},
	{ name: 'wrong field types', run: wrongFields },
	{ name: 'empty file', run: () => unreadable('', /settings file was empty/) },
	{ name: 'concurrent writers', run: concurrentWriters },
	{ name: 'unwritable settings folder', run: unwritableFolder },
	{ name: 'corrupt watch.json', run: corruptWatch },
	{ name: 'the dashboard says so, once', run: dashboardSaysSoOnce },
];

export const { startAll, runCase } = caseRunner(CASES, 'settings');

export const check: Check = async () => {
	await startAll();
	const failures: string[] = [];
	let passed = 0;
	for (const c of CASES) {
		const f = await runCase(c.name);
		if (f.length === 0) passed++;
		else failures.push(`${c.name}: ${f.join('; ')}`);
	}
	return [
		{
			area: 'settings',
			what: 'corruption cases survived',
			passed,
			total: CASES.length,
			...(concurrentNote ? { note: concurrentNote } : {}),
			failures,
		},
	];
};
