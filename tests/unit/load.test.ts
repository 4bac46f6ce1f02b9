import { mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../source/core/problems.js';
import { sampleNote } from '../../source/core/store.js';
import { isBundledDataDir } from '../../source/io/load/dataDir.js';
import { DataDirError, type LoadResult, loadDataDir } from '../../source/io/load/load.js';
import { loadDataDirLazily, loadDataDirWith, SchemasNeeded } from '../../source/io/load/loader.js';
import { DATA_DIR } from '../support/helpers.js';

const BROKEN = fileURLToPath(new URL('../fixtures/broken', import.meta.url));

const src = [{ outlet: 'Reuters', date: '2024-12-11' }];
const incident = (over: Record<string, unknown> = {}) => ({
	id: 'i1',
	date: '2024-12-11',
	country: 'AF',
	type: 'suicide bombing',
	description: 'A bombing.',
	sources: src,
	...over,
});

function dir(files: Record<string, string | object>): string {
	const d = mkdtempSync(join(tmpdir(), 'sitrep-load-'));
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(join(d, name, '..'), { recursive: true });
		writeFileSync(join(d, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
	}
	return d;
}

function load(files: Record<string, string | object>) {
	const d = dir(files);
	const r = loadDataDir(d);
	const lines = r.problems.map((p) => formatProblem(p).replace(`${d}/`, ''));
	return { ...r, lines };
}

describe('loadDataDir', () => {
	it('a required text made only of control characters is empty once cleaned: the record is skipped', () => {
		const r = load({
			'incidents.json': { incidents: [incident(), incident({ id: 'i2', description: '\u001b[2J\u001b[H' })] },
		});
		expect(r.store.incidents.map((i) => i.id)).toEqual(['i1']);
		expect(r.lines.join('\n')).toMatch(
			/incidents\.json:\d+:\d+ \/incidents\/1\/description: expected a non-empty string.*after removing terminal control characters\); record skipped/,
		);
	});

	it('keeps machineCoded: true, and skips a record with any other value, saying what was expected', () => {
		const r = load({
			'incidents.json': [
				incident({ machineCoded: true }),
				incident({ id: 'i2', machineCoded: false }),
				incident({ id: 'i3', machineCoded: 'yes' }),
			],
		});
		expect(r.store.incidents.map((i) => [i.id, i.machineCoded])).toEqual([['i1', true]]);
		expect(r.lines).toHaveLength(2);
		expect(r.lines[0]).toMatch(
			/^incidents\.json:\d+:\d+ \/1\/machineCoded: expected true, or leave it out, found false/,
		);
		expect(r.lines[1]).toMatch(/\/2\/machineCoded: expected true, or leave it out, found "yes"/);
	});

	it('loads valid data with indices and no problems', () => {
		const r = load({
			'countries.json': [{ code: 'AF', name: 'Afghanistan', region: 'South Asia' }],
			'actors.json': { actors: [{ id: 'iskp', name: 'ISKP', kind: 'group', summary: 'x' }] },
			'incidents.json': [incident({ perpetrators: ['iskp'] }), incident({ id: 'i0', date: '2023-03' })],
		});
		expect(r.lines).toEqual([]);
		expect(r.store.incidents.map((i) => i.id)).toEqual(['i1', 'i0']);
		expect(r.store.incidentsByActor.get('iskp')?.map((i) => i.id)).toEqual(['i1']);
		expect(r.store.incidentsByCountry.get('AF')).toHaveLength(2);
		expect(r.store.incidents[0]?.targets).toEqual([]);
	});

	it('reports a JSON syntax error with line:col and keeps the records it did not touch', () => {
		const text = `[\n${JSON.stringify(incident())},\n${JSON.stringify(incident({ id: 'i2' }))}\n${JSON.stringify(incident({ id: 'i3' }))}\n]\n`;
		const r = load({ 'incidents.json': text });
		expect(r.lines[0]).toBe('incidents.json:4:1: invalid JSON: expected "," between items, found "{"');
		expect(r.lines).toContain(
			'incidents.json: warning: 3 incidents read despite the syntax error; 0 touched by it skipped',
		);
		expect(r.store.incidents.map((i) => i.id).sort()).toEqual(['i1', 'i2', 'i3']);
	});

	it('points a syntax error inside a string or a number at the character that is wrong, once', () => {
		const skipped = '; the incident at /0 is skipped';
		const cases: [string, string][] = [
			['["\u0000"]', `1:3: invalid JSON: a control character inside a string, found "\\u0000"${skipped}`],
			['[1.0e+]', `1:7: invalid JSON: expected a digit in the number, found "]"${skipped}`],
			['["\\q"]', `1:4: invalid JSON: an invalid escape character, found "q"${skipped}`],
			['["\\u12x4"]', `1:7: invalid JSON: an invalid \\u escape, found "x"${skipped}`],
			// Columns count UTF-16 code units, as for every other problem: the emoji takes two.
			['["🌀\t"]', `1:5: invalid JSON: a control character inside a string, found "\\t"${skipped}`],
			// A lone "-" is not read as a record: none is skipped.
			['[-]', '1:3: invalid JSON: expected a digit in the number, found "]"'],
		];
		for (const [text, line] of cases) {
			const r = load({ 'incidents.json': text });
			expect(
				r.lines.filter((l) => !l.includes('warning')),
				text,
			).toEqual([`incidents.json:${line}`]);
		}
		// An unescaped line break: at the end of the line it breaks.
		const r = load({
			'incidents.json': `[\n${JSON.stringify(incident())},\n{"id": "i2", "description": "two\nlines"}\n]`,
		});
		expect(r.lines[0]).toBe(
			'incidents.json:3:33: invalid JSON: a line break inside a string (write it as \\n), found "\\n"; the incident at /1 (id "i2") is skipped',
		);
		expect(r.store.incidents.map((i) => i.id)).toEqual(['i1']);
	});

	it('says where a file holds nothing but whitespace: at its end, where the list is missing', () => {
		const r = load({ 'incidents.json': '  \n\t\n', 'actors.json': '', 'countries.json': '\f' });
		expect(r.lines.slice(0, 3)).toEqual([
			'incidents.json:3:1: empty file (only whitespace): expected an array of incidents or an object {"incidents": [...]}',
			'actors.json:1:1: empty file: expected an array of actors or an object {"actors": [...]}',
			// A form feed is whitespace to JavaScript, not to JSON.
			'countries.json:1:1: invalid JSON: unexpected character, found "\\f"',
		]);
	});

	it('skips a record cut off by truncation', () => {
		const text = `[\n${JSON.stringify(incident())},\n{"id": "i2", "date": "2024-`;
		const r = load({ 'incidents.json': text });
		expect(r.lines[0]).toMatch(/^incidents\.json:3:\d+: invalid JSON: /);
		expect(r.store.incidents.map((i) => i.id)).toEqual(['i1']);
		expect(r.skipped.incidents).toBe(1);
	});

	it('names the field, what was expected and what was found', () => {
		const r = load({
			'incidents.json': {
				incidents: [
					incident({ date: '2024-13-11' }),
					incident({ id: 'i2', type: 'suicide bomb' }),
					incident({ id: 'i3', fatalities: -1 }),
				],
			},
		});
		expect(r.lines).toEqual([
			'incidents.json:5:7 /incidents/0/date: expected a real calendar date (YYYY-MM-DD or YYYY-MM), found "2024-13-11"',
			expect.stringMatching(
				/^incidents\.json:\d+:\d+ \/incidents\/1\/type: expected one of: suicide bombing, bombing, IED, .*, found "suicide bomb"$/,
			),
			expect.stringMatching(/^incidents\.json:\d+:\d+ \/incidents\/2\/fatalities: expected a number ≥ 0, found -1$/),
		]);
		expect(r.skipped.incidents).toBe(3);
	});

	it('loads a toll as a plain number or as an estimate with a range and reports', () => {
		const reports = [
			{ figure: 58, by: 'Afghan officials', outlet: 'Reuters', date: '2021-05-09' },
			{ figure: 85, by: 'Afghan government', outlet: 'CNN', date: '2021-05-10' },
		];
		const r = load({
			'incidents.json': [
				incident({ fatalities: 12 }),
				incident({ id: 'i2', fatalities: { best: 85, low: 58, high: 85, reports, note: 'attackers not counted' } }),
				incident({ id: 'i3', fatalities: { low: 19, high: 66 } }),
			],
		});
		expect(r.lines).toEqual([]);
		expect(r.store.incidents.map((i) => i.fatalities)).toEqual([
			12,
			{ best: 85, low: 58, high: 85, reports, note: 'attackers not counted' },
			{ low: 19, high: 66 },
		]);
	});

	it('names what is wrong with an estimated toll, and where', () => {
		const report = { figure: 9, by: 'officials', outlet: 'Dawn', date: '2025-03-11' };
		const r = load({
			'incidents.json': {
				incidents: [
					incident({ fatalities: { best: 5, low: 9 } }),
					incident({ id: 'i2', fatalities: { low: 9, high: 3 } }),
					incident({ id: 'i3', fatalities: { note: 'disputed' } }),
					incident({ id: 'i4', fatalities: { best: 9, reports: [{ ...report, upTo: 4 }] } }),
					incident({ id: 'i5', fatalities: '12' }),
					incident({ id: 'i6', fatalities: { best: 'x' } }),
					incident({ id: 'i7', fatalities: { best: 9, reports: [] } }),
				],
			},
		});
		expect(r.lines.map((l) => l.replace(/:\d+:\d+ /, ' '))).toEqual([
			'incidents.json /incidents/0/fatalities/low: expected "low" ≤ "best" (5), found 9',
			'incidents.json /incidents/1/fatalities/high: expected "high" ≥ "low" (9), found 3',
			'incidents.json /incidents/2/fatalities: expected at least one of "best", "low" or "high" (write a plain number for one agreed figure), found an object',
			'incidents.json /incidents/3/fatalities/reports/0/upTo: expected "upTo" ≥ "figure" (9), found 4',
			'incidents.json /incidents/4/fatalities: expected a whole number ≥ 0, or an object {"best", "low", "high", "reports", "note"}, found "12"',
			'incidents.json /incidents/5/fatalities/best: expected a number, found "x"',
			'incidents.json /incidents/6/fatalities/reports: expected at least one report (or leave "reports" out), found an array of 0',
		]);
		expect(r.skipped.incidents).toBe(7);
	});

	it('drops an unknown field in a toll with a warning and keeps the record', () => {
		const r = load({ 'incidents.json': [incident({ fatalities: { best: 4, hihg: 9 } })] });
		expect(r.lines).toEqual([
			expect.stringMatching(
				/^incidents\.json:\d+:\d+ \/0\/fatalities\/hihg: warning: unknown field "hihg" \(ignored\)$/,
			),
		]);
		expect(r.store.incidents[0]?.fatalities).toEqual({ best: 4 });
	});

	it('reports a missing required field at its record', () => {
		const { description: _, ...noDescription } = incident();
		const r = load({ 'incidents.json': [noDescription] });
		expect(r.lines).toEqual([
			'incidents.json:2:3 /0/description: missing required field "description" (expected a string)',
		]);
	});

	it('warns about unknown fields but keeps the record', () => {
		const r = load({ 'incidents.json': [incident({ fatalites: 3 })] });
		expect(r.lines).toEqual([
			expect.stringMatching(/^incidents\.json:\d+:\d+ \/0\/fatalites: warning: unknown field "fatalites" \(ignored\)$/),
		]);
		expect(r.store.incidents).toHaveLength(1);
		expect(r.problems[0]?.severity).toBe('warning');
	});

	it('drops an unknown field nested in a record (an affiliation) and keeps the record', () => {
		const r = load({
			'actors.json': [
				{ id: 'a', name: 'A', kind: 'group', summary: 'x', affiliations: [{ actor: 'a', relation: 'ally', rol: 'x' }] },
			],
			'actors.jsonl':
				'{"id":"b","name":"B","kind":"group","summary":"x","affiliations":[{"actor":"a","relation":"ally","rol":"y"}]}\n',
		});
		expect(r.lines).toEqual([
			expect.stringMatching(
				/^actors\.json:\d+:\d+ \/0\/affiliations\/0\/rol: warning: unknown field "rol" \(ignored\)$/,
			),
			'actors.jsonl:1:98 /affiliations/0/rol: warning: unknown field "rol" (ignored)',
		]);
		expect(r.store.actors.map((a) => a.affiliations[0])).toEqual([
			{ actor: 'a', relation: 'ally' },
			{ actor: 'a', relation: 'ally' },
		]);
	});

	it('takes a weak alias only from the actor’s own aliases', () => {
		const r = load({
			'actors.json': [
				{ id: 'a', name: 'A', kind: 'group', summary: 'x', aliases: ['Haqqani'], weakAliases: ['Haqqani'] },
				{ id: 'b', name: 'B', kind: 'group', summary: 'x', aliases: ['Haqqani'], weakAliases: ['Haqani'] },
			],
		});
		expect(r.lines).toEqual([
			expect.stringMatching(
				/^actors\.json:\d+:\d+ \/1\/weakAliases\/0: expected one of the actor's "aliases", found "Haqani"$/,
			),
		]);
		expect(r.store.actors.map((a) => [a.id, a.weakAliases])).toEqual([['a', ['Haqqani']]]);
	});

	it('reports duplicate ids (first wins)', () => {
		const r = load({ 'incidents.json': [incident({ description: 'first' }), incident({ description: 'second' })] });
		expect(r.lines).toEqual([
			expect.stringMatching(
				/^incidents\.json:\d+:\d+ \/1: duplicate incident id "i1" \(first defined at .*incidents\.json \/0\); skipped$/,
			),
		]);
		expect(r.store.incidents[0]?.description).toBe('first');
	});

	it('reports unknown actor, country and article references as warnings', () => {
		const r = load({
			'countries.json': [{ code: 'AF', name: 'Afghanistan', region: 'South Asia' }],
			'actors.json': [
				{
					id: 'iskp',
					name: 'ISKP',
					kind: 'group',
					summary: 'x',
					affiliations: [{ actor: 'ghost', relation: 'parent' }],
				},
			],
			'incidents.json': [incident({ country: 'XX', perpetrators: ['nobody'], sources: ['no-such-article'] })],
		});
		expect(r.lines.map((l) => l.replace(/:\d+:\d+ /, ' '))).toEqual([
			'incidents.json /0/country: warning: unknown country "XX" (not in countries)',
			'incidents.json /0/sources/0: warning: unknown article "no-such-article" (not in articles)',
			'incidents.json /0/perpetrators/0: warning: unknown actor "nobody" (not in actors)',
			'actors.json /0/affiliations/0/actor: warning: unknown actor "ghost" (not in actors)',
		]);
		expect(r.store.incidents).toHaveLength(1);
	});

	it('reads NDJSON with the line of each bad record', () => {
		const r = load({
			'countries.jsonl':
				'{"code":"AF","name":"Afghanistan","region":"South Asia"}\n{"code":"PK","name":3,"region":"South Asia"}\nnot json\n\n',
		});
		expect(r.lines).toEqual([
			'countries.jsonl:2:14 /name: expected a string, found 3',
			'countries.jsonl:3:1: invalid JSON: unexpected character; line skipped',
		]);
		expect(r.store.countries.map((c) => c.code)).toEqual(['AF']);
	});

	it('reads NDJSON with syntax errors at the character that is wrong, a line too deep for a parser included', () => {
		const r = load({
			'incidents.jsonl': `{"id": "a\u0001"}\n\f\n${'['.repeat(100_000)}\n{"n": 1.}\n`,
		});
		expect(r.lines).toEqual([
			'incidents.jsonl:1:10: invalid JSON: a control character inside a string; line skipped',
			'incidents.jsonl:2:1: invalid JSON: unexpected character; line skipped',
			'incidents.jsonl:3:100001: invalid JSON: expected "]"; line skipped',
			'incidents.jsonl:4:9: invalid JSON: expected a digit in the number; line skipped',
		]);
		expect(r.skipped.incidents).toBe(4);
	});

	it('reads one record per file from a folder, with $schema allowed', () => {
		const r = load({
			'incidents/a.json': { $schema: '../schema/incident.schema.json', ...incident() },
			'incidents/b.json': incident({ id: 'i2' }),
			'incidents/notes.txt': 'ignored',
		});
		expect(r.lines).toEqual([]);
		expect(r.store.incidents.map((i) => i.id).sort()).toEqual(['i1', 'i2']);
		expect(r.store.incidents[0]).not.toHaveProperty('$schema');
	});

	it('strips control sequences from text and says so', () => {
		const r = load({ 'incidents.json': [incident({ description: 'evil \u001b]0;title\u0007text \u001b[2J' })] });
		expect(r.store.incidents[0]?.description).toBe('evil text ');
		expect(r.lines).toEqual([expect.stringMatching(/\/0: warning: terminal control characters removed from text$/)]);
	});

	it('handles a byte-order mark and a wrong top-level shape', () => {
		const r = load({ 'incidents.json': `\ufeff${JSON.stringify([incident()])}`, 'actors.json': '{"people": []}' });
		expect(r.store.incidents).toHaveLength(1);
		expect(r.lines).toEqual([
			'actors.json:1:1: expected an array of actors or an object {"actors": [...]}, found an object',
		]);
	});

	it('reports an empty directory and throws for a missing one', () => {
		const r = load({});
		expect(r.lines[0]).toMatch(
			/: no data files found \(expected articles\.json, incidents\.json, actors\.json, countries\.json/,
		);
		expect(() => loadDataDir('/nonexistent/sitrep')).toThrow(DataDirError);
	});
});

describe('the bundled sample', () => {
	it('is known by its real path, also through a symlink or a relative path; another directory is not it', () => {
		expect(isBundledDataDir(DATA_DIR)).toBe(true);
		expect(isBundledDataDir(relative(process.cwd(), DATA_DIR) || '.')).toBe(true);
		const link = join(mkdtempSync(join(tmpdir(), 'sitrep-sample-')), 'data');
		symlinkSync(DATA_DIR, link);
		expect(isBundledDataDir(link)).toBe(true);
		expect(isBundledDataDir(dir({ 'incidents.json': [] }))).toBe(false);
		expect(isBundledDataDir(join(tmpdir(), 'no-such-sitrep-dir'))).toBe(false);
	});

	it('ends at its last incident date, an end date included', () => {
		expect(sampleNote([{ date: '2025-03-11' }, { date: '2024-12', endDate: '2025-04-02' }, { date: '2025-01' }])).toBe(
			'sample data to 2025-04-02',
		);
		expect(sampleNote([])).toBe('sample data');
	});
});

describe('loading with zod only when a record needs it (the dashboard)', () => {
	const same = (a: LoadResult, b: LoadResult) => {
		expect(JSON.stringify(a.store.incidents)).toBe(JSON.stringify(b.store.incidents));
		expect(JSON.stringify(a.store.actors)).toBe(JSON.stringify(b.store.actors));
		expect(JSON.stringify(a.store.countries)).toBe(JSON.stringify(b.store.countries));
		expect(JSON.stringify(a.store.articles)).toBe(JSON.stringify(b.store.articles));
		expect(a.problems).toEqual(b.problems);
		expect(a.skipped).toEqual(b.skipped);
		expect(a.files).toEqual(b.files);
	};

	it('the bundled data needs no zod at all: every record passes the fast check', () => {
		same(loadDataDirWith(undefined, DATA_DIR), loadDataDir(DATA_DIR));
	});

	it('a record the fast check declines asks for zod; the lazy load then gives what loadDataDir gives', async () => {
		const files = {
			'incidents.json': {
				incidents: [
					incident(),
					incident({ id: 'i2', country: 'af' }),
					incident({ id: 'i3', sources: [{ outlet: 'X', date: '2024-01-01', url: 'https://example.org/a' }] }),
					incident({ id: 'i4', description: '\u001b[2J\u001b[H' }),
				],
			},
			'actors.json': [{ id: 'a1', name: 'A', kind: 'gang', summary: 's' }],
		};
		const d = dir(files);
		expect(() => loadDataDirWith(undefined, d)).toThrow(SchemasNeeded);
		same(await loadDataDirLazily(d), loadDataDir(d));
		await expect(loadDataDirLazily(join(d, 'nowhere'))).rejects.toThrow(DataDirError);
		for (const broken of readdirSync(BROKEN)) {
			const at = join(BROKEN, broken);
			if (statSync(at).isDirectory()) same(await loadDataDirLazily(at), loadDataDir(at));
		}
	});
});
