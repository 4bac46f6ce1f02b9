// HTML as text (core/html.ts): feed summaries through htmlToText, and fetched
// article pages through readHtml, which must find the story on a page full of
// navigation, advertisements, related links and comments. The pages are
// tests/fixtures/html/, written for these tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlToText, readHtml } from '../../source/core/html.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8');

describe('htmlToText', () => {
	it('one paragraph a block, a blank line between, entities decoded, scripts and styles dropped', () => {
		expect(
			htmlToText(
				'<p>One &amp; two&nbsp;&mdash; <b>three</b></p><p>Four<br>five</p><script>alert(1)</script><style>p{}</style><div>Six   \n seven</div>',
			),
		).toBe('One & two — three\n\nFour\n\nfive\n\nSix seven');
	});

	it('plain text stays as it is, whitespace runs aside; unknown entities stay literal', () => {
		expect(htmlToText('  The toll rose to nine.  ')).toBe('The toll rose to nine.');
		expect(htmlToText('&lol9; &xxe; &#8217;')).toBe('&lol9; &xxe; ’');
		expect(htmlToText('')).toBe('');
	});

	it('keeps hostile characters for the sanitizer, and drops hidden blocks and figure captions', () => {
		expect(htmlToText('<p>a\u001b[31mb\u202ec</p>')).toBe('a\u001b[31mb\u202ec');
		expect(
			htmlToText('<p>Seen</p><p hidden>Unseen</p><figure><img src=x><figcaption>Caption</figcaption></figure>'),
		).toBe('Seen');
	});
});

describe('readHtml on fetched article pages', () => {
	it('a page with no <article> or <main>: the story block, without ads, captions, links, comments or banners', () => {
		const page = readHtml(read('html/div-soup-news.html'));
		expect(page.title).toBe('Gunmen attack police post in Dera Ismail Khan');
		expect(page.source).toBe('Indus Courier');
		expect(page.paragraphs).toEqual([
			'DERA ISMAIL KHAN: Gunmen armed with rifles and grenades attacked a police post on the outskirts of Dera Ismail Khan late on Sunday, killing three policemen and wounding two others, officials said.',
			'The attackers approached the post from two sides, according to a district police officer, who said the fighting lasted nearly an hour before reinforcements arrived from the city. Two attackers were killed, and a search of the surrounding fields continued into the night.',
			'No group had claimed the attack by Monday morning. Police in the district have come under repeated attack this year, and residents said the post had been fired on twice in the past month.',
			"The provincial government announced compensation for the families of the policemen, and said the police would receive new equipment for posts on the district's western edge.",
		]);
	});

	it('an <article> holding share links, a promo, related links and comments: only the story', () => {
		const page = readHtml(read('html/article-with-comments.html'));
		expect(page.title).toBe('Border crossing at Torkham closed after clash');
		expect(page.paragraphs).toEqual([
			'The Torkham border crossing between Pakistan and Afghanistan was closed on Monday after border guards on the two sides exchanged fire over the construction of a new checkpoint, officials on both sides said.',
			'Hundreds of lorries carrying fruit and coal were stranded on the highway, and traders said they faced heavy losses if the closure lasted more than a few days.',
			'Talks between local commanders were under way on Monday evening, a customs official said.',
		]);
	});

	it('the saved page ingest reads keeps its story, and loses its figure caption', () => {
		const page = readHtml(read('ingest/quetta-station.html'));
		expect(page.paragraphs[0]).toMatch(/^A suicide bomber blew himself up/);
		expect(page.paragraphs).toContain('Pressure on the province');
		expect(page.paragraphs.join('\n')).not.toContain('Rescue workers');
		expect(page.paragraphs).toHaveLength(4);
	});

	it('a wrapper holding both a menu and the story keeps the story', () => {
		const links = Array.from({ length: 40 }, (_, i) => `<a href="/s${i}">Section number ${i}</a>`).join(' ');
		const story =
			'Officials said the road between the two towns was reopened on Tuesday after a week of closures, and traffic moved slowly.';
		const page = readHtml(`<html><body><div class="wrap"><div>${links}</div><p>${story}</p></div></body></html>`);
		expect(page.paragraphs).toEqual([story]);
	});
});
