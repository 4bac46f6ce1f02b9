// Reading files again while the dashboard runs: in the load worker when the
// bundle has one (parsing a big file never holds a frame up), else on this
// thread. The worker is started once and kept, idle and never keeping the
// process alive, for the next reload: starting one and loading its code
// costs more than most reads. A worker that cannot start or fails mid-way is
// not an error: the same read is made here instead, and the next read starts
// a new worker.
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { Kind } from '../../core/schemaBase.js';
import type { ReadJob } from './articlesWorker.js';
import { type FilesResult, filesResultOf, loadDataDirLazily, loadFilesLazily } from './loader.js';

export type { ReadJob };

async function onThisThread(job: ReadJob): Promise<FilesResult> {
	if (job.job === 'files') return loadFilesLazily(job.files, job);
	return filesResultOf(await loadDataDirLazily(job.dir));
}

/** Below this many bytes to read, a read holds a frame up less than handing it over costs (tests set it). */
export const workerFromBytes = () => Number(process.env.SITREP_LIVE_WORKER_BYTES ?? 256_000);

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

interface Message {
	id: number;
	type: string;
	kind?: Kind;
	records?: unknown[];
	fileKeys?: Map<string, string[]>;
	problems?: FilesResult['problems'];
	broken?: Set<string>;
	files?: string[];
}

interface Pending {
	id: number;
	records: FilesResult['records'];
	resolve(r: FilesResult): void;
	fail(): void;
}

export interface Reader {
	/** The job's records, problems and which file holds what. Rejects only when reading on this thread throws too. */
	read(job: ReadJob): Promise<FilesResult>;
	/** Starts the worker now, if there is one to start: a writer is at work, and a read will follow. */
	warm(): void;
	close(): void;
	/** Reads answered by the worker and on this thread, so far (a worker that always fails shows here). */
	readonly counts: { worker: number; here: number };
}

/** Reads with the load worker at `workerUrl` (dist/articles-worker.js) when there is one. */
export function openReader(workerUrl: URL | undefined): Reader {
	let worker: Worker | undefined;
	let starting: Promise<Worker | undefined> | undefined;
	let closed = false;
	let serial = 0;
	const pending = new Map<number, Pending>();
	const counts = { worker: 0, here: 0 };
	const here = (job: ReadJob) => {
		counts.here++;
		return onThisThread(job);
	};
	const drop = (w: Worker) => {
		if (worker !== w) return;
		worker = undefined;
		starting = undefined;
		for (const p of [...pending.values()]) p.fail();
		pending.clear();
		void w.terminate().catch(() => {});
	};
	const start = (): Promise<Worker | undefined> => {
		starting ??= (async () => {
			if (!workerUrl || closed) return undefined;
			try {
				const { Worker } = await import('node:worker_threads');
				const w = new Worker(workerUrl, { workerData: { job: 'serve' } });
				// Idle between reloads: it must not keep a quitting dashboard alive.
				w.unref();
				w.on('message', (m: Message) => {
					// A worker that does not answer by job (a dist/ from an older sitrep) is no use: read here.
					if (typeof m.id !== 'number') return drop(w);
					const p = pending.get(m.id);
					if (!p) return;
					if (m.type === 'records' && m.kind && m.records) (p.records[m.kind] as unknown[]).push(...m.records);
					else if (m.type === 'done') {
						pending.delete(m.id);
						counts.worker++;
						p.resolve({
							records: p.records,
							fileKeys: m.fileKeys ?? new Map(),
							problems: m.problems ?? [],
							broken: m.broken ?? new Set(),
							files: m.files ?? [],
						});
					} else if (m.type === 'failed') {
						pending.delete(m.id);
						p.fail();
					}
				});
				w.on('error', () => drop(w));
				w.on('exit', () => drop(w));
				worker = w;
				return w;
			} catch {
				return undefined;
			}
		})();
		return starting;
	};
	return {
		async read(job) {
			if (!workerUrl || closed || bytesOf(job) < workerFromBytes()) return here(job);
			const w = worker ?? (await start());
			if (!w) return here(job);
			return new Promise((resolve, reject) => {
				const id = ++serial;
				const records: FilesResult['records'] = { articles: [], incidents: [], actors: [], countries: [] };
				// Without the worker (it failed, or the old one from before an upgrade did not know the job), here.
				const fail = () => setImmediate(() => here(job).then(resolve, reject));
				pending.set(id, { id, records, resolve, fail });
				w.postMessage({ id, job });
			});
		},
		counts,
		warm() {
			if (!worker) void start();
		},
		close() {
			closed = true;
			if (worker) void worker.terminate().catch(() => {});
			worker = undefined;
		},
	};
}
