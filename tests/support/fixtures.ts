// Hand-built records for small stores: only the fields a test cares about,
// the rest filled with the schema's defaults.
import type { Actor, Article, Country, Incident } from '../../source/core/schema.js';
import { buildStore, type Store } from '../../source/core/store.js';

export function incident(over: Partial<Incident> & Pick<Incident, 'id' | 'date'>): Incident {
	return {
		country: 'XX',
		type: 'other',
		perpetrators: [],
		targets: [],
		description: `Incident ${over.id}.`,
		sources: [{ outlet: 'Test', date: '2025-01-01' }],
		tags: [],
		...over,
	};
}

export function actor(over: Partial<Actor> & Pick<Actor, 'id' | 'name'>): Actor {
	return { aliases: [], kind: 'group', affiliations: [], countries: [], summary: `About ${over.name}.`, ...over };
}

export function article(over: Partial<Article> & Pick<Article, 'id' | 'published'>): Article {
	return {
		title: `Article ${over.id}`,
		source: 'Test Wire',
		countries: [],
		actors: [],
		tags: [],
		body: 'Nothing to see.',
		...over,
	};
}

export function country(over: Partial<Country> & Pick<Country, 'code' | 'name'>): Country {
	return { region: 'Testland', tags: [], ...over };
}

export function store(records: {
	incidents?: Incident[];
	actors?: Actor[];
	articles?: Article[];
	countries?: Country[];
}): Store {
	return buildStore('test-data', {
		incidents: records.incidents ?? [],
		actors: records.actors ?? [],
		articles: records.articles ?? [],
		countries: records.countries ?? [],
	});
}
