// sitrep feeds and sitrep fetch, end to end: the built CLI against feeds a
// local server on 127.0.0.1 serves (nothing leaves the machine), on a copy
// of the bundled actors and countries. The "done when": two feeds
// added, a fetch that links the new items, a second fetch that finds
// nothing new (304), and one source failing without losing the other's items.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../support/feedServer.js';
import { DATA_DIR, WAIT_MS } from '../support/helpers.js';
import { CLI, runCli } from '../support/runCli.js';

const today = new Date();
const rfc822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

function rss(items: string[]): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Frontier Wire</title><link>https://wire.example.org/</link>
${items.join('\n')}
</channel></rss>`;
}

const PK_ITEMS = [
	`<item><title>TTP attack on police post in Bannu kills four</title><link>https://wire.example.org/a1</link>
<guid>wire-a1</guid><pubDate>${rfc822(today)}</pubDate>
<description><![CDATA[<p>Militants of the Tehrik-i-Taliban Pakistan attacked a police post in Bannu, Khyber Pakhtunkhwa, Pakistan.</p>]]></description></item>`,
	`<item><title>Quetta markets reopen after strike</title><link>https://wire.example.org/a2</link>
<guid>wire-a2</guid><pubDate>${rfc822(today)}</pubDate>
<description>Traders in Quetta, Pakistan, reopened shops &amp; markets on Monday.</description></item>`,
];

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kabul Notes</title><id>urn:kabul-notes</id>
<updated>${today.toISOString()}</updated>
<entry><title>ISKP claims bombing near Kabul ministry</title><id>urn:kabul-notes:1</id>
<link rel="alternate" href="https://notes.example.net/1"/>
<published>${today.toISOString()}</published><updated>${today.toISOString()}</updated>
<summary type="html">&lt;p&gt;Islamic State Khorasan Province claimed a bombing in Kabul, Afghanistan.&lt;/p&gt;</summary></entry>
</feed>`;

let server: FeedServer;
let dir: string;
let config: string;
const sitrep = (...args: string[]) => runCli([...args, '--data', dir], { SITREP_CONFIG_DIR: config });

beforeAll(async () => {
	server = await startFeedServer({
		'/pk.xml': { body: rss(PK_ITEMS), etag: '"pk-1"', headers: { 'content-type': 'application/rss+xml' } },
		'/af.atom': {
			body: ATOM,
			lastModified: today.toUTCString(),
			headers: { 'content-type': 'application/atom+xml' },
		},
		'/gone.xml': { status: 404, body: 'not here' },
		'/late.xml': {
			body: rss([PK_ITEMS[0]?.replace(/wire-a1/g, 'late-1').replace('TTP attack', 'Late TTP attack') ?? '']),
		},
		'/page.html': { body: '<!doctype html><html><head><title>x</title></head><body><p>hi</p></body></html>' },
	});
	const root = mkdtempSync(join(tmpdir(), 'sitrep-fetch-'));
	dir = join(root, 'data');
	config = join(root, 'config');
	for (const f of ['actors.json', 'countries.json']) cpSync(join(DATA_DIR, f), join(dir, f));
});

afterAll(async () => {
	await server?.close();
	if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('sitrep feeds and fetch', () => {
	it('adds two feeds, checking each by fetching it (nothing written)', async () => {
		const a = await sitrep('feeds', 'add', 'pk', server.url('/pk.xml'), '--allow-private');
		expect(a.stderr).toBe('');
		expect(a.code).toBe(0);
		expect(a.stdout).toContain('added pk (rss');
		expect(a.stdout).toMatch(/pk: 2 would be new/);
		const b = await sitrep('feeds', 'add', 'af', server.url('/af.atom'), '--kind', 'atom', '--allow-private');
		expect(b.code).toBe(0);
		expect(existsSync(join(dir, 'articles'))).toBe(false);
		const feeds = JSON.parse(readFileSync(join(dir, 'feeds.json'), 'utf8'));
		expect(feeds.feeds.map((f: { name: string }) => f.name)).toEqual(['pk', 'af']);
		expect(feeds.$schema).toBe('schema/feeds.schema.json');
		const list = await sitrep('feeds', 'list', '--json');
		expect(JSON.parse(list.stdout).feeds).toMatchObject([
			{ name: 'pk', kind: 'rss', every: '15m', lastSuccess: null },
			{ name: 'af', kind: 'atom' },
		]);
	});

	it('an alert rule on ISKP, before anything arrives: quiet', async () => {
		const add = await sitrep('watch', 'add', 'iskp', '--alert', '>=1 in 24h');
		expect(add.stderr).toBe('');
		expect(add.code).toBe(0);
		const w = await sitrep('watch', '--json');
		expect(w.code).toBe(0);
		expect(JSON.parse(w.stdout).alerts).toEqual([]);
	});

	it('fetches the new items with actors and countries linked', async () => {
		const r = await sitrep('fetch', '--json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const report = JSON.parse(r.stdout);
		expect(report.new).toBe(3);
		const pk = report.sources.find((s: { name: string }) => s.name === 'pk');
		expect(pk).toMatchObject({ status: 'ok', new: 2, notModified: false, error: null });
		const ttp = pk.items.find((i: { title: string }) => i.title.startsWith('TTP attack'));
		expect(ttp.actors).toContain('ttp');
		expect(ttp.countries).toContain('PK');
		const af = report.sources.find((s: { name: string }) => s.name === 'af');
		expect(af.items[0].actors).toContain('iskp');
		expect(af.items[0].countries).toContain('AF');
		// Written where the docs say, and loadable as articles.
		const lines = readFileSync(join(dir, 'articles/feed-pk.jsonl'), 'utf8').trim().split('\n');
		expect(lines).toHaveLength(2);
		const tl = await sitrep('search', 'Bannu', '--json');
		expect(tl.code).toBe(0);
		expect(tl.stdout).toContain('TTP attack on police post in Bannu');
	});

	it('the ISKP rule fires once for the fetched item: watch --json exits 5, then 0', async () => {
		const first = await sitrep('watch', '--json');
		expect(first.code).toBe(5);
		const alerts = JSON.parse(first.stdout).alerts;
		expect(alerts).toHaveLength(1);
		expect(alerts[0].records).toHaveLength(1);
		expect(alerts[0].records[0]).toMatch(/^art-\d{4}-\d\d-\d\d-iskp-claims-bombing-near-kabul-ministry$/);
		const again = await sitrep('watch', '--json');
		expect(again.code).toBe(0);
		expect(JSON.parse(again.stdout).alerts).toEqual([]);
	});

	it('finds nothing new the second time: conditional requests answered 304', async () => {
		const before = server.requests.length;
		const r = await sitrep('fetch', '--json');
		expect(r.code).toBe(0);
		const report = JSON.parse(r.stdout);
		expect(report.new).toBe(0);
		for (const s of report.sources) expect(s).toMatchObject({ status: 'not-modified', notModified: true, new: 0 });
		const asked = server.requests.slice(before);
		expect(asked.find((q) => q.path === '/pk.xml')?.headers['if-none-match']).toBe('"pk-1"');
		expect(asked.find((q) => q.path === '/af.atom')?.headers['if-modified-since']).toBeTruthy();
	});

	it('one source failing loses nothing of the others (exit 1)', async () => {
		expect((await sitrep('feeds', 'add', 'gone', server.url('/gone.xml'), '--allow-private')).code).toBe(1);
		const r = await sitrep('fetch', '--json');
		expect(r.code).toBe(1);
		const report = JSON.parse(r.stdout);
		expect(report.failed).toBe(1);
		const gone = report.sources.find((s: { name: string }) => s.name === 'gone');
		expect(gone.status).toBe('error');
		expect(gone.error).toMatch(/404/);
		expect(report.sources.filter((s: { status: string }) => s.status === 'not-modified')).toHaveLength(2);
		expect((await sitrep('feeds', 'remove', 'gone')).code).toBe(0);
	});

	it('refuses an address on this machine unless the source allows it, before any request', async () => {
		const hits = server.hits('/page.html');
		const r = await sitrep('feeds', 'add', 'local', server.url('/page.html'));
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/refused|private|loopback/i);
		expect(server.hits('/page.html')).toBe(hits);
		const f = await sitrep('fetch', 'local', '--json');
		expect(JSON.parse(f.stdout).sources[0].status).toBe('error');
		expect(server.hits('/page.html')).toBe(hits);
		await sitrep('feeds', 'remove', 'local');
	});

	it('says what is wrong with a bad add, and with a broken feeds.json', async () => {
		const bad = await sitrep('feeds', 'add', 'Bad Name', 'ftp://x.example.org/feed', '--every', '5x');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/NAME: expected a name/);
		const unknown = await sitrep('fetch', 'nope');
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('no source named "nope"; the sources are: pk, af');
	});

	it('refuses to fetch into the bundled sample', async () => {
		const r = await runCli(['fetch'], { SITREP_CONFIG_DIR: config });
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('curated sample');
	});

	it('feeds test shows what a source would bring, as if never fetched, writing nothing', async () => {
		const before = readFileSync(join(dir, 'articles/feed-pk.jsonl'), 'utf8');
		const r = await sitrep('feeds', 'test', 'pk', '--json');
		expect(r.code).toBe(0);
		const report = JSON.parse(r.stdout);
		expect(report).toMatchObject({ name: 'pk', status: 'ok', notModified: false, new: 0, unchanged: 2 });
		expect(readFileSync(join(dir, 'articles/feed-pk.jsonl'), 'utf8')).toBe(before);
	});

	it('--every fetches what is due, runs until SIGTERM, then ends cleanly (exit 0, locks gone); one per directory', async () => {
		// Never fetched, so due at once; the others were fetched minutes ago and are not.
		expect((await sitrep('feeds', 'add', 'late', server.url('/late.xml'), '--allow-private', '--no-check')).code).toBe(
			0,
		);
		const child = spawn(process.execPath, [CLI, 'fetch', '--every', '--json', '--data', dir], {
			env: { ...process.env, SITREP_CONFIG_DIR: config, SITREP_CACHE_DIR: '' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
		});
		child.stderr.on('data', (d: Buffer) => {
			err += d.toString();
		});
		const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
		try {
			await expect.poll(() => out, { timeout: WAIT_MS }).toContain('"name":"late"');
			expect(existsSync(join(dir, '.sitrep-fetch-every.lock'))).toBe(true);
			const second = await sitrep('fetch', '--every');
			expect(second.code).toBe(3);
			expect(second.stderr).toMatch(/already running/);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
		expect(err).toBe('');
		expect(existsSync(join(dir, '.sitrep-fetch-every.lock'))).toBe(false);
		expect(existsSync(join(dir, '.sitrep-fetch.lock'))).toBe(false);
		// Each line it printed is a whole JSON report.
		const turns = out
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line));
		expect(turns[0].sources.map((r: { name: string }) => r.name)).toEqual(['late']);
		expect(turns[0].sources[0]).toMatchObject({ status: 'ok', new: 1 });
	});
});
