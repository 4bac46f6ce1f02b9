// Every command sitrep has, in the order `sitrep --help` lists them. A name
// lives only in its definition (defs/): the help pages, docs/commands.md,
// "did you mean", flag checking and dispatch all read this list.
import { closest } from '../core/words.js';
import type { Command, Face } from './command.js';
import { actor } from './defs/actor.js';
import { brief } from './defs/brief.js';
import { cache } from './defs/cache.js';
import { config } from './defs/config.js';
import { dashboard } from './defs/dashboard.js';
import { dataIndex } from './defs/dataIndex.js';
import { exportCommand } from './defs/export.js';
import { feeds } from './defs/feeds.js';
import { fetch } from './defs/fetch.js';
import { importCommand } from './defs/import.js';
import { ingest } from './defs/ingest.js';
import { risk } from './defs/risk.js';
import { search } from './defs/search.js';
import { timeline } from './defs/timeline.js';
import { validate } from './defs/validate.js';
import { views } from './defs/views.js';
import { watch } from './defs/watch.js';

export const COMMANDS: readonly Command[] = [
	validate,
	timeline,
	actor,
	risk,
	brief,
	search,
	importCommand,
	ingest,
	feeds,
	fetch,
	exportCommand,
	cache,
	dataIndex,
	config,
	watch,
	views,
];

/** `sitrep` with no command. */
export const DASHBOARD: Face = dashboard;

export function findCommand(name: string): Command | undefined {
	return COMMANDS.find((c) => c.name === name);
}

/** The command a mistyped name most likely meant. */
export function suggestCommand(name: string): string | undefined {
	return closest(
		name,
		COMMANDS.map((c) => c.name),
	);
}
