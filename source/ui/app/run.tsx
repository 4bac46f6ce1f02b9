// Starts the dashboard full screen in the alternate screen buffer and
// restores the terminal on every way out: q, Ctrl-C, SIGTERM, SIGHUP, a crash.
// A terminal that hung up (a dropped SSH connection) is not restored: what the
// session keeps is saved, nothing is written to it, and the process ends by
// SIGHUP (129; see io/hangup.ts).
import { render } from 'ink';
import { useEffect, useState } from 'react';
import { backendOf } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { G } from '../../core/glyphs.js';
import type { Problem } from '../../core/problems.js';
import type { RiskDays } from '../../core/risk.js';
import { sanitizeText } from '../../core/sanitize.js';
import { runSteps } from '../../core/slices.js';
import { sampleNote } from '../../core/store.js';
import { dieOfHangup, isHangupError, terminalGone } from '../../io/hangup.js';
import { isBundledDataDir } from '../../io/load/dataDir.js';
import type { LoadResult } from '../../io/load/load.js';
import type { Snapshot } from '../../io/load/watchDir.js';
import { type ConfigHandle, type PaneId, prepareWrites, type ThemeSetting } from '../../io/settings/config.js';
import { errorText } from '../../io/settings/file.js';
import { addedFor, prefetchIds, type WatchUi } from '../watch.js';
import { App, type LiveStatus } from './App.js';
import { startIndexLive } from './indexLive.js';
import { type LiveWiring, startLiveView } from './liveView.js';
import type { Profiler } from './profiler.js';
import { renderMode, renderNow } from './renderMode.js';
import { openSession } from './session.js';

const ENTER = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE = '\u001b[?25h\u001b[?1049l';

/** Exit statuses of the ways out that are not a key: 128 + the signal's number, and 70 (EX_SOFTWARE) for a crash. */
export const EXIT_STATUS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, crash: 70 } as const;

export interface Terminal {
	/** Gives the terminal back: the renderer stopped, raw mode off, cursor shown, the main screen. Once; safe to repeat. Nothing at all once the terminal has hung up. */
	restore(): void;
	/** What stops the renderer; runs first on every way out, so nothing is drawn after the main screen is back. */
	onLeave(stop: () => void): void;
	/** What a way out that is not a key saves before anything else (a signal or a hang-up; not a crash). Synchronous. */
	onSave(save: () => void): void;
	/** Restores the terminal, then prints `message` (on the main screen), then exits. */
	end(code: number, message?: string): never;
	/** The dashboard is over: signals, hang-ups and crashes are no longer this module's to handle. */
	release(): void;
}

// An error can quote data (a file name, a record): it is printed through the sanitizer too.
const describe = (err: unknown) => sanitizeText(err instanceof Error ? (err.stack ?? err.message) : String(err));

/**
 * Takes the terminal before the data loads: the alternate screen, and raw
 * mode so keys typed while loading are kept for the dashboard instead of
 * being echoed over the screen (which would throw the frame out of place).
 * From here on every way out restores the terminal before anything else is
 * printed: SIGTERM (143), SIGINT (130), an uncaught exception or a rejected
 * promise (70, the error after the restore), and process.exit from anywhere
 * (the 'exit' event). A hang-up — SIGHUP, the end of the terminal's input,
 * EIO writing to it — saves what the session keeps first; then, if the
 * terminal is still there (kill -HUP from another shell), it is restored and
 * sitrep exits 129; if it is gone, nothing is written and the process ends
 * by SIGHUP itself (129 too; io/hangup.ts). Signals save as well; a crash
 * saves nothing.
 */
export function takeTerminal(what: string): Terminal {
	let restored = false;
	let ending = false;
	let stop: (() => void) | undefined;
	let save: (() => void) | undefined;
	const restore = () => {
		if (restored) return;
		restored = true;
		// Unmounting draws a last frame: into a terminal that hung up, nothing at all.
		if (terminalGone()) return;
		try {
			stop?.();
		} catch {
			// The renderer may be what failed; the terminal still gets restored.
		}
		try {
			if (process.stdin.isTTY) process.stdin.setRawMode(false);
			process.stdout.write(LEAVE);
		} catch {
			// A terminal that hung up has nothing left to restore.
		}
	};
	const saveFirst = () => {
		try {
			save?.();
		} catch {
			// Settings that cannot be written must not stop the way out.
		}
	};
	const end = (code: number, message?: string, opts: { save?: boolean } = {}): never => {
		// A second signal, or a crash while ending, changes nothing: the first way out wins.
		if (!ending) {
			ending = true;
			if (opts.save) saveFirst();
			restore();
			if (message) {
				try {
					process.stderr.write(message);
				} catch {
					// Nowhere to say it.
				}
			}
			process.exitCode = code;
		}
		process.exit(process.exitCode);
	};
	const hangUp = (): never => {
		// kill -HUP from another shell: the terminal is still there, and is given back as on any
		// signal. (Should it go before Node resets it, cli.tsx's exit hook ends by SIGHUP.)
		if (!terminalGone()) return end(EXIT_STATUS.SIGHUP, undefined, { save: true });
		if (!ending) {
			ending = true;
			saveFirst();
		}
		return dieOfHangup();
	};
	const crash = (err: unknown) => {
		// EIO from the terminal that hung up is the hang-up, not a crash.
		if (isHangupError(err) && terminalGone()) hangUp();
		end(EXIT_STATUS.crash, `sitrep crashed: ${describe(err)}\n`);
	};
	const onSignal = (code: number) => () => end(code, undefined, { save: true });
	const signals = [
		['SIGTERM', onSignal(EXIT_STATUS.SIGTERM)],
		['SIGINT', onSignal(EXIT_STATUS.SIGINT)],
		['SIGHUP', hangUp],
	] as const;
	// A read or write error on the terminal: gone (EIO) or something else (a crash).
	const streamError = (err: unknown) => (isHangupError(err) ? hangUp() : crash(err));
	// First in line: the command-line's own SIGINT/SIGTERM handlers exit without restoring anything,
	// and its stdout error handler takes EIO for a crash.
	for (const [s, handler] of signals) process.prependListener(s, handler);
	process.prependListener('uncaughtException', crash);
	process.prependListener('unhandledRejection', crash);
	process.once('exit', restore);
	// In raw mode a terminal never ends its input (Ctrl-D is a key): the end is a hang-up.
	process.stdin.prependListener('end', hangUp);
	process.stdin.prependListener('error', streamError);
	process.stdout.prependListener('error', streamError);
	process.stdout.write(`${ENTER}loading ${what}${G.ellipsis}`);
	if (process.stdin.isTTY) process.stdin.setRawMode(true);
	return {
		restore,
		onLeave(fn) {
			stop = fn;
		},
		onSave(fn) {
			save = fn;
		},
		end,
		release() {
			for (const [s, handler] of signals) process.off(s, handler);
			process.off('uncaughtException', crash);
			process.off('unhandledRejection', crash);
			process.stdin.off('end', hangUp);
			process.stdin.off('error', streamError);
			process.stdout.off('error', streamError);
		},
	};
}

/**
 * For the lifecycle checks only (reliability/terminal.ts): SITREP_TEST_CRASH=throw|reject|render
 * makes the dashboard fail ~100 ms after its first frame with an uncaught exception, a
 * rejected promise, or an error while rendering. Not in --help: not for users.
 */
function CrashForTests({ kind }: { kind: string }) {
	const [renderError, setRenderError] = useState(false);
	useEffect(() => {
		const timer = setTimeout(() => {
			if (kind === 'render') setRenderError(true);
			// The messages quote hostile text, as an error about a data file might.
			else if (kind === 'reject') void Promise.reject(new Error('SITREP_TEST_CRASH=reject \u001b]0;owned\u0007'));
			else throw new Error('SITREP_TEST_CRASH=throw \u001b[2J\u009b31m');
		}, 100);
		return () => clearTimeout(timer);
	}, [kind]);
	if (renderError) throw new Error('SITREP_TEST_CRASH=render');
	return null;
}

/** A data set read through the SQLite index: no records in memory, so no articles to wait for. */
export interface IndexedData {
	data: Backend;
	dir: string;
	problems: Problem[];
	/** Kept current with the directory: `sitrep index update` runs on a change, then this opens the index again. */
	live?: {
		mode: 'auto' | 'poll';
		baseline: Snapshot;
		cliPath: string;
		reopen(): { data: Backend; problems: Problem[]; close(): void } | string;
	};
}

export async function runTui(
	source: LoadResult | IndexedData,
	config: ConfigHandle,
	terminal: Terminal,
	opts: {
		days?: RiskDays;
		asOf?: string;
		profiler?: Profiler;
		rest?: Promise<LoadResult>;
		theme?: ThemeSetting;
		/** Keep the dashboard current with its directory (the dataWatch setting is not "off"). */
		live?: { mode: 'auto' | 'poll'; baseline: Snapshot; workerUrl?: URL };
		/** Work left from the start, done at the first quiet moment after the first frame (the index's checkpoint). */
		whenQuiet?: () => void;
	} = {},
): Promise<number> {
	process.stdout.write('\u001b[2J\u001b[H');
	let code = 0;
	/** The dashboard is ending (a key asked to quit, or a signal or crash is taking the terminal back). */
	let over = false;
	const loaded = 'store' in source ? source : undefined;
	const dir = loaded ? loaded.store.dir : (source as IndexedData).dir;
	const session = openSession(config, { ...(opts.theme ? { theme: opts.theme } : {}), dir });
	if (loaded && !opts.rest) session.complete(backendOf(loaded.store));
	// The pane shown is written on the way out (q, a signal, a hang-up), not at each switch: a
	// settings write is an fsync on the main thread (tens of ms), and the key that switched waited.
	let shownPane: PaneId | undefined;
	const onPane = (pane: PaneId) => {
		shownPane = pane;
	};
	const remember = async (pane: PaneId): Promise<void> => {
		if (!config.error && config.settings.lastPane !== pane) {
			await config.set('lastPane', pane).catch(() => {
				// A read-only settings file must not stop the dashboard.
			});
		}
	};
	// A signal or a hang-up saves what q would have: the pane shown, what was seen of the watchlist.
	let current: (() => { pane: PaneId; watch: WatchUi }) | undefined;
	const keepCurrent = (now: () => { pane: PaneId; watch: WatchUi }) => {
		current = now;
	};
	terminal.onSave(() => {
		const now = current?.();
		if (!now) return;
		void remember(now.pane);
		session.briefing.onWatchExit?.(now.watch);
		session.flushAlerts();
	});
	// The bundled data is a curated sample that ends at its last incident: the status bar says so.
	const sample = !isBundledDataDir(dir)
		? undefined
		: loaded
			? sampleNote(loaded.store.incidents)
			: `sample data to ${(source as IndexedData).data.newestDays().incident ?? '?'}`;
	const testCrash = process.env.SITREP_TEST_CRASH;
	// Worked out again only when the articles arrive: a new watch state wipes what was marked and seen since.
	// Over the index what is new is worked out at the first quiet moment, not before the first frame:
	// a watched item's ids are read whole (~2 s for a country of 1M incidents at 2.5M).
	let watch = session.watchFor(loaded ? backendOf(loaded.store) : undefined);
	/** Over the index: what is new has been worked out (until then a way out keeps the old seen record). */
	let watchReady = false;
	/** Index updates being shown: each waits for the one before (its watched ids are read in slices). */
	let updating: Promise<unknown> = Promise.resolve();
	let status: LiveStatus | undefined;
	/**
	 * Over the index: the watched items' ids read a slice at a time (seconds of them at 2.5M), keys
	 * and frames between, then what is new worked out from them; an index opened again meanwhile
	 * has its own read.
	 */
	const workOutWatch = (): void => {
		if (loaded || over || !('data' in shown)) return;
		const data = shown.data;
		const moved = () => !('data' in shown) || shown.data !== data;
		const done = () => {
			if (over) return;
			if (moved()) return workOutWatch();
			watch = session.watchFor(data);
			watchReady = true;
			session.complete(data);
			redraw();
		};
		runSteps(session.prefetchWatch(data), { cancelled: () => over || moved() }).then(done, (err: unknown) => {
			if (over) return;
			if (moved()) return workOutWatch();
			status = { ...(status ?? { arrived: 0 }), warning: `what is new on the watchlist: ${errorText(err)}` };
			redraw();
		});
	};
	const app = (data: LoadResult | IndexedData, articlesPending: boolean) => {
		const dashboard = (
			<App
				{...('store' in data ? { store: data.store } : { data: data.data, dir: data.dir })}
				problems={data.problems}
				articlesPending={articlesPending}
				pane={session.pane}
				theme={session.theme}
				keymap={session.keymap}
				views={session.views}
				watch={watch}
				alerts={session.alerts}
				notify={session.notify}
				{...(status ? { live: status } : {})}
				hyperlinks={session.hyperlinks}
				escapeMs={session.escapeMs}
				riskMachineCoded={session.riskMachineCoded}
				startMessage={session.startMessage('store' in data ? backendOf(data.store) : undefined)}
				{...(sample ? { sample } : {})}
				settingsNotes={session.notes}
				briefing={session.briefing}
				days={opts.days}
				asOf={opts.asOf}
				onPane={onPane}
				onCurrent={keepCurrent}
				// Then what writes settings (~20 ms to load), once the first keys are drawn: a signal
				// or a hang-up saves on its way out within the call.
				onQuiet={() => {
					prepareWrites().catch(() => {
						// Not loadable: each write says so when it is tried.
					});
					opts.whenQuiet?.();
					workOutWatch();
				}}
				onExit={(c) => {
					code = c;
					over = true;
				}}
			/>
		);
		return testCrash ? (
			<>
				<CrashForTests kind={testCrash} />
				{dashboard}
			</>
		) : (
			dashboard
		);
	};
	const instance = render(
		app(source, opts.rest !== undefined),
		// SITREP_RENDER=full rewrites whole frames: a fallback for odd terminals, and the bench's reference screen.
		{
			exitOnCtrlC: false,
			patchConsole: true,
			...renderMode(process.env),
			renderNow,
			onRender: opts.profiler ? ({ renderTime }) => opts.profiler?.frame(renderTime) : undefined,
		},
	);
	// The first frame is on the screen (Ink draws it within render): the launcher, dist/cli.js,
	// may now save V8's code cache of what ran up to here (scripts/launcher.js).
	(process as NodeJS.EventEmitter).emit('sitrep:first-frame');
	// From here on the App is drawn again with newer data: the articles, then every reload.
	// Not once the dashboard is over: a rerender after unmount mounts the App again, raw mode
	// and all, and the process would never exit.
	let shown = source;
	let pending = opts.rest !== undefined;
	const redraw = () => {
		if (!over) instance.rerender(app(shown, pending));
	};
	let live: LiveWiring | undefined;
	const goLive = (full: LoadResult) => {
		if (!opts.live || over) return;
		live = startLiveView({
			...opts.live,
			dir: full.store.dir,
			loaded: full,
			onData(data, next) {
				shown = data;
				status = next;
				session.complete(backendOf(data.store));
				const m = next.merge;
				if (m) {
					const gone = m.removed.incidents.length + m.removed.articles.length;
					opts.profiler?.mark(
						`data reloaded: ${m.added.incidents.length} new incidents, ${m.added.articles.length} new articles, ${gone} removed`,
					);
				}
				redraw();
			},
			onStatus(next) {
				status = next;
				redraw();
			},
		});
	};
	// The same App, its state kept, now with the articles (and their problems).
	opts.rest?.then((data) => {
		if (over) return;
		session.complete(backendOf(data.store));
		watch = session.watchFor(backendOf(data.store));
		shown = data;
		pending = false;
		redraw();
		goLive(data);
	});
	if (!opts.rest && loaded) goLive(loaded);
	const indexed = loaded ? undefined : (source as IndexedData);
	if (indexed?.live && !over) {
		const { reopen, ...watch } = indexed.live;
		// The panes read the old connection until the redraw with the new one: it is closed a little later.
		let closeShown: (() => void) | undefined;
		live = startIndexLive({
			...watch,
			dir,
			onUpdated(next) {
				const opened = reopen();
				if (typeof opened === 'string') {
					status = {
						...(status ?? { arrived: 0 }),
						warning: `the index does not open (${opened}): showing it as it was`,
					};
					return redraw();
				}
				// The watched items' new records are marked, as live data's are (the old index is still open).
				const keys = current?.().watch.keys ?? [];
				const show = () => {
					const before = closeShown;
					closeShown = opened.close;
					if (before) setTimeout(before, 5000).unref();
					const added = keys.length && 'data' in shown ? addedFor(shown.data, opened.data, keys) : undefined;
					shown = { ...indexed, data: opened.data, problems: opened.problems };
					if (watchReady) session.complete(opened.data);
					status = added && next.merge ? { ...next, merge: { ...next.merge, added } } : next;
					opts.profiler?.mark('index updated');
					redraw();
				};
				const was = 'data' in shown ? shown.data : undefined;
				// Both indexes' ids for the watched items a slice at a time (seconds of them at 2.5M), then
				// shown; updates one after another, in order.
				updating = updating
					.then(() =>
						keys.length && was
							? runSteps(
									(function* () {
										yield* prefetchIds(was, keys);
										yield* prefetchIds(opened.data, keys);
									})(),
									{ cancelled: () => over },
								)
							: undefined,
					)
					.catch(() => undefined)
					.then(() => {
						if (!over) show();
					});
			},
			onStatus(next) {
				status = next;
				redraw();
			},
		});
	}
	terminal.onLeave(() => {
		over = true;
		live?.close();
		instance.unmount();
	});
	try {
		await instance.waitUntilExit();
		over = true;
		live?.close();
		if (shownPane) await remember(shownPane);
	} catch (err) {
		// Ink's own error boundary caught a render error: the same way out as any crash.
		terminal.end(EXIT_STATUS.crash, `sitrep crashed: ${describe(err)}\n`);
	}
	terminal.restore();
	terminal.release();
	return code;
}
