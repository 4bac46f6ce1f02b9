import { defineCommand } from '../command.js';
import { JSON_FLAG, MACHINE_CODED_FLAG, WINDOW_FLAGS } from '../flags.js';

export const risk = defineCommand({
	name: 'risk',
	summary: 'risk by country, or one country explained',
	about: [
		'The risk table, one row per country: level, score (a yearly rate), trend against its baseline, incidents, killed and tags; or one country with its score explained incident by incident.',
	],
	usage: ['risk [COUNTRY] [--window DAYS] [--as-of DATE] [--machine-coded] [--json]'],
	synopsis: 'risk [COUNTRY]',
	flags: { ...WINDOW_FLAGS, ...MACHINE_CODED_FLAG, ...JSON_FLAG },
	examples: ['sitrep risk AF --window 365', 'sitrep risk', 'sitrep risk pakistan --as-of 2024-12 --json'],
	async sections() {
		const { RISK_FORMULA } = await import('../../core/risk.js');
		return [{ title: 'Risk score', lines: RISK_FORMULA.split('\n') }];
	},
	async run(input) {
		const { args, flags, ctx, config } = input;
		const { openData } = await import('../backend.js');
		const data = await openData(input, 'risk');
		if (typeof data === 'number') return data;
		try {
			const { runRisk } = await import('../risk.js');
			const machineCoded = flags.machineCoded || config.settings.riskMachineCoded === true;
			return runRisk(data.data, data.resolver, args.join(' ') || undefined, { ...flags, machineCoded }, ctx);
		} finally {
			data.close();
		}
	},
});
