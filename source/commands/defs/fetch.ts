import { defineCommand } from '../command.js';
import { DRY_RUN_FLAG, JSON_FLAG } from '../flags.js';

export const fetch = defineCommand({
	name: 'fetch',
	summary: 'pull new items from the sources in feeds.json (--every: keep doing it)',
	about: [
		'Fetches every source in feeds.json (or the named ones; --due: only those whose interval has passed) and writes what is new through the same atomic, locked writer as import and ingest: articles to articles/feed-NAME.jsonl, incidents to incidents/feed-NAME.jsonl, a record already in the data updated where it is. Requests are conditional (ETag, Last-Modified), so a source that has nothing new costs one 304.',
		"One source failing never loses another's items: it is reported (exit 1) and the rest is written. --every keeps running, fetching each source when it is due, until SIGTERM or Ctrl-C (it ends cleanly, after the write in progress); one per data directory.",
	],
	usage: ['fetch [NAME...] [--due] [--dry-run] [--json]', 'fetch --every [N] [--json]'],
	synopsis: 'fetch [NAME...]',
	flags: {
		due: { type: 'boolean', help: 'only the sources whose --every interval has passed (for cron)' },
		every: {
			type: 'string',
			optionalValue: true,
			value: 'N',
			help: 'keep running until SIGTERM: each source when it is due (--every 5m: every source every 5 minutes)',
		},
		...DRY_RUN_FLAG,
		...JSON_FLAG,
	},
	examples: [
		'sitrep fetch',
		'sitrep fetch pk-news --json',
		'sitrep fetch --due',
		'sitrep fetch --every --data ~/sitrep-data',
		'sitrep fetch --every 5m',
	],
	async run({ args, flags, ctx, dataDir, version }) {
		const { runFetchCommand } = await import('../fetch.js');
		const code = await runFetchCommand(args, flags, { dataDir, version }, ctx);
		const { refreshIndex, WROTE } = await import('../backend.js');
		if (!flags.dryRun && flags.every === undefined && WROTE.has(code)) await refreshIndex(dataDir, 'fetch', ctx);
		return code;
	},
});
