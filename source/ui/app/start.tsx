// `sitrep` with no command, on a terminal: the flags checked, the terminal
// taken, the data loaded (a big set in stages), the dashboard run; after a
// slow start, the load cache made in the background for the next one.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../core/exit.js';
import { type RiskDays, riskWindow, windowProblem } from '../../core/risk.js';
import { sanitizeLine, sanitizeText } from '../../core/sanitize.js';
import { loadOrExplain } from '../../io/load/dataDir.js';
import { DataDirError } from '../../io/load/loader.js';
import type { Staged } from '../../io/load/staged.js';
import type { Snapshot } from '../../io/load/watchDir.js';
import {
	type ConfigHandle,
	DATA_WATCH_MODES,
	type DataWatch,
	parseSetting,
	type ThemeSetting,
} from '../../io/settings/config.js';
import type { Opened } from '../../io/store/choose.js';
import { storageMode, usesIndex } from '../../io/store/mode.js';
import type { Progress } from '../../io/store/sqlite/dataFiles.js';
import { createProfiler, type Profiler } from './profiler.js';

export interface DashboardStart {
	dir: string;
	config: ConfigHandle;
	window?: number;
	asOf?: string;
	theme?: string;
	/** --no-color: the mono theme, whatever --theme says. */
	mono: boolean;
	/** --profile FILE (or SITREP_PROFILE). */
	profile?: string;
	version: string;
	/** The running script (dist/cli.js): the articles worker sits beside it, and the background cache runs it. */
	cliUrl: string;
	/** A line for stderr; it goes through the sanitizer. */
	err(line: string): void;
	/** The progress line of an index build or update on stderr, before the terminal is taken (none when stderr is not a terminal). */
	indexProgress?: () => Promise<{ step: Progress; end(): void } | undefined>;
}

export async function startDashboard(opts: DashboardStart): Promise<number> {
	const { dir, config, err } = opts;
	const warnings = () => config.warnings.map((w) => `sitrep: warning: ${w}`);
	// Refused before the terminal is taken: nothing flashes on the screen for a typo.
	const refuse = (problem: string) => {
		for (const line of [...warnings(), `sitrep: ${problem}`]) err(line);
		return EXIT.usage;
	};
	let theme: ThemeSetting | undefined = opts.mono ? 'mono' : undefined;
	if (!theme && opts.theme !== undefined) {
		try {
			theme = parseSetting('theme', opts.theme) as ThemeSetting;
		} catch (e) {
			return refuse(`--theme: ${(e as Error).message.replace(/^theme: /, '')}`);
		}
	}
	const days = opts.window ?? 90;
	const problem = windowProblem(days, opts.asOf);
	if (problem) return refuse(problem);
	const profiler = createProfiler(opts.profile);
	profiler.mark('cli ready (modules loaded, flags parsed, settings read)');
	const watchMode = dataWatchOf(process.env.SITREP_WATCH, config);
	// The files as they are before reading them (or indexing them): whatever is written meanwhile is read again after.
	const baseline = watchMode === 'off' ? undefined : (await import('../../io/load/watchDir.js')).snapshotOf(dir);
	const watch = baseline && watchMode !== 'off' ? { mode: watchMode, baseline } : undefined;
	const storage = storageMode(config.settings.storage, process.env, (m) => config.warnings.push(m));
	if (isDirectory(dir) && usesIndex(storage, dir)) return startIndexed(opts, days, theme, profiler, refuse, watch);
	const { runTui, takeTerminal } = await import('./run.js');
	const terminal = takeTerminal(sanitizeLine(dir));
	// Anything said before the dashboard starts must reach the normal screen.
	const pending: string[] = [];
	const fail = (code: number) => {
		terminal.restore();
		terminal.release();
		for (const line of [...warnings(), ...pending]) err(line);
		return code;
	};
	const { bundledWorkerUrl, loadStaged } = await import('../../io/load/staged.js');
	let staged: Staged | number;
	try {
		// A big data set shows its first frame without the articles; a worker brings them.
		staged = await loadOrExplain(
			dir,
			(line) => pending.push(line),
			(d) => loadStaged(d, bundledWorkerUrl(opts.cliUrl), opts.version),
		);
	} catch (e) {
		// Leave the alternate screen before the error is printed.
		const why = `sitrep: ${sanitizeText(e instanceof Error ? (e.stack ?? e.message) : String(e))}`;
		return terminal.end(EXIT.crash, `${[...pending, why].join('\n')}\n`);
	}
	if (typeof staged === 'number') return fail(staged);
	const { store } = staged.first;
	const window = riskWindow(store, { days: days as RiskDays, ...(opts.asOf ? { asOf: opts.asOf } : {}) });
	profiler.mark(
		`data loaded${staged.fromCache ? ' (from the load cache)' : ''}: ${store.incidents.length} incidents, ${staged.rest ? 'articles to follow' : `${store.articles.length} articles`}, ${store.actors.length} actors`,
	);
	const rest = staged.rest?.then((full) => {
		profiler.mark(`articles loaded: ${full.store.articles.length}`);
		return full;
	});
	const workerUrl = bundledWorkerUrl(opts.cliUrl);
	const code = await runTui(staged.first, config, terminal, {
		days: window.days,
		asOf: opts.asOf,
		profiler,
		rest,
		...(theme ? { theme } : {}),
		...(watch ? { live: { ...watch, ...(workerUrl ? { workerUrl } : {}) } } : {}),
	});
	// A big, clean data set that was loaded the slow way is cached for the next start by a
	// process of its own, after this one has given the terminal back: nothing here waits for it.
	if (staged.cacheWanted) await cacheInBackground(opts.cliUrl, dir);
	return code;
}

function isDirectory(dir: string): boolean {
	try {
		return statSync(dir).isDirectory();
	} catch {
		return false;
	}
}

/**
 * A data set too big for memory (or `storage: index`): its SQLite index is built or brought up
 * to date first, with a progress line, before the terminal is taken; then every pane reads
 * through it. The records stay on disk, so nothing loads in stages and nothing is cached.
 */
async function startIndexed(
	opts: DashboardStart,
	days: number,
	theme: ThemeSetting | undefined,
	profiler: Profiler,
	refuse: (problem: string) => number,
	watch: { mode: 'auto' | 'poll'; baseline: Snapshot } | undefined,
): Promise<number> {
	const { dir, config } = opts;
	const bar = await opts.indexProgress?.();
	// SQLite is loaded only now: a start that reads into memory never needs it.
	const [{ openIndexed, reopenIndexed }, { IndexBusy }] = await Promise.all([
		import('../../io/store/choose.js'),
		import('../../io/store/sqlite/open.js'),
	]);
	let opened: Opened;
	try {
		opened = await openIndexed(dir, bar?.step);
	} catch (e) {
		if (e instanceof DataDirError || e instanceof IndexBusy) return refuse(e.message);
		throw e;
	} finally {
		bar?.end();
	}
	for (const m of opened.messages) config.warnings.push(m);
	const { data } = opened;
	const totals = data.totals();
	profiler.mark(
		`index opened: ${totals.incidents} incidents, ${totals.articles} articles, ${data.actors.length} actors`,
	);
	const { runTui, takeTerminal } = await import('./run.js');
	const terminal = takeTerminal(sanitizeLine(dir));
	const window = riskWindow(data, { days: days as RiskDays, ...(opts.asOf ? { asOf: opts.asOf } : {}) });
	try {
		const cliPath = fileURLToPath(opts.cliUrl);
		const live = watch ? { ...watch, cliPath, reopen: () => reopenIndexed(dir) } : undefined;
		return await runTui({ data, dir, problems: opened.problems, ...(live ? { live } : {}) }, config, terminal, {
			days: window.days,
			asOf: opts.asOf,
			profiler,
			...(theme ? { theme } : {}),
			// An update at start left its WAL to copy back (update.ts): done once the first keys are drawn.
			whenQuiet: () => opened.settle?.(),
		});
	} finally {
		opened.close();
	}
}

/** SITREP_WATCH beats the dataWatch setting; a value it does not know is said once and ignored. */
function dataWatchOf(env: string | undefined, config: ConfigHandle): DataWatch {
	if (env !== undefined && env !== '') {
		if ((DATA_WATCH_MODES as readonly string[]).includes(env)) return env as DataWatch;
		config.warnings.push(`SITREP_WATCH=${sanitizeLine(env)} ignored: expected ${DATA_WATCH_MODES.join(', ')}`);
	}
	return config.settings.dataWatch ?? 'auto';
}

/** node:child_process is imported only then: most starts never need it. */
async function cacheInBackground(cliUrl: string, dir: string): Promise<void> {
	try {
		const { spawn } = await import('node:child_process');
		const child = spawn(process.execPath, [fileURLToPath(cliUrl), 'cache', '--data', dir], {
			detached: true,
			stdio: 'ignore',
		});
		child.on('error', () => {});
		child.unref();
	} catch {
		// The cache only makes the next start faster.
	}
}
