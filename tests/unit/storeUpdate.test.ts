// A store updated with what changed (core/storeUpdate.ts) must be the store
// buildStore makes from the same records: lists in the same order, every
// index the same; and the old store must be left as it was.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article, Incident } from '../../source/core/schema.js';
import { buildStore, type Store } from '../../source/core/store.js';
import { type StoreChange, updateStore } from '../../source/core/storeUpdate.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { synthArticles, synthIncidents } from '../support/synth.js';

const bundled = loadDataDir(fileURLToPath(new URL('../../data', import.meta.url))).store;

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);
const lists = (m: Map<string, readonly { id: string }[]>) => [...m].map(([k, v]) => [k, ids(v)]).sort();

function summary(s: Store) {
	return {
		incidents: ids(s.incidents),
		articles: ids(s.articles),
		actors: ids(s.actors),
		countries: s.countries.map((c) => c.code),
		incidentById: [...s.incidentById.keys()].sort(),
		articleById: [...s.articleById.keys()].sort(),
		actorById: [...s.actorById.keys()].sort(),
		incidentsByCountry: lists(s.incidentsByCountry),
		incidentsByActor: lists(s.incidentsByActor),
		articlesByActor: lists(s.articlesByActor),
		articlesByCountry: lists(s.articlesByCountry),
		articlesByIncident: lists(s.articlesByIncident),
		incidentsByArticle: lists(s.incidentsByArticle),
	};
}

function storeOf(articles: Article[], incidents: Incident[], actors = bundled.actors): Store {
	return buildStore('test', { articles, incidents, actors, countries: bundled.countries });
}

/** Incidents citing some of the articles by id, so the article links change with both kinds. */
function citing(incidents: Incident[], articles: Article[]): Incident[] {
	return incidents.map((inc, i) =>
		i % 4 === 0 ? { ...inc, sources: [...inc.sources, articles[i % articles.length]?.id ?? 'x'] } : inc,
	);
}

describe.each([
	['a small set', 300],
	['a set of 5,000 incidents (the sliced path)', 5000],
])('store update: %s', (_, size) => {
	const arts = synthArticles(200, 3);
	const incs = citing(synthIncidents(size, 3), arts);
	const old = storeOf(arts, incs);

	it('new, replaced and removed articles: the store buildStore makes', () => {
		const gone = new Set([arts[5]?.id, arts[6]?.id, arts[7]?.id].filter((x): x is string => !!x));
		const replaced = { ...(arts[8] as Article), title: 'Changed title' };
		const added = synthArticles(30, 4).map((a, i) => ({ ...a, id: `new-${i}`, countries: ['AF'] }));
		const change: StoreChange = {
			articles: { fresh: [replaced, ...added], gone: new Set([...gone, replaced.id]) },
		};
		const next = [...arts.filter((a) => !gone.has(a.id) && a.id !== replaced.id), replaced, ...added];
		const before = summary(old);
		const updated = updateStore(old, change);
		expect(summary(updated)).toEqual(summary(storeOf(next, incs)));
		expect(updated.articleById.get(replaced.id)?.title).toBe('Changed title');
		expect(summary(old)).toEqual(before);
	});

	it('new and removed incidents, with the articles they cite', () => {
		const removed = new Set(incs.slice(0, 10).map((i) => i.id));
		const added = citing(synthIncidents(25, 9), arts).map((inc, i) => ({ ...inc, id: `new-inc-${i}` }));
		const updated = updateStore(old, { incidents: { fresh: added, gone: removed } });
		const next = [...incs.filter((i) => !removed.has(i.id)), ...added];
		expect(summary(updated)).toEqual(summary(storeOf(arts, next)));
	});

	it('an actor removed: its incidents are no longer listed under it', () => {
		const who = old.incidentsByActor.keys().next().value as string;
		const updated = updateStore(old, { actors: { fresh: [], gone: new Set([who]) } });
		expect(updated.incidentsByActor.has(who)).toBe(false);
		expect(summary(updated)).toEqual(
			summary(
				storeOf(
					arts,
					incs,
					bundled.actors.filter((a) => a.id !== who),
				),
			),
		);
	});
});
