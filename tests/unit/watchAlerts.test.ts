// `sitrep watch` with alert rules, run in process at a fixed time: adding,
// listing and removing rules, the report (exit 5, --json, plain), firing once
// across runs, --peek and --as-of, and bad rule texts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../source/commands/context.js';
import { runWatch, type WatchFlags } from '../../source/commands/watch.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { EXIT } from '../../source/core/exit.js';
import { Resolver } from '../../source/core/resolve.js';
import type { Store } from '../../source/core/store.js';
import { openConfig } from '../../source/io/settings/config.js';
import { article, incident, storeOf } from '../support/records.js';

const NOW = new Date('2025-06-10T09:00:00Z');
const day1 = storeOf([incident('inc-a', '2025-06-10'), incident('inc-old', '2025-05-01')]);
const day2 = storeOf(
	[incident('inc-a', '2025-06-10'), incident('inc-old', '2025-05-01')],
	[article('art-b', '2025-06-10T08:00:00Z', { title: 'ISKP claims \u001b]0;x\u0007attack' })],
);

describe('sitrep watch with alert rules', () => {
	const saved = process.env.SITREP_CONFIG_DIR;
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-alerts-'));
		process.env.SITREP_CONFIG_DIR = dir;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = saved;
	});

	async function run(args: string[], flags: Partial<WatchFlags> = {}, store: Store = day1) {
		const out: string[] = [];
		const err: string[] = [];
		const ctx: Ctx = { out: (l) => out.push(l), outStyled: (l) => out.push(l), err: (l) => err.push(l), color: false };
		const all: WatchFlags = { json: false, markSeen: false, now: NOW, ...flags };
		const code = await runWatch(backendOf(store), store.dir, new Resolver(store), args, await openConfig(), all, ctx);
		return { code, out: out.join('\n'), err: err.join('\n') };
	}
	const report = async (flags: Partial<WatchFlags> = {}, store: Store = day1) => {
		const r = await run([], { json: true, ...flags }, store);
		return { ...r, json: JSON.parse(r.out) };
	};
	const settings = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));

	it('add --alert watches the item and keeps the rule; the same rule again is said, not doubled', async () => {
		expect(await run(['add', 'iskp'], { alert: '>=1 in 24h' })).toMatchObject({
			code: 0,
			out: 'watching ISKP (actor:iskp); alert on ISKP when ≥1 in 24h',
		});
		expect((await run(['add', 'iskp'], { alert: '≥1 in 24h' })).out).toBe('already alerting on ISKP when ≥1 in 24h');
		expect((await run(['add', 'iskp'], { alert: '2+ in 7d', name: 'ISKP week' })).out).toBe(
			'alert on ISKP week when ≥2 in 7d',
		);
		expect(settings()).toMatchObject({
			watchlist: ['actor:iskp'],
			alerts: [
				{ watch: 'actor:iskp', when: '>=1 in 24h' },
				{ watch: 'actor:iskp', when: '>=2 in 7d', name: 'ISKP week' },
			],
		});
		const list = await run(['list']);
		expect(list.out.split('\n')).toEqual([
			`${'actor:iskp'.padEnd(28)}  ISKP`,
			`${''.padEnd(28)}  alert ≥1 in 24h`,
			`${''.padEnd(28)}  alert ≥2 in 7d "ISKP week"`,
		]);
		const json = JSON.parse((await run(['list'], { json: true })).out);
		expect(json.alerts[0]).toEqual({
			rule: 'actor:iskp >=1 in 24h',
			name: 'ISKP',
			watch: 'actor:iskp',
			when: '>=1 in 24h',
			active: true,
		});
	});

	it('fires once: exit 5 with the alert, then 0; a new record fires it again', async () => {
		await run(['add', 'iskp'], { alert: '>=1 in 24h' });
		const first = await report();
		expect(first.code).toBe(EXIT.alert);
		expect(first.json.alerts).toEqual([
			{
				rule: 'actor:iskp >=1 in 24h',
				name: 'ISKP',
				watch: 'actor:iskp',
				when: '>=1 in 24h',
				threshold: 1,
				period: '24h',
				count: 1,
				records: ['inc-a'],
				new: ['inc-a'],
				incidents: ['inc-a'],
				articles: [],
				firedAt: NOW.toISOString(),
			},
		]);
		const second = await report();
		expect(second.code).toBe(EXIT.ok);
		expect(second.json.alerts).toEqual([]);
		const third = await report({}, day2);
		expect(third.code).toBe(EXIT.alert);
		expect(third.json.alerts[0]).toMatchObject({ count: 2, records: ['inc-a', 'art-b'], new: ['art-b'] });
		expect((await report({}, day2)).code).toBe(EXIT.ok);
		const stored = JSON.parse(readFileSync(join(dir, 'alerts.json'), 'utf8'));
		expect(stored.dirs[day2.dir].rules['actor:iskp >=1 in 24h']).toMatchObject({
			incidents: ['inc-a'],
			articles: ['art-b'],
		});
	});

	it('the plain report puts each alert first, with its new records, cleaned of control sequences', async () => {
		await run(['add', 'iskp'], { alert: '>=2 in 24h' });
		expect((await run([])).code).toBe(EXIT.ok);
		const r = await run([], {}, day2);
		expect(r.code).toBe(EXIT.alert);
		const lines = r.out.split('\n');
		expect(lines.slice(0, 3)).toEqual([
			'▲ Alert: ISKP ≥2 in 24h: 2 records in the last 24h',
			'  2025-06-10  AF  IED               Incident inc-a',
			'  2025-06-10  Test Wire         ISKP claims attack',
		]);
		expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
	});

	it('--peek and --as-of report without recording; --as-of looks at the end of that UTC day', async () => {
		await run(['add', 'iskp'], { alert: '>=1 in 24h' });
		expect((await report({ peek: true })).code).toBe(EXIT.alert);
		expect((await report({ peek: true })).code).toBe(EXIT.alert);
		const past = await report({ asOf: '2025-05-01' });
		expect(past.code).toBe(EXIT.alert);
		expect(past.json.alerts[0]).toMatchObject({ records: ['inc-old'], firedAt: '2025-05-01T23:59:59.999Z' });
		expect((await report({ asOf: '2025-05-03' })).code).toBe(EXIT.ok);
		expect((await report()).code).toBe(EXIT.alert);
		expect((await report()).code).toBe(EXIT.ok);
	});

	it('query rules: added checked against the data, reported, removed', async () => {
		const query = 'country:AF type:IED in:incidents';
		expect((await run(['add'], { alertQuery: query, alert: '1+ in 1d', name: 'AF IEDs' })).out).toBe(
			'alert on AF IEDs when ≥1 in 1d',
		);
		const r = await report();
		expect(r.code).toBe(EXIT.alert);
		expect(r.json.alerts[0]).toMatchObject({ name: 'AF IEDs', query, records: ['inc-a'] });
		expect(r.json.items).toEqual([]);
		expect((await run(['remove'], { alertQuery: query })).out).toBe(`removed 1 alert rule on the query ${query}`);
		expect(settings().alerts).toEqual([]);
		expect((await run(['remove'], { alertQuery: query })).out).toBe(`no alert rule on the query ${query}`);
	});

	it('remove NAME --alert drops one rule and keeps the item; remove NAME drops the item with its rules', async () => {
		await run(['add', 'iskp'], { alert: '>=1 in 24h' });
		await run(['add', 'iskp'], { alert: '>=3 in 7d' });
		expect((await run(['remove', 'iskp'], { alert: '1+ in 24h' })).out).toBe(
			'no longer alerting on ISKP when ≥1 in 24h',
		);
		expect(settings()).toMatchObject({ watchlist: ['actor:iskp'], alerts: [{ when: '>=3 in 7d' }] });
		expect((await run(['remove', 'iskp'])).out).toBe('no longer watching ISKP (actor:iskp) and its alert rule');
		expect(settings()).toMatchObject({ watchlist: [], alerts: [] });
	});

	it('bad rule texts and misplaced flags are usage errors that name what was expected, and change nothing', async () => {
		const bad = await run(['add', 'iskp'], { alert: 'soon' });
		expect(bad.code).toBe(EXIT.usage);
		expect(bad.err).toContain('--alert: expected ">=N in PERIOD" or "N+ in PERIOD", such as ">=1 in 24h"');
		expect(bad.err).toContain('found "soon"');
		const narnia = await run(['add'], { alertQuery: 'country:Narnia', alert: '>=1 in 24h' });
		expect(narnia.code).toBe(EXIT.usage);
		expect(narnia.err).toContain('--alert-query: country:Narnia: unknown country "Narnia"');
		expect((await run(['add'], { alertQuery: 'kabul' })).err).toContain('add --alert-query needs --alert WHEN');
		expect((await run(['add', 'iskp'], { alertQuery: 'kabul', alert: '1+ in 1d' })).code).toBe(EXIT.usage);
		expect((await run([], { alert: '1+ in 1d' })).err).toContain('--alert goes with add or remove');
		expect((await run(['list'], { peek: true })).err).toContain('--peek goes with the report, not with "list"');
		expect((await run([], { asOf: '2025-02-30' })).err).toContain('--as-of: expected a date YYYY-MM-DD');
		expect((await run(['add', 'iskp'], { name: 'x' })).err).toContain('--name names an --alert rule');
		expect(() => readFileSync(join(dir, 'config.json'), 'utf8')).toThrow();
	});

	it('a broken alerts.json is kept aside and said; the rules start afresh', async () => {
		await run(['add', 'iskp'], { alert: '>=1 in 24h' });
		writeFileSync(join(dir, 'alerts.json'), '');
		const r1 = await report();
		expect(r1.code).toBe(EXIT.alert);
		expect(r1.err).toContain('alerts.json was empty; starting afresh');
		expect((await report()).code).toBe(EXIT.ok);
	});

	it('what cannot be recorded still exits 5, says so, and fires again next run', async () => {
		await run(['add', 'iskp'], { alert: '>=1 in 24h' });
		mkdirSync(join(dir, 'alerts.json'));
		const r1 = await report();
		expect(r1.code).toBe(EXIT.alert);
		expect(r1.err).toMatch(/cannot read .*alerts\.json.*; nothing recorded/);
		expect((await report()).code).toBe(EXIT.alert);
	});

	it('a rule on an item unwatched since is silent, and listed as such', async () => {
		await run(['add', 'iskp'], { alert: '>=1 in 24h' });
		const config = await openConfig();
		await config.save('watchlist', []);
		expect((await report()).code).toBe(EXIT.ok);
		expect((await run(['list'])).out.split('\n')[0]).toBe(
			`${'actor:iskp'.padEnd(28)}  (not watched: its alert rules are silent)`,
		);
	});
});
