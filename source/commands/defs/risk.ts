import { defineCommand } from '../command.js';
import { JSON_FLAG, WINDOW_FLAGS } from '../flags.js';

export const risk = defineCommand({
	name: 'risk',
	summary: 'risk by country, or one country explained',
	about: [
		'The risk table, one row per country: level, score (a yearly rate), trend against its baseline, incidents, killed and tags; or one country with its score explained incident by incident.',
	],
	usage: ['risk [COUNTRY] [--window DAYS] [--as-of DATE] [--json]'],
	synopsis: 'risk [COUNTRY]',
	flags: { ...WINDOW_FLAGS, ...JSON_FLAG },
	examples: ['sitrep risk AF --window 365', 'sitrep risk', 'sitrep risk pakistan --as-of 2024-12 --json'],
	async sections() {
		const { RISK_FORMULA } = await import('../../core/risk.js');
		return [{ title: 'Risk score', lines: RISK_FORMULA.split('\n') }];
	},
	async run({ args, flags, ctx, load }) {
		const data = await load();
		if (typeof data === 'number') return data;
		const { runRisk } = await import('../risk.js');
		return runRisk(data.store, data.resolver, args.join(' ') || undefined, flags, ctx);
	},
});
