import { defineCommand } from '../command.js';
import { JSON_FLAG, WINDOW_FLAGS } from '../flags.js';

export const actor = defineCommand({
	name: 'actor',
	summary: 'an actor\'s profile (fuzzy: "haqani" finds Haqqani)',
	about: [
		'The best match by name or alias (typos and diacritics allowed), its profile within the window (affiliations, incidents, articles that mention it), then the other close matches.',
	],
	usage: ['actor NAME [--window DAYS] [--as-of DATE] [--json]'],
	synopsis: 'actor NAME',
	flags: { ...WINDOW_FLAGS, ...JSON_FLAG },
	examples: ['sitrep actor haqani', 'sitrep actor "ISIS-K" --window 365 --json'],
	async run({ args, flags, ctx, load }) {
		const data = await load();
		if (typeof data === 'number') return data;
		const { runActor } = await import('../actor.js');
		return runActor(data.store, args.join(' '), flags, ctx);
	},
});
