// sitrep fetch: once (every source, the named ones, or the due ones), or
// --every: a long-lived process that fetches each source when it is due,
// one per data directory, ending cleanly on SIGTERM or Ctrl-C after the
// write in progress.
import { everyMs, parseEvery } from '../core/feeds/sources.js';
import { sanitizeLine } from '../core/sanitize.js';
import { FeedsFileError, readFeeds } from '../io/feeds/file.js';
import type { FetchReport } from '../io/feeds/report.js';
import { FetchUsageError, runFetch } from '../io/feeds/run.js';
import { readState } from '../io/feeds/state.js';
import { isBundledDataDir } from '../io/load/dataDir.js';
import { takeLock, WriteError } from '../io/write.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';
import { sourceLines } from './feeds.js';

export interface FetchFlags {
	due: boolean;
	/** Given: keep running; "" each source on its own interval, else this one for all. */
	every?: string;
	dryRun: boolean;
	json: boolean;
}

/** Held by a `fetch --every` for as long as it runs. */
export const EVERY_LOCK = '.sitrep-fetch-every.lock';
/** The longest an --every process sleeps before looking at feeds.json again (a source added meanwhile). */
const MAX_SLEEP_MS = 60_000;

function exitOf(report: FetchReport): number {
	if (report.writeError) return EXIT.data;
	return report.failed ? EXIT.problems : EXIT.ok;
}

function print(report: FetchReport, ctx: Ctx, json: boolean): void {
	if (json) {
		ctx.out(terminalJson(report));
		return;
	}
	for (const note of report.notes) ctx.err(`sitrep fetch: ${note}`);
	if (report.sources.length === 0) {
		ctx.out('nothing to fetch (no source is due)');
		return;
	}
	for (const r of report.sources) for (const line of sourceLines(r, { dryRun: report.dryRun })) ctx.out(line);
	const would = report.dryRun ? ' (dry run: nothing written)' : '';
	ctx.out(
		`${report.sources.length} source${report.sources.length === 1 ? '' : 's'}: ${report.new} new, ${report.updated} updated${report.failed ? `, ${report.failed} failed` : ''}${would}`,
	);
	if (report.writeError) ctx.err(`sitrep fetch: nothing was written: ${report.writeError}`);
}

const sleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (signal.aborted) return resolve();
		const t = setTimeout(done, ms);
		function done() {
			clearTimeout(t);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done);
	});

async function every(
	dir: string,
	interval: number | undefined,
	flags: FetchFlags,
	version: string,
	ctx: Ctx,
): Promise<number> {
	let release: () => void;
	try {
		release = takeLock(dir, EVERY_LOCK, {
			timeoutMs: 0,
			busy: (pid) => `a sitrep fetch --every (pid ${pid}) is already running for ${dir}`,
		});
	} catch (err) {
		if (!(err instanceof WriteError)) throw err;
		ctx.err(`sitrep fetch: ${err.message}`);
		return EXIT.data;
	}
	const stop = new AbortController();
	let signalled: NodeJS.Signals | undefined;
	const onSignal = (s: NodeJS.Signals) => () => {
		if (!signalled) {
			signalled = s;
			if (!flags.json) ctx.err(`sitrep fetch: ${s}: stopping after the write in progress`);
		}
		stop.abort();
	};
	const handlers = [
		['SIGTERM', onSignal('SIGTERM')],
		['SIGINT', onSignal('SIGINT')],
	] as const;
	// The command line's own handlers exit at once; this one finishes the turn and lets the locks go.
	const theirs = handlers.map(([s]) => [s, process.listeners(s)] as const);
	for (const [s, h] of handlers) {
		process.removeAllListeners(s);
		process.on(s, h);
	}
	if (!flags.json)
		ctx.out(`sitrep fetch --every: fetching into ${dir} when each source is due (SIGTERM or Ctrl-C ends it)`);
	try {
		while (!stop.signal.aborted) {
			let report: FetchReport | undefined;
			try {
				report = await runFetch({ dir, due: true, interval, dryRun: flags.dryRun, version, signal: stop.signal });
			} catch (err) {
				// A bad feeds.json or a busy directory: said, and tried again at the next turn.
				if (!(err instanceof FeedsFileError || err instanceof WriteError || err instanceof FetchUsageError)) throw err;
				ctx.err(`sitrep fetch: ${err.message}`);
			}
			if (report?.sources.length) {
				if (flags.json) ctx.out(terminalJson(report, 0));
				else {
					ctx.out(`-- ${new Date().toISOString()}`);
					print(report, ctx, false);
				}
			}
			await sleep(untilNextDue(dir, interval), stop.signal);
		}
	} finally {
		for (const [s, h] of handlers) process.off(s, h);
		for (const [s, list] of theirs) for (const l of list) process.on(s, l as () => void);
		release();
	}
	return EXIT.ok;
}

/** How long until the next source is due (at most a minute, so feeds.json changes are seen). */
function untilNextDue(dir: string, interval: number | undefined): number {
	try {
		const { feeds } = readFeeds(dir);
		const { state } = readState(dir);
		const now = Date.now();
		let next = now + MAX_SLEEP_MS;
		for (const f of feeds) {
			const s = state.sources[f.name];
			const last = s?.lastAttempt ? Date.parse(s.lastAttempt) : Number.NaN;
			const due = Number.isNaN(last) ? now : last + (interval ?? everyMs(f));
			const notBefore = s?.notBefore ? Date.parse(s.notBefore) : 0;
			next = Math.min(next, Math.max(due, notBefore));
		}
		return Math.max(1000, next - now);
	} catch {
		return MAX_SLEEP_MS;
	}
}

export async function runFetchCommand(
	names: string[],
	flags: FetchFlags,
	where: { dataDir: string; version: string },
	ctx: Ctx,
): Promise<number> {
	const dir = where.dataDir;
	if (isBundledDataDir(dir)) {
		ctx.err(
			'sitrep fetch: the bundled data/ is a curated sample, not a place to fetch into: give your own directory with --data DIR (or sitrep config set dataDir DIR)',
		);
		return EXIT.usage;
	}
	if (flags.every !== undefined) {
		if (names.length || flags.due || flags.dryRun) {
			ctx.err(
				'sitrep fetch: --every fetches every source when it is due; it takes no names, no --due and no --dry-run',
			);
			return EXIT.usage;
		}
		const interval = flags.every === '' ? undefined : parseEvery(flags.every);
		if (flags.every !== '' && (interval === undefined || interval < 60_000)) {
			ctx.err(
				`sitrep fetch: --every: expected an interval of at least a minute (5m, 1h), or nothing, found "${flags.every}"`,
			);
			return EXIT.usage;
		}
		return every(dir, interval, flags, where.version, ctx);
	}
	try {
		const report = await runFetch({ dir, names, due: flags.due, dryRun: flags.dryRun, version: where.version });
		print(report, ctx, flags.json);
		return exitOf(report);
	} catch (err) {
		if (err instanceof FetchUsageError) {
			ctx.err(`sitrep fetch: ${sanitizeLine(err.message)}`);
			return EXIT.usage;
		}
		if (err instanceof FeedsFileError || err instanceof WriteError) {
			ctx.err(`sitrep fetch: ${err.message}`);
			return EXIT.data;
		}
		throw err;
	}
}
