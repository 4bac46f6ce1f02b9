// The dashboard's second step, off the main thread: read, validate, sanitize
// and link the articles while the first frame is already on screen. They go
// back in batches so the main thread never spends long taking one message in.
import { parentPort, workerData } from 'node:worker_threads';
import type { Actor, Country } from '../../core/schema.js';
import { loadArticles } from './load.js';

const BATCH = 250;
const { dir, actors, countries } = workerData as { dir: string; actors: Actor[]; countries: Country[] };
try {
	const result = loadArticles(dir, { actors, countries });
	for (let i = 0; i < result.articles.length; i += BATCH) {
		parentPort?.postMessage({ type: 'articles', articles: result.articles.slice(i, i + BATCH) });
	}
	parentPort?.postMessage({ type: 'done', problems: result.problems, skipped: result.skipped, files: result.files });
} catch (err) {
	parentPort?.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
