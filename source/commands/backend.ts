// The data a command reads, through one Backend: the store it loads, or the
// SQLite index above the size where memory would not do (io/store/choose.ts).
// Building or updating the index shows a progress bar on a terminal.
import { existsSync } from 'node:fs';
import { EXIT } from '../core/exit.js';
import { Resolver } from '../core/resolve.js';
import { DataDirError } from '../io/load/loader.js';
import { inMemory, type Opened, openIndexed } from '../io/store/choose.js';
import { storageMode, usesIndex } from '../io/store/mode.js';
import { closeIndex, ensureIndex } from '../io/store/sqlite/ensure.js';
import { indexLocation } from '../io/store/sqlite/location.js';
import { IndexBusy } from '../io/store/sqlite/open.js';
import type { RunInput } from './command.js';
import type { Ctx } from './context.js';
import { indexProgressLine } from './indexProgress.js';
import { terminalProgress } from './progress.js';

export interface CommandData extends Opened {
	resolver: Resolver;
}

export async function openData(
	input: Pick<RunInput<unknown>, 'ctx' | 'config' | 'dataDir' | 'load'>,
	name: string,
): Promise<CommandData | number> {
	const { ctx, config, dataDir } = input;
	const mode = storageMode(config.settings.storage, process.env, (m) => ctx.err(`sitrep: warning: ${m}`));
	if (!usesIndex(mode, dataDir)) {
		const loaded = await input.load();
		if (typeof loaded === 'number') return loaded;
		return { ...inMemory(loaded), resolver: loaded.resolver };
	}
	const bar = terminalProgress();
	try {
		const opened = await openIndexed(
			dataDir,
			bar && ((done, total, phase) => bar(indexProgressLine(done, total, phase))),
		);
		bar?.(undefined);
		for (const m of opened.messages) ctx.err(`sitrep ${name}: ${m}`);
		return { ...opened, resolver: new Resolver(opened.data) };
	} catch (err) {
		bar?.(undefined);
		if (err instanceof DataDirError || err instanceof IndexBusy) {
			ctx.err(`sitrep ${name}: ${err.message}`);
			return err instanceof IndexBusy ? EXIT.problems : EXIT.data;
		}
		throw err;
	}
}

/**
 * After import, ingest or fetch wrote to `dir`: an index that exists is brought up to date
 * now (only the changed files), so the next reader opens it at once. Never fails the write:
 * a problem is said and the next reader updates it instead.
 */
export async function refreshIndex(dir: string, name: string, ctx: Ctx): Promise<void> {
	if (!existsSync(indexLocation(dir))) return;
	try {
		const index = await ensureIndex(dir);
		closeIndex(index);
		for (const m of index.messages) ctx.err(`sitrep ${name}: ${m}`);
	} catch (err) {
		ctx.err(
			`sitrep ${name}: warning: the index was not updated (${err instanceof Error ? err.message : String(err)}); the next command that reads it will`,
		);
	}
}

/** Exit statuses after which something may have been written. */
export const WROTE = new Set<number>([EXIT.ok, EXIT.problems]);
