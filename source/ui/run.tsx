// Starts the dashboard full screen in the alternate screen buffer and
// restores the terminal on every way out: q, Ctrl-C, SIGTERM, SIGHUP, a crash.
import { render } from 'ink';
import type { ConfigHandle, PaneId, ThemeSetting } from '../config.js';
import type { LoadResult } from '../core/load.js';
import type { RiskDays } from '../core/risk.js';
import { App } from './App.js';
import type { Profiler } from './profile.js';
import { openSession } from './session.js';

const ENTER = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE = '\u001b[?25h\u001b[?1049l';

export interface Terminal {
	restore(): void;
}

/**
 * Takes the terminal before the data loads: the alternate screen, and raw
 * mode so keys typed while loading are kept for the dashboard instead of
 * being echoed over the screen (which would throw the frame out of place).
 */
export function takeTerminal(what: string): Terminal {
	let restored = false;
	process.stdout.write(`${ENTER}loading ${what}…`);
	if (process.stdin.isTTY) process.stdin.setRawMode(true);
	const restore = () => {
		if (restored) return;
		restored = true;
		if (process.stdin.isTTY) process.stdin.setRawMode(false);
		process.stdout.write(LEAVE);
	};
	// Whatever ends the process (a signal handler's exit included) leaves the alternate screen.
	process.once('exit', restore);
	return { restore };
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
	const restore = () => terminal.restore();
	process.stdout.write('\u001b[2J\u001b[H');
	let code = 0;
	const session = openSession(config, opts.theme ? { theme: opts.theme } : {});
	if (!opts.rest) session.complete(loaded.store);
	const remember = (pane: PaneId) => {
		if (!config.error && config.settings.lastPane !== pane) {
			try {
				config.set('lastPane', pane);
			} catch {
				// A read-only settings file must not stop the dashboard.
			}
		}
	};
	const app = (data: LoadResult, articlesPending: boolean) => (
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
			briefing={session.briefing}
			days={opts.days}
			asOf={opts.asOf}
			onPane={remember}
			onExit={(c) => {
				code = c;
			}}
		/>
	);
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
	// The same App, its state kept, now with the articles (and their problems).
	opts.rest?.then((data) => {
		session.complete(data.store);
		instance.rerender(app(data, false));
	});
	const onSignal = (status: number) => () => {
		instance.unmount();
		restore();
		process.exit(status);
	};
	const term = onSignal(143);
	const hup = onSignal(129);
	process.once('SIGTERM', term);
	process.once('SIGHUP', hup);
	const crash = (err: unknown) => {
		try {
			instance.unmount();
		} catch {
			// The renderer may be what failed; the terminal still gets restored.
		}
		restore();
		process.stderr.write(`sitrep crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
		process.exit(70);
	};
	process.once('uncaughtException', crash);
	process.once('unhandledRejection', crash);
	try {
		await instance.waitUntilExit();
	} catch (err) {
		crash(err);
	} finally {
		restore();
		process.off('SIGTERM', term);
		process.off('SIGHUP', hup);
	}
	return code;
}
