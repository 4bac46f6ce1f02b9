// The open dashboard's data kept current (io/load/live.ts): only the files
// that changed are read again, a record read again unchanged keeps its
// object, new and changed records are told apart, a file that stops reading
// cleanly keeps its last good records (its problems listed) until it reads
// again, and what a reload gives equals loading the directory afresh.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveUpdate, startLive } from '../../source/io/load/live.js';
import { type LoadResult, loadDataDir } from '../../source/io/load/load.js';
import { snapshotOf } from '../../source/io/load/watchDir.js';
import { commitPlan, planUpserts, withDataLock } from '../../source/io/write.js';
import { DATA_DIR, eventually } from '../support/helpers.js';
import { synthArticles, synthIncidents } from '../support/synth.js';

const open: { close(): void }[] = [];
afterEach(() => {
	for (const l of open.splice(0)) l.close();
});

function copy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-live-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	return dir;
}

function live(dir: string) {
	const baseline = snapshotOf(dir);
	if (!baseline) throw new Error('no data');
	const loaded = loadDataDir(dir);
	const updates: LiveUpdate[] = [];
	const l = startLive({
		dir,
		loaded,
		baseline,
		mode: 'auto',
		onUpdate: (u) => updates.push(u),
		onState: () => {},
		watch: { debounceMs: 20 },
	});
	open.push(l);
	return { loaded, updates, last: () => updates.at(-1) };
}

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

function sameAsLoading(u: LiveUpdate | undefined, dir: string): void {
	const fresh: LoadResult = loadDataDir(dir);
	expect(u && ids(u.store.articles)).toEqual(ids(fresh.store.articles));
	expect(u && ids(u.store.incidents)).toEqual(ids(fresh.store.incidents));
	expect(u?.store.articles).toEqual(fresh.store.articles);
	expect(u?.problems).toEqual(fresh.problems);
}

function ingest(dir: string, records: Record<string, unknown>[], kind: 'articles' | 'incidents' = 'articles') {
	const newFile = kind === 'articles' ? 'articles/ingested.jsonl' : 'incidents/imported.jsonl';
	withDataLock(dir, () => commitPlan(planUpserts(dir, [{ kind, records, newFile }])));
}

describe('live reload', () => {
	it('new articles: added by id, the rest kept as the same objects, the store as loading gives it', async () => {
		const dir = copy();
		const { loaded, last } = live(dir);
		const fresh = synthArticles(5, 11).map((a, i) => ({ ...a, id: `live-${i}`, countries: ['AF'], actors: [] }));
		ingest(dir, fresh);
		await eventually(() => last()?.added.articles.length).toBe(5);
		const u = last();
		expect(u?.added.articles.sort()).toEqual(fresh.map((a) => a.id).sort());
		expect(u?.changed).toEqual({ incidents: [], articles: [] });
		expect(u?.store.incidents).toBe(loaded.store.incidents);
		const before = loaded.store.articles[0];
		expect(before && u?.store.articleById.get(before.id)).toBe(before);
		sameAsLoading(u, dir);
	});

	it('a record written again with other content is changed, not new', async () => {
		const dir = copy();
		const { loaded, last } = live(dir);
		const inc = loaded.store.incidents[0];
		if (!inc) throw new Error('no incidents');
		const file = join(dir, 'incidents.json');
		const text = readFileSync(file, 'utf8');
		const json = JSON.parse(text);
		const at = json.incidents.findIndex((i: { id: string }) => i.id === inc.id);
		json.incidents[at].description = 'Rewritten description';
		writeFileSync(file, JSON.stringify(json, null, 2));
		await eventually(() => last()?.changed.incidents).toEqual([inc.id]);
		expect(last()?.added).toEqual({ incidents: [], articles: [] });
		expect(last()?.store.incidentById.get(inc.id)?.description).toBe('Rewritten description');
		sameAsLoading(last(), dir);
	});

	it('a file written half-way keeps its last good records and lists its problems, until it reads again', async () => {
		const dir = copy();
		const { loaded, last, updates } = live(dir);
		const file = join(dir, 'articles.json');
		const good = readFileSync(file, 'utf8');
		writeFileSync(file, good.slice(0, Math.floor(good.length / 2)));
		await eventually(() => last()?.stale).toEqual([file]);
		const u = last();
		expect(u && ids(u.store.articles)).toEqual(ids(loaded.store.articles));
		expect(u?.problems.some((p) => p.file.endsWith('articles.json') && p.message.startsWith('invalid JSON'))).toBe(
			true,
		);
		expect(u?.problems.some((p) => p.message.includes('of its last good read are kept'))).toBe(true);
		const n = updates.length;
		writeFileSync(file, good);
		await eventually(() => updates.length).toBeGreaterThan(n);
		expect(last()?.stale).toEqual([]);
		sameAsLoading(last(), dir);
	});

	it('an NDJSON line cut short: the file keeps its records too', async () => {
		const dir = copy();
		const { last } = live(dir);
		const a = synthArticles(2, 3).map((x, i) => ({ ...x, id: `nd-${i}` }));
		ingest(dir, a);
		await eventually(() => last()?.added.articles.length).toBe(2);
		appendFileSync(join(dir, 'articles', 'ingested.jsonl'), '{"id": "half-writ');
		await eventually(() => last()?.stale.length).toBe(1);
		expect(last()?.store.articleById.has('nd-1')).toBe(true);
	});

	it('incidents, then their file removed: counted both ways, and the store as loading gives it', async () => {
		const dir = copy();
		const { last } = live(dir);
		const incs = synthIncidents(4, 12).map((x, i) => ({ ...x, id: `live-inc-${i}` }));
		ingest(dir, incs, 'incidents');
		await eventually(() => last()?.added.incidents.length).toBe(4);
		sameAsLoading(last(), dir);
		rmSync(join(dir, 'incidents', 'imported.jsonl'));
		await eventually(() => last()?.removed.incidents.length).toBe(4);
		expect(last()?.store.incidentById.has('live-inc-0')).toBe(false);
		sameAsLoading(last(), dir);
	});

	it('actors changed: everything is read again, the result as loading gives it', async () => {
		const dir = copy();
		const { last } = live(dir);
		const file = join(dir, 'actors.json');
		const json = JSON.parse(readFileSync(file, 'utf8'));
		const list = Array.isArray(json) ? json : json.actors;
		list[0].name = `${list[0].name} (renamed)`;
		writeFileSync(file, JSON.stringify(json, null, 2));
		await eventually(() => last()?.store.actors.some((a) => a.name.endsWith('(renamed)'))).toBe(true);
		sameAsLoading(last(), dir);
	});
});
