// The dashboard over the SQLite index draws what it draws over the records in
// memory: the same keys, the same frames, pane by pane (the Timeline paged from
// the index, its months, toll order and filter; actor profiles; risk and its
// explanation; search and the reader).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWhen } from '../../source/core/alerts/rule.js';
import { backendOf } from '../../source/core/backend/memory.js';
import type { Backend } from '../../source/core/backend/types.js';
import { idsOf, watchKey } from '../../source/core/watch.js';
import { loadDataDir } from '../../source/io/load/load.js';
import type { LoadResult } from '../../source/io/load/loader.js';
import { sqliteBackend } from '../../source/io/store/sqlite/backend.js';
import { ensureIndex } from '../../source/io/store/sqlite/ensure.js';
import type { Db } from '../../source/io/store/sqlite/open.js';
import { alertsUi } from '../../source/ui/alerts.js';
import { App } from '../../source/ui/app/App.js';
import { items, noWatch, watchUi } from '../../source/ui/watch.js';
import { ANSWERED, DATA_DIR, eventually, KEY, press, render } from '../support/helpers.js';

let dir: string;
let db: Db;
let indexed: Backend;
let loaded: LoadResult;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sitrep-indexed-ui-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	db = (await ensureIndex(dir)).db;
	indexed = sqliteBackend(db);
	loaded = loadDataDir(dir);
});

afterAll(() => {
	db?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Where each app writes its briefs. */
const briefs = { memory: '', index: '' };

function both(rows = 30, cols = 100) {
	const common = { escapeMs: 0, problems: loaded.problems, cols, rows, now: () => new Date('2026-01-05T00:00:00Z') };
	briefs.memory = mkdtempSync(join(dir, 'briefs-m-'));
	briefs.index = mkdtempSync(join(dir, 'briefs-i-'));
	const memory = render(<App {...common} store={loaded.store} briefDir={briefs.memory} />);
	const index = render(<App {...common} data={indexed} dir={dir} briefDir={briefs.index} />);
	// Search's time per query differs, and each app writes its briefs to a folder of its own.
	const frame = (app: typeof memory) => () =>
		(app.lastFrame() ?? '')
			.replace(/\d+\.\d ms/g, 'N ms')
			.replaceAll(briefs.memory, 'BRIEFS')
			.replaceAll(briefs.index, 'BRIEFS');
	return {
		memory: frame(memory),
		index: frame(index),
		press: async (...keys: string[]) => {
			await press(memory.stdin, ...keys);
			await press(index.stdin, ...keys);
		},
		unmount: () => {
			memory.unmount();
			index.unmount();
		},
	};
}

describe('the dashboard over the SQLite index', () => {
	it('Timeline: the same rows, months, toll order, filter and detail as in memory', async () => {
		const app = both();
		const steps: string[][] = [
			[],
			['j', 'j', 'j'],
			[KEY.pageDown, KEY.pageDown],
			['G'],
			['g', 'o'],
			['j', 'j', 'o'],
			['f', 'PK', KEY.tab, KEY.enter],
			['j', KEY.enter],
			[KEY.escape, 'c'],
		];
		for (const keys of steps) {
			await app.press(...keys);
			expect(app.index(), `after ${JSON.stringify(keys)}`).toBe(app.memory());
		}
		expect(app.index()).toContain('──');
		app.unmount();
	});

	it('Actors and Risk: the same rows, profile and explanation', async () => {
		const app = both();
		for (const keys of [['2'], ['j', 'j'], [KEY.enter], [KEY.escape, '3'], ['j', KEY.enter], [KEY.escape, ']']]) {
			await app.press(...keys);
			expect(app.index(), `after ${JSON.stringify(keys)}`).toBe(app.memory());
		}
		app.unmount();
	});

	it('the palette offers the same places, counted alike (article titles are left to Search over the index)', async () => {
		const app = both();
		const places = (frame: string) =>
			frame.split('\n').filter((l) => /, (AF|PK|IR|TJ|UZ|KG|TM)\b.* incidents?\b/.test(l));
		await app.press(':', 'kurram');
		await eventually(app.index).toContain('Kurram, PK');
		expect(places(app.index())).toEqual(places(app.memory()));
		expect(places(app.index()).join('\n')).toMatch(/Kurram, PK .* 4 incidents/);
		await app.press(KEY.enter);
		// A place opens its search: the same results over both.
		await eventually(app.index).toContain('in:incidents country:PK "Kurram"');
		await eventually(app.index).toMatch(/4 match/);
		expect(app.index()).toBe(app.memory());
		app.unmount();
	});

	it('b and y on a country and an actor: the same brief, written and copied', async () => {
		const app = both();
		const written = (d: string) => readdirSync(d).map((f) => readFileSync(join(d, f), 'utf8'));
		// The top country of the Risk table, then the second actor of the Actors pane.
		for (const keys of [
			['3', 'b'],
			['2', 'j', 'b'],
		]) {
			await app.press(...keys);
			await eventually(app.index).toContain('brief written to');
			expect(app.index()).toBe(app.memory());
		}
		const index = written(briefs.index);
		expect(index).toHaveLength(2);
		expect(index).toEqual(written(briefs.memory));
		expect(index.join('\n')).toMatch(/# Security brief: [\s\S]*# Actor brief: /);
		await app.press('y');
		await eventually(app.index).toMatch(/sent the brief to the terminal's clipboard/);
		expect(app.index()).toBe(app.memory());
		app.unmount();
	});

	it('alert rules: checked over the index as in memory, the Watch line and the a list alike', async () => {
		const when = parseWhen('>=1 in 52w');
		if ('error' in when) throw new Error(when.error);
		const rules = [
			{ target: { kind: 'watch' as const, key: 'actor:iskp' }, when },
			{ target: { kind: 'query' as const, query: 'kabul attack' }, when },
		];
		const common = {
			escapeMs: 0,
			problems: [],
			cols: 100,
			rows: 30,
			now: () => new Date('2026-01-05T00:00:00Z'),
			watch: { ...noWatch, keys: ['actor:iskp'] },
		};
		const memory = render(<App {...common} store={loaded.store} alerts={alertsUi(rules, {}, true)} />);
		const index = render(<App {...common} data={indexed} dir={dir} alerts={alertsUi(rules, {}, true)} />);
		await eventually(() => memory.lastFrame() ?? '').toContain('▲ alert:');
		await eventually(() => index.lastFrame() ?? '').toContain('▲ alert:');
		expect(index.lastFrame()).toBe(memory.lastFrame());
		await press(memory.stdin, 'a');
		await press(index.stdin, 'a');
		expect(index.lastFrame()).toContain('2 alerts fired this session');
		expect(index.lastFrame()).toBe(memory.lastFrame());
		memory.unmount();
		index.unmount();
	});

	it('the watchlist: the same Watch line and ● marks as in memory', async () => {
		const keys = ['actor:taliban', 'country:PK'];
		const memoryData = backendOf(loaded.store);
		// Seen: everything but the newest two incidents and articles of each item.
		const seen = {
			since: '2025-01-01T00:00:00Z',
			items: Object.fromEntries(
				items(keys).map((item) => {
					const ids = idsOf(memoryData, item);
					return [watchKey(item), { incidents: ids.incidents.slice(2), articles: ids.articles.slice(2) }];
				}),
			),
		};
		const common = { escapeMs: 0, problems: [], cols: 100, rows: 30, now: () => new Date('2026-01-05T00:00:00Z') };
		const memory = render(<App {...common} store={loaded.store} watch={watchUi(memoryData, keys, seen)} />);
		const index = render(<App {...common} data={indexed} dir={dir} watch={watchUi(indexed, keys, seen)} />);
		await eventually(() => memory.lastFrame() ?? '').toContain('Watch:');
		await eventually(() => index.lastFrame() ?? '').toContain('Watch:');
		expect(memory.lastFrame()).toMatch(/Taliban ●\d/);
		expect(index.lastFrame()).toBe(memory.lastFrame());
		memory.unmount();
		index.unmount();
	});

	it('Search: the same results and reader', async () => {
		const app = both();
		await app.press('/', 'haqani kabul');
		// The results line with its time masked, as both frames are read.
		const answered = new RegExp(ANSWERED.source.replace('\\d+\\.\\d ms', 'N ms'));
		expect(answered.source).toContain('N ms');
		await eventually(app.memory).toMatch(answered);
		await eventually(app.index).toMatch(answered);
		expect(app.index()).toBe(app.memory());
		await app.press(KEY.down, KEY.enter);
		expect(app.index()).toBe(app.memory());
		expect(app.index()).toContain('Search ›');
		app.unmount();
	});
});
