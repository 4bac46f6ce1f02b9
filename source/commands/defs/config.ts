import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const config = defineCommand({
	name: 'config',
	summary: 'settings: dataDir, lastPane, theme, hyperlinks',
	about: [
		'Reads and changes the settings file (`sitrep config path` shows where; SITREP_CONFIG_DIR moves it). The watchlist, saved views and key overrides are set from the dashboard, alert rules by `sitrep watch add --alert`; `config get` shows them as JSON.',
	],
	usage: ['config [get] [KEY] [--json]', 'config set KEY VALUE', 'config unset KEY', 'config path'],
	synopsis: 'config get|set|unset|path',
	flags: { ...JSON_FLAG },
	examples: ['sitrep config set dataDir ~/sitrep-data', 'sitrep config get --json', 'sitrep config path'],
	async run({ args, flags, ctx, config }) {
		const { runConfig } = await import('../config.js');
		return runConfig(args, config, flags.json, ctx);
	},
});
