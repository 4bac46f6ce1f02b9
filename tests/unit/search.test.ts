import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../source/core/fold.js';
import { Resolver } from '../../source/core/resolve.js';
import type { Article, Incident } from '../../source/core/schema.js';
import {
	applyCompletion,
	buildSearchIndex,
	completeQuery,
	FEW_HITS,
	indexStore,
	MAX_UNITS,
	parseQuery,
	type SearchIndex,
	type SearchResult,
	SYNONYMS,
	search,
	searchWithInfo,
	synonymNote,
} from '../../source/core/search/index.js';
import { PostingCursor } from '../../source/core/search/postings.js';
import { fieldText } from '../../source/core/search/searchIndex.js';
import { buildStore, type Store } from '../../source/core/store.js';
import { currentKey, Scanner } from '../../source/core/tokenize.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { prng, synthArticles } from '../support/synth.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));

let store: Store;
let resolver: Resolver;
let index: SearchIndex;

beforeAll(() => {
	store = loadDataDir(DATA).store;
	resolver = new Resolver(store);
	index = indexStore(store);
});

const find = (q: string, limit = 50) => search(index, parseQuery(q, resolver), { limit });
const ids = (rs: SearchResult[]) => rs.map((r) => r.id);

function article(id: string, title: string, body: string, extra: Partial<Article> = {}): Article {
	return {
		id,
		title,
		published: '2024-01-01',
		source: 'Test Wire',
		countries: [],
		actors: [],
		tags: [],
		body,
		...extra,
	};
}

/** A small corpus with its own store, so filters resolve against the bundled actors and countries. */
function corpus(articles: Article[], incidents: Incident[] = []) {
	const s = buildStore('test', { articles, incidents, actors: store.actors, countries: store.countries });
	const r = new Resolver(s);
	const ix = indexStore(s);
	return { ix, run: (q: string) => search(ix, parseQuery(q, r)) };
}

/** The text a field's ranges point into. */
function fieldOf(r: SearchResult, field: string): string {
	if (field === 'title') return r.title;
	const rec: Article | Incident | undefined = store.articleById.get(r.id) ?? store.incidentById.get(r.id);
	if (!rec) throw new Error(`no record ${r.id}`);
	if ('published' in rec) return (field === 'summary' ? rec.summary : rec.body) ?? '';
	return rec.description;
}

function highlighted(r: SearchResult, field: string, text = fieldOf(r, field)): string[] {
	return (r.fields.find((f) => f.field === field)?.ranges ?? []).map(([a, b]) => text.slice(a, b));
}

describe('ranking: titles', () => {
	it('a document with every query word in its title comes before those with some in the title and the rest in the body', () => {
		const extra = article(
			'every-word-in-title',
			'ISKP claims attack in Kabul',
			'A short report. The group said it carried out the attack in the capital.',
			{ published: '2025-03-21', countries: ['AF'] },
		);
		const c = corpus([...store.articles, extra]);
		const results = c.run('iskp kabul');
		// Articles with both words in the title first (the sample has two more), then the rest.
		const inTitle = results.map((r) => /iskp/i.test(r.title) && /kabul/i.test(r.title));
		const firstOther = inTitle.indexOf(false);
		expect(results.findIndex((r) => r.id === 'every-word-in-title')).toBeLessThan(firstOther);
		expect(inTitle.slice(firstOther).includes(true)).toBe(false);
	});
});

describe('parseQuery', () => {
	it('reads free text, phrases, exclusions and every filter', () => {
		const q = parseQuery(
			'country:PK actor:iskp type:"suicide bombing" since:2024-01-01 until:2024-12-31 source:reuters in:incidents kabul "exact words" -excluded -"two words"',
			resolver,
		);
		expect(q.errors).toEqual([]);
		expect(q.terms.map((t) => t.text)).toEqual(['kabul']);
		expect(q.phrases).toEqual([['exact', 'words']]);
		expect(q.exclude).toEqual([['excluded'], ['two', 'words']]);
		expect(q.filters).toMatchObject({
			countries: ['PK'],
			actors: ['iskp'],
			types: ['suicide bombing'],
			since: '2024-01-01',
			until: '2024-12-31',
			sources: ['Reuters'],
			scope: 'incidents',
		});
	});

	it('widens an actor filter to the groups within it', () => {
		const q = parseQuery('actor:taliban', resolver);
		expect(q.filters.actors).toEqual(['taliban']);
		expect(q.filters.actorsWithin).toEqual(expect.arrayContaining(['taliban', 'haqqani-network', 'taliban-gdi']));
		expect(q.filters.actorsWithin).not.toContain('iskp');
	});

	it('treats unknown key: prefixes as plain text', () => {
		const q = parseQuery('note:kabul http://example.org', resolver);
		expect(q.errors).toEqual([]);
		expect(q.terms.map((t) => t.text)).toEqual(['note', 'kabul', 'http', 'example', 'org']);
	});

	it('reports bad filter values with suggestions instead of throwing', () => {
		const q = parseQuery('actor:jaish country:Narnia since:2024-13-40 in:everything kabul', resolver);
		expect(q.terms.map((t) => t.text)).toEqual(['kabul']);
		expect(q.errors.map((e) => e.token)).toEqual([
			'actor:jaish',
			'country:Narnia',
			'since:2024-13-40',
			'in:everything',
		]);
		const [actor, country, since, scope] = q.errors;
		expect(actor?.message).toMatch(/several/);
		expect(actor?.suggestions.join('|')).toMatch(/Jaish al-Adl/);
		expect(actor?.suggestions.join('|')).toMatch(/Fursan/);
		expect(country?.message).toMatch(/unknown country "Narnia"/);
		expect(since?.message).toMatch(/bad date/);
		expect(scope?.suggestions).toEqual(['articles', 'incidents', 'all']);
		expect(q.input.slice(actor?.start, actor?.end)).toBe('actor:jaish');
	});

	it('flags an until before since', () => {
		const q = parseQuery('since:2025 until:2024', resolver);
		expect(q.errors[0]?.message).toMatch(/before since/);
	});

	it('never throws on arbitrary input', () => {
		const rnd = prng(42);
		const alphabet = 'ab:"-, \\()[]*+?.^$|{}کابل‌🔥é\u0301country:actor:type:in:since:';
		for (let i = 0; i < 300; i++) {
			let s = '';
			const len = Math.floor(rnd() * 40);
			for (let k = 0; k < len; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
			const q = parseQuery(s, resolver);
			expect(() => search(index, q, { limit: 5 })).not.toThrow();
			expect(() => completeQuery(s, Math.floor(rnd() * (s.length + 1)), resolver)).not.toThrow();
		}
	});

	it('marks only the word being typed as a prefix', () => {
		expect(parseQuery('haqqani kab', resolver).terms).toEqual([
			{ text: 'haqqani', prefix: false },
			{ text: 'kab', prefix: true },
		]);
		expect(parseQuery('haqqani kab ', resolver).terms.map((t) => t.prefix)).toEqual([false, false]);
		expect(parseQuery('kab -muz', resolver).terms).toEqual([{ text: 'kab', prefix: false }]);
		expect(parseQuery("Kabul's taliban’s", resolver).terms.map((t) => t.text)).toEqual(['kabul', 'taliban']);
	});
});

describe('search on the bundled data', () => {
	it('"muzamil" puts the Balkh governor articles first', () => {
		expect(new Set(ids(find('muzamil')).slice(0, 2))).toEqual(
			new Set(['art-balkh-governor-killing', 'art-muzammil-killing-aftermath']),
		);
	});

	it('"haqani kabul" puts the December 2024 assassination first', () => {
		expect(['art-khalil-haqqani-kabul-killing', 'inc-2024-12-11-kabul-khalil-haqqani']).toContain(
			find('haqani kabul')[0]?.id,
		);
	});

	it('matches the word being typed as a prefix, highlighting what was typed', () => {
		const rs = find('muz');
		expect(new Set(ids(rs).slice(0, 2))).toEqual(
			new Set(['art-balkh-governor-killing', 'art-muzammil-killing-aftermath']),
		);
		expect(highlighted(rs[0] as SearchResult, 'title')).toEqual(['Muz']);
		expect(find('muz ')).toEqual([]);
	});

	it('tolerates typos: "haqani" finds Haqqani and highlights it', () => {
		const rs = find('haqani ');
		expect(rs.length).toBeGreaterThan(3);
		for (const r of rs.slice(0, 5)) {
			const words = r.fields.flatMap((f) => highlighted(r, f.field)).map((w) => fold(w));
			expect(words.length).toBeGreaterThan(0);
			for (const w of words) expect(w).toMatch(/^haqqani/);
		}
	});

	it('country: keeps only documents about that country', () => {
		const all = find('suicide');
		const pk = find('country:PK suicide');
		expect(pk.length).toBeGreaterThan(0);
		expect(pk.length).toBeLessThan(all.length);
		for (const r of pk) expect(r.countries).toContain('PK');
		expect(find('-country:PK suicide').every((r) => !r.countries.includes('PK'))).toBe(true);
	});

	it('type: and in: keep incidents of that type', () => {
		const rs = find('type:"suicide bombing" in:incidents kabul');
		expect(rs.length).toBeGreaterThan(0);
		for (const r of rs) {
			expect(r.kind).toBe('incident');
			expect(store.incidentById.get(r.id)?.type).toBe('suicide bombing');
		}
		expect(find('in:articles kabul').every((r) => r.kind === 'article')).toBe(true);
		expect(find('in:incidents kabul').every((r) => r.kind === 'incident')).toBe(true);
	});

	it('since:/until: keep dates in range (a month-only date when its month overlaps)', () => {
		const rs = searchWithInfo(index, parseQuery('since:2024-01-01 until:2024-12-31', resolver), { limit: 500 });
		expect(rs.total).toBeGreaterThan(0);
		expect(rs.total).toBeLessThan(index.docCount);
		for (const r of rs.results) {
			expect(r.date.slice(0, 7) >= '2024-01').toBe(true);
			expect(r.date <= '2024-12-31').toBe(true);
		}
	});

	it('source: matches article outlets and incident source outlets', () => {
		const rs = find('source:reuters in:incidents');
		expect(rs.length).toBeGreaterThan(0);
		expect(rs.length).toBeLessThan(store.incidents.length);
		for (const r of rs) expect(r.source).toMatch(/Reuters/);
		// An incident citing one of the data set's articles counts as from that article's outlet.
		const sample = find('source:"sitrep sample" kabul');
		expect(sample.some((r) => r.kind === 'article')).toBe(true);
		for (const r of sample) {
			if (r.kind === 'article') expect(r.source).toBe('sitrep sample');
			else expect(store.incidentById.get(r.id)?.sources.some((s) => typeof s === 'string')).toBe(true);
		}
	});

	it('exclusion drops documents containing the word', () => {
		const with_ = find('kabul');
		const without = find('kabul -haqqani');
		expect(without.length).toBeGreaterThan(0);
		expect(without.length).toBeLessThan(with_.length);
		for (const r of without) {
			const rec = store.articleById.get(r.id) ?? store.incidentById.get(r.id);
			const text =
				rec && 'published' in rec
					? `${rec.title} ${rec.summary ?? ''} ${rec.body}`
					: r.title + fieldOf(r, 'description');
			expect(fold(text)).not.toMatch(/\bhaqqani\b/);
		}
	});

	it('requires every word, falling back to the best partial matches', () => {
		const both = searchWithInfo(index, parseQuery('haqqani kabul ', resolver));
		expect(both.partial).toBe(false);
		for (const r of both.results) {
			const words = new Set(r.fields.flatMap((f) => highlighted(r, f.field)).map((w) => fold(w)));
			expect([...words].some((w) => w.startsWith('haqqani'))).toBe(true);
			expect(words.has('kabul')).toBe(true);
		}
		const some = searchWithInfo(index, parseQuery('haqqani zzzqqqx', resolver));
		expect(some.partial).toBe(true);
		expect(some.results.length).toBeGreaterThan(0);
	});

	it('an empty query lists the newest first, with filters applied', () => {
		const all = searchWithInfo(index, parseQuery('', resolver), { limit: 1000 });
		expect(all.total).toBe(store.articles.length + store.incidents.length);
		const dates = all.results.map((r) => r.date);
		expect(dates).toEqual([...dates].sort().reverse());
		const pk = find('country:PK');
		expect(pk.length).toBeGreaterThan(0);
		expect(pk.every((r) => r.countries.includes('PK'))).toBe(true);
		expect(pk.map((r) => r.date)).toEqual(
			pk
				.map((r) => r.date)
				.sort()
				.reverse(),
		);
	});

	it('treats regex-special characters as plain characters', () => {
		expect(ids(find('(ISKP)+[kabul]*'))).toEqual(ids(find('iskp kabul')));
		expect(ids(find('.*'))).toEqual(ids(find('')));
		expect(find('$^|?\\').length).toBe(find('').length);
	});

	it('caps a 10,000-character query instead of searching every word (its speed is in npm run bench)', () => {
		const repeated = 'kabul '.repeat(1700);
		const long = 'x'.repeat(10_000);
		const rnd = prng(7);
		let noise = '';
		while (noise.length < 10_000) noise += `${Math.floor(rnd() * 1e9).toString(36)}${rnd() < 0.2 ? ' -"' : ' '}`;
		const a = parseQuery(repeated, resolver);
		expect(ids(search(index, a))).toEqual(ids(find('kabul ')));
		expect(search(index, parseQuery(long, resolver))).toEqual([]);
		const n = parseQuery(noise, resolver);
		expect(n.truncated).toBe(true);
		expect(n.terms.length + n.phrases.length).toBeLessThanOrEqual(MAX_UNITS);
		expect(() => search(index, n)).not.toThrow();
	});

	it('finds incidents under their type/place title', () => {
		const r = find('in:incidents mazar balkh governor')[0];
		expect(r?.id).toBe('inc-2023-03-09-mazar-balkh-governor');
		expect(highlighted(r as SearchResult, 'title').map((w) => w.toLowerCase())).toEqual(
			expect.arrayContaining(['mazar', 'balkh']),
		);
	});
});

describe('ranking', () => {
	it('puts a title hit above body hits', () => {
		const { run } = corpus([
			article('body', 'Market report', 'Zarghun was seen. Zarghun again. Later Zarghun left the district.'),
			article('title', 'Zarghun returns', 'A short piece about something else entirely.'),
		]);
		expect(ids(run('zarghun'))).toEqual(['title', 'body']);
	});

	it('puts an exact match above a fuzzy one, and a prefix match above a fuzzy one', () => {
		const { run } = corpus([
			article('fuzzy', 'Report', 'The Haqqani network was mentioned.', { published: '2025-01-01' }),
			article('exact', 'Report', 'The Haqani network was mentioned.', { published: '2020-01-01' }),
			article('prefix', 'Report', 'The Haqanis were mentioned.', { published: '2019-01-01' }),
		]);
		// The newest document is the fuzzy one: recency must not lift it above an exact match.
		const typo = ids(run('haqani '));
		expect(typo[0]).toBe('exact');
		expect(typo.indexOf('exact')).toBeLessThan(typo.indexOf('fuzzy'));
		expect(ids(run('haqqani '))[0]).toBe('fuzzy');
		expect(ids(run('haqani'))).toEqual(['exact', 'prefix', 'fuzzy']);
	});

	it('breaks ties by recency', () => {
		const { run } = corpus([
			article('old', 'Convoy', 'Same text.', { published: '2021-05-01' }),
			article('new', 'Convoy', 'Same text.', { published: '2024-05-01' }),
		]);
		expect(ids(run('convoy'))).toEqual(['new', 'old']);
	});
});

describe('phrases and exclusions', () => {
	const docs = [
		article('adjacent', 'One', 'Police said the suicide bombing in Kabul killed six.'),
		article('apart', 'Two', 'The bombing was not a suicide attack.'),
		article('islamic-state', 'Three', 'The Islamic State claimed it.'),
		article('separate', 'Four', 'An Islamic school; the state said nothing.'),
	];

	it('matches a quoted phrase only where its words are consecutive', () => {
		const { run } = corpus(docs);
		const rs = run('"suicide bombing"');
		expect(ids(rs)).toEqual(['adjacent']);
		expect(highlighted(rs[0] as SearchResult, 'body', docs[0]?.body)).toEqual(['suicide bombing']);
		expect(ids(run('suicide bombing ')).sort()).toEqual(['adjacent', 'apart']);
	});

	it('excludes a word or a phrase', () => {
		const { run } = corpus(docs);
		expect(ids(run('islamic -"islamic state"'))).toEqual(['separate']);
		expect(ids(run('bombing -suicide'))).toEqual([]);
		expect(ids(run('state -school'))).toEqual(['islamic-state']);
	});
});

describe('filters on a controlled corpus', () => {
	const docs = [
		article('haqqani-only', 'Raid', 'A raid in Khost.', { actors: ['haqqani-network'], countries: ['AF'] }),
		article('iskp-only', 'Raid', 'A raid in Jalalabad.', { actors: ['iskp'], countries: ['AF'] }),
		article('pk', 'Raid', 'A raid in Bannu.', { countries: ['PK'], source: 'Dawn', published: '2022-06-01' }),
	];

	it('actor: includes groups within the actor', () => {
		const { run } = corpus(docs);
		expect(ids(run('actor:taliban raid'))).toEqual(['haqqani-only']);
		expect(ids(run('actor:iskp raid'))).toEqual(['iskp-only']);
	});

	it('source:, since: and until: narrow the candidates', () => {
		const { run } = corpus(docs);
		expect(ids(run('source:dawn raid'))).toEqual(['pk']);
		expect(ids(run('until:2023 raid'))).toEqual(['pk']);
		expect(ids(run('since:2023-06 raid')).sort()).toEqual(['haqqani-only', 'iskp-only']);
	});
});

describe('synonyms at query time', () => {
	it('"bla train" finds the Jaffar Express hijacking, whose text says "Express", never "train", and says why', () => {
		const out = searchWithInfo(index, parseQuery('bla train', resolver), { limit: 50 });
		expect(ids(out.results)).toContain('inc-2025-03-11-jaffar-express');
		expect(out.partial).toBe(false);
		expect(out.synonyms).toEqual([{ word: 'train', also: ['railway', 'express'] }]);
		expect(synonymNote(out.synonyms, '→')).toBe('train → also railway, express');
		const jaffar = out.results.find((r) => r.id === 'inc-2025-03-11-jaffar-express');
		// The synonym is highlighted like the word typed.
		expect(jaffar && highlighted(jaffar, 'description').map((w) => w.toLowerCase())).toContain('express');
	});

	it('only for a rare word: a common one is searched as typed', () => {
		const df = (w: string) => index.df[index.vocab.lookup(w)] ?? 0;
		expect(df('bombing')).toBeGreaterThanOrEqual(FEW_HITS);
		expect(searchWithInfo(index, parseQuery('bombing', resolver)).synonyms).toEqual([]);
		expect(searchWithInfo(index, parseQuery('kabul', resolver)).synonyms).toEqual([]);
	});

	it('a word with its own documents ranks them before its synonyms', () => {
		const { ix } = corpus([
			article('rail', 'Line cut', 'The railway line was cut.', { published: '2024-05-01' }),
			article('train', 'Line cut', 'The train line was cut.', { published: '2024-01-01' }),
		]);
		const out = searchWithInfo(ix, parseQuery('train line', resolver));
		expect(ids(out.results)).toEqual(['train', 'rail']);
		expect(out.synonyms).toEqual([{ word: 'train', also: ['railway'] }]);
	});

	it('each listed word maps to words, never to itself, and "express" alone is not read as a train', () => {
		for (const [word, also] of Object.entries(SYNONYMS)) {
			expect(also).not.toContain(word);
			for (const w of [word, ...also]) expect(w).toMatch(/^[a-z]+$/);
		}
		expect(SYNONYMS.express).toBeUndefined();
		expect(SYNONYMS.kidnapping).toContain('abduction');
		expect(SYNONYMS.abduction).toContain('kidnapping');
	});
});

describe('index', () => {
	it('stores exactly the words the Scanner finds, at their offsets', () => {
		const texts = [
			'Kabul’s police—and ISKP’s “cells”: naïve café, Qa\u0308ida, ١٢٣ and 123.',
			'گزارش‌ها می‌گویند 👩‍👩‍👧 کابل‌ ‌ZWNJ‌edge x\u0301y ﻙابل İstanbul ǅemal',
			'Plain ASCII words only, Repeated WORDS words words',
		];
		const docs = texts.map((t, i) => article(`d${i}`, t.slice(0, 12), t, { summary: t.slice(5) }));
		const ix = buildSearchIndex(docs, []);
		const sc = new Scanner();
		const expected = new Map<string, number>();
		docs.forEach((_, d) => {
			for (let f = 0; f < 3; f++) {
				sc.reset(fieldText(ix, d, f));
				while (sc.next()) {
					const base = f === 0 ? 0 : f === 1 ? (ix.summaryBase[d] ?? 0) : (ix.bodyBase[d] ?? 0);
					expected.set(`${d}:${base + sc.start}`, ix.vocab.lookup(currentKey(sc)));
				}
			}
		});
		const stored = new Map<string, number>();
		const cursor = new PostingCursor(ix);
		for (let term = 0; term < ix.vocab.size; term++) {
			cursor.open(term);
			while (cursor.next()) for (const p of cursor.positions([])) stored.set(`${cursor.doc}:${p}`, term);
		}
		expect(stored.size).toBeGreaterThan(60);
		expect(stored).toEqual(expected);
	});
});

describe('highlights on multi-byte text', () => {
	const body =
		'Explosion 💥 near کابل airport. گزارش‌ها می‌گویند 👩‍👩‍👧 Kabul police arrived.\n\nLater al-Qa\u0308ida (Qaïda) denied it; ﻙابل کابل.';
	const docs = [article('fa', '🔥 حمله در كابل', body, { summary: 'خلاصه: گزارش‌ها از کابل' })];

	it('gives exact UTF-16 ranges around emoji, ZWNJ and combining marks', () => {
		const { run } = corpus(docs);
		const kabul = run('کابل')[0] as SearchResult;
		expect(highlighted(kabul, 'title', docs[0]?.title)).toEqual(['كابل']);
		expect(highlighted(kabul, 'body', body)).toEqual(['کابل', 'ﻙابل', 'کابل']);
		const report = run('گزارشها')[0] as SearchResult;
		expect(highlighted(report, 'body', body)).toEqual(['گزارش‌ها']);
		expect(highlighted(report, 'summary', docs[0]?.summary)).toEqual(['گزارش‌ها']);
		const latin = run('kabul qaida')[0] as SearchResult;
		expect(highlighted(latin, 'body', body)).toEqual(['Kabul', 'Qa\u0308ida', 'Qaïda']);
	});

	it('snippet ranges point at the same words in the snippet text', () => {
		const { run } = corpus(docs);
		const r = run('kabul')[0] as SearchResult;
		const words = r.snippet.ranges.map(([a, b]) => r.snippet.text.slice(a, b));
		expect(words).toContain('Kabul');
		for (const w of words) expect(fold(w)).toBe('kabul');
	});
});

describe('snippets', () => {
	it('shows about 160 characters around the match, cut between words', () => {
		// Widening the cluster by 1-9 characters moves the natural cut points inside words at least once.
		for (let shift = 0; shift < 9; shift++) {
			const words = Array.from({ length: 300 }, (_, i) => `alpha${i}`);
			words[152] = 'm'.repeat(shift + 1);
			words[150] = 'needle';
			words[155] = 'haystack';
			const { run } = corpus([article('long', 'Title', words.join(' '))]);
			const s = (run('needle haystack')[0] as SearchResult).snippet;
			expect(s.text.startsWith('… ')).toBe(true);
			expect(s.text.endsWith(' …')).toBe(true);
			expect(s.text.length).toBeLessThanOrEqual(170);
			expect(s.text.length).toBeGreaterThan(120);
			for (const w of s.text.slice(2, -2).split(' ')) expect(w).toMatch(/^(alpha\d+|m+|needle|haystack)$/);
			expect(s.ranges.map(([a, b]) => s.text.slice(a, b))).toEqual(['needle', 'haystack']);
		}
	});
});

describe('completeQuery', () => {
	it('completes the filter value under the cursor', () => {
		const c = completeQuery('kabul country:Pak', 17, resolver);
		expect(c?.key).toBe('country');
		expect(c?.partial).toBe('Pak');
		const pk = c?.candidates.find((x) => x.value === 'PK');
		expect(pk).toBeDefined();
		if (c && pk) expect(applyCompletion('kabul country:Pak', c, pk)).toEqual({ text: 'kabul country:PK', cursor: 16 });
	});

	it('quotes multi-word values and completes lists and filter names', () => {
		const t = completeQuery('type:sui', 8, resolver);
		expect(t?.candidates[0]?.insert).toBe('"suicide bombing"');
		const list = completeQuery('country:AF,ir', 13, resolver);
		expect(list?.candidates.map((x) => x.value)).toContain('IR');
		expect([list?.start, list?.end]).toEqual([11, 13]);
		expect(completeQuery('in:inc', 6, resolver)?.candidates.map((x) => x.value)).toEqual(['incidents']);
		expect(completeQuery('kabul cou', 9, resolver)?.candidates.map((x) => x.insert)).toEqual(['country:']);
		expect(completeQuery('kabul ', 6, resolver)).toBeUndefined();
	});
});

describe('synthetic corpus', () => {
	it('is deterministic per seed and clearly marked', () => {
		const a = synthArticles(20, 3);
		expect(synthArticles(20, 3)).toEqual(a);
		expect(synthArticles(20, 4)).not.toEqual(a);
		for (const x of a) {
			expect(x.source).toBe('synthetic (seed 3)');
			expect(x.tags).toContain('synthetic');
			expect(x.body.length).toBeGreaterThanOrEqual(1000);
			expect(x.body.length).toBeLessThanOrEqual(6500);
		}
		const ix = buildSearchIndex(a, []);
		expect(ix.docCount).toBe(20);
	});
});
