import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const watch = defineCommand({
	name: 'watch',
	summary: 'what is new for the watchlist, and alert rules that fired (exit 5)',
	about: [
		"What is new for watched actors, countries and incident types since the last session, for cron or a login script; it marks nothing seen unless given --mark-seen. add, remove and list change or show the watchlist the dashboard's w toggles.",
		'Alert rules: `add NAME --alert ">=1 in 24h"` alerts when a watched item has at least that many incidents and articles in the period up to now; `add --alert-query QUERY --alert "2+ in 7d"` counts what the search query finds instead (in:incidents to count incidents only). A rule fires once for the records that made it hold: the report lists it, exits 5 and records it, so the next run fires only for new records (--peek records nothing). `remove NAME` drops the item with its rules; `remove NAME --alert W` or `remove --alert-query QUERY` drops rules only.',
	],
	usage: [
		'watch [--json] [--mark-seen] [--peek] [--as-of DATE]',
		'watch add NAME|KEY [--alert WHEN [--name LABEL]]',
		'watch add --alert-query QUERY --alert WHEN [--name LABEL]',
		'watch remove NAME|KEY [--alert WHEN]',
		'watch remove --alert-query QUERY [--alert WHEN]',
		'watch list [--json]',
	],
	synopsis: 'watch [add|remove|list]',
	flags: {
		'mark-seen': { type: 'boolean', help: 'mark what is reported as seen (a report alone marks nothing)' },
		alert: {
			type: 'string',
			value: 'WHEN',
			help: 'an alert rule: ">=N in PERIOD" or "N+ in PERIOD", PERIOD in h, d or w (">=1 in 24h", "2+ in 7d")',
		},
		'alert-query': {
			type: 'string',
			value: 'QUERY',
			help: 'the rule counts what this search query finds (sitrep search syntax), not a watched item',
		},
		name: { type: 'string', value: 'LABEL', help: "the rule's name in reports (default: the item, or the query)" },
		peek: { type: 'boolean', help: 'report alert rules that would fire without recording them' },
		'as-of': {
			type: 'string',
			value: 'DATE',
			help: 'evaluate alert rules at the end of this UTC day instead of now (records nothing)',
		},
		...JSON_FLAG,
	},
	examples: [
		'sitrep watch add iskp --alert ">=1 in 24h"',
		'sitrep watch add --alert-query \'country:PK type:"suicide bombing" in:incidents\' --alert ">=2 in 7d" --name "PK suicide bombings"',
		'sitrep watch --json --peek',
		'sitrep watch --mark-seen',
		'sitrep watch list --json',
	],
	async run(input) {
		const { args, flags, ctx, config, dataDir } = input;
		// Over the SQLite index for a big data set, as the other readers: the same answers.
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'watch');
		if (typeof data === 'number') return data;
		try {
			const { runWatch } = await import('../watch.js');
			return await runWatch(data.data, dataDir, data.resolver, args, config, flags, ctx);
		} finally {
			data.close();
		}
	},
});
