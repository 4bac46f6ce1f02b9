// Feeds read by core/feeds/parse.ts: RSS 2.0, RSS 1.0 and Atom 1.0 fixtures
// (tests/fixtures/feeds/, written for these tests), dates in the forms feeds
// write them, and the documents that must not be read as feeds: hostile DTDs,
// HTML pages, cut-short downloads, JSON, nothing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedError, parseFeed, parseFeedDate } from '../../source/core/feeds/parse.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
const read = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** The FeedError's message, failing the test when parseFeed does not throw one. */
function failure(xml: string): string {
	try {
		parseFeed(xml);
	} catch (err) {
		expect(err).toBeInstanceOf(FeedError);
		return (err as Error).message;
	}
	throw new Error('expected a FeedError');
}

describe('RSS 2.0', () => {
	const feed = parseFeed(read('rss2.xml'));

	it('reads the channel and every item in order, duplicate guids included', () => {
		expect(feed).toMatchObject({
			format: 'rss2',
			title: 'The Frontier Ledger — Security',
			link: 'https://frontier-ledger.example/',
		});
		expect(feed.items.map((i) => i.guid)).toEqual([
			'ledger-2026-1207-01',
			'https://frontier-ledger.example/2026/12/07/herat-convoy',
			'ledger-2026-1207-01',
			undefined,
			undefined,
			undefined,
			'https://frontier-ledger.example/2026/12/09/permalink',
		]);
	});

	it('unwraps CDATA, decodes entities once, and keeps summaries and content as HTML', () => {
		const [first, second] = feed.items;
		expect(first).toEqual({
			guid: 'ledger-2026-1207-01',
			title: 'Blast near Quetta checkpoint & curfew imposed',
			link: 'https://frontier-ledger.example/2026/12/07/quetta-checkpoint',
			published: '2026-12-07T09:05:00Z',
			dateRaw: 'Mon, 07 Dec 2026 14:05:00 +0500',
			author: 'Staff Reporter',
			summaryHtml:
				'<p>A blast struck a checkpoint on the <b>Quetta</b> bypass &amp; officials imposed a curfew.</p><p>Second paragraph.</p>',
			contentHtml: '<p>Full text &mdash; invented.</p><script>alert("x")</script>',
			categories: ['Balochistan', 'Security'],
		});
		// Escaped HTML in a description is HTML once decoded: "&amp;amp;" is the HTML "&amp;".
		expect(second?.summaryHtml).toBe('<p>Gunmen fired on the convoy &amp; fled.</p>');
		// HTML in a title is read as text.
		expect(second?.title).toBe('Update: Herat governor’s convoy attacked');
	});

	it('reads RFC 822 dates with offsets and zone names, and leaves an item without a date undated', () => {
		expect(feed.items.map((i) => i.published)).toEqual([
			'2026-12-07T09:05:00Z', // +0500
			'2026-12-07T06:30:00Z', // IRST, +0330
			'2026-12-07T13:40:00Z',
			undefined, // no date given
			'2026-12-08T03:15:00Z', // "Tue, 8 Dec 26 08:15 PKT": two-digit year, no seconds
			'2026-12-10T07:00:00Z', // full day and month names
			undefined, // "sometime last week"
		]);
		expect(feed.items[3]?.dateRaw).toBeUndefined();
		expect(feed.items[6]?.dateRaw).toBe('sometime last week');
	});

	it('resolves relative links against the channel link, drops other schemes, and takes a permalink guid', () => {
		expect(feed.items[1]?.link).toBe('https://frontier-ledger.example/2026/12/07/herat-convoy');
		expect(feed.items[5]?.link).toBeUndefined(); // javascript:
		expect(feed.items[6]?.link).toBe('https://frontier-ledger.example/2026/12/09/permalink');
		// The name in parentheses from RSS's author address.
		expect(feed.items[4]?.author).toBe('Night Desk');
	});

	it('keeps hostile text verbatim: escape sequences and bidi overrides are the sanitizer’s to remove', () => {
		expect(feed.items[4]?.title).toBe('Red \u001b[31malert\u001b[0m \u001b]0;owned\u0007 \u202ereversed\u202c title');
		const literal = parseFeed('<rss><channel><item><title>a\u001b[2J\u202eb</title></item></channel></rss>').items[0];
		expect(literal?.title).toBe('a\u001b[2J\u202eb');
	});

	it('keeps the meaning of CDATA in a title: markup is read as text, a bare "<" or "&" stays', () => {
		const feed2 = parseFeed(
			`<rss><channel>
				<item><title><![CDATA[A <b>bold</b>   move]]></title></item>
				<item><title><![CDATA[5 < 6 & 7 > 3]]></title></item>
			</channel></rss>`,
		);
		expect(feed2.items.map((i) => i.title)).toEqual(['A bold move', '5 < 6 & 7 > 3']);
	});

	it('matches namespaces, not prefixes, and reads the usual prefixes a feed forgot to declare', () => {
		const feed2 = parseFeed(
			`<rss xmlns:d="http://purl.org/dc/elements/1.1/"><channel>
				<item><d:creator>Declared</d:creator><d:date>2026-12-07T10:00:00Z</d:date></item>
				<item><dc:creator>Undeclared</dc:creator></item>
				<item xmlns:dc="urn:something-else"><dc:creator>Not Dublin Core</dc:creator></item>
			</channel></rss>`,
		);
		expect(feed2.items.map((i) => i.author)).toEqual(['Declared', 'Undeclared', undefined]);
		expect(feed2.items[0]?.published).toBe('2026-12-07T10:00:00Z');
	});

	it('resolves against the address the feed came from when it gives no link of its own', () => {
		const xml = '<rss><channel><item><link>/story/1</link></item></channel></rss>';
		expect(parseFeed(xml).items[0]?.link).toBeUndefined();
		expect(parseFeed(xml, { baseUrl: 'https://news.example/feeds/all.xml' }).items[0]?.link).toBe(
			'https://news.example/story/1',
		);
	});
});

describe('RSS 1.0 (RDF)', () => {
	it('reads items beside the channel, rdf:about as the guid, Dublin Core dates and xml:base links', () => {
		const feed = parseFeed(read('rss1.xml'));
		expect(feed).toEqual({
			format: 'rss1',
			title: 'Kabul Bulletin',
			link: 'https://kabul-bulletin.example/en/',
			items: [
				{
					guid: 'https://kabul-bulletin.example/en/news/1',
					title: 'Explosion at Kabul market',
					link: 'https://kabul-bulletin.example/en/news/1',
					published: '2026-12-07T05:00:00Z',
					dateRaw: '2026-12-07T09:30:00+04:30',
					author: 'Bulletin Staff',
					summaryHtml: 'An explosion hit a market in <i>Kabul</i> on Saturday.',
					contentHtml: '<p>Police said the blast came at midday.</p>',
					categories: ['Kabul'],
				},
				{
					guid: 'https://kabul-bulletin.example/en/news/2',
					title: 'Ceasefire talks in Doha',
					link: 'https://kabul-bulletin.example/en/news/2',
					published: '2026-12-06T00:00:00Z',
					dateRaw: '2026-12-06',
				},
			],
		});
	});
});

describe('Atom 1.0', () => {
	const feed = parseFeed(read('atom.xml'));

	it('reads text constructs of each type, alternate links, authors and categories', () => {
		expect(feed).toMatchObject({ format: 'atom', title: 'Steppe Wire', link: 'https://steppe-wire.example/' });
		expect(feed.items[0]).toEqual({
			guid: 'tag:steppe-wire.example,2026:border-post',
			title: 'Dushanbe border post shelled & closed',
			link: 'https://steppe-wire.example/news/2026/12/07/border-post',
			published: '2026-12-07T03:00:00Z',
			updated: '2026-12-07T06:00:00Z',
			dateRaw: '2026-12-07T08:00:00+05:00',
			author: 'A. Karimova, B. Saidov',
			// type="text": escaped, so that as HTML it reads as the text did.
			summaryHtml: 'Shelling hit a border post &lt;near&gt; the river.',
			contentHtml: '<p>Shelling hit the post at <b>dawn</b>.</p><p>Crossing closed.</p>',
			categories: ['Tajikistan', 'border'],
		});
	});

	it('falls back on updated for the date, on the feed’s author, and resolves nested xml:base', () => {
		expect(feed.items[1]).toMatchObject({
			title: 'Almaty protest dispersed',
			// ALMT after Kazakhstan's change to one zone (2024-03-01) is +0500.
			published: '2026-12-06T13:30:00Z',
			updated: '2026-12-06T13:30:00Z',
			author: 'Steppe Wire Desk',
			summaryHtml: '<p>Police dispersed a protest.</p>',
		});
		expect(feed.items[2]).toMatchObject({
			link: 'https://steppe-wire.example/archive/tashkent-statement',
			published: '2026-12-07T08:00:00Z', // UZT, +0500
			contentHtml: '<p>A statement.</p>',
		});
	});

	it('resolves a relative link with no xml:base against the document’s address, as RFC 4287 asks', () => {
		const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
			<link href="https://a.example/"/><link rel="self" href="https://a.example/feeds/atom.xml"/>
			<entry><link href="story-1"/></entry></feed>`;
		expect(parseFeed(xml).items[0]?.link).toBe('https://a.example/feeds/story-1');
		expect(parseFeed(xml, { baseUrl: 'https://mirror.example/x/atom.xml' }).items[0]?.link).toBe(
			'https://mirror.example/x/story-1',
		);
	});

	it('gives no content for out-of-line or non-text content', () => {
		const entry = parseFeed(
			`<feed xmlns="http://www.w3.org/2005/Atom"><entry>
				<content src="https://x.example/a.html" type="text/html"/>
				<summary type="image/png">iVBORw0KGgo=</summary>
			</entry></feed>`,
		).items[0];
		expect(entry).toEqual({});
	});
});

describe('hostile DTDs: nothing is expanded, nothing is fetched', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('billion laughs: the entities stay literal, the output is as small as the input', () => {
		const xml = read('billion-laughs.xml');
		const feed = parseFeed(xml);
		expect(feed.title).toBe('&lol9;');
		expect(feed.items).toHaveLength(1); // the markup inside an entity's value is not read as an item
		expect(feed.items[0]).toMatchObject({ title: 'Laughs &lol9; end', summaryHtml: '&lol9;&lol9;&lol9;' });
		const out = JSON.stringify(feed);
		expect(out).not.toContain('lollol');
		expect(out).not.toContain('smuggled');
		expect(out.length).toBeLessThan(xml.length);
	});

	it('billion laughs at a depth no expansion could finish still parses (finishing is the proof)', () => {
		const levels = Array.from({ length: 40 }, (_, i) =>
			i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
		);
		const xml = `<?xml version="1.0"?><!DOCTYPE rss [${levels.join('\n')}]><rss><channel><title>&l39;</title></channel></rss>`;
		expect(parseFeed(xml).title).toBe('&l39;');
	});

	it('external entities: SYSTEM file:// and http:// references stay literal; no fetch is made', () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const feed = parseFeed(read('xxe.xml'));
		expect(feed.title).toBe('XXE &xxe;');
		expect(feed.items[0]).toMatchObject({ title: '&xxe;', summaryHtml: '&remote;' });
		expect(JSON.stringify(feed)).not.toMatch(/root:|\/bin\/|daemon/);
		expect(fetchSpy).not.toHaveBeenCalled();
	});

	it('a DOCTYPE whose subset holds ">" in quotes and comments is skipped whole', () => {
		const xml = `<!DOCTYPE rss [ <!-- a > b --> <!ENTITY e "<item><title>x</title></item>"> <!ENTITY f '>'> ]><rss><channel><title>T</title></channel></rss>`;
		expect(parseFeed(xml)).toEqual({ format: 'rss2', title: 'T', items: [] });
	});
});

describe('documents that are not feeds', () => {
	it('an HTML page, with a DOCTYPE or without one', () => {
		expect(failure('<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>x</p></body></html>')).toBe(
			'not a feed: the document is an HTML page',
		);
		expect(failure('<html lang="en"><body>Not found</body></html>')).toBe('not a feed: the document is an HTML page');
	});

	it('a truncated download: every cut before </rss> is refused, and the whole feed reads', () => {
		const xml = read('rss2.xml');
		const end = xml.indexOf('</rss>') + '</rss>'.length;
		for (let cut = 0; cut < end; cut += 7) {
			expect(() => parseFeed(xml.slice(0, cut)), `cut at ${cut}`).toThrow(FeedError);
		}
		expect(() => parseFeed(xml.slice(0, end))).not.toThrow();
		expect(failure(xml.slice(0, xml.indexOf('</channel>')))).toBe('truncated: <rss> is not closed');
		expect(failure(read('billion-laughs.xml').slice(0, 200))).toBe('truncated: the document ends inside its DOCTYPE');
		const atom = read('atom.xml');
		expect(failure(atom.slice(0, atom.lastIndexOf('</entry>')))).toBe('truncated: <feed> is not closed');
	});

	it('JSON, a JSON Feed, plain text, nothing', () => {
		expect(failure('{"items": []}')).toBe('not a feed: the document is JSON');
		expect(failure('  {"version": "https://jsonfeed.org/version/1.1", "items": []}')).toBe(
			'not a feed: the document is JSON (a JSON Feed, which sitrep does not read)',
		);
		expect(failure('[1, 2]')).toBe('not a feed: the document is JSON');
		expect(failure('Service Unavailable')).toBe(
			'not a feed: the document is not XML (it begins "Service Unavailable")',
		);
		expect(failure('')).toBe('empty: the document has no content');
		expect(failure('\uFEFF  \n\t')).toBe('empty: the document has no content');
		expect(failure('<?xml version="1.0"?>\n<!-- nothing -->\n')).toBe('not a feed: the document has no root element');
	});

	it('quotes what it found without its control characters', () => {
		expect(failure('\u001b[2JNot a feed at all')).toBe(
			'not a feed: the document is not XML (it begins "Not a feed at all")',
		);
		expect(failure('<x\u001b[31m></x\u001b[31m>')).toBe(
			"not a feed: the root element is <x>, not <rss>, <rdf:RDF> or Atom's <feed>",
		);
		expect(failure('<feed xmlns="urn:\u001b]0;t\u0007"></feed>')).toBe(
			'not a feed: <feed> in namespace "urn:\\u001b]0;t\\u0007" is not Atom 1.0',
		);
	});

	it('XML that is not RSS or Atom 1.0, with what it is instead', () => {
		expect(failure('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')).toBe(
			"not a feed: the root element is <urlset>, not <rss>, <rdf:RDF> or Atom's <feed>",
		);
		expect(failure('<rss version="2.0"></rss>')).toBe('not a feed: <rss> has no <channel>');
		expect(failure('<feed xmlns="http://purl.org/atom/ns#"></feed>')).toBe(
			'not a feed sitrep reads: Atom 0.3 (expected Atom 1.0)',
		);
		expect(failure('<feed></feed>')).toBe(
			'not a feed: <feed> without Atom 1.0\'s namespace (xmlns="http://www.w3.org/2005/Atom")',
		);
		expect(failure('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>')).toBe(
			'not a feed: <rdf:RDF> has no RSS 1.0 <channel>',
		);
	});
});

describe('parseFeedDate', () => {
	it.each([
		// RFC 822 / 1123, and what feeds make of it (the weekday is not checked: feeds get it wrong).
		['Sat, 07 Dec 2026 14:05:00 +0500', '2026-12-07T09:05:00Z'],
		['Mon, 07 Dec 2026 14:05:00 GMT', '2026-12-07T14:05:00Z'],
		['07 Dec 2026 14:05:00 +0000', '2026-12-07T14:05:00Z'],
		['Mon, 7 Dec 2026 14:05 +0500', '2026-12-07T09:05:00Z'],
		['Mon,07 Dec 2026 14:05:00 UT', '2026-12-07T14:05:00Z'],
		['Mon, 07 Dec 26 14:05:00 Z', '2026-12-07T14:05:00Z'],
		['Tue, 07 Dec 99 14:05:00 GMT', '1999-12-07T14:05:00Z'],
		['Monday, 07 December 2026 14:05:00 GMT', '2026-12-07T14:05:00Z'],
		['07 Sept 2026 14:05:00 GMT', '2026-09-07T14:05:00Z'],
		['Mon, 07 Dec 2026 14:05:00 +0330', '2026-12-07T10:35:00Z'],
		['Mon, 07 Dec 2026 14:05:00 -0430', '2026-12-07T18:35:00Z'],
		['Mon, 07 Dec 2026 14:05:00 +05:30', '2026-12-07T08:35:00Z'],
		['Mon, 07 Dec 2026 14:05:00 GMT+0500', '2026-12-07T09:05:00Z'],
		['Mon, 07 Dec 2026 14:05:00 +0500 (PKT)', '2026-12-07T09:05:00Z'],
		['Mon, 07 Dec 2026 00:30:00 +0500', '2026-12-06T19:30:00Z'],
		['Mon, 07 Dec 2026', '2026-12-07T00:00:00Z'],
		// Named zones: RFC 822's, military letters as UTC (RFC 2822), and the region's.
		['07 Dec 2026 14:05:00 EST', '2026-12-07T19:05:00Z'],
		['07 Dec 2026 14:05:00 EDT', '2026-12-07T18:05:00Z'],
		['07 Dec 2026 14:05:00 CST', '2026-12-07T20:05:00Z'],
		['07 Dec 2026 14:05:00 CDT', '2026-12-07T19:05:00Z'],
		['07 Dec 2026 14:05:00 MST', '2026-12-07T21:05:00Z'],
		['07 Dec 2026 14:05:00 MDT', '2026-12-07T20:05:00Z'],
		['07 Dec 2026 14:05:00 PST', '2026-12-07T22:05:00Z'],
		['07 Dec 2026 14:05:00 pdt', '2026-12-07T21:05:00Z'],
		['07 Dec 2026 14:05:00 A', '2026-12-07T14:05:00Z'],
		['07 Dec 2026 14:05:00 Y', '2026-12-07T14:05:00Z'],
		['07 Dec 2026 14:05:00 PKT', '2026-12-07T09:05:00Z'],
		['07 Dec 2026 14:05:00 IRST', '2026-12-07T10:35:00Z'],
		['07 Dec 2026 14:05:00 AFT', '2026-12-07T09:35:00Z'],
		['07 Dec 2026 14:05:00 IST', '2026-12-07T08:35:00Z'],
		['07 Dec 2026 14:05:00 UZT', '2026-12-07T09:05:00Z'],
		['07 Dec 2026 14:05:00 TJT', '2026-12-07T09:05:00Z'],
		['07 Dec 2026 14:05:00 ALMT', '2026-12-07T09:05:00Z'],
		['07 Dec 2023 14:05:00 ALMT', '2023-12-07T08:05:00Z'],
		// ISO 8601 / RFC 3339.
		['2026-12-07T09:30:00Z', '2026-12-07T09:30:00Z'],
		['2026-12-07T09:30:00.123+05:00', '2026-12-07T04:30:00Z'],
		['2026-12-07T09:30:00-0430', '2026-12-07T14:00:00Z'],
		['2026-12-07t09:30z', '2026-12-07T09:30:00Z'],
		['2026-12-07 09:30:00', '2026-12-07T09:30:00Z'],
		['2026-12-07T01:00:00+04:30', '2026-12-06T20:30:00Z'],
		['2026-12-07', '2026-12-07T00:00:00Z'],
		['  2024-02-29T23:59:59+00:00 ', '2024-02-29T23:59:59Z'],
	])('%j → %s', (raw, iso) => {
		expect(parseFeedDate(raw)).toBe(iso);
	});

	it.each([
		'',
		'yesterday',
		'2026-02-30',
		'2026-13-01T00:00:00Z',
		'2026-12-07T24:00:00Z',
		'32 Dec 2026 10:00:00 GMT',
		'07 Foo 2026 10:00:00 GMT',
		'07 Dec 2026 10:61:00 GMT',
		'07 Dec 2026 10:00:00 BST', // Britain's or Bangladesh's: not guessed
		'07 Dec 2026 10:00:00 J',
		'07 Dec 2026 10:00:00 +2500',
		'1734000000',
	])('%j → undefined', (raw) => {
		expect(parseFeedDate(raw)).toBeUndefined();
	});
});
