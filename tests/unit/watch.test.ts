// The watchlist: which records belong to a watched item, what is new since
// the last session, the seen file, and `sitrep watch`.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../source/commands/context.js';
import { runWatch, type WatchFlags } from '../../source/commands/watch.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { Resolver } from '../../source/core/resolve.js';
import type { Actor, Incident } from '../../source/core/schema.js';
import { buildStore } from '../../source/core/store.js';
import {
	idsOf,
	nextSeen,
	parseWatchKey,
	type Seen,
	summarize,
	type WatchItem,
	watchKey,
	watchLabel,
	whatsNew,
} from '../../source/core/watch.js';
import { openConfig } from '../../source/io/settings/config.js';
import { loadSeen, saveSeen } from '../../source/io/settings/watchState.js';
import { bundled } from '../support/helpers.js';

const { store } = bundled();
const ISKP: WatchItem = { kind: 'actor', id: 'iskp' };
const AF: WatchItem = { kind: 'country', id: 'AF' };
const SUICIDE: WatchItem = { kind: 'type', id: 'suicide bombing' };

/** A seen record with everything the items have now, except the ids given. */
function seenAllBut(items: WatchItem[], unseen: string[] = []): Seen {
	const seen = nextSeen(
		backendOf(store),
		items,
		{ incidents: new Set(), articles: new Set() },
		'2025-03-01T10:00:00.000Z',
	);
	for (const e of Object.values(seen.items)) {
		e.incidents = e.incidents.filter((id) => !unseen.includes(id));
		e.articles = e.articles.filter((id) => !unseen.includes(id));
	}
	return seen;
}

describe('watch items', () => {
	it('keys round-trip, and keys of no known shape are refused', () => {
		for (const item of [ISKP, AF, SUICIDE]) expect(parseWatchKey(watchKey(item))).toEqual(item);
		expect(watchKey({ kind: 'type', id: 'IED' })).toBe('type:IED');
		for (const bad of ['iskp', 'actor:', 'actor:ISKP', 'country:af', 'type:ied', 'group:iskp', ':x']) {
			expect(parseWatchKey(bad)).toBeUndefined();
		}
	});

	it('labels: short actor name, country name, type label', () => {
		expect(watchLabel(store, ISKP)).toBe('ISKP');
		expect(watchLabel(store, AF)).toBe('Afghanistan');
		expect(watchLabel(store, { kind: 'type', id: 'IED' })).toBe('IED');
		expect(watchLabel(store, { kind: 'actor', id: 'gone-from-data' })).toBe('gone-from-data');
	});

	it('an actor brings its subgroups, in any role, and the articles about them', () => {
		const is = idsOf(backendOf(store), { kind: 'actor', id: 'islamic-state' });
		const direct = new Set((store.incidentsByActor.get('islamic-state') ?? []).map((i) => i.id));
		const sub = idsOf(backendOf(store), ISKP);
		expect(sub.incidents.length).toBeGreaterThan(0);
		expect(is.incidents).toEqual(expect.arrayContaining(sub.incidents));
		expect(is.articles).toEqual(expect.arrayContaining(sub.articles));
		expect(sub.incidents.some((id) => !direct.has(id))).toBe(true);
		expect(new Set(is.incidents).size).toBe(is.incidents.length);
		// A target counts: Rahimullah Haqqani was killed by ISKP.
		expect(idsOf(backendOf(store), { kind: 'actor', id: 'rahimullah-haqqani' }).incidents).toContain(
			'inc-2022-08-11-kabul-rahimullah-haqqani',
		);
		const dates = is.incidents.map((id) => store.incidentById.get(id)?.date ?? '');
		expect(dates).toEqual([...dates].sort().reverse());
	});

	it('a country by incident.country and article.countries; a type by its incidents and the articles they cite', () => {
		const af = idsOf(backendOf(store), AF);
		expect(af.incidents).toEqual(store.incidents.filter((i) => i.country === 'AF').map((i) => i.id));
		for (const id of af.articles) expect(store.articleById.get(id)?.countries).toContain('AF');
		const t = idsOf(backendOf(store), SUICIDE);
		expect(t.incidents).toEqual(store.incidents.filter((i) => i.type === 'suicide bombing').map((i) => i.id));
		const cited = new Set(t.incidents.flatMap((id) => (store.articlesByIncident.get(id) ?? []).map((a) => a.id)));
		expect(new Set(t.articles)).toEqual(cited);
		expect(t.articles.length).toBeGreaterThan(0);
	});
});

describe('whatsNew / nextSeen / summarize', () => {
	const iskp = idsOf(backendOf(store), ISKP);
	const shared = iskp.incidents.find((id) => store.incidentById.get(id)?.country === 'AF') as string;
	const onlyIskp = iskp.incidents.find((id) => store.incidentById.get(id)?.country !== 'AF') as string;
	const article = iskp.articles[0] as string;

	it('counts the ids missing from each seen list, distinct in the totals', () => {
		const seen = seenAllBut([ISKP, AF], [shared, onlyIskp, article]);
		const w = whatsNew(backendOf(store), [ISKP, AF, ISKP], seen);
		expect(w.since).toBe(seen.since);
		expect(w.items.map((i) => i.key)).toEqual(['actor:iskp', 'country:AF']);
		expect(w.items[0]).toMatchObject({ label: 'ISKP', incidents: expect.arrayContaining([shared, onlyIskp]) });
		expect(w.items[0]?.incidents).toHaveLength(2);
		expect(w.items[1]?.incidents).toEqual([shared]);
		expect(w.incidents).toBe(2);
		expect(w.newIncidentIds).toEqual(new Set([shared, onlyIskp]));
		expect(w.newArticleIds.has(article)).toBe(true);
	});

	it('an item with no seen entry, or no seen file at all, has nothing new', () => {
		const w = whatsNew(backendOf(store), [ISKP, SUICIDE], seenAllBut([ISKP]));
		expect(w.items[1]).toMatchObject({ key: 'type:suicide bombing', incidents: [], articles: [] });
		const first = whatsNew(backendOf(store), [ISKP], undefined);
		expect(first.since).toBeUndefined();
		expect(first.incidents + first.articles).toBe(0);
	});

	it('nextSeen records everything but what is still new, sorted', () => {
		const next = nextSeen(
			backendOf(store),
			[ISKP, AF],
			{ incidents: new Set([shared]), articles: new Set([article]) },
			'NOW',
		);
		expect(next.since).toBe('NOW');
		const e = next.items['actor:iskp'];
		expect(e?.incidents).not.toContain(shared);
		expect(e?.incidents).toContain(onlyIskp);
		expect(e?.articles).not.toContain(article);
		expect(e?.incidents).toEqual([...(e?.incidents ?? [])].sort());
		expect(next.items['country:AF']?.incidents).toHaveLength(idsOf(backendOf(store), AF).incidents.length - 1);
		// Next session the still-new ids are new again, the rest not.
		expect(whatsNew(backendOf(store), [ISKP], next).newIncidentIds).toEqual(new Set([shared]));
	});

	it('summarize: counts, then the previous session in local time', () => {
		const since = new Date(2024, 10, 12, 14, 2).toISOString();
		const now = new Date(2024, 10, 14, 9, 0);
		const w = (incidents: number, articles: number, items = 1) => ({
			...whatsNew(backendOf(store), [], undefined),
			since,
			incidents,
			articles,
			items: Array.from({ length: items }, () => ({
				item: ISKP,
				key: 'actor:iskp',
				label: 'ISKP',
				incidents: [],
				articles: [],
			})),
		});
		expect(summarize(w(4, 2), now)).toBe('4 new incidents, 2 articles since 12 Nov 14:02');
		expect(summarize(w(1, 1), now)).toBe('1 new incident, 1 article since 12 Nov 14:02');
		expect(summarize(w(0, 3), now)).toBe('3 new articles since 12 Nov 14:02');
		expect(summarize(w(0, 0), now)).toBe('nothing new since 12 Nov 14:02');
		expect(summarize(w(0, 0), new Date(2025, 0, 2))).toBe('nothing new since 12 Nov 2024 14:02');
		expect(summarize(w(0, 0, 0), now)).toBe('watching nothing');
		expect(summarize({ ...w(0, 0), since: undefined }, now)).toBe('nothing new');
	});
});

describe('watch state file', () => {
	const saved = process.env.SITREP_CONFIG_DIR;
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
		process.env.SITREP_CONFIG_DIR = dir;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = saved;
	});

	it('no file yet: nothing seen, no error; a saved record reads back with sorted ids', async () => {
		expect(loadSeen()).toEqual({ seen: undefined });
		const seen: Seen = {
			since: '2025-03-01T10:00:00.000Z',
			items: { 'actor:iskp': { incidents: ['b', 'a'], articles: [] } },
		};
		expect(await saveSeen(seen)).toBeUndefined();
		expect(loadSeen().seen?.items['actor:iskp']?.incidents).toEqual(['a', 'b']);
		expect(JSON.parse(readFileSync(join(dir, 'watch.json'), 'utf8')).since).toBe(seen.since);
	});

	it('a corrupt or misshapen file is moved aside as a backup (said once), not thrown or silently reset', async () => {
		const backups = () => readdirSync(dir).filter((f) => f.startsWith('watch.json.bad-'));
		writeFileSync(join(dir, 'watch.json'), '{not json');
		const r = loadSeen();
		expect(r.seen).toBeUndefined();
		expect(r.error).toBeUndefined();
		expect(r.notice).toMatch(/watch\.json was not valid JSON; starting afresh .*kept as .*watch\.json\.bad-/);
		expect(backups()).toHaveLength(1);
		expect(readFileSync(join(dir, backups()[0] as string), 'utf8')).toBe('{not json');
		expect(loadSeen()).toEqual({ seen: undefined });
		expect(await saveSeen({ since: '2025-01-01T00:00:00.000Z', items: {} })).toBeUndefined();
		writeFileSync(join(dir, 'watch.json'), JSON.stringify({ since: 'never', items: {} }));
		expect(loadSeen().notice).toMatch(/since/);
		writeFileSync(
			join(dir, 'watch.json'),
			JSON.stringify({ since: '2025-01-01', items: { 'actor:x': { incidents: [1] } } }),
		);
		expect(loadSeen().notice).toMatch(/actor:x/);
		expect(backups()).toHaveLength(3);
	});

	it('an unwritable place is an error message', async () => {
		const file = join(dir, 'a-file');
		writeFileSync(file, '');
		process.env.SITREP_CONFIG_DIR = join(file, 'sub');
		expect(await saveSeen({ since: '2025-01-01T00:00:00Z', items: {} })).toMatch(/cannot write the watch state/);
	});
});

describe('sitrep watch', () => {
	const saved = process.env.SITREP_CONFIG_DIR;
	const resolver = new Resolver(store);
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-cli-'));
		process.env.SITREP_CONFIG_DIR = dir;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = saved;
	});

	/** Opens the settings as the CLI does, each run: what an earlier run wrote is read back. */
	async function run(args: string[], flags: Partial<WatchFlags> = {}, s = store) {
		const out: string[] = [];
		const err: string[] = [];
		const ctx: Ctx = { out: (l) => out.push(l), outStyled: (l) => out.push(l), err: (l) => err.push(l), color: false };
		const all: WatchFlags = { json: false, markSeen: false, now: new Date(2025, 2, 20, 9, 5), ...flags };
		const code = await runWatch(
			backendOf(s),
			s.dir,
			s === store ? resolver : new Resolver(s),
			args,
			await openConfig(),
			all,
			ctx,
		);
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	it('add resolves names, starts with nothing new; list and remove', async () => {
		expect((await run([])).out).toBe('watching nothing');
		expect(await run(['add', 'iskp'])).toMatchObject({ code: 0, out: 'watching ISKP (actor:iskp)' });
		expect((await run(['add', 'Iran'])).out).toBe('watching Iran (country:IR)');
		expect((await run(['add', 'suicide', 'bombing'])).out).toContain('(type:suicide bombing)');
		expect((await run(['add', 'actor:haqani'])).out).toBe('watching Haqqani network (actor:haqqani-network)');
		expect((await run(['add', 'ISKP'])).out).toBe('already watching ISKP (actor:iskp)');
		expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).watchlist).toEqual([
			'actor:iskp',
			'country:IR',
			'type:suicide bombing',
			'actor:haqqani-network',
		]);
		expect((await run(['list'])).out.split('\n')[0]).toBe(`${'actor:iskp'.padEnd(28)}  ISKP`);
		const report = await run([]);
		expect(report.out.split('\n')).toEqual([
			'ISKP: nothing new',
			'Iran: nothing new',
			'suicide bombing: nothing new',
			'Haqqani network: nothing new',
			'nothing new since 20 Mar 09:05',
		]);
		expect((await run(['remove', 'country:IR'])).out).toBe('no longer watching Iran (country:IR)');
		expect((await run(['list'], { json: true })).out).not.toContain('country:IR');
		expect((await run(['remove', 'iran'])).out).toBe('not watching Iran (country:IR)');
	});

	it('reports new incidents and articles without marking them seen; --mark-seen does', async () => {
		await run(['add', 'iskp']);
		const iskp = idsOf(backendOf(store), ISKP);
		const [a, b] = iskp.incidents as [string, string];
		const art = iskp.articles[0] as string;
		// What was seen is kept per data directory (store.dir).
		const seen = loadSeen(store.dir).seen as Seen;
		const e = seen.items['actor:iskp'];
		if (!e) throw new Error('no baseline');
		e.incidents = e.incidents.filter((id) => id !== a && id !== b);
		e.articles = e.articles.filter((id) => id !== art);
		await saveSeen(seen, store.dir);

		const text = await run([]);
		expect(text.code).toBe(0);
		const lines = text.out.split('\n');
		expect(lines[0]).toBe('ISKP: 2 new incidents, 1 article');
		expect(lines[1]).toMatch(/^2 new incidents, 1 article since \d+ \w{3}( \d{4})? \d\d:\d\d$/);
		const inc = store.incidentById.get(a) as Incident;
		expect(text.out).toMatch(new RegExp(`^${inc.date} {2}${inc.country} {2}${inc.type}`, 'm'));
		expect(text.out).toContain(store.articleById.get(art)?.title.slice(0, 40));

		const json = JSON.parse((await run([], { json: true })).out);
		expect(json.items).toEqual([
			{ key: 'actor:iskp', label: 'ISKP', incidents: expect.arrayContaining([a, b]), articles: [art] },
		]);
		expect(json.totals).toEqual({ incidents: 2, articles: 1 });
		expect(json.since).toBe(seen.since);
		// Reporting twice shows the same: nothing was marked seen.
		expect((await run([])).out).toBe(text.out);

		expect((await run([], { markSeen: true })).code).toBe(0);
		expect((await run([])).out.split('\n')[0]).toBe('ISKP: nothing new');
		expect(loadSeen(store.dir).seen?.since).toBe(new Date(2025, 2, 20, 9, 5).toISOString());
	});

	it('usage errors exit 2; a broken watch file is kept aside and reported once, then sitrep starts afresh', async () => {
		const unknown = await run(['add', 'zzzqqq']);
		expect(unknown.code).toBe(2);
		expect(unknown.err).toContain('no actor, country or incident type "zzzqqq"');
		expect((await run(['add'])).code).toBe(2);
		expect((await run(['frob'])).code).toBe(2);
		expect((await run(['list'], { markSeen: true })).code).toBe(2);
		expect((await run(['add', 'jaish'])).err).toContain('"jaish" matches several actors (did you mean: Jaish al-Adl;');
		// Two types by prefix outweigh one actor by a fuzzy match.
		expect((await run(['add', 'armed'])).err).toContain('"armed" could be several things');
		expect((await run(['add', 'actor:zzzqqq'])).err).toContain('unknown actor "zzzqqq"');

		await run(['add', 'AF']);
		writeFileSync(join(dir, 'watch.json'), '{oops');
		const r = await run([]);
		expect(r.code).toBe(0);
		expect(r.err).toContain('watch.json was not valid JSON; starting afresh');
		const backup = readdirSync(dir).find((f) => f.startsWith('watch.json.bad-'));
		expect(readFileSync(join(dir, backup as string), 'utf8')).toBe('{oops');
		// Said once; the fresh record can be written.
		expect((await run([])).err).not.toContain('watch.json');
		expect((await run([], { markSeen: true })).code).toBe(0);
		expect((await run(['add', 'PK'])).code).toBe(0);
	});

	it('strips control sequences from what the data says', async () => {
		const actor = {
			id: 'evil',
			name: 'Evil\u001b]0;pwned\u0007 Group',
			aliases: [],
			kind: 'group',
			affiliations: [],
			countries: [],
			summary: 's',
		} as Actor;
		const incident = {
			id: 'inc-1',
			date: '2025-01-01',
			country: 'AF',
			type: 'IED',
			perpetrators: ['evil'],
			targets: [],
			description: 'Boom\u001b[2J\u001b[H cleared',
			sources: [{ outlet: 'x', date: '2025-01-01' }],
			tags: [],
		} as Incident;
		const s = buildStore('/tmp', { articles: [], incidents: [incident], actors: [actor], countries: [] });
		await run(['add', 'evil'], {}, s);
		await saveSeen({ since: '2025-01-01T00:00:00Z', items: { 'actor:evil': { incidents: [], articles: [] } } });
		const r = await run([], {}, s);
		expect(r.out).toContain('Evil Group: 1 new incident');
		expect(r.out).toContain('Boom cleared');
		expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
	});
});
