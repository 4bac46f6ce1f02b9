// The open dashboard's data kept current: the directory watched
// (watchDir.ts), the files that changed read again (in the load worker when
// there is one), merged into the data (liveMerge.ts) and a new store made
// from the old one (core/storeUpdate.ts), the main thread's share in slices
// so no frame waits long. One reload at a time; what changes meanwhile is
// read after it. Nothing here throws at the caller: a reload that fails is
// tried again at the next change, and the data shown stays as it was.
import type { Problem } from '../../core/problems.js';
import type { Kind } from '../../core/schemaBase.js';
import { inSlices } from '../../core/slices.js';
import type { Store } from '../../core/store.js';
import { updateStoreSteps } from '../../core/storeUpdate.js';
import { type KeyLists, mergeSteps, withoutFoundArticles } from './liveMerge.js';
import type { DataFile, LoadResult } from './loader.js';
import { openReader, type ReadJob, workerFromBytes } from './reread.js';
import { type DirChange, type DirState, type Snapshot, type WatchOptions, watchDataDir } from './watchDir.js';

export interface LiveUpdate {
	store: Store;
	problems: Problem[];
	/** This reload's records, by key: new ones, changed ones (same id, other content), removed ones. */
	added: KeyLists;
	changed: KeyLists;
	removed: KeyLists;
	/** Files that do not read cleanly now, shown as they last read well. */
	stale: string[];
	/** Which kinds this reload changed. */
	kinds: Record<Kind, boolean>;
}

export interface LiveOptions {
	dir: string;
	loaded: LoadResult;
	/** The data files as they were before the data was read. */
	baseline: Snapshot;
	mode: 'auto' | 'poll';
	/** The load worker (dist/articles-worker.js); without it files are read on this thread. */
	workerUrl?: URL;
	onUpdate(update: LiveUpdate): void;
	onState(state: DirState): void;
	/** Timings, for tests. */
	watch?: Partial<Pick<WatchOptions, 'debounceMs' | 'pollMs' | 'lockWaitMs' | 'watchFn'>>;
}

export interface Live {
	close(): void;
	/** Whether it polls rather than being told by fs.watch. */
	readonly polling: boolean;
}

const changedKinds = (c: DirChange) => new Set([...c.changed, ...c.removed].map((f) => f.kind));

export function startLive(opts: LiveOptions): Live {
	let store = opts.loaded.store;
	let problems = opts.loaded.problems;
	let fileKeys = new Map(opts.loaded.fileKeys ?? []);
	let stale = new Set<string>();
	let closed = false;
	let pending: DirChange | undefined;
	let files: DataFile[] = [...opts.baseline.values()].map(({ file, kind, inFolder }) => ({ file, kind, inFolder }));
	let running = false;
	const reader = openReader(opts.workerUrl);
	// A directory this small is read again on this thread: no worker to start ahead.
	const big = [...opts.baseline.values()].reduce((n, f) => n + f.size, 0) >= workerFromBytes();

	/**
	 * Which files to read for a change: the changed ones; all of them when actors or countries
	 * changed (every check and link depends on them); all of a kind when which file held which of
	 * its records is not known (they came from the load cache).
	 */
	const jobFor = (change: DirChange): { job: ReadJob; kinds: Set<Kind>; whole: boolean } => {
		const kinds = changedKinds(change);
		if (kinds.has('actors') || kinds.has('countries')) {
			return {
				job: { job: 'all', dir: opts.dir },
				kinds: new Set(['articles', 'incidents', 'actors', 'countries']),
				whole: true,
			};
		}
		const read = new Map(change.changed.map((f) => [f.file, f]));
		for (const f of files) if (kinds.has(f.kind) && !fileKeys.has(f.file)) read.set(f.file, f);
		const incidents = [...read.values()].some((f) => f.kind === 'incidents');
		return {
			job: {
				job: 'files',
				files: [...read.values()],
				actors: store.actors,
				countries: store.countries,
				...(incidents ? { articleIds: store.articles.map((a) => a.id) } : {}),
			},
			kinds,
			whole: false,
		};
	};

	const reload = async (change: DirChange, now: DataFile[]) => {
		const { job, kinds, whole } = jobFor(change);
		const read = await reader.read(job);
		if (closed) return;
		const merged = await inSlices(
			(due) => mergeSteps({ store, problems, fileKeys, stale, files: now, kinds, read, whole }, due),
			{ cancelled: () => closed },
		);
		if (!merged) return;
		const next = await inSlices((due) => updateStoreSteps(store, merged.change, due), { cancelled: () => closed });
		if (!next) return;
		store = next;
		problems =
			merged.added.articles.length || merged.removed.articles.length
				? withoutFoundArticles(merged.problems, next)
				: merged.problems;
		fileKeys = merged.fileKeys;
		stale = merged.stale;
		files = now;
		const { added, changed, removed } = merged;
		const touched = (k: Kind) => merged.change[k] !== undefined;
		const which = {
			incidents: touched('incidents'),
			articles: touched('articles'),
			actors: touched('actors'),
			countries: touched('countries'),
		};
		opts.onUpdate({ store, problems, added, changed, removed, stale: [...stale], kinds: which });
	};

	const drain = async () => {
		if (running) return;
		running = true;
		try {
			while (pending && !closed) {
				const change = pending;
				pending = undefined;
				try {
					await reload(change, change.files);
				} catch {
					// Read again at the next change (the watcher's next look sees the files as changed still).
					if (!closed) watcher.forget(change);
				}
			}
		} finally {
			running = false;
		}
	};

	const watcher = watchDataDir(opts.dir, {
		mode: opts.mode,
		baseline: opts.baseline,
		...opts.watch,
		// A writer holds the lock: what it writes will be read, so the worker starts meanwhile.
		onWait: () => {
			if (big) reader.warm();
		},
		onChange(change) {
			pending = pending ? unite(pending, change) : change;
			void drain();
		},
		onState: opts.onState,
	});
	return {
		close() {
			closed = true;
			watcher.close();
			reader.close();
		},
		get polling() {
			return watcher.polling;
		},
	};
}

/** Two changes as one: the later listing, every file changed in either, removed ones that did not come back. */
function unite(a: DirChange, b: DirChange): DirChange {
	const changed = new Map([...a.changed, ...b.changed].map((f) => [f.file, f]));
	const removed = new Map([...a.removed, ...b.removed].map((f) => [f.file, f]));
	for (const f of b.changed) removed.delete(f.file);
	for (const f of b.removed) changed.delete(f.file);
	return { changed: [...changed.values()], removed: [...removed.values()], files: b.files };
}
