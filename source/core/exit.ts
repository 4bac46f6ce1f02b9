// sitrep's exit statuses. Scripts branch on them, so they are one table: the
// code returns these names, and `sitrep --help` and docs/commands.md print the
// meanings below.

export const EXIT = {
	ok: 0,
	problems: 1,
	usage: 2,
	data: 3,
	noTty: 4,
	/** `watch` found an alert rule that fired: cron and scripts branch on it. */
	alert: 5,
	/** EX_SOFTWARE: the dashboard crashed (the terminal is restored first). */
	crash: 70,
	/** 128 + the signal's number. */
	hangup: 129,
	interrupted: 130,
	terminated: 143,
} as const;

export interface ExitMeaning {
	code: number;
	/** For the help page, where the statuses share three lines. */
	short: string;
	/** For the documentation's table. */
	long: string;
}

export const EXIT_MEANINGS: readonly ExitMeaning[] = [
	{ code: EXIT.ok, short: 'ok', long: 'success' },
	{
		code: EXIT.problems,
		short: 'validate found errors (or warnings with --strict)',
		long: '`validate` found errors (or warnings, with `--strict`); `import` skipped rows, `ingest` failed on a file or `fetch` on a source (the rest was written); `actor` or `brief` found no match; `cache` wrote no cache',
	},
	{
		code: EXIT.usage,
		short: 'usage error',
		long: 'usage error: unknown command or flag, a flag another command takes, a bad flag value (with suggestions)',
	},
	{
		code: EXIT.data,
		short: 'data directory unreadable, or settings that cannot be saved',
		long: 'the data directory cannot be read, a file cannot be written, or settings cannot be saved (`config set` on an unwritable folder); `fetch`: feeds.json is broken, or another `fetch --every` runs for the directory',
	},
	{
		code: EXIT.noTty,
		short: 'dashboard needs a terminal',
		long: 'the dashboard was asked for without a terminal, or with `TERM` unset or `dumb` (use a command instead, or `ssh -t`)',
	},
	{
		code: EXIT.alert,
		short: 'watch: an alert rule fired',
		long: '`watch`: an alert rule fired (the alerts are in its output; a run that records them makes the next one exit 0 until new records fire a rule again)',
	},
	{ code: EXIT.interrupted, short: 'interrupted (Ctrl-C, SIGINT)', long: 'interrupted (Ctrl-C, SIGINT)' },
	{ code: EXIT.terminated, short: 'SIGTERM', long: 'SIGTERM' },
	{
		code: EXIT.hangup,
		short: 'SIGHUP (terminal gone)',
		long: 'SIGHUP: the terminal went away (an SSH connection dropped); the dashboard saves the pane shown and what was seen of the watchlist first, and writes nothing to the dead terminal',
	},
	{
		code: EXIT.crash,
		short: 'internal error',
		long: 'internal error: the dashboard crashed (the terminal is restored first, then the error is printed)',
	},
];
