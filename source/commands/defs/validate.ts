import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const validate = defineCommand({
	name: 'validate',
	summary: 'check the data: every problem, one a line',
	about: [
		'Every data problem, one a line: `file:line:col pointer: message`. Exit 1 on errors, or on warnings too with --strict; the data that is valid still loads everywhere else.',
	],
	usage: ['validate [--strict] [--json]'],
	synopsis: 'validate [--strict]',
	words: 'none',
	flags: {
		strict: { type: 'boolean', help: 'warnings fail too (exit 1)' },
		...JSON_FLAG,
	},
	examples: ['sitrep validate --data ./mydata', 'sitrep validate --strict --json'],
	async run({ flags, ctx, load }) {
		const data = await load();
		if (typeof data === 'number') return data;
		const { runValidate } = await import('../validate.js');
		return runValidate(data, { json: flags.json, strict: flags.strict }, ctx);
	},
});
