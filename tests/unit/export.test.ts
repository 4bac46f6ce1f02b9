import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../source/commands/context.js';
import { runExport } from '../../source/commands/export.js';
import { matchActors } from '../../source/core/actorProfile.js';
import { CSV_COLUMNS, type CsvKind, detectKind, fromCsvRow, toCsv, unknownColumns } from '../../source/core/csv.js';
import { Resolver } from '../../source/core/resolve.js';
import { type Actor, type Article, type Incident, recordSchemas } from '../../source/core/schema.js';
import { indexStore, parseQuery, searchWithInfo } from '../../source/core/search/index.js';
import { type FilterInput, filterIncidents, parseFilter } from '../../source/core/timeline.js';
import { formatOfPath } from '../../source/io/export.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { actor, article, incident } from '../support/fixtures.js';
import { DATA_DIR } from '../support/helpers.js';

// A fresh load: the round trip must hold for the records exactly as the loader gives them.
const { store } = loadDataDir(DATA_DIR);
const resolver = new Resolver(store);

function rows(csv: string, bom = false): Record<string, string>[] {
	return parse(csv, { columns: true, bom });
}

function decodeAll(kind: CsvKind, csv: string): Record<string, unknown>[] {
	return rows(csv).map((row, i) => {
		const r = fromCsvRow(kind, row);
		if ('error' in r) throw new Error(`row ${i + 2}: ${r.error}`);
		expect(r.warnings).toEqual([]);
		return recordSchemas[kind].parse(r.record) as Record<string, unknown>;
	});
}

function run(kind: string | undefined, flags: Parameters<typeof runExport>[3] = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const chunks: string[] = [];
	const ctx: Ctx = { out: (l) => out.push(l), outStyled: (l) => out.push(l), err: (l) => err.push(l), color: false };
	const code = runExport(store, resolver, kind, flags, ctx, (c) => chunks.push(c));
	return { code, text: chunks.join(''), out, err };
}

const ndjsonIds = (text: string) =>
	text
		.trimEnd()
		.split('\n')
		.filter(Boolean)
		.map((l) => (JSON.parse(l) as { id: string }).id);

describe('CSV columns', () => {
	it('has one column per schema field, in schema order, without $schema (a toll takes four)', () => {
		for (const kind of ['articles', 'actors'] as const) {
			expect(CSV_COLUMNS[kind]).toEqual(Object.keys(recordSchemas[kind].shape).filter((k) => k !== '$schema'));
		}
		const toll = ['fatalities', 'fatalities_low', 'fatalities_high', 'fatalities_detail'];
		expect(CSV_COLUMNS.incidents).toEqual(
			Object.keys(recordSchemas.incidents.shape)
				.filter((k) => k !== '$schema')
				.flatMap((k) => (k === 'fatalities' ? toll : [k])),
		);
		expect(CSV_COLUMNS.incidents.slice(0, 4)).toEqual(['id', 'date', 'endDate', 'country']);
	});

	it('detects the kind from a header, whatever its case, padding or BOM', () => {
		expect(detectKind(CSV_COLUMNS.incidents)).toBe('incidents');
		expect(detectKind(CSV_COLUMNS.articles)).toBe('articles');
		expect(detectKind(CSV_COLUMNS.actors)).toBe('actors');
		expect(detectKind(['\uFEFFid', ' Date ', 'TYPE', 'country'])).toBe('incidents');
		expect(detectKind(['event_date', 'country', 'fatalities'])).toBeUndefined();
		expect(detectKind([])).toBeUndefined();
		expect(unknownColumns('actors', [...CSV_COLUMNS.actors, 'notes', 'Name'])).toEqual(['notes']);
	});
});

describe('formula injection', () => {
	const tricky = incident({
		id: 'inc-formula',
		date: '2024-05-01',
		country: 'AF',
		description: '=SUM(A1:A9)',
		location: '+1 555 0100',
		admin1: '-2',
		targets: ['@cmd', 'plain'],
		tags: ["'quoted"],
		lat: -33.5,
		lon: -70.25,
		fatalities: 0,
	});
	const withControls = article({
		id: 'art-formula',
		published: '2024-05-02',
		title: '\tcmd|calc',
		body: '\r\nstarts with a line break',
		author: "'tis me",
	});

	it('prefixes text cells that start with = + - @ tab CR or a quote, and never numbers', () => {
		const [row] = rows(toCsv('incidents', [tricky]));
		expect(row?.description).toBe("'=SUM(A1:A9)");
		expect(row?.location).toBe("'+1 555 0100");
		expect(row?.admin1).toBe("'-2");
		expect(row?.targets).toBe("'@cmd; plain");
		expect(row?.tags).toBe("''quoted");
		expect(row?.lat).toBe('-33.5');
		expect(row?.lon).toBe('-70.25');
		expect(row?.fatalities).toBe('0');
		const [art] = rows(toCsv('articles', [withControls]));
		expect(art?.title).toBe("'\tcmd|calc");
		expect(art?.body).toBe("'\r\nstarts with a line break");
		expect(art?.author).toBe("''tis me");
	});

	it('takes the prefix off again, and only a prefix it could have added', () => {
		expect(decodeAll('incidents', toCsv('incidents', [tricky]))).toStrictEqual([tricky]);
		expect(decodeAll('articles', toCsv('articles', [withControls]))).toStrictEqual([withControls]);
		// A hand-written "'tis" has no formula behind its quote: it is text, kept as typed.
		const r = fromCsvRow('articles', { id: 'a', title: "'tis", published: '2024-01-01', source: 'X', body: 'b' });
		expect('record' in r && r.record.title).toBe("'tis");
	});

	it('leaves no unescaped formula in any text cell, and no number escaped, in the bundled data and these', () => {
		const numeric = new Set(['lat', 'lon', 'fatalities', 'injured']);
		const sets = {
			incidents: [...store.incidents, tricky],
			articles: [...store.articles, withControls],
			actors: [...store.actors, actor({ id: 'x', name: '@x', aliases: ['-y'], summary: '+z' })],
		};
		for (const kind of ['incidents', 'articles', 'actors'] as const) {
			for (const row of rows(toCsv(kind, sets[kind] as never[]))) {
				for (const [col, cell] of Object.entries(row)) {
					if (numeric.has(col)) expect(cell).toMatch(/^(-?\d+(\.\d+)?)?$/);
					else if (/^[=+\-@\t\r]/.test(cell)) throw new Error(`${kind} ${row.id} ${col}: ${cell}`);
				}
			}
		}
	});
});

describe('CSV quoting', () => {
	const rec = article({
		id: 'art-quoting',
		published: '2024-06-01',
		title: 'Kabul, Kandahar and "the south"',
		source: 'Wire',
		body: 'First paragraph.\n\nSecond, with a comma.\r\nThird after CRLF.',
	});

	it('quotes commas, doubles quotes, keeps line breaks inside quoted cells and ends rows with CRLF', () => {
		const csv = toCsv('articles', [rec]);
		expect(csv).toContain(',"Kabul, Kandahar and ""the south""",');
		expect(csv).toContain('"First paragraph.\n\nSecond, with a comma.\r\nThird after CRLF."');
		expect(csv.startsWith(`${CSV_COLUMNS.articles.join(',')}\r\n`)).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.charCodeAt(0)).not.toBe(0xfeff);
		expect(rows(csv)).toHaveLength(1);
		expect(decodeAll('articles', csv)).toStrictEqual([rec]);
	});

	it('writes a BOM only when asked', () => {
		const csv = toCsv('articles', [rec], { bom: true });
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(Object.keys(rows(csv, true)[0] ?? {})[0]).toBe('id');
	});

	it('writes only the header for no records', () => {
		expect(toCsv('actors', [])).toBe(`${CSV_COLUMNS.actors.join(',')}\r\n`);
	});
});

describe('CSV round trip', () => {
	it.each([
		['incidents', 123],
		['articles', 20],
		['actors', 34],
	] as const)('gives back all the bundled %s exactly', (kind, count) => {
		const records = store[kind];
		expect(records).toHaveLength(count);
		const back = decodeAll(kind, toCsv(kind, records as never[]));
		expect(back).toStrictEqual(records);
	});

	it('keeps every tricky value: ";" in list items, empty optional fields, all source forms, any script', () => {
		const inc: Incident = incident({
			id: 'inc-tricky',
			date: '2024-03',
			endDate: '2024-04-02',
			country: 'AF',
			location: 'کابل، ناحیهٔ ۱۰', // Dari, with the zero-width non-joiner in ناحیهٔ
			lat: -0,
			lon: 69.17,
			type: 'armed clash',
			perpetrators: [],
			targets: ['civilians; mostly children', 'Kabul, Afghanistan', 'مدرسہ'],
			description: 'کابل میں دھماکہ — 喀布尔发生爆炸 🕌💥\n\nSecond paragraph, "quoted".',
			sources: [
				'art-1',
				{ outlet: 'Dawn', date: '2024-03-02', title: 'Blast, "again"', url: 'https://dawn.com/a?b=1,2' },
				{ outlet: 'Pajhwok', date: '2024-03-02T10:15:00+04:30' },
				{ dataset: 'ACLED', ref: 'AFG12345' },
				{ dataset: 'UCDP GED', ref: '567', cited: 'BBC; Dawn, "Tolo"' },
			],
			tags: ['[unverified]', 'x'],
		});
		const person: Actor = actor({
			id: 'someone',
			name: 'Mullah 🏴 Someone',
			aliases: [' padded ', 'طالبان', '塔利班', 'a;b'],
			affiliations: [
				{ actor: 'taliban', relation: 'member', role: 'governor, Kabul', since: '2021-08' },
				{ actor: 'iskp', relation: 'rival' },
			],
			countries: ['AF', 'PK'],
			summary: '=HYPERLINK("http://evil")',
		});
		const art: Article = article({ id: 'art-bare', published: '2024-01-01', title: 'Bare' });
		expect(rows(toCsv('incidents', [inc]))[0]?.targets).toBe(JSON.stringify(inc.targets));
		expect(rows(toCsv('incidents', [inc]))[0]?.admin1).toBe('');
		expect(decodeAll('incidents', toCsv('incidents', [inc]))).toStrictEqual([inc]);
		expect(Object.is((decodeAll('incidents', toCsv('incidents', [inc]))[0] as Incident).lat, -0)).toBe(true);
		expect(decodeAll('actors', toCsv('actors', [person]))).toStrictEqual([person]);
		expect(decodeAll('articles', toCsv('articles', [art]))).toStrictEqual([art]);
	});

	it('writes a list with an empty item as JSON, and reading it back explains why the record is bad', () => {
		const bad = { ...incident({ id: 'inc-empty-tag', date: '2024-01-01' }), tags: ['ok', ''] };
		const [row] = rows(toCsv('incidents', [bad]));
		expect(row?.tags).toBe('["ok",""]');
		const r = fromCsvRow('incidents', row ?? {});
		expect(r).toEqual({ error: 'column "tags" /1: expected a non-empty string, found ""' });
	});
});

describe('reading a CSV row', () => {
	const base = { id: 'inc-x', date: '2024-01-01', country: 'AF', type: 'IED', description: 'd', sources: '["s"]' };
	const errorOf = (row: Record<string, string>) => {
		const r = fromCsvRow('incidents', row);
		return 'error' in r ? r.error : undefined;
	};

	it('rejects numbers that are not finite numbers, naming the column and the value', () => {
		expect(errorOf({ ...base, lat: 'abc' })).toBe('column "lat": expected a number, found "abc"');
		expect(errorOf({ ...base, lon: 'NaN' })).toBe('column "lon": expected a number, found "NaN"');
		expect(errorOf({ ...base, fatalities: 'Infinity' })).toBe(
			'column "fatalities": expected a number, found "Infinity"',
		);
		expect(errorOf({ ...base, injured: '1e999' })).toBe('column "injured": expected a number, found "1e999"');
		expect(errorOf({ ...base, fatalities: '2.5' })).toBe('column "fatalities": expected a whole number ≥ 0, found 2.5');
		expect(errorOf({ ...base, fatalities_low: '-1' })).toBe(
			'column "fatalities_low": expected a whole number ≥ 0, found -1',
		);
		expect(errorOf({ ...base, lat: '91' })).toBe('column "lat": expected a number ≤ 90, found 91');
		expect(errorOf({ ...base, lat: ' 34.5 ', fatalities: '3' })).toBeUndefined();
	});

	it('explains empty required cells, bad JSON and bad values', () => {
		expect(errorOf({ ...base, id: '' })).toBe('column "id": required, found an empty cell');
		expect(errorOf({ ...base, sources: '[{"outlet": "Dawn"' })).toMatch(
			/^column "sources": expected JSON, found "\[\{\\"outlet\\": \\"Dawn\\"" \(/,
		);
		expect(errorOf({ ...base, sources: '[{"outlet": "Dawn"}]' })).toBe(
			'column "sources" /0: expected an article id, an object {"outlet", "date"} or {"dataset", "ref"}, found an object',
		);
		expect(errorOf({ ...base, type: 'picnic' })).toMatch(/^column "type": expected one of: suicide bombing, /);
	});

	it('splits hand-typed lists leniently and ignores columns that are not fields', () => {
		const r = fromCsvRow('incidents', { ...base, countries: 'x', tags: 'a;b ;  c; ', Perpetrators: 'ttp' });
		expect(r).toEqual({
			record: expect.objectContaining({ tags: ['a', 'b', 'c'], perpetrators: ['ttp'] }),
			warnings: [],
		});
		expect('record' in r && 'countries' in r.record).toBe(false);
	});

	it('drops unknown keys inside JSON cells with a warning, as the loader does', () => {
		const r = fromCsvRow('incidents', { ...base, sources: '[{"dataset":"ACLED","ref":"1","extra":2}]' });
		expect(r).toEqual({
			record: expect.objectContaining({ sources: [{ dataset: 'ACLED', ref: '1' }] }),
			warnings: ['column "sources" /0/extra: unknown field "extra" (ignored)'],
		});
	});
});

describe('CSV: a toll', () => {
	const base = { id: 'inc-x', date: '2024-01-01', country: 'AF', type: 'IED', description: 'd', sources: '["s"]' };
	const reports = [
		{ figure: 58, by: 'Afghan officials', outlet: 'Reuters', date: '2021-05-09' },
		{ figure: 85, upTo: 90, by: 'Afghan government', outlet: 'CNN', date: '2021-05-10' },
	];
	const tolls: Incident['fatalities'][] = [
		undefined,
		0,
		12,
		{ best: 12 },
		{ best: 85, low: 58, high: 85, reports, note: 'attackers not counted' },
		{ low: 19, high: 66 },
		{ low: 19 },
		{ high: 66, reports: [reports[0] as (typeof reports)[0]] },
	];

	it('writes the counted figure and the range’s ends as numbers, the record’s own toll as JSON', () => {
		const recs = tolls.map((f, i) => incident({ id: `inc-${i}`, date: '2024-01-01', fatalities: f }));
		const cells = rows(toCsv('incidents', recs)).map((r) => [
			r.fatalities,
			r.fatalities_low,
			r.fatalities_high,
			r.fatalities_detail === '' ? '' : JSON.parse(r.fatalities_detail ?? ''),
		]);
		expect(cells).toEqual([
			['', '', '', ''],
			['0', '', '', ''],
			['12', '', '', ''],
			['12', '', '', { best: 12 }],
			['85', '58', '85', tolls[4]],
			['19', '19', '66', { low: 19, high: 66 }],
			['19', '19', '', { low: 19 }],
			['', '', '66', tolls[7]],
		]);
	});

	it('reads every form back exactly', () => {
		const recs = tolls.map((f, i) =>
			incident({ id: `inc-${i}`, date: '2024-01-01', ...(f === undefined ? {} : { fatalities: f }) }),
		);
		expect(decodeAll('incidents', toCsv('incidents', recs))).toStrictEqual(recs);
	});

	it('reads a range typed into the figure columns, and names the column of a bad one', () => {
		const recordOf = (row: Record<string, string>) => {
			const r = fromCsvRow('incidents', { ...base, ...row });
			return 'record' in r ? r.record.fatalities : r.error;
		};
		expect(recordOf({ fatalities: '7' })).toBe(7);
		expect(recordOf({ fatalities: '7', fatalities_low: '5', fatalities_high: '9' })).toEqual({
			best: 7,
			low: 5,
			high: 9,
		});
		expect(recordOf({ fatalities_low: '5', fatalities_high: '9' })).toEqual({ low: 5, high: 9 });
		expect(recordOf({ fatalities: '7', fatalities_low: '9' })).toBe(
			'column "fatalities_low": expected "low" ≤ "best" (7), found 9',
		);
	});

	it('refuses figures that disagree with the detail beside them: a spreadsheet edit is not lost silently', () => {
		const detail = JSON.stringify({ best: 85, low: 58, high: 85 });
		const r = fromCsvRow('incidents', { ...base, fatalities: '40', fatalities_low: '58', fatalities_detail: detail });
		expect(r).toEqual({
			error:
				'column "fatalities": 40 differs from the toll in "fatalities_detail" (85); change both, or clear "fatalities_detail"',
		});
		const bad = fromCsvRow('incidents', { ...base, fatalities_detail: JSON.stringify({ best: 5, low: 9 }) });
		expect(bad).toEqual({ error: 'column "fatalities_detail" /low: expected "low" ≤ "best" (5), found 9' });
	});
});

describe('sitrep export', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-export-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it.each<FilterInput>([
		{ country: 'AF' },
		{ actor: 'iskp' },
		{ actor: 'islamic state', country: 'pakistan' },
		{ actor: 'ttp', country: 'AF,PK', type: 'suicide' },
		{ type: 'suicide' },
		{ since: '2024-12', until: '2024-12' },
		{ since: '2024' },
		{ until: '2023-06' },
	])('selects incidents exactly as the timeline does: %o', (filter) => {
		const want = filterIncidents(store, parseFilter(resolver, filter).filter).map((i) => i.id);
		expect(want.length).toBeGreaterThan(0);
		expect(want.length).toBeLessThan(store.incidents.length);
		const csv = run('incidents', { ...filter, format: 'csv' });
		expect(csv.code).toBe(0);
		expect(rows(csv.text).map((r) => r.id)).toEqual(want);
		const nd = run('incidents', { ...filter, format: 'ndjson' });
		expect(ndjsonIds(nd.text)).toEqual(want);
	});

	it('reports a bad filter as the timeline does: exit 2 with suggestions, nothing written', () => {
		const r = run('incidents', { country: 'Kabulistan' });
		expect(r.code).toBe(2);
		expect(r.text).toBe('');
		expect(r.err).toEqual([
			'sitrep export: --country: unknown country "Kabulistan" (did you mean: KZ Kazakhstan; PK Pakistan; TJ Tajikistan; UZ Uzbekistan?)',
		]);
		expect(run('incidents', { since: '2024-13' }).code).toBe(2);
		expect(run('incidents', { query: 'kabul' }).code).toBe(2);
	});

	it('rejects an unknown kind, format or limit with what is valid', () => {
		expect(run('countries').err).toEqual([
			'sitrep export: unknown kind "countries"; expected incidents, articles, actors',
		]);
		expect(run('countries').code).toBe(2);
		expect(run(undefined).code).toBe(2);
		expect(run('incidents', { format: 'xml' }).err).toEqual([
			'sitrep export: --format: unknown format "xml"; expected csv, json, ndjson',
		]);
		expect(run('incidents', { limit: 0 }).code).toBe(2);
		expect(run('actor', { limit: 3, format: 'ndjson' }).text.split('\n').filter(Boolean)).toHaveLength(3);
	});

	it('filters articles by country, actor (with the groups within it) and dates, and by a search query', () => {
		const af = run('articles', { country: 'AF', format: 'ndjson' });
		expect(ndjsonIds(af.text)).toEqual(store.articles.filter((a) => a.countries.includes('AF')).map((a) => a.id));
		const taliban = ndjsonIds(run('articles', { actor: 'taliban', format: 'ndjson' }).text);
		expect(taliban.length).toBeGreaterThan(0);
		for (const id of taliban) {
			const a = store.articleById.get(id);
			expect(a?.actors.some((x) => ['taliban', 'haqqani-network', 'sirajuddin-haqqani'].includes(x))).toBe(true);
		}
		const late = ndjsonIds(run('articles', { since: '2024-12', format: 'ndjson' }).text);
		expect(late).toEqual(store.articles.filter((a) => a.published >= '2024-12').map((a) => a.id));
		const index = indexStore(store);
		const hits = searchWithInfo(index, parseQuery('haqqani in:articles', resolver), { limit: 1000 });
		const found = ndjsonIds(run('articles', { query: 'haqqani', format: 'ndjson' }).text);
		expect(found.length).toBeGreaterThan(0);
		expect(found.length).toBeLessThan(store.articles.length);
		expect(new Set(found)).toEqual(new Set(hits.results.map((r) => r.id)));
		expect(run('articles', { query: 'country:Narnia' }).code).toBe(2);
		expect(run('articles', { type: 'IED' }).code).toBe(2);
	});

	it('ranks a query export as search does, so --limit keeps the best match; --sort date keeps the newest', () => {
		const index = indexStore(store);
		const best = searchWithInfo(index, parseQuery('haqqani in:articles', resolver), { limit: 1000 }).results.map(
			(r) => r.id,
		);
		const newest = store.articles.filter((a) => best.includes(a.id)).map((a) => a.id);
		// The check means something only where rank and date disagree on the first.
		expect(best[0]).not.toBe(newest[0]);
		expect(ndjsonIds(run('articles', { query: 'haqqani', format: 'ndjson' }).text)).toEqual(best);
		expect(ndjsonIds(run('articles', { query: 'haqqani', limit: 1, format: 'ndjson' }).text)).toEqual([best[0]]);
		expect(ndjsonIds(run('articles', { query: 'haqqani', limit: 1, sort: 'rank', format: 'ndjson' }).text)).toEqual([
			best[0],
		]);
		expect(ndjsonIds(run('articles', { query: 'haqqani', limit: 1, sort: 'date', format: 'ndjson' }).text)).toEqual([
			newest[0],
		]);
		const actors = ndjsonIds(run('actors', { query: 'haqani', limit: 1, format: 'ndjson' }).text);
		expect(actors).toEqual([matchActors(store, 'haqani', 1)[0]?.actor.id]);
		expect(run('articles', { sort: 'rank' }).err).toEqual([
			'sitrep export: --sort: rank orders the matches of a query; give one, or --sort date',
		]);
		expect(run('articles', { query: 'haqqani', sort: 'size' }).code).toBe(2);
		expect(run('actors', { query: 'haqani', sort: 'date' }).code).toBe(2);
	});

	it('exports nothing when no article matches every word (no partial matches)', () => {
		const r = run('articles', { query: 'haqqani zzyzxqwv', format: 'ndjson' });
		expect(r.code).toBe(0);
		expect(r.text).toBe('');
		expect(r.err[0]).toMatch(/no article matches every word/);
	});

	it('filters actors by a country they operate in and by name or alias, typos allowed', () => {
		const ir = ndjsonIds(run('actors', { country: 'IR', format: 'ndjson' }).text);
		expect(ir).toEqual(store.actors.filter((a) => a.countries.includes('IR')).map((a) => a.id));
		expect(ir).toContain('jaish-al-adl');
		const haqqani = ndjsonIds(run('actors', { query: 'haqani', format: 'ndjson' }).text);
		expect(haqqani).toContain('haqqani-network');
		expect(haqqani).not.toContain('ttp');
		expect(run('actors', { since: '2024' }).code).toBe(2);
	});

	it('writes JSON in the loader’s wrapper shape and NDJSON one record a line; both read back', () => {
		const json = run('incidents', { format: 'json' });
		expect(JSON.parse(json.text)).toStrictEqual({ incidents: JSON.parse(JSON.stringify(store.incidents)) });
		const nd = run('actors', { format: 'ndjson' });
		const lines = nd.text.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines.map((l) => JSON.parse(l))).toStrictEqual(JSON.parse(JSON.stringify(store.actors)));
		// Dropped into a data directory, the exports load as the same records.
		const data = join(dir, 'data');
		mkdirSync(data);
		writeFileSync(join(data, 'incidents.json'), json.text);
		writeFileSync(join(data, 'actors.jsonl'), nd.text);
		writeFileSync(join(data, 'articles.json'), run('articles', { format: 'json' }).text);
		const again = loadDataDir(data);
		expect(again.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(again.store.incidents).toStrictEqual(store.incidents);
		expect(again.store.actors).toStrictEqual(store.actors);
		expect(again.store.articles).toStrictEqual(store.articles);
	});

	it('writes data through the raw writer, keeping CRLF, never through ctx.out', () => {
		const r = run('articles', { format: 'csv' });
		expect(r.out).toEqual([]);
		expect(r.text.split('\r\n')[0]).toBe(CSV_COLUMNS.articles.join(','));
		expect(r.err).toEqual(['20 articles exported as csv']);
		expect(run('articles', { format: 'csv', bom: true }).text.charCodeAt(0)).toBe(0xfeff);
	});

	it('--out writes the file atomically, infers the format from its extension and leaves no temp file', () => {
		for (const [name, check] of [
			['incidents.csv', (t: string) => expect(rows(t)).toHaveLength(123)],
			['incidents.json', (t: string) => expect(JSON.parse(t).incidents).toHaveLength(123)],
			['incidents.jsonl', (t: string) => expect(ndjsonIds(t)).toHaveLength(123)],
			['incidents.txt', (t: string) => expect(rows(t)).toHaveLength(123)],
		] as const) {
			const file = join(dir, name);
			writeFileSync(file, 'old contents');
			const r = run('incidents', { out: file });
			expect(r.code).toBe(0);
			expect(r.text).toBe('');
			check(readFileSync(file, 'utf8'));
			expect(r.err).toEqual([`123 incidents written to ${file} (${formatOfPath(file) ?? 'csv'})`]);
		}
		expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
		const json = join(dir, 'forced.csv');
		run('actors', { out: json, format: 'json' });
		expect(JSON.parse(readFileSync(json, 'utf8')).actors).toHaveLength(34);
	});

	it('--out into a missing directory fails with exit 3 and leaves nothing behind', () => {
		const file = join(dir, 'missing', 'x.csv');
		const r = run('incidents', { out: file });
		expect(r.code).toBe(3);
		expect(r.err[0]).toMatch(/^sitrep export: cannot write .*x\.csv: ENOENT: its folder .*missing does not exist$/);
		expect(existsSync(join(dir, 'missing'))).toBe(false);
		// A directory as the target: the rename fails and the temp file is removed.
		const target = join(dir, 'adir');
		mkdirSync(target);
		expect(run('incidents', { out: target }).code).toBe(3);
		expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
	});
});
