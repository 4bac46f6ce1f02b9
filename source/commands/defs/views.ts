import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const views = defineCommand({
	name: 'views',
	summary: 'views saved in the dashboard (s); use one with --view NAME',
	about: [
		'The views saved in the dashboard with s. --view NAME on timeline, export and search uses one: its filter, and for search its query; flags given beside it win.',
	],
	usage: ['views [--json]'],
	synopsis: 'views',
	words: 'none',
	flags: { ...JSON_FLAG },
	examples: ['sitrep views', 'sitrep timeline --view "AF last 90 days" --json'],
	async run({ flags, ctx, config }) {
		const { runViews } = await import('../views.js');
		return runViews(config, flags.json, ctx);
	},
});
