// Noticing that a data directory changed while the dashboard shows it. The
// truth is always a fresh look at the files (size, mtime and inode of each
// file the loader would read); fs.watch only says when to look, and polling
// looks every few seconds where fs.watch cannot be had (it threw, the folder
// went away, a network file system) or is not wanted (dataWatch "poll",
// SITREP_WATCH=poll). A write is several renames: looks wait until the
// directory has been quiet for a moment, and while sitrep's write lock is
// there (not forever: a lock its writer left behind must not freeze the
// dashboard). sitrep's own temporary and backup files are not data files.
// Nothing here throws at the caller, and nothing keeps the process alive.
import * as fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KINDS } from '../../core/schemaBase.js';
import { LOCK_NAME } from '../lockName.js';
import { kindFiles } from './files.js';
import type { DataFile } from './loader.js';

export type WatchMode = 'auto' | 'poll' | 'off';
export const WATCH_MODES: readonly WatchMode[] = ['auto', 'poll', 'off'];

interface Sig {
	size: number;
	mtimeMs: number;
	ino: number;
}

/** The data files of a directory as last seen, in the loader's order. */
export type Snapshot = Map<string, DataFile & Sig>;

/** The data files now, or undefined when the directory cannot be read at all (gone, unmounted). */
export function snapshotOf(dir: string): Snapshot | undefined {
	try {
		if (!fs.statSync(dir).isDirectory()) return undefined;
	} catch {
		return undefined;
	}
	const top = resolve(dir);
	const snap: Snapshot = new Map();
	for (const kind of KINDS) {
		let files: string[];
		try {
			files = kindFiles(dir, kind);
		} catch {
			// An unreadable folder: the loader reports it when it reads.
			continue;
		}
		for (const file of files) {
			try {
				const st = fs.statSync(file);
				snap.set(file, {
					file,
					kind,
					inFolder: resolve(dirname(file)) !== top,
					size: st.size,
					mtimeMs: st.mtimeMs,
					ino: st.ino,
				});
			} catch {
				// Gone between the listing and the look: the next look sees it as removed.
			}
		}
	}
	return snap;
}

export interface DirChange {
	/** New files and files whose size, mtime or inode changed. */
	changed: DataFile[];
	removed: DataFile[];
	/** Every data file now, in the loader's order. */
	files: DataFile[];
}

/** What the directory is like: 'missing' (gone or unreadable), 'empty' (no data files left: unmounted?). */
export type DirState = 'ok' | 'missing' | 'empty';

export function diffSnapshots(before: Snapshot, after: Snapshot): DirChange {
	const changed: DataFile[] = [];
	const removed: DataFile[] = [];
	for (const [file, now] of after) {
		const was = before.get(file);
		if (!was || was.size !== now.size || was.mtimeMs !== now.mtimeMs || was.ino !== now.ino) {
			changed.push({ file, kind: now.kind, inFolder: now.inFolder });
		}
	}
	for (const [file, was] of before)
		if (!after.has(file)) removed.push({ file, kind: was.kind, inFolder: was.inFolder });
	const files = [...after.values()].map(({ file, kind, inFolder }) => ({ file, kind, inFolder }));
	return { changed, removed, files };
}

export interface WatchOptions {
	mode: 'auto' | 'poll';
	/** The files as they were when the data was read (taken before loading, so nothing written meanwhile is missed). */
	baseline: Snapshot;
	onChange(change: DirChange): void;
	onState(state: DirState): void;
	/** Quiet time after the last event before looking. */
	debounceMs?: number;
	pollMs?: number;
	/** How long a write lock is waited for before looking anyway. */
	lockWaitMs?: number;
	/** Each look that found the write lock and waited (tests). */
	onWait?: () => void;
	/** fs.watch, or what stands for it (tests pass one that throws). */
	watchFn?: typeof fs.watch;
}

export interface DirWatcher {
	/** Looks now (after the quiet time). */
	poke(): void;
	/** These files count as unseen: the next look reports them again (their reload failed). */
	forget(change: DirChange): void;
	/** Whether it polls (asked to, or fs.watch could not be had). */
	readonly polling: boolean;
	close(): void;
}

/** sitrep's temporary files (io/atomic.ts) and the backups commitPlan keeps while it renames. */
const OWN_FILE = /\.tmp-\d+-|\.sitrep-bak-/;
const DATA_NAME = /\.(json|jsonl|ndjson)$/;

export function watchDataDir(dir: string, opts: WatchOptions): DirWatcher {
	const debounceMs = opts.debounceMs ?? 150;
	const pollMs = opts.pollMs ?? 3000;
	const lockWaitMs = opts.lockWaitMs ?? 15_000;
	let seen = opts.baseline;
	let state: DirState = 'ok';
	let closed = false;
	let timer: NodeJS.Timeout | undefined;
	let poller: NodeJS.Timeout | undefined;
	let lockedSince: number | undefined;
	const watchers = new Map<string, fs.FSWatcher>();

	const later = (fn: () => void, ms: number): NodeJS.Timeout => {
		const t = setTimeout(fn, ms);
		t.unref();
		return t;
	};
	const schedule = (ms = debounceMs) => {
		if (closed) return;
		if (timer) clearTimeout(timer);
		timer = later(look, ms);
	};
	const setState = (next: DirState) => {
		if (next === state) return;
		state = next;
		safely(() => opts.onState(next));
	};
	/** Polling because fs.watch failed: it stays on. */
	let watchFailed = false;
	const startPolling = () => {
		if (poller || closed) return;
		poller = setInterval(look, pollMs);
		poller.unref();
	};
	const stopPolling = () => {
		if (!poller || opts.mode === 'poll' || watchFailed) return;
		clearInterval(poller);
		poller = undefined;
	};

	function look(): void {
		timer = undefined;
		if (closed) return;
		if (exists(join(dir, LOCK_NAME))) {
			lockedSince ??= Date.now();
			// Wait for the writer to finish, unless it has held the lock too long (a stale lock).
			if (Date.now() - lockedSince < lockWaitMs) {
				safely(() => opts.onWait?.());
				schedule(Math.min(100, debounceMs));
				return;
			}
		} else lockedSince = undefined;
		const now = snapshotOf(dir);
		if (!now || (now.size === 0 && seen.size > 0)) {
			setState(now ? 'empty' : 'missing');
			// Watchers on a folder that went away (or a file system unmounted under them) say nothing when it is back: poll meanwhile.
			closeWatchers();
			startPolling();
			return;
		}
		if (state !== 'ok' && opts.mode === 'auto') {
			attach();
			stopPolling();
		}
		setState('ok');
		const change = diffSnapshots(seen, now);
		seen = now;
		if (change.changed.length || change.removed.length) safely(() => opts.onChange(change));
	}

	const watch = (path: string) => {
		if (watchers.has(path)) return;
		try {
			const w = (opts.watchFn ?? fs.watch)(path, { persistent: false }, (_event, name) =>
				onEvent(path, name ? String(name) : ''),
			);
			w.on('error', () => {
				safely(() => w.close());
				watchers.delete(path);
				// The folder went away (its look says so), or the watch broke: a look decides.
				if (exists(path)) watchFailed = true;
				startPolling();
				schedule();
			});
			watchers.set(path, w);
		} catch {
			// fs.watch is not available here (too many watches, a file system without events): poll.
			watchFailed = true;
			startPolling();
		}
	};
	function attach(): void {
		watch(dir);
		for (const kind of KINDS) {
			const folder = join(dir, kind);
			if (isDir(folder)) watch(folder);
		}
	}
	function closeWatchers(): void {
		for (const w of watchers.values()) safely(() => w.close());
		watchers.clear();
	}
	function onEvent(where: string, name: string): void {
		if (closed || OWN_FILE.test(name)) return;
		// A kind's folder made or replaced: watch it too. An event without a name: look anyway.
		if (where === dir && (KINDS as readonly string[]).includes(name) && isDir(join(dir, name))) {
			const old = watchers.get(join(dir, name));
			if (old) {
				safely(() => old.close());
				watchers.delete(join(dir, name));
			}
			watch(join(dir, name));
		}
		if (name === '' || name === LOCK_NAME || DATA_NAME.test(name) || (KINDS as readonly string[]).includes(name)) {
			schedule();
		}
	}

	if (opts.mode === 'poll') startPolling();
	else attach();
	// Anything written between the baseline and the watchers starting.
	schedule(0);
	return {
		poke: () => schedule(),
		forget(change) {
			const next = new Map(seen);
			for (const f of change.changed) next.delete(f.file);
			for (const f of change.removed) next.set(f.file, { ...f, size: -1, mtimeMs: -1, ino: -1 });
			seen = next;
		},
		get polling() {
			return poller !== undefined;
		},
		close() {
			closed = true;
			if (timer) clearTimeout(timer);
			if (poller) clearInterval(poller);
			closeWatchers();
		},
	};
}

function isDir(path: string): boolean {
	try {
		return fs.statSync(path).isDirectory();
	} catch {
		return false;
	}
}

function exists(path: string): boolean {
	try {
		fs.statSync(path);
		return true;
	} catch {
		return false;
	}
}

function safely(fn: () => void): void {
	try {
		fn();
	} catch {
		// A watcher's callback must never take the dashboard down.
	}
}
