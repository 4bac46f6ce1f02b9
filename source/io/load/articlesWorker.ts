// Loading off the main thread. The dashboard's second step: read, validate,
// sanitize and link the articles while the first frame is already on screen.
// And the live dashboard's re-reads (job 'files': the files that changed;
// 'all': the whole directory, when actors or countries changed). Records go
// back in batches so the main thread never spends long taking one message in.
import { parentPort, workerData } from 'node:worker_threads';
import type { Actor, Country } from '../../core/schema.js';
import { loadArticles, loadDataDir, loadFiles } from './load.js';
import type { DataFile, FilesResult } from './loader.js';

const BATCH = 250;

type Job =
	| { job?: 'articles'; dir: string; actors: Actor[]; countries: Country[] }
	| { job: 'files'; files: DataFile[]; actors: Actor[]; countries: Country[]; articleIds?: string[] }
	| { job: 'all'; dir: string };

function send(kind: string, records: readonly unknown[]): void {
	for (let i = 0; i < records.length; i += BATCH) {
		parentPort?.postMessage({ type: 'records', kind, records: records.slice(i, i + BATCH) });
	}
}

function sendFiles(result: FilesResult): void {
	for (const [kind, records] of Object.entries(result.records)) send(kind, records);
	const { fileKeys, problems, broken, files } = result;
	parentPort?.postMessage({ type: 'done', fileKeys, problems, broken, files });
}

const job = workerData as Job;
try {
	if (job.job === 'files') {
		sendFiles(loadFiles(job.files, job));
	} else if (job.job === 'all') {
		const all = loadDataDir(job.dir);
		const { articles, incidents, actors, countries } = all.store;
		sendFiles({
			records: { articles, incidents, actors, countries },
			fileKeys: all.fileKeys ?? new Map(),
			problems: all.problems,
			broken: all.broken ?? new Set(),
			files: all.files,
		});
	} else {
		const result = loadArticles(job.dir, { actors: job.actors, countries: job.countries });
		for (let i = 0; i < result.articles.length; i += BATCH) {
			parentPort?.postMessage({ type: 'articles', articles: result.articles.slice(i, i + BATCH) });
		}
		parentPort?.postMessage({
			type: 'done',
			problems: result.problems,
			skipped: result.skipped,
			files: result.files,
			fileKeys: result.fileKeys,
			broken: result.broken,
		});
	}
} catch (err) {
	parentPort?.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
