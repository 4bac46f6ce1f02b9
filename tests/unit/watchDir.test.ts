// The live dashboard's change detector (io/load/watchDir.ts) on temp copies
// of the bundled data: a write through io/write.ts is noticed, a held write
// lock is waited for (and not forever), polling stands in when fs.watch
// cannot be had, sitrep's own temporary files are not data, and a directory
// that goes away and comes back is said to. Every wait is for a condition,
// with a deadline (expect.poll).
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DirChange, type DirState, snapshotOf, watchDataDir } from '../../source/io/load/watchDir.js';
import { LOCK_NAME } from '../../source/io/lockName.js';
import { commitPlan, planUpserts, withDataLock } from '../../source/io/write.js';
import { DATA_DIR, eventually } from '../support/helpers.js';
import { synthArticles } from '../support/synth.js';

const open: { close(): void }[] = [];
afterEach(() => {
	for (const w of open.splice(0)) w.close();
});

function copy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	return dir;
}

function watching(dir: string, opts: Partial<Parameters<typeof watchDataDir>[1]> = {}) {
	const changes: DirChange[] = [];
	const states: DirState[] = [];
	let waits = 0;
	const baseline = snapshotOf(dir);
	if (!baseline) throw new Error(`${dir} is not there`);
	const w = watchDataDir(dir, {
		mode: 'auto',
		baseline,
		debounceMs: 20,
		pollMs: 50,
		onChange: (c) => changes.push(c),
		onState: (s) => states.push(s),
		onWait: () => {
			waits++;
		},
		...opts,
	});
	open.push(w);
	return { w, changes, states, waits: () => waits, files: () => changes.flatMap((c) => c.changed.map((f) => f.file)) };
}

/** New articles through the writer the commands use, under its lock. */
function ingest(dir: string, n: number, seed: number): void {
	const records = synthArticles(n, seed).map((a, i) => ({ ...a, id: `live-${seed}-${i}` }));
	withDataLock(dir, () =>
		commitPlan(planUpserts(dir, [{ kind: 'articles', records, newFile: 'articles/ingested.jsonl' }])),
	);
}

describe('data directory watcher', () => {
	it('notices a write made through io/write.ts, and names the file', async () => {
		const dir = copy();
		const seen = watching(dir);
		ingest(dir, 3, 1);
		await eventually(seen.files).toContain(join(dir, 'articles', 'ingested.jsonl'));
		expect(seen.changes.flatMap((c) => c.removed)).toEqual([]);
		expect(seen.w.polling).toBe(false);
		// A second write into the folder it made: the folder is watched too.
		ingest(dir, 2, 2);
		await eventually(() => seen.changes.length).toBeGreaterThanOrEqual(2);
	});

	it('waits while the write lock is held, then looks', async () => {
		const dir = copy();
		const seen = watching(dir);
		writeFileSync(join(dir, LOCK_NAME), `${process.pid}\n`);
		writeFileSync(join(dir, 'articles.jsonl.tmp'), '');
		renameSync(join(dir, 'articles.jsonl.tmp'), join(dir, 'articles.jsonl'));
		// A look that found the lock and waited, and no change reported by it.
		await eventually(seen.waits).toBeGreaterThan(2);
		expect(seen.changes).toEqual([]);
		rmSync(join(dir, LOCK_NAME));
		await eventually(seen.files).toContain(join(dir, 'articles.jsonl'));
	});

	it('does not wait for a lock for ever', async () => {
		const dir = copy();
		const seen = watching(dir, { lockWaitMs: 100 });
		writeFileSync(join(dir, LOCK_NAME), '999999999\n');
		writeFileSync(join(dir, 'articles.jsonl'), '');
		await eventually(seen.files).toContain(join(dir, 'articles.jsonl'));
	});

	it('polls when fs.watch cannot be had', async () => {
		const dir = copy();
		const seen = watching(dir, {
			watchFn: (() => {
				throw new Error('ENOSPC: no more watches');
			}) as never,
		});
		expect(seen.w.polling).toBe(true);
		ingest(dir, 1, 3);
		await eventually(seen.files).toContain(join(dir, 'articles', 'ingested.jsonl'));
	});

	it('polls when asked to (dataWatch "poll")', async () => {
		const dir = copy();
		let watched = 0;
		const seen = watching(dir, {
			mode: 'poll',
			watchFn: (() => {
				watched++;
				throw new Error('not to be called');
			}) as never,
		});
		ingest(dir, 1, 4);
		await eventually(seen.files).toContain(join(dir, 'articles', 'ingested.jsonl'));
		expect(watched).toBe(0);
	});

	it("sitrep's temporary and backup files and the lock are not data files", () => {
		const dir = copy();
		const before = snapshotOf(dir);
		writeFileSync(join(dir, 'articles.json.tmp-123-abc-1'), '[]');
		writeFileSync(join(dir, 'incidents.json.sitrep-bak-123-abc'), '[]');
		writeFileSync(join(dir, LOCK_NAME), '1\n');
		expect([...(snapshotOf(dir)?.keys() ?? [])]).toEqual([...(before?.keys() ?? [])]);
	});

	it('says when the directory goes away, and when it is back', async () => {
		const parent = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
		const dir = join(parent, 'data');
		cpSync(DATA_DIR, dir, { recursive: true });
		const seen = watching(dir);
		rmSync(dir, { recursive: true });
		await eventually(() => seen.states).toContain('missing');
		expect(seen.changes).toEqual([]);
		cpSync(DATA_DIR, dir, { recursive: true });
		await eventually(() => seen.states.at(-1)).toBe('ok');
	});

	it('says when every data file is gone at once (an unmounted share), and reports no removals', async () => {
		const dir = copy();
		const seen = watching(dir);
		for (const f of snapshotOf(dir)?.keys() ?? []) rmSync(f);
		await eventually(() => seen.states).toContain('empty');
		expect(seen.changes.flatMap((c) => c.removed)).toEqual([]);
	});
});
