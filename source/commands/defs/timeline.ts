import { defineCommand } from '../command.js';
import { FILTER_FLAGS, JSON_FLAG, LIMIT_FLAG, VIEW_FLAG } from '../flags.js';

export const timeline = defineCommand({
	name: 'timeline',
	summary: 'incidents, newest first',
	about: [
		'Incidents newest first, or counts per week or month (--by). Filter values are forgiving: --country pakistan, --country AF,PK, --actor "ISIS-K", --actor haqani (typos), --type suicide (a unique prefix). An actor includes the groups within it (--actor taliban also selects the Haqqani network).',
		'A value with a leading minus leaves it out: --country=-AF,-PK is neither Afghanistan nor Pakistan (write the = : a word starting with - after a space reads as a flag in most tools); --actor=-taliban leaves out the Taliban and the groups within them. Values asked for and values left out mix: --actor iskp --country=-AF,-PK is ISKP outside both.',
		'--sort fatalities lists the deadliest first (the counted toll: the best estimate, else the low end); incidents without a toll come last, after a line that says how many. --sort date (newest first) is the default.',
		'Dates are YYYY, YYYY-MM or YYYY-MM-DD (--since also 90d, 12w, 6m, 1y); --until 2024-12 means to the end of December. An incident dated only to a month matches any range that overlaps that month.',
	],
	usage: ['timeline [filters] [--sort date|fatalities] [--limit N] [--by week|month] [--view NAME] [--json]'],
	synopsis: 'timeline [filters]',
	words: 'none',
	flags: {
		...FILTER_FLAGS,
		...LIMIT_FLAG,
		by: { type: 'string', value: 'week|month', help: 'counts per week or month instead of incidents' },
		sort: {
			type: 'string',
			value: 'date|fatalities',
			help: 'newest first (date, the default) or deadliest first (fatalities; no toll last)',
		},
		...VIEW_FLAG,
		...JSON_FLAG,
	},
	examples: [
		'sitrep timeline --country AF --since 2024-12 --until 2024-12',
		'sitrep timeline --actor iskp --country PK --since 2024-07 --json',
		'sitrep timeline --country PK --by month --since 2024',
		'sitrep timeline --since 2024 --until 2024 --sort fatalities --limit 1',
		'sitrep timeline --actor iskp --country=-AF,-PK',
	],
	async run(input) {
		const { flags, ctx, config } = input;
		const { filterWithView } = await import('../views.js');
		const viewed = filterWithView(config, flags, 'timeline', ctx);
		if (typeof viewed === 'number') return viewed;
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'timeline');
		if (typeof data === 'number') return data;
		try {
			const { runTimeline } = await import('../timeline.js');
			return runTimeline(
				data.data,
				data.resolver,
				{
					...viewed.filter,
					limit: flags.limit,
					json: flags.json,
					by: flags.by,
					sort: flags.sort ?? viewed.view?.sort,
				},
				ctx,
			);
		} finally {
			data.close();
		}
	},
});
