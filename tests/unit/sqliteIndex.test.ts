// The SQLite index of a data directory: what it holds must be what loading the
// directory gives (counts, derived columns, sums), kept so as files change, and
// a damaged, outdated or half-built index must never cost the previous one.
import { createHash } from 'node:crypto';
import {
	appendFileSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import type { Backend } from '../../source/core/backend/types.js';
import { firstDay, lastDay } from '../../source/core/dates.js';
import { killed, killedOr0 } from '../../source/core/fatalities.js';
import { placeCounts, placeNames } from '../../source/core/placeNames.js';
import { Resolver } from '../../source/core/resolve.js';
import { basePoints, countrySumsOf, effectiveDay } from '../../source/core/risk.js';
import type { Incident } from '../../source/core/schema.js';
import { indexStore } from '../../source/core/search/build.js';
import { parseQuery } from '../../source/core/search/query.js';
import { rolesIn, type Store } from '../../source/core/store.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { sqliteBackend } from '../../source/io/store/sqlite/backend.js';
import { buildIndex } from '../../source/io/store/sqlite/build.js';
import { closeIndex, ensureIndex } from '../../source/io/store/sqlite/ensure.js';
import { RecordSplitter } from '../../source/io/store/sqlite/jsonStream.js';
import { indexLocation } from '../../source/io/store/sqlite/location.js';
import { type Db, IndexBusy, openIndex } from '../../source/io/store/sqlite/open.js';
import { SCHEMA_VERSION } from '../../source/io/store/sqlite/schema.js';
import { indexStatus } from '../../source/io/store/sqlite/status.js';
import { idsFor, prefetchIds } from '../../source/ui/watch.js';
import { bundled, DATA_DIR } from '../support/helpers.js';
import { incidentRecords } from '../support/synthRecords.js';

let temp: string;
const opened: Db[] = [];

beforeEach(() => {
	temp = mkdtempSync(join(tmpdir(), 'sitrep-index-'));
	process.env.SITREP_INDEX_DIR = join(temp, 'indexes');
});

afterEach(() => {
	for (const db of opened.splice(0)) if (db.open) db.close();
	delete process.env.SITREP_INDEX_DIR;
	rmSync(temp, { recursive: true, force: true });
});

async function ensure(dir: string, opts: Parameters<typeof ensureIndex>[1] = {}) {
	const index = await ensureIndex(dir, opts);
	opened.push(index.db);
	return index;
}

function one<T = number>(db: Db, sql: string, ...params: unknown[]): T {
	return (
		db
			.prepare(sql)
			.raw()
			.all(...params) as [T][]
	)[0]?.[0] as T;
}

const count = (db: Db, table: string) => one(db, `SELECT count(*) FROM ${table}`);

/** A copy of the bundled data with one more incidents file, in a folder. */
function copyData(): string {
	const dir = join(temp, 'data');
	cpSync(DATA_DIR, dir, { recursive: true });
	mkdirSync(join(dir, 'incidents'));
	return dir;
}

function incident(id: string, over: Partial<Incident> = {}): Record<string, unknown> {
	return {
		id,
		date: '2025-06-03',
		country: 'AF',
		type: 'bombing',
		perpetrators: [],
		targets: [],
		fatalities: 4,
		description: `Test incident ${id}`,
		sources: [{ outlet: 'Test', date: '2025-06-03' }],
		...over,
	};
}

/** country_days as the store's incidents sum them. */
function daySums(store: Store): Map<string, { incidents: number; killed: number; base: number }> {
	const sums = new Map<string, { incidents: number; killed: number; base: number }>();
	for (const inc of store.incidents) {
		const key = `${inc.country}|${effectiveDay(inc)}|${inc.machineCoded ? 1 : 0}`;
		const s = sums.get(key) ?? { incidents: 0, killed: 0, base: 0 };
		s.incidents++;
		s.killed += killedOr0(inc);
		s.base += basePoints(store, inc);
		sums.set(key, s);
	}
	return sums;
}

function expectDaysMatch(db: Db, store: Store): void {
	const rows = db.prepare('SELECT country, day, machine, incidents, killed, base FROM country_days').raw().all() as [
		string,
		string,
		number,
		number,
		number,
		number,
	][];
	const want = daySums(store);
	expect(rows.length).toBe(want.size);
	for (const [country, day, machine, n, dead, base] of rows) {
		const w = want.get(`${country}|${day}|${machine}`);
		expect(w, `${country} ${day}`).toBeDefined();
		expect(n).toBe(w?.incidents);
		expect(dead).toBe(w?.killed);
		expect(base).toBeCloseTo(w?.base ?? Number.NaN, 6);
	}
	// country_keys: the same per key a risk row counts an incident under (core riskKeysOf).
	const keyRows = db
		.prepare('SELECT country, day, machine, kind, key, incidents, killed, base FROM country_keys')
		.raw()
		.all() as [string, string, number, string, string, number, number, number][];
	const wantKeys = new Map<string, { incidents: number; killed: number; base: number }>();
	const byDay = new Map<string, Incident[]>();
	for (const i of store.incidents) {
		const at = `${i.country}|${effectiveDay(i)}`;
		byDay.set(at, [...(byDay.get(at) ?? []), i]);
	}
	for (const [at, incs] of byDay) {
		for (const s of countrySumsOf(store, incs).keys) wantKeys.set(`${at}|${s.machine ? 1 : 0}|${s.kind}|${s.key}`, s);
	}
	expect(keyRows.length).toBe(wantKeys.size);
	expect([...new Set(keyRows.map((r) => r[3]))].sort()).toEqual(
		expect.arrayContaining(['actor', 'mass-casualty', 'type', 'untolled']),
	);
	for (const [country, day, machine, kind, key, n, dead, base] of keyRows) {
		const w = wantKeys.get(`${country}|${day}|${machine}|${kind}|${key}`);
		expect(w, `${country} ${day} ${kind} ${key}`).toBeDefined();
		expect([n, dead, base]).toEqual([w?.incidents, w?.killed, w?.base]);
	}
	// filter_dates: per country, type, date and last day, and summed over each and both ('').
	const wantDates = new Map<string, [number, number, number]>();
	for (const inc of store.incidents) {
		for (const [c, t] of [
			[inc.country, inc.type],
			[inc.country, ''],
			['', inc.type],
			['', ''],
		]) {
			const at = `${c}|${t}|${inc.date}|${lastDay(inc.endDate ?? inc.date)}`;
			const [n, dead, untolled] = wantDates.get(at) ?? [0, 0, 0];
			wantDates.set(at, [n + 1, dead + killedOr0(inc), untolled + (killed(inc) === undefined ? 1 : 0)]);
		}
	}
	const dateRows = db
		.prepare('SELECT country, type, date, last_day, incidents, killed, untolled FROM filter_dates')
		.raw()
		.all() as [string, string, string, string, number, number, number][];
	expect(dateRows.length).toBe(wantDates.size);
	for (const [c, t, date, last, ...sums] of dateRows) expect(sums).toEqual(wantDates.get(`${c}|${t}|${date}|${last}`));
	// actor_dates: per set of responsible actors, country, date and last day, for incidents that have any.
	const wantActorDates = new Map<string, [number, number, number]>();
	for (const inc of store.incidents) {
		const set = responsibleOf(store, inc);
		if (set === '[]') continue;
		const at = `${set}|${inc.country}|${inc.date}|${lastDay(inc.endDate ?? inc.date)}`;
		const [n, dead, untolled] = wantActorDates.get(at) ?? [0, 0, 0];
		wantActorDates.set(at, [n + 1, dead + killedOr0(inc), untolled + (killed(inc) === undefined ? 1 : 0)]);
	}
	const actorRows = db
		.prepare(
			'SELECT s.actors, country, date, last_day, incidents, killed, untolled FROM actor_dates JOIN actor_sets s USING (sid)',
		)
		.raw()
		.all() as [string, string, string, string, number, number, number][];
	expect(actorRows.length).toBe(wantActorDates.size);
	expect(actorRows.length).toBeGreaterThan(0);
	for (const [set, c, date, last, ...sums] of actorRows) {
		expect(sums, `${set} ${c} ${date}`).toEqual(wantActorDates.get(`${set}|${c}|${date}|${last}`));
	}
}

/** An incident's perpetrators and claimant that are actors, as actor_sets keeps them: a JSON array sorted by id. */
function responsibleOf(store: Store, inc: Incident): string {
	const ids = new Set([...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])]);
	return JSON.stringify([...ids].filter((id) => store.actorById.has(id)).sort());
}

/** search_terms and body_tokens as core's search index of the store counts them. */
/** The palette's places from the index's incident_places equal those counted from the records. */
function expectPlacesMatch(db: Db, store: Store): void {
	expect(placeNames(sqliteBackend(db).placeCounts())).toEqual(placeNames(placeCounts(store.incidents)));
}

function expectTermsMatch(db: Db, store: Store): void {
	const ix = indexStore(store);
	const want = new Map<string, number>();
	ix.vocab.terms.forEach((term, id) => {
		if ((ix.df[id] ?? 0) > 0) want.set(term, ix.df[id] ?? 0);
	});
	const got = new Map(db.prepare('SELECT term, df FROM search_terms').raw().all() as [string, number][]);
	expect(got).toEqual(want);
	expect(one(db, "SELECT value FROM search_stats WHERE key = 'body_tokens'")).toBe(
		ix.bodyTokens.reduce((n, t) => n + t, 0),
	);
}

describe('building the index of the bundled data', () => {
	it('holds what loading the directory gives', async () => {
		const { store, problems } = bundled();
		const { db, built, messages } = await ensure(DATA_DIR);
		expect(built).toBe('fresh');
		expect(messages).toEqual([]);
		expect(count(db, 'incidents')).toBe(store.incidents.length);
		expect(count(db, 'articles')).toBe(store.articles.length);
		expect(count(db, 'actors')).toBe(store.actors.length);
		expect(count(db, 'countries')).toBe(store.countries.length);
		expect(count(db, 'incidents_fts')).toBe(store.incidents.length);
		expect(count(db, 'articles_fts')).toBe(store.articles.length);
		// The loader's own problems about records (not its cross-checks) are the index's.
		const recordProblems = problems.filter((p) => !/^unknown (actor|country|article)/.test(p.message));
		expect(one(db, 'SELECT sum(json_array_length(problems)) FROM files')).toBe(recordProblems.length);

		const roles = store.incidents.flatMap((inc) =>
			[...(store.incidentsByActor.entries() ?? [])]
				.filter(([, list]) => list.includes(inc))
				.flatMap(([actor]) => rolesIn(inc, actor).map((role) => `${actor}|${role}|${inc.id}`)),
		);
		const rows = db
			.prepare('SELECT ia.actor, ia.role, i.id FROM incident_actors ia JOIN incidents i ON i.rid = ia.rid')
			.raw()
			.all() as [string, string, string][];
		expect(rows.map((r) => r.join('|')).sort()).toEqual(roles.sort());

		const refs = (kind: string) =>
			(
				db
					.prepare('SELECT r.ref, a.id FROM article_refs r JOIN articles a ON a.rid = r.rid WHERE r.kind = ?')
					.raw()
					.all(kind) as [string, string][]
			)
				.map((r) => r.join('|'))
				.sort();
		const fromStore = (map: Map<string, { id: string }[]>) =>
			[...map].flatMap(([key, arts]) => arts.map((a) => `${key}|${a.id}`)).sort();
		expect(refs('actor')).toEqual(fromStore(store.articlesByActor));
		expect(refs('country')).toEqual(fromStore(store.articlesByCountry));
		expect(refs('incident')).toEqual(fromStore(store.articlesByIncident));
		expect(refs('incident').length).toBeGreaterThan(0);
	});

	it('derives each incident column by the core rules', async () => {
		const { store } = bundled();
		const { db } = await ensure(DATA_DIR);
		const rows = db
			.prepare(
				'SELECT id, date, first_day, last_day, day, country, type, killed, base, machine, d.json FROM incidents i JOIN incident_docs d ON d.rid = i.rid',
			)
			.raw()
			.all() as [string, string, string, string, string, string, string, number | null, number, number, string][];
		expect(rows.length).toBe(store.incidents.length);
		for (const [id, date, first, last, day, country, type, dead, base, machine, json] of rows) {
			const inc = store.incidentById.get(id) as Incident;
			expect(inc, id).toBeDefined();
			expect([date, country, type]).toEqual([inc.date, inc.country, inc.type]);
			expect(first).toBe(firstDay(inc.date));
			expect(last).toBe(lastDay(inc.endDate ?? inc.date));
			expect(day).toBe(effectiveDay(inc));
			expect(dead).toBe(killed(inc) ?? null);
			expect(base).toBe(basePoints(store, inc));
			expect(machine).toBe(inc.machineCoded ? 1 : 0);
			expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(inc)));
		}
		// aset: the set of its perpetrators and claimant that are actors (0 and no set: none).
		const sets = db
			.prepare('SELECT i.id, i.aset, s.actors FROM incidents i LEFT JOIN actor_sets s ON s.sid = i.aset')
			.raw()
			.all() as [string, number, string | null][];
		for (const [id, aset, actors] of sets) {
			const want = responsibleOf(store, store.incidentById.get(id) as Incident);
			if (want === '[]') expect([aset, actors], id).toEqual([0, null]);
			else expect(actors, id).toBe(want);
		}
		expect(sets.filter(([, aset]) => aset > 0).length).toBeGreaterThan(0);
		expect(sets.filter(([, aset]) => aset === 0).length).toBeGreaterThan(0);
	});

	it('sums country days as the store would', async () => {
		const { db } = await ensure(DATA_DIR);
		expectDaysMatch(db, bundled().store);
	});

	it('finds words in the full-text tables', async () => {
		const { store } = bundled();
		const { db } = await ensure(DATA_DIR);
		const inc = store.incidents[0] as Incident;
		const word = (inc.description.match(/[A-Za-z]{6,}/) ?? [])[0] as string;
		const ids = db
			.prepare('SELECT i.id FROM incidents_fts f JOIN incidents i ON i.rid = f.rowid WHERE incidents_fts MATCH ?')
			.raw()
			.all(word) as [string][];
		expect(ids.map((r) => r[0])).toContain(inc.id);
	});

	it('is unchanged on the next call, and status says it is current', async () => {
		const first = await ensure(DATA_DIR);
		first.db.close();
		expect((await ensure(DATA_DIR)).built).toBe('unchanged');
		const status = indexStatus(DATA_DIR);
		expect(status.usable).toBe(true);
		expect(status.schemaVersion).toBe(SCHEMA_VERSION);
		expect(status.counts?.incidents).toBe(bundled().store.incidents.length);
		expect(status.stale).toEqual({ changed: [], added: [], removed: [] });
	});
});

describe("a watched item's ids a slice at a time", () => {
	it('watchIdSteps yields between slices and ends with what watchIds gives; prefetchIds fills the cache idsFor reads', async () => {
		const { db } = await ensure(DATA_DIR);
		const data = sqliteBackend(db);
		const steps = data.watchIdSteps;
		if (!steps) throw new Error('the index reads ids a slice at a time');
		const which = [{ actors: ['taliban', 'haqqani-network'] }, { country: 'PK' }, { type: 'bombing' as const }, {}];
		for (const w of which) {
			const whole = data.watchIds(w);
			const run = steps(w, 5);
			let yields = 0;
			let step = run.next();
			while (!step.done) {
				yields++;
				step = run.next();
			}
			expect(step.value).toEqual(whole);
			expect(yields).toBe(Math.floor(whole.incidents.length / 5) + Math.floor(whole.articles.length / 5));
		}
		expect(data.watchIds({ country: 'PK' }).incidents.length).toBeGreaterThan(10);
		// Read ahead in slices, then asked for: no read of its own.
		const keys = ['country:PK', 'actor:taliban'];
		let reads = 0;
		const counted: Backend = {
			...data,
			watchIds: (w) => {
				reads++;
				return data.watchIds(w);
			},
		};
		const ahead = prefetchIds(counted, keys);
		while (!ahead.next().done);
		expect(idsFor(counted, { kind: 'country', id: 'PK' })).toEqual(data.watchIds({ country: 'PK' }));
		expect(reads).toBe(0);
	});
});

describe('keeping the index current', () => {
	it("an update's rows are seen at its commit; its WAL is copied back by closeIndex, not inside the update", async () => {
		const dir = copyData();
		const built = await ensure(dir);
		// A reader stays open, as a dashboard does: closing the writer alone would not checkpoint.
		const reader = openIndex(indexLocation(dir)).db as Db;
		opened.push(reader);
		built.db.close();
		const file = indexLocation(dir);
		const hash = () => createHash('sha1').update(readFileSync(file)).digest('hex');
		const before = hash();
		// Enough rows for more than 1,000 pages of WAL: a checkpoint at the commit would have run.
		const many = [...incidentRecords(6000, 11)].map((r) => JSON.stringify(r));
		writeFileSync(
			join(dir, 'incidents', 'more.ndjson'),
			`${[...many, JSON.stringify(incident('t-wal'))].join('\n')}\n`,
		);
		const updated = await ensure(dir);
		expect(updated.built).toBe('updated');
		expect(one(reader, "SELECT count(*) FROM incidents WHERE id = 't-wal'")).toBe(1);
		// Committed in the WAL, nothing copied into the database file yet (in WAL mode only a
		// checkpoint writes it); its connection checkpoints at each commit again from now on.
		expect(hash()).toBe(before);
		expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
		expect(updated.db.pragma('wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 1000 }]);
		closeIndex(updated);
		expect(updated.db.open).toBe(false);
		expect(hash()).not.toBe(before);
		const [row] = reader.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
		expect(row?.checkpointed).toBe(row?.log);
	});

	it('indexes a line appended to an NDJSON file, and the country-day sums follow', async () => {
		const dir = copyData();
		const file = join(dir, 'incidents', 'more.ndjson');
		writeFileSync(file, `${JSON.stringify(incident('t-1', { location: 'Spin Boldak', admin1: 'Kandahar' }))}\n`);
		const before = await ensure(dir);
		const n = count(before.db, 'incidents');
		const day = () =>
			before.db
				.prepare(
					"SELECT incidents, killed FROM country_days WHERE country = 'AF' AND day = '2025-06-03' AND machine = 0",
				)
				.raw()
				.all()[0] as [number, number];
		const [incidents0, killed0] = day();
		before.db.close();

		// Two actors no bundled incident names together: a new actor set, and its actor_dates rows.
		appendFileSync(
			file,
			`${JSON.stringify(incident('t-2', { fatalities: 7, perpetrators: ['iskp', 'taliban'], claimedBy: 'iskp', location: 'Spin Boldak', admin1: 'Kandahar' }))}\n`,
		);
		expect(indexStatus(dir).stale?.changed).toEqual(['incidents/more.ndjson']);
		const after = await ensure(dir);
		expect(after.built).toBe('updated');
		expect(count(after.db, 'incidents')).toBe(n + 1);
		before.db = after.db;
		expect(day()).toEqual([incidents0 + 1, killed0 + 7]);
		expectDaysMatch(after.db, loadDataDir(dir).store);
		expectTermsMatch(after.db, loadDataDir(dir).store);
		expectPlacesMatch(after.db, loadDataDir(dir).store);
		const spin = (names: { name: string; count: number }[]) => names.find((p) => p.name === 'Spin Boldak')?.count ?? 0;
		expect(spin(placeNames(sqliteBackend(after.db).placeCounts()))).toBe(
			spin(placeNames(placeCounts(bundled().store.incidents))) + 2,
		);
		expect(count(after.db, 'incidents_fts')).toBe(n + 1);
	});

	it('takes a removed file out', async () => {
		const dir = copyData();
		const file = join(dir, 'incidents', 'more.ndjson');
		writeFileSync(
			file,
			`${JSON.stringify(incident('t-1', { perpetrators: ['ttp'], location: 'Spin Boldak' }))}\n${JSON.stringify(incident('t-2', { date: '2025-07', claimedBy: 'iskp', admin1: 'Kandahar' }))}\n`,
		);
		const first = await ensure(dir);
		expect(one(first.db, "SELECT count(*) FROM incidents WHERE id LIKE 't-%'")).toBe(2);
		expectPlacesMatch(first.db, loadDataDir(dir).store);
		expectDaysMatch(first.db, loadDataDir(dir).store);
		first.db.close();
		rmSync(file);
		const { db, built } = await ensure(dir);
		expect(built).toBe('updated');
		expect(one(db, "SELECT count(*) FROM incidents WHERE id LIKE 't-%'")).toBe(0);
		expect(one(db, "SELECT count(*) FROM files WHERE path = 'incidents/more.ndjson'")).toBe(0);
		expect(count(db, 'incidents_fts')).toBe(bundled().store.incidents.length);
		expectDaysMatch(db, bundled().store);
		expectTermsMatch(db, bundled().store);
		expectPlacesMatch(db, bundled().store);
	});

	it('searches the words of records added, and not those of a file removed, as the memory backend does', async () => {
		const dir = copyData();
		const file = join(dir, 'incidents', 'more.ndjson');
		const line = (id: string, description: string) => `${JSON.stringify(incident(id, { description }))}\n`;
		writeFileSync(file, line('t-1', 'Zorblat convoy ambushed near Kabul') + line('t-2', 'A zorblat patrol in Kabul'));
		const answers = (db: Db) => {
			const index = sqliteBackend(db);
			const memory = backendOf(loadDataDir(dir).store);
			const resolver = new Resolver(memory);
			return ['zorblat', 'zorblat kabul', 'kabul -zorblat', 'zorbla', 'kabul'].map((q) => {
				const plain = (o: ReturnType<typeof memory.search>) => ({
					...o,
					results: o.results.map(({ score: _, ...r }) => r),
				});
				const query = parseQuery(q, resolver);
				return [plain(index.search(query, { limit: 10 })), plain(memory.search(query, { limit: 10 }))];
			});
		};
		const expectAlike = (db: Db, zorblats: number) => {
			const got = answers(db);
			for (const [index, memory] of got) expect(index).toEqual(memory);
			expect(got[0]?.[0]?.total).toBe(zorblats);
		};
		const first = await ensure(dir);
		expectAlike(first.db, 2);
		first.db.close();
		appendFileSync(file, line('t-3', 'Zorblat again'));
		const added = await ensure(dir);
		expect(added.built).toBe('updated');
		expectAlike(added.db, 3);
		added.db.close();
		rmSync(file);
		const removed = await ensure(dir);
		expect(removed.built).toBe('updated');
		expectAlike(removed.db, 0);
		expect(one(removed.db, "SELECT count(*) FROM search_postings WHERE term = 'zorblat'")).toBe(0);
	});

	it('relinks the incidents that cite an article when the articles change', async () => {
		const dir = copyData();
		const first = await ensure(dir);
		const cited = one(first.db, "SELECT count(*) FROM article_refs WHERE kind = 'incident'");
		expect(cited).toBeGreaterThan(0);
		first.db.close();
		// Rewritten with the same records: every article gets a new row id.
		appendFileSync(join(dir, 'articles.json'), '\n');
		const { db, built } = await ensure(dir);
		expect(built).toBe('updated');
		expect(one(db, "SELECT count(*) FROM article_refs WHERE kind = 'incident'")).toBe(cited);
	});

	it('builds anew when the actors change (every incident’s points depend on them)', async () => {
		const dir = copyData();
		(await ensure(dir)).db.close();
		appendFileSync(join(dir, 'actors.json'), '\n');
		const { built, messages } = await ensure(dir);
		expect(built).toBe('fresh');
		expect(messages.join()).toMatch(/actors or countries changed/);
	});

	it('skips a bad line with a problem at its line, and indexes the rest', async () => {
		const dir = copyData();
		const file = join(dir, 'incidents', 'more.ndjson');
		const bad = { ...incident('t-2'), type: 'no-such-type' };
		writeFileSync(
			file,
			[incident('t-1'), bad, incident('t-3')]
				.map((r) => JSON.stringify(r))
				.join('\n')
				.replace('}\n{"id":"t-3"', '}\n{oops\n{"id":"t-3"'),
		);
		const { db } = await ensure(dir);
		expect(one(db, "SELECT count(*) FROM incidents WHERE id LIKE 't-%'")).toBe(2);
		const problems = JSON.parse(one<string>(db, "SELECT problems FROM files WHERE path = 'incidents/more.ndjson'"));
		const loaded = loadDataDir(dir).problems.filter((p) => p.file.endsWith('more.ndjson'));
		expect(problems.map((p: { line: number; pointer: string }) => [p.line, p.pointer])).toEqual(
			loaded.map((p) => [p.line, p.pointer]),
		);
		expect(problems.map((p: { line: number }) => p.line)).toEqual([2, 3]);
		expect(problems[0].col).toBe(loaded[0]?.col);
	});

	it('keeps the first of two records with one id, as the loader does', async () => {
		const dir = copyData();
		writeFileSync(join(dir, 'incidents', 'a.ndjson'), `${JSON.stringify(incident('t-1', { fatalities: 1 }))}\n`);
		writeFileSync(join(dir, 'incidents', 'b.ndjson'), `${JSON.stringify(incident('t-1', { fatalities: 2 }))}\n`);
		const { db } = await ensure(dir);
		const { store, problems } = loadDataDir(dir);
		expect(one(db, "SELECT killed FROM incidents WHERE id = 't-1'")).toBe(
			killed(store.incidentById.get('t-1') as Incident),
		);
		const dup = JSON.parse(one<string>(db, "SELECT problems FROM files WHERE path = 'incidents/b.ndjson'"));
		expect(dup).toHaveLength(1);
		expect(dup[0].message).toMatch(/^duplicate incident id "t-1" \(first defined at incidents\/a\.ndjson\); skipped$/);
		expect(problems.some((p) => p.file.endsWith('b.ndjson') && /^duplicate incident id "t-1"/.test(p.message))).toBe(
			true,
		);
		db.close();
		// With a duplicate indexed, a change anywhere builds anew: which one wins depends on every file.
		appendFileSync(join(dir, 'incidents', 'a.ndjson'), '\n');
		expect((await ensure(dir)).built).toBe('fresh');
	});

	it('reads a JSON wrapper with a broken record, keeping the others', async () => {
		const dir = copyData();
		const text = `{"incidents": [\n${JSON.stringify(incident('t-1'))},\n{"id": "t-2", "date": tru},\n${JSON.stringify(incident('t-3'))}\n]}`;
		writeFileSync(join(dir, 'incidents', 'w.json'), text);
		const { db } = await ensure(dir);
		expect(one(db, "SELECT count(*) FROM incidents WHERE id LIKE 't-%'")).toBe(2);
		const problems = JSON.parse(one<string>(db, "SELECT problems FROM files WHERE path = 'incidents/w.json'"));
		expect(problems[0]).toMatchObject({ severity: 'error', line: 3 });
		expect(problems[0].message).toMatch(/^invalid JSON: .*the incident at \/incidents\/1 \(id "t-2"\) is skipped$/);
	});
});

describe('an index that cannot be used', () => {
	it('is rebuilt when the file is not a database', async () => {
		(await ensure(DATA_DIR)).db.close();
		writeFileSync(indexLocation(DATA_DIR), 'this is not SQLite'.repeat(500));
		const { db, built, messages } = await ensure(DATA_DIR);
		expect(built).toBe('fresh');
		expect(messages.join()).toMatch(/not a readable SQLite database/);
		expect(count(db, 'incidents')).toBe(bundled().store.incidents.length);
	});

	it('is rebuilt when its schema version differs', async () => {
		const first = await ensure(DATA_DIR);
		first.db.prepare("UPDATE meta SET value = '0' WHERE key = 'schema_version'").run();
		first.db.close();
		const { built, messages } = await ensure(DATA_DIR);
		expect(built).toBe('fresh');
		expect(messages.join()).toMatch(new RegExp(`schema version 0, this sitrep uses ${SCHEMA_VERSION}`));
	});

	it('survives an interrupted build: the previous index opens with its counts', async () => {
		const dir = copyData();
		(await ensure(dir)).db.close();
		const path = indexLocation(dir);
		writeFileSync(join(dir, 'incidents', 'more.ndjson'), `${JSON.stringify(incident('t-1'))}\n`);
		const stop = new Error('interrupted');
		await expect(
			buildIndex(dir, path, (done, total) => {
				if (done > total / 2) throw stop;
			}),
		).rejects.toBe(stop);
		expect(readdirSync(dirname(path)).filter((n) => n.includes('.building'))).toEqual([]);
		const old = openIndex(path);
		expect(old.db).toBeDefined();
		if (old.db) opened.push(old.db);
		expect(count(old.db as Db, 'incidents')).toBe(bundled().store.incidents.length);
		expect(indexStatus(dir).stale?.added).toEqual(['incidents/more.ndjson']);
	});
});

describe('an index another process is writing', () => {
	it('is waited for, then reported as busy in words', async () => {
		const dir = copyData();
		(await ensure(dir)).db.close();
		const other = openIndex(indexLocation(dir)).db as Db;
		opened.push(other);
		other.exec('BEGIN IMMEDIATE');
		writeFileSync(join(dir, 'incidents', 'more.ndjson'), `${JSON.stringify(incident('t-1'))}\n`);
		// One attempt (each waits out the 5 s busy timeout): its error is both the type and the words.
		const err = await ensure(dir).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(err).toBeInstanceOf(IndexBusy);
		expect((err as Error).message).toMatch(/is busy: another sitrep is writing it/);
		other.exec('ROLLBACK');
		expect((await ensure(dir)).built).toBe('updated');
	});
});

describe('a build killed before it could clean up', () => {
	it('leaves a temporary file that the next build removes', async () => {
		const dir = copyData();
		const path = indexLocation(dir);
		mkdirSync(dirname(path), { recursive: true });
		const leftover = `${path}.999999.building`;
		writeFileSync(leftover, 'half a build');
		await ensure(dir);
		expect(existsSync(leftover)).toBe(false);
		expect(existsSync(path)).toBe(true);
	});
});

describe('where the index lives', () => {
	it('beside the data, or in the cache for the bundled data', () => {
		delete process.env.SITREP_INDEX_DIR;
		const dir = copyData();
		expect(indexLocation(dir, {})).toBe(join(dir, '.sitrep', 'index.sqlite'));
		const cache = join(temp, 'cache');
		expect(indexLocation(DATA_DIR, { XDG_CACHE_HOME: cache })).toMatch(
			new RegExp(`^${cache}/sitrep/index-[0-9a-f]{16}\\.sqlite$`),
		);
		expect(indexLocation(dir, { SITREP_INDEX_DIR: cache })).toMatch(/index-[0-9a-f]{16}\.sqlite$/);
	});
});

describe('splitting a JSON file as it streams', () => {
	it('gives each record whole, whatever the chunk boundaries', () => {
		const records = [incident('a'), { id: 'b', text: 'with ] and } and "quotes" \\ and é' }, [1, [2]], 'x', 3];
		const text = `\ufeff{"other": [1, {"incidents": 2}], "incidents": ${JSON.stringify(records, null, 1)}, "after": {}}`;
		const bytes = Buffer.from(text);
		for (const size of [1, 2, 7, 64, bytes.length]) {
			const got: unknown[] = [];
			const faults: string[] = [];
			const split = new RecordSplitter('incidents', {
				record: (b, at) => got.push([JSON.parse(b.toString()), at.index, at.base]),
				fault: (m) => faults.push(m),
			});
			for (let i = 0; i < bytes.length; i += size) split.push(bytes.subarray(i, i + size));
			split.end();
			expect(faults).toEqual([]);
			expect(got).toEqual(records.map((r, i) => [r, i, ['incidents']]));
		}
	});

	it('says when a file ends early or holds no array of records', () => {
		const faults = (text: string) => {
			const out: string[] = [];
			const split = new RecordSplitter('incidents', { record: () => {}, fault: (m) => out.push(m) });
			split.push(Buffer.from(text));
			split.end();
			return out;
		};
		expect(faults('[{"id": 1}')).toEqual(['invalid JSON: unexpected end of file']);
		expect(faults('{"id": 1}')[0]).toMatch(/found an object/);
		expect(faults('')[0]).toMatch(/^empty file/);
		expect(faults('[] x')[0]).toMatch(/expected the end of the file/);
	});
});

describe('more than one at a time', () => {
	it('two calls at once in one process: one builds, the other finds it current', async () => {
		const dir = copyData();
		const [a, b] = await Promise.all([ensure(dir), ensure(dir)]);
		expect([a.built, b.built]).toEqual(['fresh', 'unchanged']);
		expect(count(b.db, 'incidents')).toBe(bundled().store.incidents.length);
	});
});
