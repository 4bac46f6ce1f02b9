// An index brought up to date with new records (core/search/update.ts) must
// answer exactly as one built from scratch over the same store: same results,
// scores, snippets and highlights, for words, prefixes, typos, phrases,
// filters and the empty query; and the old index must not change meanwhile.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../source/core/resolve.js';
import type { Article, Incident } from '../../source/core/schema.js';
import { indexStore, parseQuery, type SearchIndex, searchWithInfo } from '../../source/core/search/index.js';
import { updateSearchIndex, updateSearchIndexInSlices } from '../../source/core/search/update.js';
import { buildStore, type Store } from '../../source/core/store.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { synthArticles, synthIncidents } from '../support/synth.js';

const bundled = loadDataDir(fileURLToPath(new URL('../../data', import.meta.url))).store;

const QUERIES = [
	'',
	'kabul',
	'kab',
	'haqani',
	'quetta bombing',
	'"roadside bomb"',
	'suicide',
	'sucide',
	'country:PK',
	'country:AF attack',
	'in:articles taliban',
	'in:incidents police',
	'taliban -pakistan',
	'zzzfreshword',
	'freshw',
	'since:2024-01-01 attack',
];

function storeOf(articles: Article[], incidents: Incident[]): Store {
	return buildStore('test', { articles, incidents, actors: bundled.actors, countries: bundled.countries });
}

function answers(ix: SearchIndex, store: Store) {
	const r = new Resolver(store);
	return QUERIES.map((q) => ({ q, ...searchWithInfo(ix, parseQuery(q, r), { limit: 40 }) }));
}

/** The same articles and incidents, some dropped, some changed (new objects), some new. */
function changed(articles: Article[], incidents: Incident[]) {
	const keep = articles.filter((_, i) => i % 17 !== 3);
	const edited = keep.map((a, i) =>
		i % 23 === 5 ? { ...a, body: `${a.body}\n\nA zzzfreshword update about Kabul and a roadside bomb.` } : a,
	);
	const added = synthArticles(60, 77).map((a, i) => ({
		...a,
		id: `new-${i}`,
		...(i % 5 === 0 ? { title: `Freshword report ${i}` } : {}),
	}));
	const moreIncidents = synthIncidents(40, 78).map((inc, i) => ({ ...inc, id: `new-inc-${i}` }));
	return {
		articles: [...edited, ...added],
		incidents: [...incidents.filter((_, i) => i % 11 !== 2), ...moreIncidents],
	};
}

describe('search index update', () => {
	const before = storeOf(synthArticles(400, 5), synthIncidents(300, 5));
	const old = indexStore(before);

	it('finds a new article and answers as a full rebuild does', () => {
		const next = changed(before.articles, before.incidents);
		const after = storeOf(next.articles, next.incidents);
		const updated = updateSearchIndex(old, after.articles, after.incidents, { countries: after.countries });
		const rebuilt = indexStore(after);
		const got = answers(updated, after);
		expect(got.find((a) => a.q === 'zzzfreshword')?.total).toBeGreaterThan(0);
		expect(got.find((a) => a.q === 'freshw')?.results.map((r) => r.id)).toContain('new-0');
		expect(got).toEqual(answers(rebuilt, after));
		expect(updated.docCount).toBe(rebuilt.docCount);
		expect([...updated.byRecency]).toEqual([...rebuilt.byRecency]);
		expect([...updated.bodyK]).toEqual([...rebuilt.bodyK]);
		// Each word's document count, by its text.
		const dfOf = (ix: SearchIndex) =>
			new Map(ix.vocab.terms.map((t, id) => [t, ix.df[id] ?? 0] as const).filter(([, n]) => n > 0));
		expect(dfOf(updated)).toEqual(dfOf(rebuilt));
	});

	it('leaves the index it started from as it was', () => {
		const was = answers(old, before);
		const next = changed(before.articles, before.incidents);
		const after = storeOf(next.articles, next.incidents);
		updateSearchIndex(old, after.articles, after.incidents, { countries: after.countries });
		expect(answers(old, before)).toEqual(was);
	});

	it('a word only removed records had is found no more', () => {
		const odd = { ...before.articles[0], id: 'odd-1', body: 'A qwxzyvord appears here only.' } as Article;
		const withOdd = storeOf([...before.articles, odd], before.incidents);
		const ix = indexStore(withOdd);
		const r = new Resolver(withOdd);
		expect(searchWithInfo(ix, parseQuery('qwxzyvord', r)).total).toBe(1);
		const without = storeOf(
			withOdd.articles.filter((a) => a.id !== 'odd-1'),
			withOdd.incidents,
		);
		const updated = updateSearchIndex(ix, without.articles, without.incidents, { countries: without.countries });
		expect(searchWithInfo(updated, parseQuery('qwxzyvord', r)).total).toBe(0);
		expect(answers(updated, without)).toEqual(answers(indexStore(without), without));
	});

	it('other country names make it build afresh, with the same answers', () => {
		const renamed = before.countries.map((c) => (c.code === 'AF' ? { ...c, name: 'Afghanistan (renamed)' } : c));
		const after = buildStore('test', {
			articles: before.articles,
			incidents: before.incidents,
			actors: before.actors,
			countries: renamed,
		});
		const updated = updateSearchIndex(old, after.articles, after.incidents, { countries: after.countries });
		expect(answers(updated, after)).toEqual(answers(indexStore(after), after));
	});

	it('in slices, to the same index', async () => {
		const next = changed(before.articles, before.incidents);
		const after = storeOf(next.articles, next.incidents);
		const sliced = await updateSearchIndexInSlices(
			old,
			after.articles,
			after.incidents,
			{ countries: after.countries },
			{ sliceMs: 0 },
		);
		expect(sliced && answers(sliced, after)).toEqual(answers(indexStore(after), after));
	});
});
