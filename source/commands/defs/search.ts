import { defineCommand } from '../command.js';
import { JSON_FLAG, LIMIT_FLAG, VIEW_FLAG } from '../flags.js';

export const search = defineCommand({
	name: 'search',
	summary: 'fuzzy search of articles and incidents',
	about: [
		'Ranked results with snippets: matches highlighted on a terminal, plain when piped, and as ranges in --json.',
	],
	usage: ['search QUERY [--limit N] [--view NAME] [--json]'],
	synopsis: 'search QUERY',
	words: 'query',
	flags: { ...LIMIT_FLAG, ...VIEW_FLAG, ...JSON_FLAG },
	examples: ['sitrep search "muzamil balkh"', "sitrep search 'haqani kabul country:AF since:2024' --json"],
	async sections() {
		return [
			{
				title: 'Search queries',
				lines: [
					'free words (typos forgiven) · "exact phrase" · -word to exclude · filters:',
					'country:PK actor:iskp type:"suicide bombing" since:2024-01 until:2024-12 source:NAME in:articles|incidents',
				],
			},
		];
	},
	async run(input) {
		const { args, flags, ctx, config } = input;
		const views = await import('../views.js');
		const viewed = views.filterWithView(config, { country: [], actor: [], type: [], view: flags.view }, 'search', ctx);
		if (typeof viewed === 'number') return viewed;
		const { view } = viewed;
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'search');
		if (typeof data === 'number') return data;
		// The words given, else the view's query; and the view's filter in the query language.
		const query = [args.join(' ') || view?.query || '', view ? views.viewSearchFilters(view, data.resolver) : '']
			.join(' ')
			.trim();
		try {
			const { runSearch } = await import('../search.js');
			return runSearch(data.data, data.resolver, query, { limit: flags.limit, json: flags.json }, ctx);
		} finally {
			data.close();
		}
	},
});
