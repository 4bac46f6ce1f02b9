// Reading files again while the dashboard runs: in the load worker when the
// bundle has one (parsing a big file never holds a frame up), else on this
// thread. A worker that cannot start or fails mid-way is not an error: the
// same read is made here instead.
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Actor, Country, Kind } from '../../core/schema.js';
import { type DataFile, type FilesResult, loadDataDirLazily, loadFilesLazily } from './loader.js';

export type ReadJob =
	| { job: 'files'; files: DataFile[]; actors: Actor[]; countries: Country[]; articleIds?: string[] }
	| { job: 'all'; dir: string };

async function onThisThread(job: ReadJob): Promise<FilesResult> {
	if (job.job === 'files') return loadFilesLazily(job.files, job);
	const all = await loadDataDirLazily(job.dir);
	const { articles, incidents, actors, countries } = all.store;
	return {
		records: { articles, incidents, actors, countries },
		fileKeys: all.fileKeys ?? new Map(),
		problems: all.problems,
		broken: all.broken ?? new Set(),
		files: all.files,
	};
}

interface Message {
	type: string;
	kind?: Kind;
	records?: unknown[];
	fileKeys?: Map<string, string[]>;
	problems?: FilesResult['problems'];
	broken?: Set<string>;
	files?: string[];
}

/** Below this many bytes to read, starting a worker costs more than the read would hold a frame up (tests set it). */
const workerFromBytes = () => Number(process.env.SITREP_LIVE_WORKER_BYTES ?? 256_000);

function bytesOf(job: ReadJob): number {
	if (job.job === 'all') return Number.POSITIVE_INFINITY;
	let n = 0;
	for (const f of job.files) {
		try {
			n += statSync(f.file).size;
		} catch {
			// Reported by the read.
		}
	}
	return n;
}

/** The job's records, problems and which file holds what. Rejects only when reading on this thread throws too. */
export async function readJob(job: ReadJob, workerUrl: URL | undefined): Promise<FilesResult> {
	if (!workerUrl || bytesOf(job) < workerFromBytes()) return onThisThread(job);
	const { Worker } = await import('node:worker_threads');
	return new Promise((resolve, reject) => {
		const records: FilesResult['records'] = { articles: [], incidents: [], actors: [], countries: [] };
		let settled = false;
		const fallback = () => {
			if (settled) return;
			settled = true;
			setImmediate(() => onThisThread(job).then(resolve, reject));
		};
		let worker: Worker;
		try {
			worker = new Worker(workerUrl, { workerData: job });
		} catch {
			fallback();
			return;
		}
		// A reload under way must not keep a quitting dashboard alive.
		worker.unref();
		worker.on('message', (m: Message) => {
			if (m.type === 'records' && m.kind && m.records) (records[m.kind] as unknown[]).push(...m.records);
			else if (m.type === 'done' && !settled) {
				settled = true;
				resolve({
					records,
					fileKeys: m.fileKeys ?? new Map(),
					problems: m.problems ?? [],
					broken: m.broken ?? new Set(),
					files: m.files ?? [],
				});
			} else if (m.type === 'failed') fallback();
		});
		worker.on('error', fallback);
		worker.on('exit', fallback);
	});
}
