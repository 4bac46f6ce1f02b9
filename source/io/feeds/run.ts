// One fetch: the chosen sources fetched side by side, then everything new
// written in one go through the same atomic, locked writer as import and
// ingest (io/write.ts), then what was taken remembered (io/feeds/state.ts).
// A source that fails is reported and loses no other source's items; only
// what was written moves a source's validators on, so a 304 can never hide
// items that were not stored.
import { articleFileOf, dueAt, type FeedSource, incidentFileOf } from '../../core/feeds/sources.js';
import { gazetteerOf } from '../../core/link.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { Kind } from '../../core/schemaBase.js';
import { loadDataDir } from '../load/load.js';
import { HttpError } from '../net/http.js';
import { commitPlan, planUpserts, takeLock, type Upsert, WriteError, withDataLock } from '../write.js';
import { collectDataset } from './datasets.js';
import { readFeeds } from './file.js';
import { collectGdelt } from './gdelt.js';
import { emptyReport, type FetchReport, type SourceReport } from './report.js';
import { collectRss, type FetchEnv } from './rss.js';
import { readState, type SourceState, writeState } from './state.js';

/** Held for the length of one fetch, so two fetches of one directory take turns. */
export const FETCH_LOCK = '.sitrep-fetch.lock';
/** Sources fetched at once. */
const PARALLEL = 4;

export class FetchUsageError extends Error {}

export interface FetchOptions {
	dir: string;
	/** Only these sources (all of them, due or not); else every source (only the due ones with `due`). */
	names?: readonly string[];
	due?: boolean;
	/** With `due`: every source is due this long after it was last tried (fetch --every 5m), not after its own interval. */
	interval?: number;
	dryRun?: boolean;
	now?: Date;
	signal?: AbortSignal;
	/** Where credentials are read from (default process.env). */
	vars?: NodeJS.ProcessEnv;
	version?: string;
	/** Ask as if never asked before: no validators, no items known (feeds test; only with dryRun). */
	ignoreState?: boolean;
	/** How long to wait for another fetch of the same directory to end. */
	lockTimeoutMs?: number;
}

interface Pending {
	source: FeedSource;
	report: SourceReport;
	state: SourceState;
	kind?: Kind;
	records?: Record<string, unknown>[];
	commit?: () => void;
}

function pick(
	feeds: FeedSource[],
	opts: FetchOptions,
	sources: Record<string, SourceState>,
	now: number,
): FeedSource[] {
	if (opts.names?.length) {
		const byName = new Map(feeds.map((f) => [f.name, f]));
		const unknown = opts.names.filter((n) => !byName.has(n));
		if (unknown.length) {
			const have = feeds.length
				? `; the sources are: ${feeds.map((f) => f.name).join(', ')}`
				: '; there are none yet (sitrep feeds add NAME URL)';
			throw new FetchUsageError(`no source named ${unknown.map((n) => `"${n}"`).join(', ')}${have}`);
		}
		return [...new Set(opts.names)].map((n) => byName.get(n) as FeedSource);
	}
	if (!opts.due) return feeds;
	return feeds.filter((f) => {
		const last = sources[f.name]?.lastAttempt;
		const at = opts.interval !== undefined && last ? Date.parse(last) + opts.interval : dueAt(f, last);
		return at <= now;
	});
}

async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const lanes = Array.from({ length: Math.min(n, items.length) }, async () => {
		while (next < items.length) {
			const item = items[next++] as T;
			await work(item);
		}
	});
	await Promise.all(lanes);
}

const message = (err: unknown) => sanitizeLine(err instanceof Error ? err.message : String(err));

async function collect(p: Pending, env: FetchEnv, opts: FetchOptions, now: Date): Promise<void> {
	const { source, report, state } = p;
	if (state.notBefore && Date.parse(state.notBefore) > now.getTime()) {
		report.status = 'waiting';
		report.notes.push(`the server asked not to be asked again before ${state.notBefore} (429 Retry-After)`);
		return;
	}
	try {
		if (source.kind === 'rss' || source.kind === 'atom') {
			const got = await collectRss(source, state, report, env);
			if (got) Object.assign(p, { kind: 'articles', records: got.records, commit: got.commit });
		} else if (source.kind === 'gdelt-events') {
			const got = await collectGdelt(source, state, report, env);
			if (got) Object.assign(p, { kind: 'incidents', records: got.records, commit: got.commit });
		} else {
			const commit = await collectDataset(source, state, report, {
				dir: opts.dir,
				dryRun: opts.dryRun === true,
				env,
				vars: opts.vars ?? process.env,
			});
			if (commit) p.commit = commit;
		}
	} catch (err) {
		report.status = 'error';
		report.error = message(err);
		if (err instanceof HttpError && err.retryAfterMs !== undefined) {
			state.notBefore = new Date(now.getTime() + err.retryAfterMs).toISOString();
		}
	}
}

/** Counts and lists what the write did, source by source. */
function account(
	pending: Pending[],
	counts: Partial<Record<Kind, { imported: string[]; updated: string[]; unchanged: string[] }>>,
): void {
	const status = new Map<string, 'new' | 'updated' | 'unchanged'>();
	for (const kind of ['articles', 'incidents'] as const) {
		const c = counts[kind];
		if (!c) continue;
		for (const id of c.imported) status.set(`${kind}:${id}`, 'new');
		for (const id of c.updated) status.set(`${kind}:${id}`, 'updated');
		for (const id of c.unchanged) status.set(`${kind}:${id}`, 'unchanged');
	}
	for (const p of pending) {
		if (!p.records || !p.kind) continue;
		for (const r of p.records) {
			const id = r.id as string;
			const s = status.get(`${p.kind}:${id}`);
			if (s === 'unchanged' || s === undefined) {
				p.report.unchanged++;
				continue;
			}
			if (s === 'new') p.report.new++;
			else p.report.updated++;
			p.report.items.push({
				id,
				title: sanitizeLine(String(r.title ?? r.description ?? id)).slice(0, 200),
				status: s,
				actors: (r.actors ?? r.perpetrators ?? []) as string[],
				countries: (r.countries ?? (r.country ? [r.country] : [])) as string[],
			});
		}
	}
}

export async function runFetch(opts: FetchOptions): Promise<FetchReport> {
	const now = opts.now ?? new Date();
	const report: FetchReport = {
		dir: opts.dir,
		dryRun: opts.dryRun === true,
		startedAt: now.toISOString(),
		sources: [],
		new: 0,
		updated: 0,
		failed: 0,
		writeError: null,
		notes: [],
	};
	const { feeds } = readFeeds(opts.dir);
	const release = opts.dryRun
		? () => {}
		: takeLock(opts.dir, FETCH_LOCK, {
				timeoutMs: opts.lockTimeoutMs ?? 10 * 60_000,
				busy: (pid) => `another sitrep fetch (pid ${pid}) is fetching into ${opts.dir}; try again when it ends`,
			});
	try {
		const { state, note } =
			opts.ignoreState && opts.dryRun
				? { state: { version: 1 as const, sources: {} }, note: undefined }
				: readState(opts.dir);
		if (note) report.notes.push(note);
		const chosen = pick(feeds, opts, state.sources, now.getTime());
		const { store } = loadDataDir(opts.dir, ['actors', 'countries']);
		const env: FetchEnv = {
			now,
			gazetteer: gazetteerOf(store),
			known: new Set(store.countries.map((c) => c.code)),
			userAgent: `sitrep/${opts.version ?? 'dev'}`,
			taken: new Map(),
			...(opts.signal ? { signal: opts.signal } : {}),
		};
		const pending: Pending[] = chosen.map((source) => {
			const st = state.sources[source.name] ?? {};
			state.sources[source.name] = st;
			return { source, report: emptyReport(source.name, source.kind, source.url), state: st };
		});
		for (const p of pending) p.state.lastAttempt = now.toISOString();
		await pool(pending, PARALLEL, (p) => collect(p, env, opts, now));

		const upserts: Upsert[] = pending
			.filter((p) => p.records?.length && p.kind)
			.map((p) => ({
				kind: p.kind as Kind,
				records: p.records as Record<string, unknown>[],
				newFile: p.kind === 'articles' ? articleFileOf(p.source) : incidentFileOf(p.source),
			}));
		let written = true;
		if (upserts.length) {
			try {
				const plan = opts.dryRun
					? planUpserts(opts.dir, upserts)
					: withDataLock(opts.dir, () => {
							const planned = planUpserts(opts.dir, upserts);
							commitPlan(planned);
							return planned;
						});
				account(pending, plan.counts);
			} catch (err) {
				if (!(err instanceof WriteError)) throw err;
				written = false;
				report.writeError = message(err);
				for (const p of pending) {
					if (p.records?.length) {
						p.report.status = 'error';
						p.report.error = `fetched, but not written: ${report.writeError}`;
					}
				}
			}
		}
		for (const p of pending) {
			const r = p.report;
			if (r.status !== 'error' && r.status !== 'waiting' && written) {
				p.commit?.();
				p.state.lastSuccess = now.toISOString();
				delete p.state.lastError;
				delete p.state.notBefore;
			} else if (r.error) p.state.lastError = r.error;
			r.nextDue = new Date(
				Math.max(dueAt(p.source, p.state.lastAttempt), Date.parse(p.state.notBefore ?? '') || 0),
			).toISOString();
			report.sources.push(r);
			report.new += r.new;
			report.updated += r.updated;
			if (r.status === 'error') report.failed++;
		}
		if (!opts.dryRun) {
			try {
				writeState(opts.dir, state);
			} catch (err) {
				report.notes.push(
					`what was fetched is written, but the fetch state was not saved (${message(err)}): the next fetch asks for everything again`,
				);
			}
		}
		return report;
	} finally {
		release();
	}
}
