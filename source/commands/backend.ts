// The data a command reads, through one Backend: the store it loads, or the
// SQLite index above the size where memory would not do (io/store/choose.ts).
// Building or updating the index shows a progress bar on a terminal.
import { EXIT } from '../core/exit.js';
import { Resolver } from '../core/resolve.js';
import { DataDirError } from '../io/load/loader.js';
import { inMemory, type Opened, openIndexed, storageMode, usesIndex } from '../io/store/choose.js';
import { IndexBusy } from '../io/store/sqlite/open.js';
import type { RunInput } from './command.js';
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
