import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const cache = defineCommand({
	name: 'cache',
	summary: 'the start-up cache of a big data set (also made on quit)',
	about: [
		'Writes the start-up cache of a big, clean data set, so the next dashboard start skips parsing and checking. The dashboard makes it by itself when it quits after a slow start; cron can run it after an import.',
	],
	usage: ['cache [--json]'],
	synopsis: 'cache',
	words: 'none',
	flags: { ...JSON_FLAG },
	examples: ['sitrep cache --data ./big'],
	async run({ flags, ctx, dataDir, version }) {
		const { runCache } = await import('../cache.js');
		return runCache(dataDir, version, flags, ctx);
	},
});
