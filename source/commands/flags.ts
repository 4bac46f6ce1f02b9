// Flags more than one command takes, defined once: a command lists the ones
// it takes by spreading them into its own flags.
import type { Flags } from './command.js';

/** Taken everywhere, the dashboard included. */
export const GLOBAL_FLAGS = {
	data: {
		type: 'string',
		value: 'DIR',
		help: 'data directory (default: configured dataDir, else the bundled data/: a curated sample, not a live feed, that ends at its last incident)',
	},
	'no-color': { type: 'boolean', help: 'no colours: bold, inverse and underline only (as NO_COLOR=1 does)' },
	help: { type: 'boolean', help: "this help (sitrep COMMAND --help: that command's)" },
	version: { type: 'boolean', help: "sitrep's version" },
} as const satisfies Flags;

export const JSON_FLAG = { json: { type: 'boolean', help: 'machine-readable output' } } as const satisfies Flags;

/** The Timeline pane's filter. */
export const FILTER_FLAGS = {
	country: {
		type: 'string',
		multiple: true,
		value: 'CODE',
		help: 'filter by country (code or name; repeat or comma-separate; --country=-AF,-PK: neither)',
	},
	actor: {
		type: 'string',
		multiple: true,
		value: 'NAME',
		help: 'filter by perpetrator/claimant (id, name or alias; includes groups within it; -NAME leaves it out)',
	},
	type: {
		type: 'string',
		multiple: true,
		value: 'TYPE',
		help: 'filter by incident type ("suicide bombing", IED, ...; -TYPE leaves it out)',
	},
	since: { type: 'string', value: 'DATE', help: 'from this date (YYYY, YYYY-MM or YYYY-MM-DD)' },
	until: { type: 'string', value: 'DATE', help: 'up to this date, inclusive' },
} as const satisfies Flags;

export const LIMIT_FLAG = {
	limit: { type: 'number', value: 'N', help: 'show at most N (search: 20 unless given)' },
} as const satisfies Flags;

export const WINDOW_FLAGS = {
	window: { type: 'number', value: 'DAYS', help: 'risk/activity window: 30, 90 or 365 (default 90)' },
	'as-of': { type: 'string', value: 'DATE', help: 'end the window here (default: the newest incident in the data)' },
} as const satisfies Flags;

/** Risk scores count machine-coded incidents: for the commands that score (risk, brief). */
export const MACHINE_CODED_FLAG = {
	'machine-coded': {
		type: 'boolean',
		help: 'count machine-coded (GDELT) incidents in risk scores (left out by default; the riskMachineCoded setting counts them always)',
	},
} as const satisfies Flags;

export const VIEW_FLAG = {
	view: {
		type: 'string',
		value: 'NAME',
		help: 'a view saved in the dashboard (s): its filter (and query); flags given beside it win',
	},
} as const satisfies Flags;

export const OUT_FLAG = {
	out: { type: 'string', value: 'FILE', help: 'write to FILE instead of stdout (atomically)' },
} as const satisfies Flags;

export const DRY_RUN_FLAG = {
	'dry-run': { type: 'boolean', help: 'report what would change, write nothing' },
} as const satisfies Flags;
