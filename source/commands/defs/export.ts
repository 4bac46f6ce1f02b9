import { defineCommand } from '../command.js';
import { FILTER_FLAGS, LIMIT_FLAG, OUT_FLAG, VIEW_FLAG } from '../flags.js';

export const exportCommand = defineCommand({
	name: 'export',
	summary: 'incidents, articles or actors as csv, json or ndjson',
	about: [
		"The records the filters select (articles and actors: also a query, which ranks them best first unless --sort date), for spreadsheets or other tools. JSON is the wrapper a data directory loads; CSV cells that a spreadsheet would run as a formula get a leading '. sitrep import reads the files back.",
	],
	usage: [
		'export incidents|articles|actors [QUERY] [filters] [--sort rank|date] [--format csv|json|ndjson] [--out FILE]',
	],
	synopsis: 'export KIND [QUERY]',
	words: 'query',
	flags: {
		...FILTER_FLAGS,
		...LIMIT_FLAG,
		format: {
			type: 'string',
			value: 'F',
			help: "csv, json or ndjson (default: from --out's extension, else csv)",
		},
		sort: {
			type: 'string',
			value: 'ORDER',
			help: 'rank (best match first: the default with a query, as sitrep search ranks) or date (newest first)',
		},
		...OUT_FLAG,
		bom: { type: 'boolean', help: 'start CSV with a byte order mark (for Excel)' },
		...VIEW_FLAG,
	},
	examples: [
		'sitrep export incidents --country PK --since 2024 --out pk-2024.csv',
		"sitrep export articles 'haqqani kabul' --format ndjson",
		"sitrep export articles 'kabul' --limit 5 --sort date",
	],
	async run(input) {
		const { args, flags, ctx, config } = input;
		const { filterWithView } = await import('../views.js');
		const viewed = filterWithView(config, flags, 'export', ctx);
		if (typeof viewed === 'number') return viewed;
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'export');
		if (typeof data === 'number') return data;
		try {
			const { runExport } = await import('../export.js');
			const [kind, ...query] = args;
			return runExport(
				data.data,
				data.resolver,
				kind,
				{
					...viewed.filter,
					format: flags.format,
					limit: flags.limit,
					sort: flags.sort,
					out: flags.out,
					bom: flags.bom,
					query: query.join(' ') || undefined,
				},
				ctx,
			);
		} finally {
			data.close();
		}
	},
});
