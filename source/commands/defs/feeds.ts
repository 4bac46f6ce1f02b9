import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const feeds = defineCommand({
	name: 'feeds',
	summary: 'the sources fetch pulls from (feeds.json): add, list, remove, test',
	about: [
		'The sources of the data directory, kept in its feeds.json so a team sharing the directory shares them: RSS and Atom feeds (articles), GDELT 2.0 Events (machine-coded incidents), UCDP and ACLED (incidents). add checks the source before saving it unless --no-check; test fetches one and shows what it would bring, writing nothing. Credentials (UCDP_ACCESS_TOKEN; ACLED_USERNAME and ACLED_PASSWORD, or ACLED_ACCESS_TOKEN, or ACLED_EMAIL and ACLED_KEY) come from the environment and are never stored.',
		'--kind is guessed from the URL when not given: a GDELT lastupdate.txt is gdelt-events, a UCDP or ACLED address is ucdp or acled, anything else rss (Atom and RDF feeds are read as well).',
	],
	usage: [
		'feeds add NAME URL [--kind K] [--every 15m] [--country AF,PK] [--match WORDS] [--full] [--outlet NAME] [--allow-private]',
		'feeds list [--json]',
		'feeds remove NAME',
		'feeds test NAME [--json]',
	],
	synopsis: 'feeds add|list|remove|test',
	flags: {
		kind: { type: 'string', value: 'K', help: 'rss, atom, gdelt-events, ucdp or acled (default: from the URL)' },
		every: { type: 'string', value: 'N', help: 'how often it is due: 15m, 2h, 1d (default 15m; ucdp and acled 1d)' },
		country: {
			type: 'string',
			multiple: true,
			value: 'CODE',
			help: 'keep only items about these countries (ISO codes; GDELT: events placed there)',
		},
		match: {
			type: 'string',
			multiple: true,
			value: 'WORDS',
			help: 'keep only items with one of these words or phrases (comma-separate)',
		},
		full: { type: 'boolean', help: "fetch each new item's page and keep its article text" },
		outlet: { type: 'string', value: 'NAME', help: "the outlet named on its articles (default: the feed's title)" },
		'allow-private': {
			type: 'boolean',
			help: 'allow an address on this machine or a private network (refused otherwise)',
		},
		'root-codes': {
			type: 'string',
			multiple: true,
			value: 'CODES',
			help: 'GDELT: CAMEO root codes kept (default 18,19,20)',
		},
		'no-check': { type: 'boolean', help: 'add: save without fetching the source first' },
		...JSON_FLAG,
	},
	examples: [
		'sitrep feeds add pk-news https://news.example.org/rss.xml --country PK,AF --data ~/sitrep-data',
		'sitrep feeds add gdelt http://data.gdeltproject.org/gdeltv2/lastupdate.txt --country AF,PK,IR',
		'sitrep feeds list',
		'sitrep feeds test pk-news',
	],
	async run({ args, flags, ctx, dataDir, version }) {
		const { runFeeds } = await import('../feeds.js');
		return runFeeds(args, flags, { dataDir, version }, ctx);
	},
});
