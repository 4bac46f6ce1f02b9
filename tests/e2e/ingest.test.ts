// sitrep ingest: extraction from saved HTML pages, Markdown and plain text,
// and the command against a copy of the bundled data (write, re-ingest,
// dry run, bad files, bad flags).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../source/commands/context.js';
import { INGEST_FILE, runIngest } from '../../source/commands/ingest.js';
import { articleId, extractArticle, findDate, IngestError, normalizeDate } from '../../source/io/ingest.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { DATA_DIR } from '../support/helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('HTML pages', () => {
	const page = extractArticle(read('quetta-station.html'), { name: 'quetta-station.html' });

	it('takes the headline, date, outlet, address and byline the page states', () => {
		expect(page).toMatchObject({
			format: 'html',
			title: 'Suicide blast at Quetta railway station kills dozens',
			published: '2024-11-09',
			dateFrom: 'meta',
			dateKey: 'article:published_time',
			source: 'The Frontier Ledger',
			url: 'https://frontier-ledger.example/2024/11/09/quetta-station-blast',
			author: 'Staff Reporter',
		});
	});

	it("keeps the article's paragraphs, entities decoded, and nothing else", () => {
		const paras = page.body.split('\n\n');
		expect(paras[0]).toMatch(/^A suicide bomber blew himself up on the main platform of Quetta’s railway station/);
		expect(paras[0]).toContain('many of them soldiers, and dozens'); // whitespace collapsed
		expect(page.body).toContain('the death toll & the number of wounded');
		expect(page.body).toContain(
			'“We will not let them cut the province off,” a provincial official told reporters — he',
		);
		expect(paras).toContain('Pressure on the province');
		for (const junk of [
			'Taliban seize Kandahar', // script
			'dataLayer',
			'color: red', // style
			'Breaking news',
			'enable JavaScript', // noscript
			'World news', // nav
			'THE FRONTIER LEDGER', // header
			'Herat to Karachi',
			'Related stories', // aside
			'Musakhel',
			'newsletter', // form
			'Most read',
			'All rights reserved', // footer
			'Contact us',
			'&amp;',
			'&rdquo;',
			'\u00a0',
		]) {
			expect(page.body).not.toContain(junk);
		}
		// The headline is the title, not the first paragraph.
		expect(page.body.startsWith('Suicide blast')).toBe(false);
		expect(page.body).not.toMatch(/\n{3,}| {2,}/);
	});

	it('falls back to JSON-LD, then <time>, for the date; og:title and <title> for the title', () => {
		const ld = extractArticle(
			`<html><head><title>T | Site</title><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-01-30","publisher":{"name":"LD News"}}]}</script></head><body><p>Some text.</p></body></html>`,
			{ name: 'a.html' },
		);
		expect(ld).toMatchObject({ title: 'T | Site', published: '2023-01-30', dateFrom: 'json-ld', source: 'LD News' });
		const time = extractArticle(
			`<html><head><meta property="og:title" content="OG title"><meta property="og:site_name" content="S"></head><body><main><p>Text <time datetime="2022-08-11">Thursday</time>.</p></main></body></html>`,
			{ name: 'b.htm' },
		);
		expect(time).toMatchObject({ title: 'OG title', published: '2022-08-11', dateFrom: 'time', source: 'S' });
	});

	it('needs --source when the page does not name its outlet, and never invents an address', () => {
		const html = '<html><body><article><h1>Title</h1><p>Body text on 3 January 2024.</p></article></body></html>';
		expect(() => extractArticle(html, { name: 'c.html' })).toThrow(/no source.*--source NAME/);
		const x = extractArticle(html, { name: 'c.html', source: 'Given' });
		expect(x).toMatchObject({ title: 'Title', source: 'Given', published: '2024-01-03', dateFrom: 'text' });
		expect(x.url).toBeUndefined();
		const relative = extractArticle(`<link rel="canonical" href="/story/1">${html}`, { name: 'c.html', source: 'S' });
		expect(relative.url).toBeUndefined();
	});
});

describe('Markdown and plain text', () => {
	it('reads front matter and strips Markdown', () => {
		const md = extractArticle(read('field-notes.md'), { name: 'field-notes.md' });
		expect(md).toMatchObject({
			format: 'markdown',
			title: 'Field notes from a border market',
			published: '2024-03-12',
			dateFrom: 'front-matter',
			source: 'Border Notes',
			author: 'Test Writer',
			url: 'https://border-notes.example/field-notes',
			summary: 'Invented test text about a market town near the Afghan border.',
		});
		expect(md.body.split('\n\n')).toEqual([
			'Invented test text, not a report. Traders in Chaman say the crossing was closed for most of the week.',
			'Prices of flour rose in Quetta markets.',
			'Trucks waited on the road to Kandahar.',
			'A driver said the queue reached the edge of town.',
			'What to watch',
			'Whether the crossing reopens before the end of the month.',
		]);
	});

	it('takes the "# " heading as the title and a date from the text when the front matter has none', () => {
		const md = extractArticle(read('linking/muzammil-2023.md'), { name: 'muzammil-2023.md' });
		expect(md).toMatchObject({
			title: 'Balkh governor killed in his office',
			published: '2023-03-09',
			dateFrom: 'text',
		});
		expect(md.body).not.toContain('#');
		expect(md.body).not.toContain('source:');
	});

	it('plain text: first line is the title, a date in the text, paragraphs by blank lines', () => {
		const txt = extractArticle(read('linking/peshawar-police-lines-2023.txt'), {
			name: 'peshawar-police-lines-2023.txt',
			source: 'Test',
		});
		expect(txt).toMatchObject({
			format: 'text',
			title: 'Suicide bombing inside the Peshawar Police Lines mosque',
			published: '2023-01-30',
			dateFrom: 'text',
		});
		expect(txt.body.split('\n\n')).toHaveLength(3);
		expect(txt.body.startsWith('On 30 January 2023, during the afternoon prayers')).toBe(true);
	});

	it('--date beats every other date; the mtime is the last resort', () => {
		const md = extractArticle(read('field-notes.md'), { name: 'f.md', date: '2025-02-01' });
		expect(md).toMatchObject({ published: '2025-02-01', dateFrom: 'option' });
		const plain = extractArticle('Title\n\nNo date here.', {
			name: 'x.txt',
			source: 'S',
			mtime: new Date('2020-05-06T12:00Z'),
		});
		expect(plain).toMatchObject({ published: '2020-05-06', dateFrom: 'mtime', body: 'No date here.' });
	});

	it('finds dates written in words or ISO, and rejects impossible ones', () => {
		expect(findDate('Filed on 12 March 2024 from Kabul')).toBe('2024-03-12');
		expect(findDate('Filed March 12, 2024')).toBe('2024-03-12');
		expect(findDate('Filed Sept. 3 2023')).toBe('2023-09-03');
		expect(findDate('Filed 2024-03-12.')).toBe('2024-03-12');
		expect(findDate('On 31 February 2024, then on 1 March 2024')).toBe('2024-03-01');
		expect(findDate('In March 2024 and since 2018')).toBeUndefined();
		expect(normalizeDate('2024-11-09T14:20:00+05:00')).toBe('2024-11-09');
	});

	it('gives clear reasons for files that are not articles', () => {
		const bad = (text: string, name = 'x.txt') => {
			try {
				extractArticle(text, { name, source: 'S', mtime: new Date() });
				return 'no error';
			} catch (err) {
				expect(err).toBeInstanceOf(IngestError);
				return (err as Error).message;
			}
		};
		expect(bad('')).toBe('the file is empty');
		expect(bad(' \n\n ')).toBe('the file is empty');
		expect(bad('Only a title')).toBe('no body text besides the title');
		expect(bad('<html><body><nav>Home</nav><script>var x = "y";</script></body></html>', 'x.html')).toBe(
			'no article text found',
		);
		expect(bad('abc\u0000def')).toMatch(/not a text file/);
		expect(bad('---\ndate: someday\n---\nTitle\n\nBody.')).toMatch(/front matter date "someday" is not a date/);
	});

	it('makes stable ids from the date and the title', () => {
		expect(articleId('2024-11-09', 'Suicide blast at Quetta railway station kills dozens')).toBe(
			'art-2024-11-09-suicide-blast-at-quetta-railway-station-kills-dozens',
		);
		const long = articleId(
			'2024-01-01',
			'A very long headline about the Taliban’s ministers and the Haqqanis in Kabul again',
		);
		expect(long.length).toBeLessThanOrEqual('art-2024-01-01-'.length + 60);
		expect(long).toMatch(/^art-2024-01-01-a-very-long-headline-about-the-taliban-s-ministers[a-z-]*[a-z]$/);
		expect(articleId('2024-01-01', 'کابل')).toMatch(/^art-2024-01-01-t[0-9a-f]{8}$/);
		expect(articleId('2024-01-01', 'کابل')).toBe(articleId('2024-01-01', 'کابل'));
	});
});

interface Run {
	code: number;
	out: string[];
	err: string[];
}

function run(
	dir: string,
	files: string[],
	opts: { date?: string; source?: string; dryRun?: boolean; json?: boolean },
): Run {
	const out: string[] = [];
	const err: string[] = [];
	const ctx: Ctx = { out: (l) => out.push(l), outStyled: (l) => out.push(l), err: (l) => err.push(l), color: false };
	const { store } = loadDataDir(dir);
	const code = runIngest(
		store,
		files,
		{ dataDir: dir, dryRun: opts.dryRun ?? false, json: opts.json ?? false, date: opts.date, source: opts.source },
		ctx,
	);
	return { code, out, err };
}

interface JsonOut {
	articles: {
		file: string;
		id: string;
		status: string;
		dateFrom: string;
		record: Record<string, unknown>;
		links: { actors: { id: string; label: string; matches: { text: string }[] }[]; countries: { id: string }[] };
	}[];
	imported: number;
	updated: number;
	unchanged: number;
	errors: { file: string; reason: string }[];
}

describe('runIngest', () => {
	const copy = () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
		cpSync(DATA_DIR, dir, { recursive: true });
		return dir;
	};
	const pages = ['quetta-station.html', 'field-notes.md', 'linking/kerman-2024.md', 'linking/crocus-2024.md'].map(
		fixture,
	);
	const texts = ['linking/khalil-haqqani-2024.txt', 'linking/zawahiri-2022.txt'].map(fixture);

	it('writes new articles, then finds them unchanged when the same files come again', () => {
		const dir = copy();
		const first = run(dir, pages, { json: true });
		expect(first.code).toBe(0);
		const j = JSON.parse(first.out.join('\n')) as JsonOut;
		expect(j).toMatchObject({ imported: 4, updated: 0, unchanged: 0, errors: [] });
		const quetta = j.articles[0];
		expect(quetta).toMatchObject({
			id: 'art-2024-11-09-suicide-blast-at-quetta-railway-station-kills-dozens',
			status: 'imported',
			dateFrom: 'meta',
			record: {
				source: 'The Frontier Ledger',
				published: '2024-11-09',
				actors: ['bla'],
				countries: ['PK'],
				tags: ['suicide bombing'],
			},
		});
		expect(quetta?.links.actors[0]).toMatchObject({
			id: 'bla',
			label: 'Balochistan Liberation Army',
			matches: [{ text: 'Balochistan Liberation Army' }, { text: 'BLA' }],
		});
		const written = readFileSync(join(dir, INGEST_FILE), 'utf8');
		expect(written.trim().split('\n')).toHaveLength(4);

		const second = run(dir, texts, { source: 'sitrep test fixtures' });
		expect(second.code).toBe(0);
		expect(second.out.at(-1)).toBe(`2 articles: 2 imported, 0 updated, 0 unchanged (new ones in ${INGEST_FILE})`);
		expect(second.out.some((l) => /^ {2}actors {4}khalil-haqqani +← "Khalil Haqqani"$/.test(l))).toBe(true);
		const afterSecond = readFileSync(join(dir, INGEST_FILE), 'utf8');
		expect(afterSecond.startsWith(written)).toBe(true);
		expect(afterSecond.trim().split('\n')).toHaveLength(6);

		const again = run(dir, [...pages, ...texts], { json: true });
		const k = JSON.parse(again.out.join('\n')) as JsonOut;
		// The two text files name no outlet: they fail without --source, the pages are unchanged.
		expect(k).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
		expect(k.errors.map((e) => e.reason)).toEqual([
			expect.stringMatching(/no source/),
			expect.stringMatching(/no source/),
		]);
		expect(again.code).toBe(1);
		const withSource = run(dir, texts, { source: 'sitrep test fixtures', json: true });
		expect(JSON.parse(withSource.out.join('\n'))).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
		expect(readFileSync(join(dir, INGEST_FILE), 'utf8')).toBe(afterSecond);

		// The data loads with the new articles and no new problems.
		const base = loadDataDir(DATA_DIR).problems.length;
		const loaded = loadDataDir(dir);
		expect(loaded.problems).toHaveLength(base);
		expect(loaded.store.articles).toHaveLength(loadDataDir(DATA_DIR).store.articles.length + 6);
		expect(loaded.store.articlesByActor.get('khalil-haqqani')?.map((a) => a.id)).toContain(
			'art-2024-12-11-minister-for-refugees-killed-in-kabul',
		);
	});

	it('prints each link with the text that matched it', () => {
		const dir = copy();
		const r = run(dir, [fixture('linking/kerman-2024.md')], {});
		expect(r.code).toBe(0);
		expect(r.out).toEqual(
			expect.arrayContaining([
				`${fixture('linking/kerman-2024.md')} → art-2024-01-04-twin-bombings-at-the-soleimani-memorial-in-kerman (imported)`,
				'  title     Twin bombings at the Soleimani memorial in Kerman',
				'  date      2024-01-04 (from front matter date:)',
				'  source    sitrep test fixtures',
				'  actors    irgc           ← "Revolutionary Guards"',
				'            islamic-state  ← "Islamic State"',
				'            iskp           ← "ISIS-K"',
				'  countries IR  ← "Kerman" (title), "Kerman", "Iran", "Tehran"',
				'            US  ← "US", "United States"  (not in the data’s countries: not recorded)',
				'  tags      suicide bombing  ← "suicide bombers"',
			]),
		);
	});

	it('--dry-run writes nothing but says what would happen', () => {
		const dir = copy();
		const r = run(dir, [fixture('quetta-station.html')], { dryRun: true });
		expect(r.code).toBe(0);
		expect(r.out[0]).toMatch(
			/→ art-2024-11-09-suicide-blast-at-quetta-railway-station-kills-dozens \(would be imported\)$/,
		);
		expect(r.out.at(-1)).toBe(
			'1 article: 1 would be imported, 0 would be updated, 0 unchanged (dry run: nothing written)',
		);
		expect(existsSync(join(dir, 'articles'))).toBe(false);
	});

	it('reports a bad file by name and ingests the others (exit 1)', () => {
		const dir = copy();
		const empty = join(dir, 'empty.txt');
		writeFileSync(empty, '');
		const missing = join(dir, 'missing.html');
		const r = run(dir, [empty, fixture('field-notes.md'), missing], { json: true });
		expect(r.code).toBe(1);
		const j = JSON.parse(r.out.join('\n')) as JsonOut;
		expect(j.imported).toBe(1);
		expect(j.errors).toEqual([
			{ file: empty, reason: 'the file is empty' },
			{ file: missing, reason: 'cannot read: no such file' },
		]);
		const human = run(dir, [empty, fixture('field-notes.md')], {});
		expect(human.err).toEqual([`sitrep ingest: ${empty}: the file is empty`]);
		expect(human.out.at(-1)).toBe('1 article: 0 imported, 0 updated, 1 unchanged; 1 file failed');
	});

	it('--date sets the date of every file; a bad --date is a usage error that writes nothing', () => {
		const dir = copy();
		const bad = run(dir, [fixture('field-notes.md')], { date: '2024-02-30' });
		expect(bad.code).toBe(2);
		expect(bad.err[0]).toMatch(/--date: expected a real date YYYY-MM-DD/);
		expect(existsSync(join(dir, 'articles'))).toBe(false);
		const good = run(dir, [fixture('field-notes.md')], { date: '2025-01-15', json: true });
		const j = JSON.parse(good.out.join('\n')) as JsonOut;
		expect(j.articles[0]).toMatchObject({
			id: 'art-2025-01-15-field-notes-from-a-border-market',
			dateFrom: 'option',
			record: { published: '2025-01-15' },
		});
		expect(run(dir, [], {}).code).toBe(2);
		expect(run(dir, [fixture('field-notes.md')], { source: '  ' }).code).toBe(2);
	});

	it('uses the modification time when nothing else dates the file, and says so', () => {
		const dir = copy();
		const file = join(dir, 'undated.txt');
		copyFileSync(fixture('linking/ttp-khyber-pakhtunkhwa.txt'), file);
		utimesSync(file, new Date('2024-06-01T12:00:00Z'), new Date('2024-06-01T12:00:00Z'));
		const r = run(dir, [file], { source: 'Test' });
		expect(r.out).toContain("  date      2024-06-01 (from the file's modification time (UTC))");
	});

	it('reports the same id from two files in one run as an error for the second', () => {
		const dir = copy();
		const twin = join(dir, 'twin.md');
		copyFileSync(fixture('field-notes.md'), twin);
		const r = run(dir, [fixture('field-notes.md'), twin], { json: true });
		const j = JSON.parse(r.out.join('\n')) as JsonOut;
		expect(j.imported).toBe(1);
		expect(j.errors[0]?.reason).toMatch(/^same id art-2024-03-12-field-notes-from-a-border-market as /);
		expect(r.code).toBe(1);
	});
});

describe('sitrep ingest --json (CLI)', () => {
	it('stays valid JSON with no control characters when a file name holds a line separator or a C1 code', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-json-'));
		cpSync(DATA_DIR, join(dir, 'data'), { recursive: true });
		const file = join(dir, 'odd\u2028name\u0085\u009b.md');
		copyFileSync(fixture('field-notes.md'), file);
		const r = spawnSync(process.execPath, [CLI, 'ingest', file, '--data', join(dir, 'data'), '--json'], {
			encoding: 'utf8',
		});
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).not.toMatch(/[\u001b\u0080-\u009f\u2028\u2029]/);
		expect(JSON.parse(r.stdout).articles[0].file).toBe(file);
		expect(existsSync(join(dir, 'data', '.sitrep-write.lock'))).toBe(false);
	});
});
