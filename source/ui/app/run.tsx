// Starts the dashboard full screen in the alternate screen buffer and
// restores the terminal on every way out: q, Ctrl-C, SIGTERM, SIGHUP, a crash.
import { render } from 'ink';
import { useEffect, useState } from 'react';
import type { RiskDays } from '../../core/risk.js';
import { sanitizeText } from '../../core/sanitize.js';
import type { LoadResult } from '../../io/load/load.js';
import type { ConfigHandle, PaneId, ThemeSetting } from '../../io/settings/config.js';
import { App } from './App.js';
import type { Profiler } from './profiler.js';
import { openSession } from './session.js';

const ENTER = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE = '\u001b[?25h\u001b[?1049l';

/** Exit statuses of the ways out that are not a key: 128 + the signal's number, and 70 (EX_SOFTWARE) for a crash. */
export const EXIT_STATUS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, crash: 70 } as const;
type Signal = 'SIGHUP' | 'SIGINT' | 'SIGTERM';

export interface Terminal {
	/** Gives the terminal back: the renderer stopped, raw mode off, cursor shown, the main screen. Once; safe to repeat. */
	restore(): void;
	/** What stops the renderer; runs first on every way out, so nothing is drawn after the main screen is back. */
	onLeave(stop: () => void): void;
	/** Restores the terminal, then prints `message` (on the main screen), then exits. */
	end(code: number, message?: string): never;
	/** The dashboard is over: signals and crashes are no longer this module's to handle. */
	release(): void;
}

// An error can quote data (a file name, a record): it is printed through the sanitizer too.
const describe = (err: unknown) => sanitizeText(err instanceof Error ? (err.stack ?? err.message) : String(err));

/**
 * Takes the terminal before the data loads: the alternate screen, and raw
 * mode so keys typed while loading are kept for the dashboard instead of
 * being echoed over the screen (which would throw the frame out of place).
 * From here on every way out restores the terminal before anything else is
 * printed: SIGTERM (143), SIGHUP (129, a dropped SSH connection), SIGINT
 * (130), an uncaught exception or a rejected promise (70, the error after
 * the restore), and process.exit from anywhere (the 'exit' event).
 */
export function takeTerminal(what: string): Terminal {
	let restored = false;
	let ending = false;
	let stop: (() => void) | undefined;
	const restore = () => {
		if (restored) return;
		restored = true;
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
	const end = (code: number, message?: string): never => {
		// A second signal, or a crash while ending, changes nothing: the first way out wins.
		if (!ending) {
			ending = true;
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
	const onSignal = (signal: Signal) => () => end(EXIT_STATUS[signal]);
	const signals = (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map((s) => [s, onSignal(s)] as const);
	const crash = (err: unknown) => end(EXIT_STATUS.crash, `sitrep crashed: ${describe(err)}\n`);
	// First in line: the command-line's own SIGINT/SIGTERM handlers exit without restoring anything.
	for (const [s, handler] of signals) process.prependListener(s, handler);
	process.prependListener('uncaughtException', crash);
	process.prependListener('unhandledRejection', crash);
	process.once('exit', restore);
	process.stdout.write(`${ENTER}loading ${what}…`);
	if (process.stdin.isTTY) process.stdin.setRawMode(true);
	return {
		restore,
		onLeave(fn) {
			stop = fn;
		},
		end,
		release() {
			for (const [s, handler] of signals) process.off(s, handler);
			process.off('uncaughtException', crash);
			process.off('unhandledRejection', crash);
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

export async function runTui(
	loaded: LoadResult,
	config: ConfigHandle,
	terminal: Terminal,
	opts: {
		days?: RiskDays;
		asOf?: string;
		profiler?: Profiler;
		rest?: Promise<LoadResult>;
		theme?: ThemeSetting;
	} = {},
): Promise<number> {
	process.stdout.write('\u001b[2J\u001b[H');
	let code = 0;
	/** The dashboard is ending (a key asked to quit, or a signal or crash is taking the terminal back). */
	let over = false;
	const session = openSession(config, { ...(opts.theme ? { theme: opts.theme } : {}), dir: loaded.store.dir });
	if (!opts.rest) session.complete(loaded.store);
	const remember = (pane: PaneId) => {
		if (!config.error && config.settings.lastPane !== pane) {
			config.set('lastPane', pane).catch(() => {
				// A read-only settings file must not stop the dashboard.
			});
		}
	};
	const testCrash = process.env.SITREP_TEST_CRASH;
	const app = (data: LoadResult, articlesPending: boolean) => {
		const dashboard = (
			<App
				store={data.store}
				problems={data.problems}
				articlesPending={articlesPending}
				pane={session.pane}
				theme={session.theme}
				keymap={session.keymap}
				views={session.views}
				watch={session.watchFor(data.store)}
				hyperlinks={session.hyperlinks}
				startMessage={session.startMessage(data.store)}
				settingsNotes={session.notes}
				briefing={session.briefing}
				days={opts.days}
				asOf={opts.asOf}
				onPane={remember}
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
		app(loaded, opts.rest !== undefined),
		// SITREP_RENDER=full rewrites whole frames: a fallback for odd terminals, and the bench's reference screen.
		{
			exitOnCtrlC: false,
			patchConsole: true,
			incrementalRendering: process.env.SITREP_RENDER !== 'full',
			onRender: opts.profiler ? ({ renderTime }) => opts.profiler?.frame(renderTime) : undefined,
		},
	);
	// The first frame is on the screen (Ink draws it within render): the launcher, dist/cli.js,
	// may now save V8's code cache of what ran up to here (scripts/launcher.js).
	(process as NodeJS.EventEmitter).emit('sitrep:first-frame');
	// The same App, its state kept, now with the articles (and their problems). Not once
	// the dashboard is over: a rerender after unmount mounts the App again, raw mode and
	// all, and the process would never exit.
	opts.rest?.then((data) => {
		if (over) return;
		session.complete(data.store);
		instance.rerender(app(data, false));
	});
	terminal.onLeave(() => {
		over = true;
		instance.unmount();
	});
	try {
		await instance.waitUntilExit();
		over = true;
	} catch (err) {
		// Ink's own error boundary caught a render error: the same way out as any crash.
		terminal.end(EXIT_STATUS.crash, `sitrep crashed: ${describe(err)}\n`);
	}
	terminal.restore();
	terminal.release();
	return code;
}
