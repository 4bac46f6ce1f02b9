import { defineCommand } from '../command.js';
import { MACHINE_CODED_FLAG, OUT_FLAG, WINDOW_FLAGS } from '../flags.js';

export const brief = defineCommand({
	name: 'brief',
	summary: 'a Markdown briefing (--out FILE to write it)',
	about: [
		'A Markdown briefing on a country (a code or a name) or else an actor: risk, tags, key incidents, actors and articles. --out writes it to a file atomically: a reader sees the old file or the new one.',
	],
	usage: ['brief COUNTRY|ACTOR [--window DAYS] [--as-of DATE] [--machine-coded] [--out FILE]'],
	synopsis: 'brief COUNTRY|ACTOR',
	flags: { ...WINDOW_FLAGS, ...MACHINE_CODED_FLAG, ...OUT_FLAG },
	examples: ['sitrep brief AF --out brief-af.md', 'sitrep brief iskp --window 365'],
	async run(input) {
		const { args, flags, ctx, config, dataDir } = input;
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'brief');
		if (typeof data === 'number') return data;
		try {
			const { runBrief } = await import('../brief.js');
			const machineCoded = flags.machineCoded || config.settings.riskMachineCoded === true;
			return runBrief(data.data, data.resolver, args.join(' '), { ...flags, machineCoded }, ctx, dataDir);
		} finally {
			data.close();
		}
	},
});
