// Small stores made in a test: the bundled actors and countries, with the
// incidents and articles the test dates itself (alert rules count by date).
import type { Article, Incident } from '../../source/core/schema.js';
import { buildStore, type Store } from '../../source/core/store.js';
import { bundled } from './helpers.js';

export function incident(id: string, date: string, more: Partial<Incident> = {}): Incident {
	return {
		id,
		date,
		country: 'AF',
		type: 'IED',
		perpetrators: ['iskp'],
		targets: [],
		description: `Incident ${id}`,
		sources: [{ outlet: 'Test', date: date.length === 7 ? `${date}-01` : date }],
		tags: [],
		...more,
	} as Incident;
}

export function article(id: string, published: string, more: Partial<Article> = {}): Article {
	return {
		id,
		title: `Article ${id}`,
		published,
		source: 'Test Wire',
		countries: ['AF'],
		actors: ['iskp'],
		tags: [],
		body: `Body of ${id}.`,
		...more,
	} as Article;
}

export function storeOf(incidents: Incident[], articles: Article[] = [], dir = '/tmp/sitrep-alerts-test'): Store {
	const { actors, countries } = bundled().store;
	return buildStore(dir, { incidents, articles, actors, countries });
}
