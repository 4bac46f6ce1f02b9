import { defineCommand } from '../command.js';
import { DRY_RUN_FLAG, JSON_FLAG } from '../flags.js';

export const ingest = defineCommand({
	name: 'ingest',
	summary: 'text, Markdown or HTML articles, with entities linked',
	about: [
		'Turns article files into article records, with the actors, countries and incident types they name linked (the output shows each link and the text that made it). New articles go to articles/ingested.jsonl; a file that fails is reported and the others still go in (exit 1).',
	],
	usage: ['ingest FILE... [--date D] [--source NAME] [--dry-run] [--json]'],
	synopsis: 'ingest FILE...',
	flags: {
		date: { type: 'string', value: 'D', help: "the articles' publication date (YYYY-MM-DD)" },
		source: { type: 'string', value: 'NAME', help: 'the outlet that published them' },
		...DRY_RUN_FLAG,
		...JSON_FLAG,
	},
	examples: ['sitrep ingest saved/quetta-station.html', 'sitrep ingest notes/*.md --source "Field notes" --dry-run'],
	async run({ args, flags, ctx, dataDir, load }) {
		const data = await load();
		if (typeof data === 'number') return data;
		const { runIngest } = await import('../ingest.js');
		const code = runIngest(data.store, args, { dataDir, ...flags }, ctx);
		const { refreshIndex, WROTE } = await import('../backend.js');
		if (!flags.dryRun && WROTE.has(code)) await refreshIndex(dataDir, 'ingest', ctx);
		return code;
	},
});
