// What the status bar and the marks need from the live reloads (io/load/live.ts):
// how many records arrived since the dashboard opened (counted once each,
// dropped if removed again), when the last reload was shown, and what keeps
// the data from being current — the directory gone or emptied, a file that
// does not read (its last good read is shown).
import { basename } from 'node:path';
import { type LiveUpdate, startLive } from '../../io/load/live.js';
import type { LoadResult } from '../../io/load/loader.js';
import type { DirState, Snapshot } from '../../io/load/watchDir.js';
import type { LiveStatus } from './App.js';

export interface LiveWiring {
	close(): void;
}

export interface LiveViewOptions {
	dir: string;
	loaded: LoadResult;
	mode: 'auto' | 'poll';
	baseline: Snapshot;
	workerUrl?: URL;
	/** New data, with the status that goes with it: draw both. */
	onData(data: LoadResult, status: LiveStatus): void;
	/** Only the status changed. */
	onStatus(status: LiveStatus): void;
}

const STATE_WORDS: Record<Exclude<DirState, 'ok'>, string> = {
	missing: 'data directory missing: showing what was loaded',
	empty: 'no data files in the directory (unmounted?): showing what was loaded',
};

function staleWords(stale: readonly string[]): string | undefined {
	if (stale.length === 0) return undefined;
	if (stale.length === 1) return `${basename(stale[0] ?? '')} does not read: its last good read is shown (!)`;
	return `${stale.length} files do not read: their last good reads are shown (!)`;
}

export function startLiveView(opts: LiveViewOptions): LiveWiring {
	const arrived = { incidents: new Set<string>(), articles: new Set<string>() };
	let state: DirState = 'ok';
	let stale: readonly string[] = [];
	let seq = 0;
	let status: LiveStatus = { arrived: 0 };
	const warning = () => (state === 'ok' ? staleWords(stale) : STATE_WORDS[state]);
	const withWarning = (s: LiveStatus): LiveStatus => {
		const w = warning();
		const { warning: _, ...rest } = s;
		return w ? { ...rest, warning: w } : rest;
	};
	const onUpdate = (u: LiveUpdate) => {
		for (const kind of ['incidents', 'articles'] as const) {
			for (const id of u.added[kind]) arrived[kind].add(id);
			for (const id of u.removed[kind]) arrived[kind].delete(id);
		}
		stale = u.stale;
		seq++;
		status = withWarning({
			arrived: arrived.incidents.size + arrived.articles.size,
			updatedAt: new Date(),
			merge: { seq, added: u.added, removed: u.removed, changed: u.kinds },
		});
		const data: LoadResult = {
			...opts.loaded,
			store: u.store,
			problems: u.problems,
		};
		opts.onData(data, status);
	};
	const live = startLive({
		dir: opts.dir,
		loaded: opts.loaded,
		baseline: opts.baseline,
		mode: opts.mode,
		...(opts.workerUrl ? { workerUrl: opts.workerUrl } : {}),
		onUpdate,
		onState(next) {
			state = next;
			status = withWarning(status);
			opts.onStatus(status);
		},
	});
	return { close: () => live.close() };
}
