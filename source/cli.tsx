#!/usr/bin/env node
// sitrep's command line: flags and subcommands. The dashboard starts only
// when stdin and stdout are terminals; every other answer is a command.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import meow from 'meow';
import packageJson from '../package.json' with { type: 'json' };
import { runActor } from './commands/actor.js';
import { runBrief } from './commands/brief.js';
import { runCache } from './commands/cache.js';
import { runConfig } from './commands/config.js';
import { type Ctx, EXIT, processCtx } from './commands/context.js';
import { chooseDataDir, loadOrExplain } from './commands/data.js';
import { runExport } from './commands/export.js';
import { runImport } from './commands/import.js';
import { runIngest } from './commands/ingest.js';
import { runRisk } from './commands/risk.js';
import { runSearch } from './commands/search.js';
import { runTimeline } from './commands/timeline.js';
import { runValidate } from './commands/validate.js';
import { findView, runViews, viewFilter, viewSearchFilters } from './commands/views.js';
import { runWatch } from './commands/watch.js';
import { type WindowFlags, windowFromFlags } from './commands/window.js';
import { Resolver } from './core/resolve.js';
import { RISK_FORMULA } from './core/risk.js';
import { sanitizeLine, sanitizeText } from './core/sanitize.js';
import type { Staged } from './io/load/staged.js';
import {
	type ConfigHandle,
	openConfig,
	parseSetting,
	type SavedView,
	type ThemeSetting,
} from './io/settings/config.js';

const cli = meow(
	`
  Usage
    $ sitrep [--data DIR]              open the dashboard (needs a terminal)
    $ sitrep validate [--strict]       check the data: every problem, one a line
    $ sitrep timeline [filters]        incidents, newest first
    $ sitrep actor NAME                an actor's profile (fuzzy: "haqani" finds Haqqani)
    $ sitrep risk [COUNTRY]            risk by country, or one country explained
    $ sitrep brief COUNTRY|ACTOR       a Markdown briefing (--out FILE to write it)
    $ sitrep search QUERY              fuzzy search of articles and incidents
    $ sitrep import [acled|ucdp] FILE  add an ACLED or UCDP GED CSV export to the data
    $ sitrep import FILE.csv|.json     ... or one of sitrep's own exports (round trip)
    $ sitrep ingest FILE...            text, Markdown or HTML articles, with entities linked
    $ sitrep export KIND [QUERY]       incidents, articles or actors as csv, json or ndjson
    $ sitrep cache                     the start-up cache of a big data set (also made on quit)
    $ sitrep config get|set|unset|path [KEY] [VALUE]
    $ sitrep watch [add|remove|list]   what is new for the watchlist (--mark-seen: now seen)
    $ sitrep views                     views saved in the dashboard (s); use one with --view NAME

  Options
    --data DIR        data directory (default: configured dataDir, else the bundled data/)
    --json            machine-readable output
    --country CODE    filter by country (code or name; repeat or comma-separate)
    --actor NAME      filter by perpetrator/claimant (id, name or alias; includes groups within it)
    --type TYPE       filter by incident type ("suicide bombing", IED, ...)
    --since DATE      from this date (YYYY, YYYY-MM or YYYY-MM-DD)
    --until DATE      up to this date, inclusive
    --limit N         show at most N incidents (search: results, default 20)
    --by week|month   counts per week or month instead of incidents
    --strict          validate: warnings fail too
    --window DAYS     risk/activity window: 30, 90 or 365 (default 90)
    --as-of DATE      end the window here (default: the newest incident in the data)
    --out FILE        brief, export: write to FILE instead of stdout
    --dry-run         import, ingest: report what would change, write nothing
    --date D          ingest: the articles' publication date (YYYY-MM-DD)
    --source NAME     ingest: the outlet that published them
    --format F        export: csv, json or ndjson (default: from --out's extension, else csv)
    --profile FILE    dashboard: log start-up, and per frame the render time, bytes and key latency
    --view NAME       timeline, export, search: a view saved in the dashboard (s): its filter (and query)
    --theme NAME      dashboard colours: default, high-contrast or mono (also: sitrep config set theme)
    --no-color        no colours: bold, inverse and underline only (as NO_COLOR=1 does)
    --bom             export: start CSV with a byte order mark (for Excel)
    --help, --version

  Exit status
    0 ok · 1 validate found errors (or warnings with --strict) · 2 usage error
    3 data directory unreadable, or settings that cannot be saved · 4 dashboard needs a terminal
    130 interrupted (Ctrl-C, SIGINT) · 143 SIGTERM · 129 SIGHUP (terminal gone) · 70 internal error

  Search queries
    free words (typos forgiven) · "exact phrase" · -word to exclude · filters:
    country:PK actor:iskp type:"suicide bombing" since:2024-01 until:2024-12 source:NAME in:articles|incidents

  Risk score
${RISK_FORMULA.split('\n')
	.map((l) => `    ${l}`)
	.join('\n')}

  Examples
    $ sitrep timeline --country AF --since 2024-12 --until 2024-12
    $ sitrep timeline --actor iskp --country PK --since 2024-07 --json
    $ sitrep search "muzamil balkh"
    $ sitrep search 'haqani kabul country:AF since:2024' --json
    $ sitrep actor haqani
    $ sitrep risk AF --window 365
    $ sitrep brief AF --out brief-af.md
    $ sitrep validate --data ./mydata
`,
	{
		importMeta: import.meta,
		// Given, so meow does not search for and normalise package.json at every start.
		pkg: { name: 'sitrep', version: packageJson.version, description: packageJson.description },
		allowUnknownFlags: false,
		flags: {
			data: { type: 'string' },
			json: { type: 'boolean', default: false },
			country: { type: 'string', isMultiple: true },
			actor: { type: 'string', isMultiple: true },
			type: { type: 'string', isMultiple: true },
			since: { type: 'string' },
			until: { type: 'string' },
			limit: { type: 'number' },
			by: { type: 'string' },
			strict: { type: 'boolean', default: false },
			window: { type: 'number' },
			asOf: { type: 'string' },
			out: { type: 'string' },
			dryRun: { type: 'boolean', default: false },
			format: { type: 'string' },
			date: { type: 'string' },
			source: { type: 'string' },
			bom: { type: 'boolean', default: false },
			profile: { type: 'string' },
			theme: { type: 'string' },
			view: { type: 'string' },
			color: { type: 'boolean', default: true },
			markSeen: { type: 'boolean', default: false },
		},
	},
);

// `sitrep timeline | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
	if (err.code === 'EPIPE') process.exit(0);
	throw err;
});

async function main(): Promise<number> {
	// chalk (under Ink) reads --no-color from argv and then drops bold and inverse too; sitrep's
	// own mono theme keeps them, so the flag is taken out once meow has read it.
	process.argv = process.argv.filter((arg) => arg !== '--no-color');
	const ctx = processCtx();
	// A command is never mid-write on a signal: stop at once (the dashboard restores the terminal itself).
	process.on('SIGINT', () => process.exit(EXIT.interrupted));
	process.on('SIGTERM', () => process.exit(143));
	// A write past the file-size limit (ulimit -f) fails with EFBIG, which the writer reports (exit 3).
	// Node ignores the SIGXFSZ that comes with it, but conf's exit hook re-raises it once its own
	// listener is gone, which would kill sitrep mid-report: a listener here keeps it ignored.
	process.on('SIGXFSZ', () => {});
	// meow answers --help only without a command; `sitrep ingest --help` deserves the same page.
	if (process.argv.slice(2).includes('--help')) cli.showHelp(0);
	const [command, ...args] = cli.input;
	const config = openConfig();
	const flags = cli.flags;
	// Said once, here (the dashboard shows them in its start message instead).
	const warn = () => {
		for (const w of config.warnings) ctx.err(`sitrep: warning: ${w}`);
	};
	if (command !== undefined) warn();
	if (command === 'config') return runConfig(args, config, flags.json, ctx);
	if (command === 'views') return runViews(config, flags.json, ctx);
	const dir = chooseDataDir(flags.data, config);
	const known = [
		'validate',
		'timeline',
		'actor',
		'risk',
		'brief',
		'search',
		'import',
		'ingest',
		'export',
		'cache',
		'watch',
	];
	if (command !== undefined && !known.includes(command)) {
		ctx.err(`sitrep: unknown command "${command}"; commands: ${known.join(', ')}, config (see sitrep --help)`);
		return EXIT.usage;
	}
	if (command === undefined && !(process.stdin.isTTY && process.stdout.isTTY)) {
		warn();
		ctx.err('sitrep: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).');
		ctx.err(
			'For scripts and pipes use a command, e.g. `sitrep timeline --json` or `sitrep validate`; see `sitrep --help`.',
		);
		return EXIT.noTty;
	}
	if (command === 'cache') return runCache(dir, packageJson.version, { json: flags.json }, ctx);
	if (command === 'import') {
		return runImport(dir, args, { json: flags.json, dryRun: flags.dryRun, progress: terminalProgress() }, ctx);
	}
	if (command === undefined) {
		return dashboard(
			dir,
			config,
			{ window: flags.window, asOf: flags.asOf },
			flags.profile ?? process.env.SITREP_PROFILE,
			flags.color === false ? 'mono' : flags.theme,
			ctx,
		);
	}
	const loaded = loadOrExplain(dir, ctx);
	if (typeof loaded === 'number') return loaded;
	const resolver = new Resolver(loaded.store);
	// A saved view's filter and query; flags given beside it win.
	let view: SavedView | undefined;
	if (flags.view !== undefined) {
		const found = findView(config, flags.view);
		if (typeof found === 'string') {
			ctx.err(`sitrep ${command}: ${sanitizeLine(found)}`);
			return EXIT.usage;
		}
		view = found;
	}
	const fromView = view ? viewFilter(view) : {};
	const given = <T,>(v: T[] | undefined) => (v?.length ? v : undefined);
	// The filters timeline and export share.
	const filterFlags = {
		country: given(flags.country) ?? fromView.country,
		actor: given(flags.actor) ?? fromView.actor,
		type: given(flags.type) ?? fromView.type,
		since: flags.since ?? fromView.since,
		until: flags.until ?? fromView.until,
	};
	switch (command) {
		case 'validate':
			return runValidate(loaded, { json: flags.json, strict: flags.strict }, ctx);
		case 'timeline':
			return runTimeline(
				loaded.store,
				{
					...filterFlags,
					limit: flags.limit,
					json: flags.json,
					by: flags.by,
				},
				ctx,
			);
		case 'actor':
			return runActor(loaded.store, args.join(' '), { window: flags.window, asOf: flags.asOf, json: flags.json }, ctx);
		case 'risk':
			return runRisk(
				loaded.store,
				resolver,
				args.join(' ') || undefined,
				{ window: flags.window, asOf: flags.asOf, json: flags.json },
				ctx,
			);
		case 'ingest':
			return runIngest(
				loaded.store,
				args,
				{ dataDir: dir, date: flags.date, source: flags.source, dryRun: flags.dryRun, json: flags.json },
				ctx,
			);
		case 'export':
			return runExport(
				loaded.store,
				resolver,
				args[0],
				{
					format: flags.format,
					...filterFlags,
					limit: flags.limit,
					out: flags.out,
					bom: flags.bom,
					query: args.slice(1).join(' ') || undefined,
				},
				ctx,
			);
		case 'search':
			return runSearch(
				loaded.store,
				resolver,
				[args.join(' ') || view?.query || '', view ? viewSearchFilters(view, resolver) : ''].join(' ').trim(),
				{ limit: flags.limit, json: flags.json },
				ctx,
			);
		case 'brief':
			return runBrief(
				loaded.store,
				resolver,
				args.join(' '),
				{ window: flags.window, asOf: flags.asOf, out: flags.out },
				ctx,
			);
		case 'watch':
			return runWatch(loaded.store, resolver, args, config, { json: flags.json, markSeen: flags.markSeen }, ctx);
		default:
			return EXIT.usage;
	}
}

async function dashboard(
	dir: string,
	config: ConfigHandle,
	flags: WindowFlags,
	profile: string | undefined,
	themeFlag: string | undefined,
	ctx: Ctx,
): Promise<number> {
	let theme: ThemeSetting | undefined;
	if (themeFlag !== undefined) {
		try {
			theme = parseSetting('theme', themeFlag) as ThemeSetting;
		} catch (err) {
			ctx.err(`sitrep: --theme: ${(err as Error).message.replace(/^theme: /, '')}`);
			return EXIT.usage;
		}
	}
	const { createProfiler } = await import('./ui/app/profiler.js');
	const profiler = createProfiler(profile);
	profiler.mark('cli ready (modules loaded, flags parsed, settings read)');
	const { runTui, takeTerminal } = await import('./ui/app/run.js');
	const terminal = takeTerminal(sanitizeLine(dir));
	// Anything printed before the dashboard starts must reach the normal screen.
	const quiet: Ctx = { ...ctx, err: (line) => pending.push(line) };
	const pending: string[] = [];
	const fail = (code: number) => {
		terminal.restore();
		terminal.release();
		for (const line of [...config.warnings.map((w) => `sitrep: warning: ${w}`), ...pending]) ctx.err(line);
		return code;
	};
	const { bundledWorkerUrl, loadStaged } = await import('./io/load/staged.js');
	let staged: Staged | number;
	let window: ReturnType<typeof windowFromFlags>;
	try {
		// A big data set shows its first frame without the articles; a worker brings them.
		staged = loadOrExplain(dir, quiet, (d) => loadStaged(d, bundledWorkerUrl(import.meta.url), packageJson.version));
		if (typeof staged === 'number') return fail(staged);
		window = windowFromFlags(staged.first.store, flags, quiet);
		if (!window) return fail(EXIT.usage);
	} catch (err) {
		// Leave the alternate screen before the error is printed.
		const why = `sitrep: ${sanitizeText(err instanceof Error ? (err.stack ?? err.message) : String(err))}`;
		return terminal.end(70, `${[...pending, why].join('\n')}\n`);
	}
	const { store } = staged.first;
	profiler.mark(
		`data loaded${staged.fromCache ? ' (from the load cache)' : ''}: ${store.incidents.length} incidents, ${staged.rest ? 'articles to follow' : `${store.articles.length} articles`}, ${store.actors.length} actors`,
	);
	const rest = staged.rest?.then((full) => {
		profiler.mark(`articles loaded: ${full.store.articles.length}`);
		return full;
	});
	const code = await runTui(staged.first, config, terminal, {
		days: window.days,
		asOf: flags.asOf,
		profiler,
		rest,
		...(theme ? { theme } : {}),
	});
	// A big, clean data set that was loaded the slow way is cached for the next start by a
	// process of its own, after this one has given the terminal back: nothing here waits for it.
	if (staged.cacheWanted) cacheInBackground(dir);
	return code;
}

function cacheInBackground(dir: string): void {
	try {
		const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'cache', '--data', dir], {
			detached: true,
			stdio: 'ignore',
		});
		child.on('error', () => {});
		child.unref();
	} catch {
		// The cache only makes the next start faster.
	}
}

/** One rewritten status line on stderr, when it is a terminal. */
function terminalProgress(): ((line: string | undefined) => void) | undefined {
	if (!process.stderr.isTTY) return undefined;
	let last = 0;
	return (line) => {
		if (line === undefined) process.stderr.write('\r\x1b[K');
		else if (performance.now() - last > 100) {
			last = performance.now();
			process.stderr.write(`\r${sanitizeLine(line).slice(0, (process.stderr.columns ?? 80) - 1)}\x1b[K`);
		}
	};
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		process.stderr.write(`sitrep: ${sanitizeText(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
		process.exitCode = 70;
	},
);
