import { defineCommand } from '../command.js';
import { JSON_FLAG, WINDOW_FLAGS } from '../flags.js';

export const actor = defineCommand({
	name: 'actor',
	summary: 'an actor\'s profile (fuzzy: "haqani" finds Haqqani)',
	about: [
		"The best match by name or alias (typos and diacritics allowed), its profile within the window, then the other close matches. The profile opens on what the actor did where: per country, its incidents as perpetrator, claimant and target up to the window's end, and the latest one there (date, place, type, toll); then when it was last seen, kept apart as its last incident and the last article that mentions it; the window's counts followed by the window's incidents; then aliases, affiliations, all its incidents and the articles that mention it.",
		"With --json, the profile adds `activity` (one entry per country, busiest first: `country`, `incidents`, `perpetrator`, `claimant`, `target`, and `latest`: `id`, `date`, `country`, `place`, `type`, `fatalities` (null when not reported; `fatalitiesLow`/`fatalitiesHigh` for a range), `roles`), `targets` (what its attacks as perpetrator or claimant were aimed at, busiest first: `kind` — police, security-forces, civilians, officials, religious, foreigners, infrastructure, education, journalists — `label`, `incidents`, `latest`), `windowIncidents` (the window's incidents, newest first, in the same shape as `latest`), `lastIncident` and `lastMentioned`; `firstSeen`/`lastSeen` still span both incidents and articles.",
	],
	usage: ['actor NAME [--window DAYS] [--as-of DATE] [--json]'],
	synopsis: 'actor NAME',
	flags: { ...WINDOW_FLAGS, ...JSON_FLAG },
	examples: ['sitrep actor haqani', 'sitrep actor "ISIS-K" --window 365 --json'],
	async run(input) {
		const { args, flags, ctx } = input;
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'actor');
		if (typeof data === 'number') return data;
		try {
			const { runActor } = await import('../actor.js');
			return runActor(data.data, args.join(' '), flags, ctx);
		} finally {
			data.close();
		}
	},
});
