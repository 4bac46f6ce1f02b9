// The built dashboard kept current, end to end: it runs in a pseudo-terminal
// on a temp copy of the bundled data (support/ptyRun.ts), another process
// writes to that directory (`sitrep ingest`, as an analyst's feed would), and
// the new article must appear on screen marked ●, with "1 new · updated
// HH:MM" in the status bar, without a key pressed. A file that stops reading
// and a directory that goes away are said in the status bar, the dashboard
// still up and still quitting at once. The load worker reads the same as the
// main thread. Every wait is for a screen, with a deadline.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/io/load/load.js';
import { openReader } from '../../source/io/load/reread.js';
import { snapshotOf } from '../../source/io/load/watchDir.js';
import { startFeedServer } from '../support/feedServer.js';
import { DATA_DIR } from '../support/helpers.js';
import { CLI, Dash, ROOT } from '../support/ptyRun.js';
import { runCli } from '../support/runCli.js';
import { synthArticles } from '../support/synth.js';

const running: Dash[] = [];
afterEach(async () => {
	for (const d of running.splice(0)) await d.finish(1);
});

function dataCopy(): string {
	const dir = join(mkdtempSync(join(tmpdir(), 'sitrep-live-e2e-')), 'data');
	cpSync(DATA_DIR, dir, { recursive: true });
	return dir;
}

/** The dashboard on `dir`, opened on the Search pane (its empty query lists the newest records first). */
async function start(dir: string, env: Record<string, string> = {}): Promise<Dash> {
	const config = mkdtempSync(join(tmpdir(), 'sitrep-live-conf-'));
	writeFileSync(join(config, 'config.json'), JSON.stringify({ lastPane: 'search' }));
	const d = await Dash.start({
		cols: 110,
		rows: 30,
		args: ['--data', dir],
		env: { SITREP_CONFIG_DIR: config, ...env },
	});
	running.push(d);
	await d.firstFrame();
	await d.screenShows('Search');
	return d;
}

function ingest(dir: string, title: string): void {
	const file = join(mkdtempSync(join(tmpdir(), 'sitrep-live-art-')), 'report.md');
	writeFileSync(
		file,
		`---\ndate: 2026-01-20\nsource: "Live Wire"\n---\n\n# ${title}\n\nTraders in Kabul said the market reopened after a week.\n`,
	);
	execFileSync(process.execPath, [CLI, 'ingest', file, '--data', dir], { cwd: ROOT, stdio: 'pipe' });
}

/** Waits until `test` holds for the screen; fails with the screen. */
async function until(d: Dash, test: (screen: string) => boolean, what: string): Promise<void> {
	const screen = () => d.lines().join('\n');
	if (test(screen())) return;
	try {
		await d.session.waitFor(() => test(screen()), 30_000, what);
	} catch (err) {
		throw new Error(`${(err as Error).message}; the screen:\n${screen()}`);
	}
}

describe('the dashboard stays current', () => {
	it('an article ingested by another process appears marked ●, and the status line says so', async () => {
		const dir = dataCopy();
		const d = await start(dir);
		ingest(dir, 'Kabul market reopens after a week');
		await d.screenShows('● Kabul market reopens after a week');
		await until(d, (s) => /1 new · updated \d\d:\d\d/.test(s), 'the status line');
		expect(d.lines().join('\n')).not.toMatch(/indexing/);
		d.press('q');
		const end = await d.finish();
		expect(end.code).toBe(0);
		expect(end.killed).toBe(false);
		expect(end.orphans).toEqual([]);
	});

	it('sitrep fetch from a feed (a local server) in another process: the new items appear marked ●, no key pressed', async () => {
		const now = new Date().toUTCString();
		const server = await startFeedServer({
			'/wire.xml': {
				body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Live Wire</title><item><guid>lw-1</guid><title>Checkpoint attack near Jalalabad</title><link>https://wire.example.org/lw-1</link><pubDate>${now}</pubDate><description>Gunmen attacked a checkpoint near Jalalabad, Afghanistan.</description></item></channel></rss>`,
			},
		});
		try {
			const dir = dataCopy();
			const d = await start(dir);
			const env = { SITREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'sitrep-live-fetch-')) };
			const add = await runCli(
				['feeds', 'add', 'wire', server.url('/wire.xml'), '--allow-private', '--no-check', '--data', dir],
				env,
			);
			expect(add.code).toBe(0);
			const fetched = await runCli(['fetch', '--json', '--data', dir], env);
			expect(fetched.code).toBe(0);
			expect(JSON.parse(fetched.stdout).new).toBe(1);
			await d.screenShows('● Checkpoint attack near Jalalabad');
			await until(d, (s) => /1 new · updated \d\d:\d\d/.test(s), 'the status line');
		} finally {
			await server.close();
		}
	});

	it('polling (SITREP_WATCH=poll) notices it too', async () => {
		const dir = dataCopy();
		const d = await start(dir, { SITREP_WATCH: 'poll' });
		ingest(dir, 'Herat traders report calm week');
		await d.screenShows('● Herat traders report calm week');
	});

	it('a file that stops reading keeps its records and is named; a directory gone is said; q still quits', async () => {
		const dir = dataCopy();
		const d = await start(dir);
		const file = join(dir, 'articles.json');
		const good = readFileSync(file, 'utf8');
		await until(d, (s) => /\d+ matches/.test(s), 'the newest records listed');
		const matches = /\d+ matches/.exec(d.lines().join('\n'))?.[0];
		writeFileSync(`${file}.part`, good.slice(0, good.length >> 1));
		renameSync(`${file}.part`, file);
		await d.screenShows('articles.json does not read: its last good read is shown');
		// Every record still there: the articles of the file's last good read.
		expect(matches && d.lines().join('\n')).toContain(matches);
		rmSync(dir, { recursive: true });
		await d.screenShows('data directory missing: showing what was loaded');
		d.press('q');
		const end = await d.finish();
		expect(end.code).toBe(0);
		expect(end.killed).toBe(false);
	});

	it('the load worker reads changed files as this thread does', async () => {
		const dir = dataCopy();
		const records = synthArticles(300, 21).map((a, i) => ({ ...a, id: `w-${i}` }));
		writeFileSync(join(dir, 'articles.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\nnot json\n`);
		const files = [...(snapshotOf(dir)?.values() ?? [])].filter((f) => f.file.endsWith('articles.jsonl'));
		const worker = pathToFileURL(join(ROOT, 'dist', 'articles-worker.js'));
		process.env.SITREP_LIVE_WORKER_BYTES = '0';
		const job = { job: 'files' as const, files, actors: [], countries: [] };
		const reader = openReader(worker);
		const there = await reader.read(job);
		// Kept for the next read: a second one answers as well.
		const again = await reader.read(job);
		reader.close();
		delete process.env.SITREP_LIVE_WORKER_BYTES;
		expect(reader.counts).toEqual({ worker: 2, here: 0 });
		expect(again.records.articles).toEqual(there.records.articles);
		const here = loadFiles(files, job);
		expect(there.records.articles).toEqual(here.records.articles);
		expect(there.records.articles.length).toBe(300);
		expect(there.problems).toEqual(here.problems);
		expect([...there.broken]).toEqual([join(dir, 'articles.jsonl')]);
		expect([...there.fileKeys]).toEqual([...here.fileKeys]);
	});
});
