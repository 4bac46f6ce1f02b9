import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const watch = defineCommand({
	name: 'watch',
	summary: 'what is new for the watchlist (--mark-seen: now seen)',
	about: [
		"What is new for watched actors, countries and incident types since the last session, for cron or a login script; it marks nothing seen unless given --mark-seen. add, remove and list change or show the watchlist the dashboard's w toggles.",
	],
	usage: ['watch [--json] [--mark-seen]', 'watch add|remove NAME|KEY', 'watch list [--json]'],
	synopsis: 'watch [add|remove|list]',
	flags: {
		'mark-seen': { type: 'boolean', help: 'mark what is reported as seen (a report alone marks nothing)' },
		...JSON_FLAG,
	},
	examples: ['sitrep watch add iskp', 'sitrep watch --mark-seen', 'sitrep watch list --json'],
	async run({ args, flags, ctx, config, load }) {
		const data = await load();
		if (typeof data === 'number') return data;
		const { runWatch } = await import('../watch.js');
		return runWatch(data.store, data.resolver, args, config, flags, ctx);
	},
});
