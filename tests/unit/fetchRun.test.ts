// runFetch against a local server on 127.0.0.1: every source kind, and the
// ways a source goes wrong (not XML, truncated, lying content type, 429,
// duplicate GUIDs, undated items, hostile text, a failed write) — each
// without losing another source's items or a source's own next chance.
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GDELT_COLUMNS } from '../../source/core/feeds/gdelt.js';
import type { FeedSource } from '../../source/core/feeds/sources.js';
import { FeedsFileError, readFeeds, updateFeeds } from '../../source/io/feeds/file.js';
import { runFetch } from '../../source/io/feeds/run.js';
import { readState } from '../../source/io/feeds/state.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { zipFiles } from '../../source/io/net/zipWrite.js';
import { type FeedServer, type Handler, type Route, startFeedServer } from '../support/feedServer.js';
import { DATA_DIR } from '../support/helpers.js';

const NOW = new Date('2026-12-07T10:00:00Z');

function rss(items: string[], title = 'Test Wire'): string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items.join('')}</channel></rss>`;
}
const item = (guid: string, title: string, extra = '') =>
	`<item><guid>${guid}</guid><title>${title}</title><link>https://wire.example.org/${guid}</link>${extra}</item>`;

function gdeltRow(fields: Record<string, string>): string {
	const row = GDELT_COLUMNS.map(() => '');
	for (const [k, v] of Object.entries(fields)) {
		const at = GDELT_COLUMNS.indexOf(k);
		if (at < 0) throw new Error(`no GDELT column ${k}`);
		row[at] = v;
	}
	return row.join('\t');
}

const event = (id: string, fips: string, code: string, place: string, lat: string, lon: string) =>
	gdeltRow({
		GLOBALEVENTID: id,
		SQLDATE: '20261206',
		MonthYear: '202612',
		Year: '2026',
		FractionDate: '2026.9288',
		Actor1Name: 'MILITANT',
		Actor2Name: 'POLICE',
		IsRootEvent: '1',
		EventCode: code,
		EventBaseCode: code.slice(0, 3),
		EventRootCode: code.slice(0, 2),
		QuadClass: '4',
		GoldsteinScale: '-10',
		NumMentions: '6',
		NumSources: '2',
		NumArticles: '6',
		AvgTone: '-8',
		ActionGeo_Type: '4',
		ActionGeo_FullName: place,
		ActionGeo_CountryCode: fips,
		ActionGeo_Lat: lat,
		ActionGeo_Long: lon,
		ActionGeo_FeatureID: `f${id}`,
		DATEADDED: '20261206101500',
		SOURCEURL: `https://news.example.org/${id}`,
	});

function gdeltFiles(rows: string[], name: string): { zip: Buffer; index: string } {
	const zip = zipFiles([{ name: `${name}.export.CSV`, data: `${rows.join('\n')}\n` }]);
	const md5 = createHash('md5').update(zip).digest('hex');
	return { zip, index: `${zip.length} ${md5} URL/${name}.export.CSV.zip\n` };
}

let server: FeedServer;
const routes: Record<string, Route | Handler> = {};
let root: string;
let dir: string;

function freshDir(): string {
	dir = mkdtempSync(join(root, 'data-'));
	for (const f of ['actors.json', 'countries.json']) cpSync(join(DATA_DIR, f), join(dir, f));
	return dir;
}

function sources(...list: (Partial<FeedSource> & { name: string; path: string })[]): void {
	updateFeeds(dir, () =>
		list.map(({ path, ...s }) => ({ kind: 'rss', url: server.url(path), allowPrivate: true, ...s }) as FeedSource),
	);
}

const fetchNow = (extra: Parameters<typeof runFetch>[0] extends infer O ? Partial<O> : never = {}) =>
	runFetch({ dir, now: NOW, ...extra });

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'sitrep-fetchrun-'));
	// The server reads the routes object on each request: each test fills it anew.
	server = await startFeedServer(routes);
});
afterAll(async () => {
	await server?.close();
	rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
	for (const k of Object.keys(routes)) delete routes[k];
	freshDir();
});

describe('RSS and Atom sources', () => {
	it('takes duplicate GUIDs once, dates undated items when first fetched, and keeps that date', async () => {
		routes['/a.xml'] = {
			body: rss([
				item('g1', 'Blast in Peshawar, Pakistan', '<pubDate>Sun, 06 Dec 2026 14:05:00 +0500</pubDate>'),
				item('g1', 'Blast in Peshawar, Pakistan (again)'),
				item('g2', 'Undated item about Kabul'),
			]),
		};
		sources({ name: 'a', path: '/a.xml' });
		const r = (await fetchNow()).sources[0];
		expect(r).toMatchObject({ status: 'ok', new: 2 });
		expect(r?.skipped).toEqual([{ item: 'g1', reason: expect.stringMatching(/same GUID again/) }]);
		expect(r?.notes.join()).toMatch(/no date in the feed; dated when first fetched \(2026-12-07T10:00:00Z\)/);
		const { store } = loadDataDir(dir);
		const blast = store.articles.find((a) => a.title.startsWith('Blast'));
		// PKT +0500: 14:05 in Peshawar is 09:05 UTC.
		expect(blast?.published).toBe('2026-12-06T09:05:00Z');
		// A day later the undated item keeps its first date and id (no second article).
		const later = await runFetch({ dir, now: new Date('2026-12-08T10:00:00Z') });
		expect(later.sources[0]?.new).toBe(0);
		expect(loadDataDir(dir).store.articles).toHaveLength(2);
	});

	it('updates an article whose headline was edited instead of adding a second one', async () => {
		routes['/e.xml'] = {
			body: rss([item('e1', 'First headline', '<pubDate>Sun, 06 Dec 2026 08:00:00 GMT</pubDate>')]),
		};
		sources({ name: 'e', path: '/e.xml' });
		await fetchNow();
		routes['/e.xml'] = {
			body: rss([item('e1', 'Edited headline', '<pubDate>Sun, 06 Dec 2026 08:00:00 GMT</pubDate>')]),
		};
		const r = (await fetchNow()).sources[0];
		expect(r).toMatchObject({ new: 0, updated: 1 });
		const arts = loadDataDir(dir).store.articles;
		expect(arts.map((a) => a.title)).toEqual(['Edited headline']);
	});

	it('keeps hostile text out of the data and reads CDATA and entities', async () => {
		routes['/h.xml'] = {
			body: rss([
				item(
					'h1',
					'Attack \u001b[2J\u001b]0;owned\u0007in Quetta &amp; Sibi',
					'<description><![CDATA[<p>Text with <b>bold</b> and \u202eevil\u202c.</p><script>alert(1)</script>]]></description>',
				),
			]),
		};
		sources({ name: 'h', path: '/h.xml' });
		await fetchNow();
		const text = readFileSync(join(dir, 'articles/feed-h.jsonl'), 'utf8');
		expect(text).not.toMatch(/\u001b|\u0007|\u202e/);
		const a = JSON.parse(text);
		expect(a.title).toMatch(/^Attack .*in Quetta & Sibi$/);
		expect(a.body).toContain('Text with bold and');
		expect(a.body).not.toContain('alert(1)');
	});

	it('applies --match and --country, counting what they leave out', async () => {
		routes['/m.xml'] = {
			body: rss([
				item('m1', 'ISKP claims attack in Kabul, Afghanistan'),
				item('m2', 'Cricket: Pakistan win in Lahore'),
				item('m3', 'TTP attack in Bannu, Pakistan'),
			]),
		};
		sources({ name: 'm', path: '/m.xml', match: ['attack'], countries: ['PK'] });
		const r = (await fetchNow()).sources[0];
		expect(r).toMatchObject({ new: 1, filtered: 2 });
		expect(r?.items[0]?.title).toBe('TTP attack in Bannu, Pakistan');
	});

	it('skips a feed that is an HTML page, is truncated, or lies about its type, and fetches the rest', async () => {
		routes['/html'] = {
			body: '<!doctype html><html><body><p>Sign in</p></body></html>',
			headers: { 'content-type': 'application/rss+xml' },
		};
		routes['/cut'] = { body: rss([item('c1', 'One'), item('c2', 'Two')]), truncate: 60 };
		routes['/json'] = { body: '{"items": []}', headers: { 'content-type': 'application/xml' } };
		routes['/ok'] = { body: rss([item('o1', 'Fine item from Kabul')]), headers: { 'content-type': 'text/html' } };
		sources(
			{ name: 'html', path: '/html' },
			{ name: 'cut', path: '/cut' },
			{ name: 'json', path: '/json' },
			{ name: 'ok', path: '/ok' },
		);
		const report = await fetchNow();
		const by = Object.fromEntries(report.sources.map((s) => [s.name, s]));
		expect(by.html?.status).toBe('error');
		expect(by.html?.error).toMatch(/HTML/i);
		expect(by.cut?.status).toBe('error');
		expect(by.cut?.error).toMatch(/closed before the whole body arrived/);
		expect(by.json?.status).toBe('error');
		expect(by.json?.error).toMatch(/served as application\/xml/);
		expect(by.ok).toMatchObject({ status: 'ok', new: 1 });
		expect(report.failed).toBe(3);
	});

	it('reads gzip, follows a redirect, and honours a short Retry-After', async () => {
		routes['/moved'] = { redirect: '/gz' };
		routes['/gz'] = { body: rss([item('z1', 'Compressed item about Herat')]), encoding: 'gzip' };
		routes['/busy'] = { sequence: [{ status: 429, retryAfter: 0 }, { body: rss([item('b1', 'After the wait')]) }] };
		sources({ name: 'moved', path: '/moved' }, { name: 'busy', path: '/busy' });
		const report = await fetchNow();
		expect(report.sources.map((s) => [s.name, s.status, s.new])).toEqual([
			['moved', 'ok', 1],
			['busy', 'ok', 1],
		]);
		expect(server.hits('/busy')).toBe(2);
	});

	it('does not ask again before a long Retry-After has passed', async () => {
		routes['/slow'] = { status: 429, retryAfter: 3600 };
		sources({ name: 'slow', path: '/slow' });
		const first = (await fetchNow()).sources[0];
		expect(first?.status).toBe('error');
		expect(readState(dir).state.sources.slow?.notBefore).toBe('2026-12-07T11:00:00.000Z');
		const hits = server.hits('/slow');
		const second = (await runFetch({ dir, now: new Date('2026-12-07T10:30:00Z') })).sources[0];
		expect(second?.status).toBe('waiting');
		expect(server.hits('/slow')).toBe(hits);
	});

	it('a failed write keeps the validators, so the next fetch gets the items again (no 304 hiding them)', async () => {
		routes['/w.xml'] = { body: rss([item('w1', 'Item about Karachi')]), etag: '"w"' };
		sources({ name: 'w', path: '/w.xml' });
		mkdirSync(join(dir, 'articles'));
		chmodSync(join(dir, 'articles'), 0o500);
		try {
			const failed = await fetchNow();
			if (process.getuid?.() === 0) return; // root writes anyway: nothing to see here
			expect(failed.writeError).toBeTruthy();
			expect(failed.sources[0]?.status).toBe('error');
			expect(readState(dir).state.sources.w?.etag).toBeUndefined();
		} finally {
			chmodSync(join(dir, 'articles'), 0o755);
		}
		const again = await fetchNow();
		expect(again.sources[0]).toMatchObject({ status: 'ok', new: 1, notModified: false });
	});

	it('--full: the page of each new item read for its article text; a page that fails keeps the summary', async () => {
		const paras = Array.from(
			{ length: 4 },
			(_, i) =>
				`<p>Paragraph ${i + 1} of the full story from Kandahar, Afghanistan, long enough to count as the article's text rather than page furniture.</p>`,
		).join('');
		routes['/story/1'] = {
			body: `<!doctype html><html><head><title>Story</title></head><body><nav><a href="/">Home</a><a href="/w">World</a></nav><div class="content">${paras}</div><footer>All rights reserved</footer></body></html>`,
			headers: { 'content-type': 'text/html; charset=utf-8' },
		};
		routes['/f.xml'] = {
			body: rss([
				`<item><guid>f1</guid><title>Full story</title><link>${server.url('/story/1')}</link><description>Short summary.</description></item>`,
				`<item><guid>f2</guid><title>Missing page</title><link>${server.url('/story/404')}</link><description>Only the summary.</description></item>`,
			]),
		};
		sources({ name: 'f', path: '/f.xml', full: true });
		const r = (await fetchNow()).sources[0];
		expect(r).toMatchObject({ status: 'ok', new: 2 });
		expect(r?.notes.join('\n')).toMatch(/Missing page|f2.*its page was not fetched.*404/s);
		const arts = loadDataDir(dir).store.articles;
		const full = arts.find((a) => a.title === 'Full story');
		expect(full?.body).toContain('Paragraph 4 of the full story');
		expect(full?.body).not.toContain('All rights reserved');
		expect(full?.summary).toBe('Short summary.');
		expect(arts.find((a) => a.title === 'Missing page')?.body).toBe('Only the summary.');
	});

	it('a dry run writes nothing, not even the state', async () => {
		routes['/d.xml'] = { body: rss([item('d1', 'Dry item about Quetta')]), etag: '"d"' };
		sources({ name: 'd', path: '/d.xml' });
		const r = await fetchNow({ dryRun: true });
		expect(r.sources[0]?.new).toBe(1);
		expect(loadDataDir(dir).store.articles).toHaveLength(0);
		expect(readState(dir).state.sources).toEqual({});
	});
});

describe('GDELT 2.0 Events', () => {
	it('takes the newest export, keeps the region and root codes 18-20, marks each machine-coded, and asks once', async () => {
		const rows = [
			event('1200000001', 'AF', '183', 'Kabul, Kabul, Afghanistan', '34.5167', '69.1833'),
			event('1200000002', 'TI', '190', 'Dushanbe, Dushanbe, Tajikistan', '38.56', '68.77'),
			event('1200000003', 'US', '183', 'Chicago, Illinois, United States', '41.85', '-87.65'),
			event('1200000004', 'PK', '042', 'Islamabad, Islamabad, Pakistan', '33.7', '73.16'),
			event('1200000001', 'AF', '183', 'Kabul, Kabul, Afghanistan', '34.5167', '69.1833'),
		];
		const files = gdeltFiles(rows, '20261206101500');
		routes['/gdelt/lastupdate.txt'] = { body: files.index.replace('URL', server.url('/gdelt')) };
		routes['/gdelt/20261206101500.export.CSV.zip'] = { body: files.zip };
		sources({ name: 'gdelt', kind: 'gdelt-events', path: '/gdelt/lastupdate.txt' });
		const r = (await fetchNow()).sources[0];
		expect(r).toMatchObject({ status: 'ok', new: 2 });
		const incidents = loadDataDir(dir).store.incidents;
		expect(incidents.map((i) => i.country).sort()).toEqual(['AF', 'TJ']);
		for (const i of incidents) {
			expect(i.machineCoded).toBe(true);
			expect(i.sources[0]).toMatchObject({ dataset: expect.stringMatching(/GDELT/) });
		}
		const again = (await fetchNow()).sources[0];
		expect(again).toMatchObject({ status: 'not-modified', notModified: true, new: 0 });
		expect(server.hits('/gdelt/20261206101500.export.CSV.zip')).toBe(1);
	});

	it('refuses an export whose MD5 is not the one lastupdate.txt gives', async () => {
		const files = gdeltFiles(
			[event('1300000001', 'AF', '183', 'Kabul, Kabul, Afghanistan', '34.5', '69.2')],
			'20261206103000',
		);
		routes['/g2/lastupdate.txt'] = {
			body: files.index.replace('URL', server.url('/g2')).replace(/ [0-9a-f]{32} /, ` ${'0'.repeat(32)} `),
		};
		routes['/g2/20261206103000.export.CSV.zip'] = { body: files.zip };
		sources({ name: 'g2', kind: 'gdelt-events', path: '/g2/lastupdate.txt' });
		const r = (await fetchNow()).sources[0];
		expect(r?.status).toBe('error');
		expect(r?.error).toMatch(/MD5/);
	});
});

describe('UCDP and ACLED', () => {
	const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/import', name), 'utf8');
	const rowsOf = (csv: string) =>
		parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
	// Three good GED rows: the fixture's first, under three ids on three days.
	const [gedHeader = '', gedRow = ''] = fixture('ucdp-api.csv').split('\n');
	const UCDP_CSV = `${[gedHeader, ...['800001', '800003', '800004'].map((id, i) => gedRow.replace(/^800001/, id).replace(/10\/1[01]\/2009/g, `10/1${i}/2009`))].join('\n')}\n`;

	it('UCDP: a CSV through the importer, upserted by id; withdrawn rows reported, kept', async () => {
		routes['/ged.csv'] = { body: UCDP_CSV, etag: '"ged1"' };
		sources({ name: 'ged', kind: 'ucdp', path: '/ged.csv' });
		const first = (await fetchNow()).sources[0];
		expect(first?.status).toBe('ok');
		expect(first?.new).toBeGreaterThan(0);
		const n = loadDataDir(dir).store.incidents.length;
		expect((await fetchNow()).sources[0]).toMatchObject({ status: 'not-modified' });
		// A revised file without its last row: reported gone, still in the data.
		const lines = UCDP_CSV.trimEnd().split('\n');
		routes['/ged.csv'] = { body: `${lines.slice(0, -1).join('\n')}\n`, etag: '"ged2"' };
		const third = (await fetchNow()).sources[0];
		expect(third?.gone).toHaveLength(1);
		expect(loadDataDir(dir).store.incidents).toHaveLength(n);
	});

	it('UCDP API: pages followed, the token from the environment sent', async () => {
		const rows = rowsOf(UCDP_CSV);
		routes['/api/gedevents/25.1'] = {
			body: JSON.stringify({
				TotalCount: 2,
				TotalPages: 2,
				NextPageUrl: server.url('/api/page2'),
				Result: rows.slice(0, 1),
			}),
		};
		routes['/api/page2'] = {
			body: JSON.stringify({ TotalCount: 3, TotalPages: 2, NextPageUrl: '', Result: rows.slice(1) }),
		};
		sources({ name: 'api', kind: 'ucdp', path: '/api/gedevents/25.1' });
		const r = (await fetchNow({ vars: { UCDP_ACCESS_TOKEN: 'tok-123' } })).sources[0];
		expect(r?.status, r?.error ?? '').toBe('ok');
		expect(r?.new).toBe(rows.length);
		const asked = server.requests.filter((q) => q.path.startsWith('/api/'));
		expect(asked.every((q) => q.headers['x-ucdp-access-token'] === 'tok-123')).toBe(true);
	});

	it('ACLED: refused without the analyst’s own credentials; with them, the rows imported and the key never shown', async () => {
		const acled = rowsOf(fixture('acled-2024.csv'));
		routes['/acled/read'] = { body: JSON.stringify({ status: 200, success: true, data: acled.slice(0, 3) }) };
		sources({ name: 'acled', kind: 'acled', path: '/acled/read' });
		const without = (await fetchNow({ vars: {} })).sources[0];
		expect(without?.status).toBe('error');
		expect(without?.error).toMatch(/ACLED_ACCESS_TOKEN/);
		expect(server.requests.filter((q) => q.path.startsWith('/acled/'))).toHaveLength(0);
		const withToken = (await fetchNow({ vars: { ACLED_ACCESS_TOKEN: 'secret-token' } })).sources[0];
		expect(withToken?.status, withToken?.error ?? '').toBe('ok');
		expect(withToken?.new).toBe(3);
		const req = server.requests.find((q) => q.path.startsWith('/acled/read'));
		expect(req?.headers.authorization).toBe('Bearer secret-token');
		expect(readFileSync(join(dir, 'feeds.json'), 'utf8')).not.toContain('secret');
		expect(JSON.stringify(readState(dir).state)).not.toContain('secret');
	});

	it('ACLED: a token asked of its OAuth endpoint with the account from the environment, for this fetch only', async () => {
		const acled = rowsOf(fixture('acled-2024.csv'));
		let form = '';
		routes['/oauth/token'] = (req, res) => {
			let body = '';
			req.on('data', (d: Buffer) => {
				body += d.toString();
			});
			req.on('end', () => {
				form = body;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 86400, access_token: 'from-oauth' }));
			});
		};
		routes['/api/acled/read'] = (req, res) => {
			const ok = req.headers.authorization === 'Bearer from-oauth';
			res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
			res.end(JSON.stringify(ok ? { status: 200, success: true, data: acled.slice(0, 2) } : { success: false }));
		};
		sources({ name: 'acled', kind: 'acled', path: '/api/acled/read?country=Pakistan' });
		const r = (await fetchNow({ vars: { ACLED_USERNAME: 'analyst@example.org', ACLED_PASSWORD: 'pw secret' } }))
			.sources[0];
		expect(r?.status, r?.error ?? '').toBe('ok');
		expect(r?.new).toBe(2);
		expect(new URLSearchParams(form).get('grant_type')).toBe('password');
		expect(new URLSearchParams(form).get('client_id')).toBe('acled');
		expect(new URLSearchParams(form).get('password')).toBe('pw secret');
		expect(JSON.stringify(readState(dir).state)).not.toMatch(/secret|from-oauth/);
	});
});

describe('feeds.json', () => {
	it('a broken file says where (line:col, pointer) and what was expected', () => {
		writeFileSync(
			join(dir, 'feeds.json'),
			'{\n  "feeds": [\n    {"name": "x", "kind": "rss", "url": "ftp://example.org/feed"}\n  ]\n}\n',
		);
		expect(() => readFeeds(dir)).toThrow(FeedsFileError);
		expect(() => readFeeds(dir)).toThrow(/feeds\.json:3:\d+ \/feeds\/0\/url: expected an http:\/\/ or https:\/\/ URL/);
		writeFileSync(join(dir, 'feeds.json'), '{\n  "feeds": [\n    {"name": "x",}\n  ]\n}\n');
		expect(() => readFeeds(dir)).toThrow(/feeds\.json:3:\d+: not valid JSON/);
	});
});
