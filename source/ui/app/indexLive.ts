// The dashboard over the SQLite index kept current with its directory: the
// files are watched as in memory (io/load/watchDir.ts); a change runs
// `sitrep index update` in a process of its own (the update's SQL would hold
// this one's event loop for seconds), and when it is done the index is opened
// anew and the panes asked again. Records are not marked new over the index
// (that needs them in memory); the status bar says when it was updated, or why not.
import { spawn } from 'node:child_process';
import { type DirChange, type DirState, type Snapshot, watchDataDir } from '../../io/load/watchDir.js';
import type { LiveStatus } from './App.js';
import type { LiveWiring } from './liveView.js';

export interface IndexLiveOptions {
	dir: string;
	mode: 'auto' | 'poll';
	baseline: Snapshot;
	/** dist/cli.js: the update runs as `node CLI index update --data DIR`. */
	cliPath: string;
	/** The index was brought up to date: open it again and redraw with this status. */
	onUpdated(status: LiveStatus): void;
	onStatus(status: LiveStatus): void;
}

const DIR_WORDS: Record<Exclude<DirState, 'ok'>, string> = {
	missing: 'data directory missing: showing the index as it was',
	empty: 'no data files in the directory (unmounted?): showing the index as it was',
};

export function startIndexLive(opts: IndexLiveOptions): LiveWiring {
	let seq = 0;
	let status: LiveStatus = { arrived: 0 };
	let running = false;
	let again: DirChange | undefined;
	let closed = false;
	const say = (warning: string | undefined) => {
		const { warning: _, ...rest } = status;
		status = warning ? { ...rest, warning } : rest;
		opts.onStatus(status);
	};
	const update = (change: DirChange) => {
		if (running) {
			again = change;
			return;
		}
		running = true;
		const child = spawn(process.execPath, [opts.cliPath, 'index', 'update', '--json', '--data', opts.dir], {
			// An IPC channel: the update says when its rows are committed, before its checkpoint and status.
			stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
			env: process.env,
		});
		let told = false;
		child.on('message', (m: unknown) => {
			if (told || (m as { sitrepIndex?: string } | null)?.sitrepIndex !== 'committed') return;
			told = true;
			done(true);
		});
		let err = '';
		child.stderr?.on('data', (b: Buffer) => {
			err = (err + b.toString()).slice(-2000);
		});
		const done = (ok: boolean, why?: string) => {
			running = false;
			if (closed) return;
			if (ok) {
				seq++;
				status = {
					arrived: 0,
					updatedAt: new Date(),
					merge: {
						seq,
						added: { incidents: [], articles: [] },
						removed: { incidents: [], articles: [] },
						changed: { incidents: true, articles: true, actors: true, countries: true },
					},
				};
				opts.onUpdated(status);
			} else {
				watcher.forget(change);
				say(`the index could not be updated (${why}): showing it as it was`);
			}
			const next = again;
			again = undefined;
			if (next) update(next);
		};
		child.on('error', (e) => {
			if (!told) done(false, e.message);
		});
		child.on('close', (code) => {
			// Committed and said so: what follows (the checkpoint, the status) changes nothing shown.
			if (told) return;
			const last = err
				.trim()
				.split('\n')
				.at(-1)
				?.replace(/^sitrep index: /, '');
			done(code === 0, last || `exit status ${code}`);
		});
	};
	const watcher = watchDataDir(opts.dir, {
		mode: opts.mode,
		baseline: opts.baseline,
		onChange: update,
		onState: (state) => say(state === 'ok' ? undefined : DIR_WORDS[state]),
	});
	return {
		close() {
			closed = true;
			watcher.close();
		},
	};
}
