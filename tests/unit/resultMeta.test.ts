// A search result's row after its title, the same for the Search pane and
// `sitrep search`: an incident's perpetrator and toll (as the Timeline gives
// them), an article's outlet; and the facts --json adds to an incident result.
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../source/core/resolve.js';
import { indexStore, parseQuery, searchWithInfo } from '../../source/core/search/index.js';
import { resultFacts, resultMeta } from '../../source/present/resultMeta.js';
import { bundled } from '../support/helpers.js';

describe('search result rows', () => {
	const { store } = bundled();
	const resolver = new Resolver(store);
	const results = searchWithInfo(indexStore(store), parseQuery('jaffar express', resolver), { limit: 20 }).results;

	it('an incident: who, the toll, the date, the country', () => {
		const hijack = results.find((r) => r.kind === 'incident' && r.title.startsWith('Abduction: near Mushkaf'));
		expect(hijack).toBeDefined();
		if (!hijack) return;
		expect(resultMeta(store, hijack)).toEqual(['BLA', '26 (25–26) killed', '2025-03-11', 'PK']);
		expect(resultFacts(store, hijack)).toMatchObject({ perpetrators: ['bla'], fatalities: 26 });
	});

	it('an article: its outlet, date and countries; no incident facts', () => {
		const art = results.find((r) => r.kind === 'article');
		expect(art).toBeDefined();
		if (!art) return;
		expect(resultMeta(store, art)[0]).toBe(art.source);
		expect(resultFacts(store, art)).toBeUndefined();
	});
});
