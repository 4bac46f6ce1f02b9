import { defineCommand } from '../command.js';
import { DRY_RUN_FLAG, JSON_FLAG } from '../flags.js';

export const importCommand = defineCommand({
	name: 'import',
	summary: 'add an ACLED or UCDP GED CSV export to the data',
	about: [
		"Adds an ACLED or UCDP GED CSV export, or one of sitrep's own exports (a round trip of sitrep export), to the data directory: new records are added, changed ones updated, and every row read is accounted for. Exit 1 when rows were skipped.",
	],
	usage: ['import [acled|ucdp] FILE.csv [--dry-run] [--json]', 'import FILE.csv|FILE.json [--dry-run] [--json]'],
	synopsis: 'import [acled|ucdp] FILE',
	flags: { ...DRY_RUN_FLAG, ...JSON_FLAG },
	examples: [
		'sitrep import acled 2024-pakistan.csv --dry-run',
		'sitrep import ucdp ged-pakistan.csv --data ./mydata',
		'sitrep import pk-2024.csv',
	],
	async run({ args, flags, ctx, dataDir }) {
		const [{ runImport }, { terminalProgress }] = await Promise.all([import('../import.js'), import('../progress.js')]);
		const code = await runImport(
			dataDir,
			args,
			{ json: flags.json, dryRun: flags.dryRun, progress: terminalProgress() },
			ctx,
		);
		const { refreshIndex, WROTE } = await import('../backend.js');
		if (!flags.dryRun && WROTE.has(code)) await refreshIndex(dataDir, 'import', ctx);
		return code;
	},
});
