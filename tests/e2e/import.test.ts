// Importing ACLED and UCDP exports (fixtures written by the project in the
// real column layouts; the notes say "Test row"), sitrep's own exports, and
// the writer that must never leave a data directory half-changed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ActorMerger } from '../../source/io/import/actors.js';
import { countryCode } from '../../source/io/import/countries.js';
import { parseEventDate } from '../../source/io/import/fields.js';
import { type ImportReport, importFile } from '../../source/io/import/run.js';
import { loadDataDir } from '../../source/io/load/load.js';
import {
	commitPlan,
	type FileOps,
	LOCK_NAME,
	planUpserts,
	realFileOps,
	WriteError,
	withDataLock,
} from '../../source/io/write.js';
import { DATA_DIR } from '../support/helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/import', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function dataCopy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-import-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	return dir;
}

/** Every file under dir with its content, to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (name.isFile()) {
			const path = join(name.parentPath, name.name);
			out[path.slice(dir.length)] = readFileSync(path, 'utf8');
		}
	}
	return out;
}

function accounted(r: ImportReport): void {
	expect(r.read).toBe(r.imported + r.updated + r.unchanged + r.skipped.length);
}

describe('cell parsers', () => {
	it('reads every date form the data sets write, and rejects impossible days', () => {
		expect(parseEventDate('2020-03-21', 'd')).toBe('2020-03-21');
		expect(parseEventDate('21 March 2020', 'd')).toBe('2020-03-21');
		expect(parseEventDate('02 April 2020', 'd')).toBe('2020-04-02');
		expect(parseEventDate('21-Mar-2020', 'd')).toBe('2020-03-21');
		expect(parseEventDate('1990-10-04 00:00:00.000', 'd')).toBe('1990-10-04');
		expect(parseEventDate('05/20/1990 00:00:00', 'd')).toBe('1990-05-20');
		expect(() => parseEventDate('2024-02-30', 'event_date')).toThrow(/event_date "2024-02-30" is not a date/);
		expect(() => parseEventDate('13/28/2009', 'date_start')).toThrow(/not a date/);
		expect(() => parseEventDate('', 'event_date')).toThrow(/empty/);
	});

	it('names countries as UCDP and ACLED spell them', () => {
		expect(countryCode({ name: 'Afghanistan' })).toBe('AF');
		expect(countryCode({ name: 'Russia (Soviet Union)' })).toBe('RU');
		expect(countryCode({ name: 'Serbia (Yugoslavia)' })).toBe('RS');
		expect(countryCode({ name: 'DR Congo (Zaire)' })).toBe('CD');
		expect(countryCode({ name: 'Kingdom of eSwatini (Swaziland)' })).toBe('SZ');
		expect(countryCode({ name: 'Bosnia-Herzegovina' })).toBe('BA');
		expect(countryCode({ numeric: '586' })).toBe('PK');
		expect(countryCode({ gw: '630' })).toBe('IR');
		expect(countryCode({ name: 'Atlantis' })).toBeUndefined();
	});
});

describe('actor merging', () => {
	const where = { country: 'PK', date: '2015-01-01', dataset: 'UCDP GED', ref: '1' };

	it('gives a new state actor the country it names, and a group the country it was seen in', () => {
		const m = new ActorMerger([]);
		expect(m.resolve('Government of India', where)).toEqual({ id: 'government-of-india' });
		expect(m.resolve('Kashmir insurgents', where)).toEqual({ id: 'kashmir-insurgents' });
		expect(Object.fromEntries(m.created.map((a) => [a.id, [a.kind, a.countries]]))).toEqual({
			'government-of-india': ['state', ['IN']],
			'kashmir-insurgents': ['group', ['PK']],
		});
	});

	it('reads "Government of Afghanistan" by date: an earlier state, the Republic, then the Taliban', () => {
		const m = new ActorMerger([]);
		const at = (date: string) => m.resolve('Government of Afghanistan', { ...where, country: 'AF', date });
		expect(at('1989-03-18')).toEqual({ id: 'government-of-afghanistan' });
		expect(at('2010-06-01')).toEqual({ id: 'afghanistan-republic' });
		expect(at('2021-08-15')).toEqual({ id: 'taliban' });
	});

	it('merges spellings into one actor and counts the rows per name', () => {
		const m = new ActorMerger([]);
		for (const name of ['Taliban', 'Taleban', 'Taleban ', 'Afghan Taliban']) {
			expect(m.resolve(name, { ...where, country: 'AF' })).toEqual({ id: 'taliban' });
		}
		expect(m.created.map((a) => a.id)).toEqual(['taliban']);
		expect(m.resolve('Civilians (Pakistan)', where)).toEqual({ label: 'civilians' });
	});
});

describe('ACLED import', () => {
	it('maps the current layout, accounts for every row and says why rows were skipped', async () => {
		const dir = dataCopy();
		const r = await importFile(dir, fixture('acled-2024.csv'));
		accounted(r);
		expect(r).toMatchObject({ format: 'ACLED', read: 8, imported: 4, updated: 0, unchanged: 0 });
		expect(r.skipped.map((s) => [s.row, s.line])).toEqual([
			[5, 6],
			[6, 7],
			[7, 8],
			[8, 9],
		]);
		expect(r.skipped[0]?.reason).toBe('fatalities "abc" is not a whole number ≥ 0');
		expect(r.skipped[1]?.reason).toMatch(/event_date "2024-02-30" is not a date/);
		expect(r.skipped[2]?.reason).toMatch(/country "Atlantis"/);
		expect(r.skipped[3]?.reason).toMatch(/same id as row 2/);

		const { store, problems } = loadDataDir(dir);
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		const clash = store.incidentById.get('acled-pak90001');
		expect(clash).toMatchObject({ type: 'armed clash', country: 'PK', fatalities: 9 });
		expect(clash?.perpetrators).toEqual(['pakistan-military', 'ttp']);
		// The quoted note kept its comma, its doubled quotes and its line break.
		expect(clash?.description).toBe(
			'Test row: soldiers and militants exchanged fire near Mir Ali, with a comma, "quoted words" and\na second line.',
		);
		const bombing = store.incidentById.get('acled-afg80001');
		expect(bombing).toMatchObject({ type: 'suicide bombing', perpetrators: ['iskp'] });
		// After 2021 ACLED's Afghan state forces are the Taliban; its Civilians are victims, not an actor.
		expect(bombing?.targets).toEqual(['taliban', 'civilians']);
		const attack = store.incidentById.get('acled-pak90002');
		expect(attack?.date).toBe('2024-03-21');
		expect(attack?.perpetrators).toEqual([]);
		expect(attack?.fatalities).toBeUndefined();
		expect(store.incidentById.get('acled-pak90003')?.targets).toEqual(['pakistan-police']);
		expect(r.actorsCreated.map((a) => a.id)).toEqual(['pakistan-police']);
	});

	it('reads an older export by column name (extra columns, other order, "21 March 2020" dates)', async () => {
		const dir = dataCopy();
		const r = await importFile(dir, fixture('acled-2020.csv'));
		accounted(r);
		expect(r).toMatchObject({ read: 2, imported: 2, skipped: [] });
		const { store } = loadDataDir(dir);
		const battle = store.incidentById.get('acled-afg40001');
		expect(battle).toMatchObject({ date: '2020-03-21', country: 'AF', type: 'armed clash', fatalities: 4 });
		// Before the fall of Kabul, the Afghan state forces are the Republic, not the Taliban.
		expect(battle?.perpetrators).toEqual(['afghanistan-republic', 'taliban']);
		expect(store.incidentById.get('acled-pak30001')?.tags).toContain('approximate date');
	});
});

describe('UCDP import', () => {
	it('skips the HXL tag row, keeps multi-line citations and merges UCDP names', async () => {
		const dir = dataCopy();
		const r = await importFile(dir, fixture('ucdp-hdx.csv'));
		accounted(r);
		expect(r).toMatchObject({ format: 'UCDP GED', hxlRow: true, read: 6, imported: 5 });
		expect(r.skipped).toEqual([{ row: 6, line: 7, reason: 'best "five" is not a whole number ≥ 0' }]);
		const merged = Object.fromEntries(r.actorsMerged.map((m) => [`${m.name}>${m.into}`, m.rows]));
		// "Taleban" (with UCDP's trailing space) is the Taliban; "IS" is ISKP in Afghanistan and Iran, IS in Syria.
		expect(merged).toMatchObject({ 'Taleban>taliban': 1, 'IS>iskp': 2, 'IS>islamic-state': 1, 'TTP>ttp': 1 });
		expect(r.countriesCreated).toEqual(['SY']);
		const { store } = loadDataDir(dir);
		const first = store.incidentById.get('ucdp-900001');
		expect(first).toMatchObject({
			type: 'IED',
			date: '2019-05-01',
			fatalities: 3,
			admin1: 'Khyber Pakhtunkhwa province',
		});
		expect(first?.sources[0]).toEqual({
			dataset: 'UCDP GED',
			ref: '900001',
			cited: '"Test Wire,2019-05-02,Test headline one"\nsecond line of the citation, with a comma',
		});
		expect(first?.sources[1]).toMatchObject({ outlet: 'Test Wire', date: '2019-05-02' });
		expect(store.incidentById.get('ucdp-900003')).toMatchObject({
			type: 'suicide bombing',
			perpetrators: ['iskp'],
			targets: ['civilians'],
			// UCDP's best estimate keeps its low and high ends; where they equal it (900001), a plain figure.
			fatalities: { best: 30, low: 25, high: 40 },
		});
		expect(store.incidentById.get('ucdp-900002')).toMatchObject({
			endDate: '2020-06-30',
			perpetrators: ['afghanistan-republic', 'taliban'],
		});
		expect(store.incidentById.get('ucdp-900002')?.tags).toEqual(
			expect.arrayContaining(['approximate date', 'approximate location']),
		);
	});

	it('reads the older API layout: best_est, month-first dates, a trailing comma on every row', async () => {
		const dir = dataCopy();
		const r = await importFile(dir, fixture('ucdp-api.csv'));
		accounted(r);
		expect(r).toMatchObject({ read: 2, imported: 1 });
		expect(r.skipped[0]?.reason).toMatch(/date_start "13\/28\/2009 00:00:00" is not a date/);
		const { store } = loadDataDir(dir);
		expect(store.incidentById.get('ucdp-800001')).toMatchObject({
			date: '2009-10-10',
			endDate: '2009-10-11',
			fatalities: { best: 20, low: 20, high: 23 },
		});
	});

	it('refuses a file without a required column before writing anything', async () => {
		const dir = dataCopy();
		const before = snapshot(dir);
		await expect(importFile(dir, fixture('ucdp-no-date.csv'))).rejects.toThrow(/missing column date_start/);
		expect(snapshot(dir)).toEqual(before);
	});

	it('adds nothing on a second import, and updates only the rows that changed', async () => {
		const dir = dataCopy();
		await importFile(dir, fixture('ucdp-hdx.csv'));
		const after = snapshot(dir);
		const again = await importFile(dir, fixture('ucdp-hdx.csv'));
		accounted(again);
		expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 5 });
		expect(again.actorsCreated).toEqual([]);
		expect(snapshot(dir)).toEqual(after);

		const changed = join(dir, 'changed.csv');
		writeFileSync(changed, readFileSync(fixture('ucdp-hdx.csv'), 'utf8').replace(',30,40,25,', ',31,40,25,'));
		const third = await importFile(dir, changed);
		expect(third).toMatchObject({ imported: 0, updated: 1, unchanged: 4 });
		expect(loadDataDir(dir).store.incidentById.get('ucdp-900003')?.fatalities).toEqual({ best: 31, low: 25, high: 40 });
	});

	it('--dry-run reports the same counts and writes nothing', async () => {
		const dir = dataCopy();
		const before = snapshot(dir);
		const r = await importFile(dir, fixture('ucdp-hdx.csv'), { dryRun: true });
		expect(r).toMatchObject({ imported: 5, written: [] });
		expect(snapshot(dir)).toEqual(before);
	});
});

describe('atomic writes', () => {
	function failing(on: 'writeFile' | 'rename', after: number): FileOps {
		let calls = 0;
		return {
			...realFileOps,
			[on]: (a: string, b: string) => {
				if (++calls > after) throw new Error(`simulated ${on} failure`);
				(realFileOps[on] as (a: string, b: string) => void)(a, b);
			},
		};
	}

	it('a failed write of the second file leaves the directory exactly as it was', async () => {
		const dir = dataCopy();
		const before = snapshot(dir);
		await expect(importFile(dir, fixture('ucdp-hdx.csv'), { ops: failing('writeFile', 1) })).rejects.toThrow(
			WriteError,
		);
		expect(snapshot(dir)).toEqual(before);
	});

	it('a failed rename after the first file rolls the first one back', async () => {
		const dir = dataCopy();
		// A first import, so the second one replaces existing files rather than creating them.
		await importFile(dir, fixture('ucdp-hdx.csv'));
		const before = snapshot(dir);
		const plan = planUpserts(dir, [
			{
				kind: 'incidents',
				records: [{ ...loadDataDir(dir).store.incidentById.get('ucdp-900001'), fatalities: 4 }],
				newFile: 'incidents/ucdp.jsonl',
			},
			{
				kind: 'countries',
				records: [{ code: 'FR', name: 'France', region: 'Europe', tags: [] }],
				newFile: 'countries/imported.json',
			},
		]);
		expect(plan.files).toHaveLength(2);
		expect(() => commitPlan(plan, failing('rename', 1))).toThrow(/rolled back/);
		expect(snapshot(dir)).toEqual(before);
	});

	it('refuses to write into a data file it cannot parse, and says which', () => {
		const dir = dataCopy();
		writeFileSync(join(dir, 'countries.json'), '{"countries": [');
		expect(() =>
			planUpserts(dir, [
				{ kind: 'countries', records: [{ code: 'FR', name: 'France', region: 'Europe' }], newFile: 'countries.json' },
			]),
		).toThrow(/countries\.json is not valid JSON/);
	});
});

describe('sitrep import of its own exports', () => {
	it('export -> import into an empty directory gives the same records', () => {
		const out = mkdtempSync(join(tmpdir(), 'sitrep-rt-'));
		const empty = join(out, 'data');
		for (const [kind, format] of [
			['incidents', 'csv'],
			['articles', 'csv'],
			['actors', 'csv'],
			['incidents', 'ndjson'],
			['actors', 'json'],
		] as const) {
			const file = join(out, `${kind}.${format}`);
			const e = spawnSync(process.execPath, [CLI, 'export', kind, '--out', file, '--data', DATA_DIR], {
				encoding: 'utf8',
			});
			expect(e.status, e.stderr).toBe(0);
			const target = `${empty}-${kind}-${format}`;
			const i = spawnSync(process.execPath, [CLI, 'import', file, '--data', target, '--json'], { encoding: 'utf8' });
			expect(i.status, i.stderr).toBe(0);
			const report = JSON.parse(i.stdout);
			const original = loadDataDir(DATA_DIR).store[kind];
			expect(report).toMatchObject({ read: original.length, imported: original.length, skipped: [] });
			const back = loadDataDir(target).store[kind];
			expect(back).toEqual(original);
		}
	});

	it('importing an export into the data it came from changes nothing', () => {
		const dir = dataCopy();
		const file = join(dir, '..', `${dir.split('/').pop()}.csv`);
		spawnSync(process.execPath, [CLI, 'export', 'incidents', '--out', file, '--data', dir]);
		const before = snapshot(dir);
		const i = spawnSync(process.execPath, [CLI, 'import', file, '--data', dir, '--json'], { encoding: 'utf8' });
		expect(JSON.parse(i.stdout)).toMatchObject({ read: 123, imported: 0, updated: 0, unchanged: 123 });
		expect(snapshot(dir)).toEqual(before);
	});
});

describe('sitrep import (CLI)', () => {
	it('prints the JSON report of the issue, exits 1 when rows were skipped and 2 on a bad file', () => {
		const dir = dataCopy();
		const r = spawnSync(
			process.execPath,
			[CLI, 'import', 'acled', fixture('acled-2024.csv'), '--data', dir, '--json'],
			{
				encoding: 'utf8',
			},
		);
		expect(r.status).toBe(1);
		const report = JSON.parse(r.stdout);
		expect(Object.keys(report)).toEqual(
			expect.arrayContaining(['read', 'imported', 'updated', 'unchanged', 'skipped', 'actorsMerged']),
		);
		expect(report.read).toBe(report.imported + report.updated + report.unchanged + report.skipped.length);
		expect(report.skipped[0]).toEqual({ row: 5, line: 6, reason: 'fatalities "abc" is not a whole number ≥ 0' });

		const bad = spawnSync(process.execPath, [CLI, 'import', fixture('ucdp-no-date.csv'), '--data', dir], {
			encoding: 'utf8',
		});
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/missing column date_start/);
		const none = spawnSync(process.execPath, [CLI, 'import', join(dir, 'nope.csv'), '--data', dir], {
			encoding: 'utf8',
		});
		expect(none.status).toBe(2);
		expect(none.stderr).toMatch(/no such file/);
		expect(existsSync(join(dir, 'incidents', 'acled.jsonl'))).toBe(true);
	});
});

describe('hostile and odd cells', () => {
	const HEADER =
		'event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,notes,fatalities';
	const csv = (rows: string[]) => {
		const file = join(mkdtempSync(join(tmpdir(), 'sitrep-odd-')), 'odd.csv');
		writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
		return file;
	};

	it('stores text as the loader shows it, so names with escape sequences merge and a re-import changes nothing', async () => {
		const dir = dataCopy();
		const file = csv([
			'PAK501,2020-03-21,Battles,Armed clash,Taliban\u001b]52;c;ZXZpbA==\u0007,,Pakistan,Punjab,Mir  Ali,31.5,74.3,"Test row: \u001b[31mred\u001b[0m\ttab \u009b2J",3',
		]);
		const first = await importFile(dir, file);
		expect(first).toMatchObject({ imported: 1, actorsCreated: [] });
		const raw = readFileSync(join(dir, 'incidents', 'acled.jsonl'), 'utf8');
		expect(raw).not.toMatch(/\\u001b|\u009b|\\t/);
		const { store, problems } = loadDataDir(dir);
		expect(problems).toEqual([]);
		expect(store.incidentById.get('acled-pak501')).toMatchObject({
			perpetrators: ['taliban'],
			location: 'Mir Ali',
			description: 'Test row: red    tab ',
		});
		const again = await importFile(dir, file);
		expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1, actorsCreated: [] });
		// And export -> import finds every record as it is.
		const out = join(dir, '..', `${dir.split('/').pop()}-odd.csv`);
		spawnSync(process.execPath, [CLI, 'export', 'incidents', '--out', out, '--data', dir]);
		expect(await importFile(dir, out)).toMatchObject({ imported: 0, updated: 0, unchanged: 124 });
	});

	it('skips a row whose bytes are not UTF-8, naming the column', async () => {
		const dir = dataCopy();
		const file = csv([]);
		writeFileSync(
			file,
			Buffer.concat([
				Buffer.from(`${HEADER}\nPAK502,2020-03-21,Battles,Armed clash,Taliban,,Pakistan,Punjab,Kunar`),
				Buffer.from([0xe9]),
				Buffer.from(',31.5,74.3,Test row,3\n'),
			]),
		);
		const r = await importFile(dir, file);
		accounted(r);
		expect(r.skipped).toEqual([
			{
				row: 2,
				line: 2,
				reason: 'location holds bytes that are not UTF-8 text (expected a UTF-8 file; re-save it as UTF-8)',
			},
		]);
	});

	it('adds the home country of a new state actor to the countries', async () => {
		const dir = dataCopy();
		const file = csv([
			'PAK503,2020-03-21,Battles,Armed clash,Military Forces of Eritrea,,Pakistan,Punjab,Lahore,31.5,74.3,Test row,1',
		]);
		const r = await importFile(dir, file);
		expect(r.countriesCreated).toEqual(['ER']);
		expect(loadDataDir(dir).problems).toEqual([]);
	});

	it('--json stays valid JSON, with no control characters, when cells hold line separators and C1 codes', () => {
		const dir = dataCopy();
		const file = csv([
			'PAK504,2020-03-21,Battles,Armed clash,Taliban,,Pakistan,Punjab,Lahore,31.5,74.3,Test row,1\u2028x\u0085y\u009b',
		]);
		const r = spawnSync(process.execPath, [CLI, 'import', file, '--data', dir, '--json'], { encoding: 'utf8' });
		expect(r.stdout).not.toMatch(/[\u001b\u0080-\u009f\u2028\u2029]/);
		expect(JSON.parse(r.stdout).skipped[0].reason).toBe('fatalities "1\u2028x\u0085y\u009b" is not a whole number ≥ 0');
	});
});

describe('two writers', () => {
	it('an import waits while another process holds the data directory, then writes', async () => {
		const dir = dataCopy();
		// Another writer, alive, holds the lock.
		const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)']);
		const lock = join(dir, LOCK_NAME);
		writeFileSync(lock, `${holder.pid}\n`);
		/** Every file of the data directory with its contents. */
		const files = () =>
			readdirSync(dir, { recursive: true, encoding: 'utf8' })
				.sort()
				.map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '']);
		const before = files();
		const waitedFor: (number | undefined)[] = [];
		try {
			const r = await importFile(dir, fixture('ucdp-hdx.csv'), {
				// The import waits, having written nothing; then the other writer finishes as sitrep does.
				onWait: (pid) => {
					waitedFor.push(pid);
					expect(files()).toEqual(before);
					rmSync(lock);
				},
			});
			expect(waitedFor).toEqual([holder.pid]);
			expect(r.imported).toBe(5);
			expect(r.written.length).toBeGreaterThan(0);
			expect(files()).not.toEqual(before.filter(([f]) => f !== LOCK_NAME));
			expect(existsSync(lock)).toBe(false);
		} finally {
			holder.kill();
		}
	});

	it('a lock left by a process that is gone is taken over; a live one times out with a clear error', () => {
		const dir = dataCopy();
		writeFileSync(join(dir, LOCK_NAME), '999999999\n');
		expect(withDataLock(dir, () => 'ran')).toBe('ran');
		writeFileSync(join(dir, LOCK_NAME), `${process.pid}\n`);
		expect(() => withDataLock(dir, () => 'ran', { timeoutMs: 100 })).toThrow(/another sitrep \(pid \d+\) is writing/);
	});

	it('two imports at once into one directory lose nothing', async () => {
		const dir = dataCopy();
		const files = ['PAK', 'AFG'].map((prefix, n) => {
			const file = join(mkdtempSync(join(tmpdir(), 'sitrep-two-')), `${prefix}.csv`);
			const rows = Array.from(
				{ length: 3000 },
				(_, i) =>
					`${prefix}${700000 + i},2020-03-21,Battles,Armed clash,Group ${n},,Pakistan,Punjab,Lahore,31.5,74.3,Test row,1`,
			);
			writeFileSync(
				file,
				`event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,notes,fatalities\n${rows.join('\n')}\n`,
			);
			return file;
		});
		const runs = files.map(
			(file) =>
				new Promise<number | null>((done) =>
					spawn(process.execPath, [CLI, 'import', file, '--data', dir], { stdio: 'ignore' }).on('exit', done),
				),
		);
		expect(await Promise.all(runs)).toEqual([0, 0]);
		const { store } = loadDataDir(dir);
		expect(store.incidents.filter((i) => i.id.startsWith('acled-'))).toHaveLength(6000);
		expect(store.actorById.has('group-0') && store.actorById.has('group-1')).toBe(true);
	});
});
