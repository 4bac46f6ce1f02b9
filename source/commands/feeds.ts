// sitrep feeds add|list|remove|test: the sources in the data directory's
// feeds.json. add checks a source by fetching it (writing nothing) before it
// is saved, so a typo in a URL is found now and not at 3 a.m. in a cron log.
import {
	DEFAULT_EVERY,
	FEED_KIND_ABOUT,
	FEED_KINDS,
	type FeedKind,
	type FeedSource,
	feedSourceSchema,
} from '../core/feeds/sources.js';
import { sanitizeLine } from '../core/sanitize.js';
import { truncate } from '../core/width.js';
import { FeedsFileError, readFeeds, updateFeeds } from '../io/feeds/file.js';
import type { SourceReport } from '../io/feeds/report.js';
import { FetchUsageError, runFetch } from '../io/feeds/run.js';
import { readState } from '../io/feeds/state.js';
import { isBundledDataDir } from '../io/load/dataDir.js';
import { WriteError } from '../io/write.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export interface FeedsFlags {
	kind?: string;
	every?: string;
	country: string[];
	match: string[];
	full: boolean;
	outlet?: string;
	allowPrivate: boolean;
	rootCodes: string[];
	noCheck: boolean;
	json: boolean;
}

const USAGE = 'sitrep feeds add NAME URL [--kind K] ... | list | remove NAME | test NAME';

/** The kind a URL most likely is. */
export function guessKind(url: string): FeedKind {
	const u = url.toLowerCase();
	if (/gdeltproject\.org|lastupdate\.txt$|\.export\.csv\.zip$/.test(u)) return 'gdelt-events';
	if (/ucdp|pcr\.uu\.se/.test(u)) return 'ucdp';
	if (/acleddata\.com|acled/.test(u)) return 'acled';
	return 'rss';
}

const list = (values: string[]) =>
	values
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);

/** A checked source from the words and flags, or what is wrong with them. */
function sourceOf(name: string, url: string, flags: FeedsFlags): FeedSource | string {
	if (flags.kind !== undefined && !FEED_KINDS.includes(flags.kind as FeedKind)) {
		return `--kind: expected one of ${FEED_KINDS.join(', ')}, found "${flags.kind}"`;
	}
	const candidate: Record<string, unknown> = {
		name,
		kind: flags.kind ?? guessKind(url),
		url,
		...(flags.every !== undefined ? { every: flags.every } : {}),
		...(flags.country.length ? { countries: list(flags.country).map((c) => c.toUpperCase()) } : {}),
		...(flags.match.length ? { match: list(flags.match) } : {}),
		...(flags.outlet !== undefined ? { outlet: flags.outlet } : {}),
		...(flags.full ? { full: true } : {}),
		...(flags.allowPrivate ? { allowPrivate: true } : {}),
		...(flags.rootCodes.length ? { rootCodes: list(flags.rootCodes) } : {}),
	};
	const parsed = feedSourceSchema.safeParse(candidate);
	if (parsed.success) return parsed.data;
	const FLAG: Record<string, string> = {
		name: 'NAME',
		url: 'URL',
		every: '--every',
		countries: '--country',
		match: '--match',
		outlet: '--outlet',
		rootCodes: '--root-codes',
		kind: '--kind',
	};
	return parsed.error.issues
		.map(
			(i) =>
				`${FLAG[String(i.path[0])] ?? String(i.path[0])}: expected ${i.message}, found ${JSON.stringify(i.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as PropertyKey], candidate))}`,
		)
		.join('; ');
}

function when(iso: string | undefined): string {
	return iso ? iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, 'Z') : 'never';
}

function printList(dir: string, ctx: Ctx, json: boolean): number {
	const { feeds } = readFeeds(dir);
	const { state } = readState(dir);
	if (json) {
		ctx.out(
			terminalJson({
				feeds: feeds.map((f) => {
					const s = state.sources[f.name];
					return {
						...f,
						every: f.every ?? DEFAULT_EVERY[f.kind],
						lastAttempt: s?.lastAttempt ?? null,
						lastSuccess: s?.lastSuccess ?? null,
						lastError: s?.lastError ?? null,
					};
				}),
			}),
		);
		return EXIT.ok;
	}
	if (feeds.length === 0) {
		ctx.out(`no sources in ${dir}/feeds.json yet: sitrep feeds add NAME URL`);
		return EXIT.ok;
	}
	const width = Math.max(4, ...feeds.map((f) => f.name.length));
	for (const f of feeds) {
		const s = state.sources[f.name];
		const scope = [
			f.countries?.length ? `countries ${f.countries.join(',')}` : '',
			f.match?.length ? `match ${f.match.join(', ')}` : '',
			f.full ? 'full text' : '',
			f.allowPrivate ? 'private address allowed' : '',
		]
			.filter(Boolean)
			.join('; ');
		ctx.out(
			`${f.name.padEnd(width)}  ${f.kind.padEnd(12)} every ${(f.every ?? DEFAULT_EVERY[f.kind]).padEnd(4)} ${sanitizeLine(f.url)}`,
		);
		ctx.out(
			`${''.padEnd(width)}  last ${when(s?.lastSuccess)}${s?.lastError ? `; last error: ${truncate(sanitizeLine(s.lastError), 100)}` : ''}${scope ? `; ${scope}` : ''}`,
		);
	}
	return EXIT.ok;
}

/** One source's report as lines (fetch prints the same). */
export function sourceLines(r: SourceReport, opts: { dryRun: boolean; items?: number }): string[] {
	const would = opts.dryRun ? 'would be ' : '';
	const head =
		r.status === 'error'
			? `${r.name}: failed: ${r.error}`
			: r.status === 'waiting'
				? `${r.name}: not asked (${r.notes[0] ?? 'waiting'})`
				: r.notModified
					? `${r.name}: not modified`
					: `${r.name}: ${r.new} ${would}new, ${r.updated} ${would}updated, ${r.unchanged} unchanged${r.filtered ? `, ${r.filtered} left out by its filters` : ''}${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}`;
	const out = [head];
	const shown = opts.items ?? 10;
	for (const item of r.items.slice(0, shown)) {
		const links = [...item.actors, ...item.countries].join(', ');
		out.push(`  ${item.status === 'new' ? '+' : '~'} ${truncate(item.title, 90)}${links ? `  [${links}]` : ''}`);
	}
	if (r.items.length > shown) out.push(`  … and ${r.items.length - shown} more (--json lists all)`);
	for (const s of r.skipped.slice(0, 5)) out.push(`  skipped ${truncate(s.item, 60)}: ${s.reason}`);
	if (r.skipped.length > 5) out.push(`  … and ${r.skipped.length - 5} more skipped (--json lists all)`);
	for (const n of r.notes.slice(r.status === 'waiting' ? 1 : 0, 5)) out.push(`  note: ${n}`);
	return out;
}

export async function runFeeds(
	args: string[],
	flags: FeedsFlags,
	where: { dataDir: string; version: string },
	ctx: Ctx,
): Promise<number> {
	const [sub, ...rest] = args;
	const dir = where.dataDir;
	try {
		switch (sub) {
			case undefined:
			case 'list':
				return printList(dir, ctx, flags.json);
			case 'add': {
				const [name, url, ...extra] = rest;
				if (!name || !url || extra.length) {
					ctx.err(
						`sitrep feeds add: expected NAME and URL, e.g. sitrep feeds add pk-news https://news.example.org/rss.xml`,
					);
					return EXIT.usage;
				}
				if (isBundledDataDir(dir)) {
					ctx.err(
						'sitrep feeds add: the bundled data/ is a curated sample, not a place to fetch into: give your own directory with --data DIR (or sitrep config set dataDir DIR)',
					);
					return EXIT.usage;
				}
				const source = sourceOf(name, url, flags);
				if (typeof source === 'string') {
					ctx.err(`sitrep feeds add: ${source}`);
					return EXIT.usage;
				}
				if (readFeeds(dir).feeds.some((f) => f.name === name)) {
					ctx.err(`sitrep feeds add: there is already a source named "${name}" (sitrep feeds remove ${name} first)`);
					return EXIT.usage;
				}
				updateFeeds(dir, (feeds) => [...feeds, source]);
				ctx.out(`added ${name} (${source.kind}: ${FEED_KIND_ABOUT[source.kind]}) to ${dir}/feeds.json`);
				if (flags.noCheck) return EXIT.ok;
				const check = await runFetch({ dir, names: [name], dryRun: true, version: where.version });
				const r = check.sources[0];
				if (r) for (const line of sourceLines(r, { dryRun: true, items: 3 })) ctx.out(`  ${line}`);
				if (r?.status === 'error') {
					ctx.err(`sitrep feeds add: ${name} is saved, but fetching it failed now: ${r.error}`);
					return EXIT.problems;
				}
				return EXIT.ok;
			}
			case 'remove': {
				const [name, ...extra] = rest;
				if (!name || extra.length) {
					ctx.err('sitrep feeds remove: expected the name of one source');
					return EXIT.usage;
				}
				let found = false;
				updateFeeds(dir, (feeds) =>
					feeds.filter((f) => {
						if (f.name !== name) return true;
						found = true;
						return false;
					}),
				);
				if (!found) {
					ctx.err(`sitrep feeds remove: no source named "${name}" (sitrep feeds list)`);
					return EXIT.usage;
				}
				ctx.out(`removed ${name}; what it brought stays in the data`);
				return EXIT.ok;
			}
			case 'test': {
				const [name, ...extra] = rest;
				if (!name || extra.length) {
					ctx.err('sitrep feeds test: expected the name of one source');
					return EXIT.usage;
				}
				const report = await runFetch({ dir, names: [name], dryRun: true, ignoreState: true, version: where.version });
				const r = report.sources[0];
				if (flags.json) ctx.out(terminalJson(r ?? null));
				else if (r) for (const line of sourceLines(r, { dryRun: true, items: 20 })) ctx.out(line);
				return r?.status === 'error' ? EXIT.problems : EXIT.ok;
			}
			default:
				ctx.err(`sitrep feeds: unknown "${sub}"; usage: ${USAGE}`);
				return EXIT.usage;
		}
	} catch (err) {
		if (err instanceof FetchUsageError) {
			ctx.err(`sitrep feeds: ${err.message}`);
			return EXIT.usage;
		}
		if (err instanceof FeedsFileError || err instanceof WriteError) {
			ctx.err(`sitrep feeds: ${err.message}`);
			return EXIT.data;
		}
		throw err;
	}
}
