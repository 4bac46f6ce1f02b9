import type { Face } from '../command.js';
import { WINDOW_FLAGS } from '../flags.js';

/** `sitrep` with no command. It runs in the ui layer, which commands may not import: cli.tsx starts it. */
export const dashboard = {
	name: '',
	summary: 'open the dashboard (needs a terminal)',
	about: [
		'The dashboard, full screen: Timeline, Actors, Risk and Search panes over the data directory. It needs a terminal on stdin and stdout; anything else gets exit 4 and a pointer to the commands.',
	],
	usage: ['[--data DIR] [--window DAYS] [--as-of DATE] [--theme NAME] [--profile FILE]'],
	synopsis: '[--data DIR]',
	words: 'none',
	flags: {
		...WINDOW_FLAGS,
		theme: {
			type: 'string',
			value: 'NAME',
			help: 'colours: default, high-contrast or mono (also: sitrep config set theme)',
		},
		profile: {
			type: 'string',
			value: 'FILE',
			help: 'log start-up, and per frame the render time, bytes and key latency, to FILE',
		},
	},
	examples: ['sitrep', 'sitrep --data ./mydata --window 365', 'sitrep --theme high-contrast'],
} as const satisfies Face;
