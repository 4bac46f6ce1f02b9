#!/usr/bin/env node
// sitrep's command line: the words are read against the command registry
// (commands/registry.ts) and the command runs; with no command, and a
// terminal, the dashboard starts. Each path loads only what it needs, so the
// dashboard's first frame does not wait for the commands' modules.
import packageJson from '../package.json' with { type: 'json' };
import { parseArgv } from './commands/argv.js';
import type { FlagValues } from './commands/command.js';
import { EXIT, processCtx } from './commands/context.js';
import type { dashboard } from './commands/defs/dashboard.js';
import { ownText, setGlyphs } from './core/glyphs.js';
import { sanitizeText } from './core/sanitize.js';
import { dumbTerminal, utf8Locale } from './core/terminal.js';
import { dieOfHangup, isHangupError, terminalGone } from './io/hangup.js';

// `sitrep timeline | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
	if (err.code === 'EPIPE') process.exit(0);
	// The terminal hung up (EIO): end as the hang-up ends a program, by SIGHUP (129).
	if (isHangupError(err) && terminalGone()) dieOfHangup();
	throw err;
});
// Exiting normally with a terminal that hung up makes Node 20 abort (io/hangup.ts): end by SIGHUP instead.
process.on('exit', () => {
	if (terminalGone()) dieOfHangup();
});

// A terminal whose locale is not UTF-8 gets sitrep's own glyphs in ASCII (core/glyphs.ts).
setGlyphs(utf8Locale(process.env) ? 'unicode' : 'ascii');

async function main(): Promise<number> {
	const parsed = parseArgv(process.argv.slice(2));
	const ctx = processCtx({ color: !(parsed.ok && parsed.invocation.global.noColor) });
	if (!parsed.ok) {
		for (const line of parsed.lines) ctx.err(line);
		return EXIT.usage;
	}
	const { command, args, flags, global } = parsed.invocation;
	if (global.version) {
		ctx.out(packageJson.version);
		return EXIT.ok;
	}
	if (global.help) {
		const help = await import('./commands/help.js');
		ctx.out(ownText(command ? await help.commandHelp(command) : await help.overviewHelp(packageJson.description)));
		return EXIT.ok;
	}
	// chalk (under Ink) reads --no-color from argv and then drops bold and inverse too; sitrep's
	// own mono theme keeps them, so the flag is taken out once it has been read.
	process.argv = process.argv.filter((arg) => arg !== '--no-color');
	// A command is never mid-write on a signal: stop at once (the dashboard restores the terminal itself).
	process.on('SIGINT', () => process.exit(EXIT.interrupted));
	process.on('SIGTERM', () => process.exit(EXIT.terminated));
	// A write past the file-size limit (ulimit -f) fails with EFBIG, which the writer reports (exit 3).
	// Node ignores the SIGXFSZ that comes with it, but conf's exit hook re-raises it once its own
	// listener is gone, which would kill sitrep mid-report: a listener here keeps it ignored.
	process.on('SIGXFSZ', () => {});
	const [{ openConfig }, { chooseDataDir, loadOrExplain }] = await Promise.all([
		import('./io/settings/config.js'),
		import('./io/load/dataDir.js'),
	]);
	const config = await openConfig();
	const dataDir = chooseDataDir(global.data, config);
	// Said once, here (the dashboard shows them in its start message instead).
	const warn = () => {
		for (const w of config.warnings) ctx.err(`sitrep: warning: ${w}`);
	};
	if (command) {
		warn();
		return command.run({
			args,
			flags,
			ctx,
			config,
			dataDir,
			version: packageJson.version,
			load: async () => {
				const loaded = await loadOrExplain(dataDir, ctx.err);
				if (typeof loaded === 'number') return loaded;
				const { Resolver } = await import('./core/resolve.js');
				return { ...loaded, resolver: new Resolver(loaded.store) };
			},
		});
	}
	if (!(process.stdin.isTTY && process.stdout.isTTY)) {
		warn();
		ctx.err('sitrep: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).');
		ctx.err('Over SSH, ask for one: `ssh -t HOST sitrep`.');
		ctx.err(
			'For scripts and pipes use a command, e.g. `sitrep timeline --json` or `sitrep validate`; see `sitrep --help`.',
		);
		return EXIT.noTty;
	}
	// A terminal that cannot move the cursor would get escape codes printed as text: refused
	// before the screen is touched, as tmux and top refuse it.
	if (dumbTerminal(process.env)) {
		warn();
		const term = process.env.TERM ? `TERM is "${process.env.TERM}"` : 'TERM is not set';
		ctx.err(`sitrep: the dashboard needs a terminal that can move the cursor, and ${term}.`);
		ctx.err("Set TERM to your terminal's type, e.g. `TERM=xterm-256color sitrep` (`ssh -t` passes your own on).");
		ctx.err('The commands need no such terminal: e.g. `sitrep timeline`, `sitrep risk`; see `sitrep --help`.');
		return EXIT.noTty;
	}
	const dash = flags as FlagValues<typeof dashboard.flags>;
	const { startDashboard } = await import('./ui/app/start.js');
	return startDashboard({
		dir: dataDir,
		config,
		window: dash.window,
		asOf: dash.asOf,
		theme: dash.theme,
		mono: global.noColor,
		profile: dash.profile ?? process.env.SITREP_PROFILE,
		version: packageJson.version,
		cliUrl: import.meta.url,
		err: ctx.err,
		indexProgress: async () => {
			const [{ terminalProgress }, { indexProgressLine }] = await Promise.all([
				import('./commands/progress.js'),
				import('./commands/indexProgress.js'),
			]);
			const bar = terminalProgress();
			return (
				bar && { step: (done, total, phase) => bar(indexProgressLine(done, total, phase)), end: () => bar(undefined) }
			);
		},
	});
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		process.stderr.write(`sitrep: ${sanitizeText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
		process.exitCode = EXIT.crash;
	},
);
