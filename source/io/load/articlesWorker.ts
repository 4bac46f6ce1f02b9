// Loading off the main thread. The dashboard's second step: read, validate,
// sanitize and link the articles while the first frame is already on screen.
// And, kept running for the live dashboard ('serve'), its re-reads: the
// files that changed ('files'), or the whole directory when actors or
// countries changed ('all'). Records go back in batches so the main thread
// never spends long taking one message in.
import { parentPort, workerData } from 'node:worker_threads';
import type { Actor, Country } from '../../core/schema.js';
import { loadArticles, loadDataDir, loadFiles } from './load.js';
import { type DataFile, type FilesResult, filesResultOf } from './loader.js';

const BATCH = 250;

export type ReadJob =
	| { job: 'files'; files: DataFile[]; actors: Actor[]; countries: Country[]; articleIds?: string[] }
	| { job: 'all'; dir: string };

type Start = { job?: 'articles'; dir: string; actors: Actor[]; countries: Country[] } | { job: 'serve' };

function read(job: ReadJob): FilesResult {
	if (job.job === 'files') return loadFiles(job.files, job);
	return filesResultOf(loadDataDir(job.dir));
}

function sendFiles(id: number, result: FilesResult): void {
	for (const [kind, records] of Object.entries(result.records)) {
		for (let i = 0; i < records.length; i += BATCH) {
			parentPort?.postMessage({ id, type: 'records', kind, records: records.slice(i, i + BATCH) });
		}
	}
	const { fileKeys, problems, broken, files } = result;
	parentPort?.postMessage({ id, type: 'done', fileKeys, problems, broken, files });
}

const start = workerData as Start;
if (start.job === 'serve') {
	parentPort?.on('message', ({ id, job }: { id: number; job: ReadJob }) => {
		try {
			sendFiles(id, read(job));
		} catch (err) {
			parentPort?.postMessage({ id, type: 'failed', message: err instanceof Error ? err.message : String(err) });
		}
	});
} else {
	try {
		const result = loadArticles(start.dir, { actors: start.actors, countries: start.countries });
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
	} catch (err) {
		parentPort?.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
	}
}
