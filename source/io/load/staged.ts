// Loading a big data directory in two steps: incidents, actors and countries
// for the first frame, then the articles (a third of the bytes, and only the
// Search pane and profiles need them) in a worker thread. Small article sets
// are simply loaded at once.
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Article } from '../../core/schema.js';
import { buildStore, withArticles } from '../../core/store.js';
import { type Cached, cacheFileFor, readCache } from './cache.js';
import { kindFiles } from './files.js';
import { type ArticlesResult, type LoadResult, loadArticlesLazily, loadDataDirLazily } from './loader.js';

/** Below this many bytes of article files, a worker costs more than it saves (tests set it lower). */
const workerFromBytes = () => Number(process.env.SITREP_ARTICLES_WORKER_BYTES ?? 2_000_000);

function articleBytes(dir: string): number {
	let total = 0;
	for (const file of kindFiles(dir, 'articles')) {
		try {
			total += statSync(file).size;
		} catch {
			// An unreadable file is reported by the loader.
		}
	}
	return total;
}

export interface Staged {
	first: LoadResult;
	/** The whole data set, once the articles are in; undefined when `first` already has them. */
	rest?: Promise<LoadResult>;
	/** Whether the first step came from the load cache. */
	fromCache?: boolean;
	/** A clean load of a big set that did not come from the load cache: worth caching (sitrep cache). */
	cacheWanted?: boolean;
}

/** Loads the first step (zod imported only if a record needs it); rejects with DataDirError for a missing directory. */
export async function loadStaged(dir: string, workerUrl: URL | undefined, version = 'dev'): Promise<Staged> {
	const baseFiles = (['actors', 'countries', 'incidents'] as const).flatMap((k) => kindFiles(dir, k));
	const cacheFile = await cacheFileFor(dir, baseFiles, version);
	const bigArticles = workerUrl !== undefined && articleBytes(dir) >= workerFromBytes();
	if (!bigArticles && !cacheFile) return { first: await loadDataDirLazily(dir) };
	const cached = cacheFile ? await readCache(cacheFile) : undefined;
	const first = cached ? fromCache(dir, cached) : await loadDataDirLazily(dir, ['actors', 'countries', 'incidents']);
	const staged: Staged = { first, fromCache: cached !== undefined };
	if (cacheFile && !cached && cacheable(first)) staged.cacheWanted = true;
	if (!bigArticles) {
		// Few articles: add them now, on this thread.
		const known = { actors: first.store.actors, countries: first.store.countries };
		staged.first = merge(first, await loadArticlesLazily(dir, known));
		return staged;
	}
	staged.rest = articlesInWorker(dir, first, workerUrl as URL).then((r) => merge(first, r));
	return staged;
}

/** Only a load with nothing to report, and no incident citing an article, is cached: it carries no positions. */
function cacheable(r: LoadResult): boolean {
	return (
		r.problems.length === 0 &&
		Object.values(r.skipped).every((n) => n === 0) &&
		r.store.incidents.every((inc) => inc.sources.every((s) => typeof s !== 'string'))
	);
}

function fromCache(dir: string, c: Cached): LoadResult {
	return {
		store: buildStore(dir, { incidents: c.incidents, actors: c.actors, countries: c.countries, articles: [] }),
		problems: [],
		skipped: { articles: 0, incidents: 0, actors: 0, countries: 0 },
		files: c.files,
		missingArticles: () => [],
	};
}

/** node:worker_threads is imported for a big set only: the bundled data has no use for it. */
async function articlesInWorker(dir: string, first: LoadResult, url: URL): Promise<ArticlesResult> {
	const { Worker } = await import('node:worker_threads');
	return new Promise((resolve) => {
		const articles: Article[] = [];
		let settled = false;
		// Without the worker (a missing file, a crash) the articles still load, on this thread.
		const fallback = () => {
			if (settled) return;
			settled = true;
			setImmediate(() =>
				resolve(loadArticlesLazily(dir, { actors: first.store.actors, countries: first.store.countries })),
			);
		};
		let worker: Worker;
		try {
			worker = new Worker(url, {
				workerData: { dir, actors: first.store.actors, countries: first.store.countries },
			});
		} catch {
			fallback();
			return;
		}
		worker.unref();
		worker.on('message', (m: { type: string } & Partial<ArticlesResult> & { message?: string }) => {
			if (m.type === 'articles' && m.articles) articles.push(...m.articles);
			else if (m.type === 'done' && !settled) {
				settled = true;
				resolve({
					articles,
					problems: m.problems ?? [],
					skipped: m.skipped ?? 0,
					files: m.files ?? [],
					...(m.fileKeys ? { fileKeys: m.fileKeys } : {}),
					...(m.broken ? { broken: m.broken } : {}),
				});
			} else if (m.type === 'failed') fallback();
		});
		worker.on('error', fallback);
		worker.on('exit', fallback);
	});
}

/** The first step's result with the articles added: their problems, and any incident source naming a missing one. */
export function merge(first: LoadResult, later: ArticlesResult): LoadResult {
	const store = withArticles(first.store, later.articles);
	const missing = first.missingArticles?.((id) => store.articleById.has(id)) ?? [];
	const result: LoadResult = {
		store,
		problems: [...first.problems, ...later.problems, ...missing],
		skipped: { ...first.skipped, articles: later.skipped },
		files: [...first.files, ...later.files],
		broken: new Set([...(first.broken ?? []), ...(later.broken ?? [])]),
	};
	// From the load cache the first step cannot say which file held what: the live reload reads those kinds whole.
	if (first.fileKeys || later.fileKeys)
		result.fileKeys = new Map([...(first.fileKeys ?? []), ...(later.fileKeys ?? [])]);
	return result;
}

/** Where the bundled worker sits next to the CLI (dist/articles-worker.js); undefined when unbundled. */
export function bundledWorkerUrl(cliUrl: string): URL | undefined {
	const url = new URL('./articles-worker.js', cliUrl);
	try {
		statSync(url);
		return url;
	} catch {
		return undefined;
	}
}
