// Big data files are parsed record by record from their bytes; anything the
// byte scanner is unsure of goes the ordinary way. Both must give the same data.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordRanges } from '../../source/core/jsonSplit.js';
import { formatProblem } from '../../source/core/problems.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { synthIncidents } from '../support/synth.js';

const parts = (text: string, key = 'incidents') => {
	const buf = Buffer.from(text);
	const found = recordRanges(buf, key);
	if (!found) return undefined;
	const out: unknown[] = [];
	for (let k = 0; k < found.ranges.length; k += 2) {
		out.push(JSON.parse(buf.toString('utf8', found.ranges[k], found.ranges[k + 1])));
	}
	return { path: found.path, values: out };
};

describe('recordRanges', () => {
	it('finds the records of a bare array or of the list under the kind, strings with brackets included', () => {
		const list = [{ a: '[{"x"]}', b: 'quote \\" and \\\\' }, [1, 2], 'text, with comma', 3.5e2, null, true];
		expect(parts(JSON.stringify(list))).toEqual({ path: [], values: list });
		expect(parts(`\uFEFF  ${JSON.stringify(list, null, 2)}\n`)).toEqual({ path: [], values: list });
		const wrapped = { $schema: './schema/incidents.schema.json', incidents: list, note: { k: ']' } };
		expect(parts(JSON.stringify(wrapped, null, '\t'))).toEqual({ path: ['incidents'], values: list });
		expect(parts('{"incidents": []}')).toEqual({ path: ['incidents'], values: [] });
		expect(parts('{"ünïcode": "ök", "incidents": [{"name": "کابل 東京 🏳️‍🌈"}]}')).toEqual({
			path: ['incidents'],
			values: [{ name: 'کابل 東京 🏳️‍🌈' }],
		});
	});

	it('declines anything unusual, for the ordinary parser to judge', () => {
		for (const bad of [
			'[{"a": 1},]x',
			'[{"a": 1}',
			'[{"a": "unterminated}]',
			'{"incidents": [1], "incidents": [2]}',
			'{"incidents": [1]',
			'{"incidents": [1]} trailing',
			'{"other": [1]}',
			'{"incidents": {"a": 1}}',
			'[1 2]',
			// An empty list is followed by the same checks as any other.
			'[][]',
			'[] x',
			'[]]',
			'{"incidents": []',
			'{"incidents": []} x',
			'{"incidents": [], "incidents": [1]}',
			// JSON.parse keeps the last of two keys, however the name is escaped.
			'{"incidents": [1], "incident\\u0073": [2]}',
			'{"incident\\u0073": [1], "incidents": [2]}',
			// Values around the list are JSON too: anything invalid there is a syntax error to report.
			'{"incidents": [1], "note": tru}',
			'{"$schema": nul, "incidents": [1]}',
			'{"note": {"a" 1}, "incidents": [1]}',
			'{"note": "tab\there", "incidents": [1]}',
			'{"incidents": [1], "note": "\\q"}',
		]) {
			expect(parts(bad), bad).toBeUndefined();
		}
	});
});

describe('big files', () => {
	it('load to the same records and problems either way', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-big-'));
		const incidents = synthIncidents(9000, 5) as unknown as Record<string, unknown>[];
		incidents[10] = { ...incidents[10], date: '2024-02-30' };
		incidents[20] = { ...incidents[20], fatalites: 3 };
		const big = JSON.stringify({ $schema: './schema/incidents.schema.json', incidents }, null, 2);
		expect(big.length).toBeGreaterThan(4_000_000);
		writeFileSync(join(dir, 'incidents.json'), big);
		const fast = loadDataDir(dir);
		const small = mkdtempSync(join(tmpdir(), 'sitrep-big-'));
		// Split into two files under the size limit: the ordinary path.
		writeFileSync(join(small, 'incidents.json'), JSON.stringify(incidents.slice(0, 4500)));
		writeFileSync(
			join(small, 'incidents.jsonl'),
			`${incidents
				.slice(4500)
				.map((r) => JSON.stringify(r))
				.join('\n')}\n`,
		);
		const ordinary = loadDataDir(small);
		expect(fast.store.incidents).toEqual(ordinary.store.incidents);
		expect(fast.skipped).toEqual(ordinary.skipped);
		const messages = (r: typeof fast) => r.problems.map((p) => `${p.pointer} ${p.message}`).sort();
		expect(messages(fast)).toEqual(messages(ordinary).map((m) => m.replace(/^\/(\d+)/, (_, i) => `/incidents/${i}`)));
		expect(fast.problems.find((p) => p.message.includes('fatalites'))?.line).toBeGreaterThan(1);
	});

	it('report a syntax error after the list, as a small file would', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-big-'));
		const incidents = synthIncidents(9000, 5);
		const text = JSON.stringify({ incidents }, null, 2);
		expect(text.length).toBeGreaterThan(4_000_000);
		writeFileSync(join(dir, 'incidents.json'), `${text.slice(0, -2)},\n  "note": tru\n}\n`);
		const r = loadDataDir(dir, ['incidents']);
		expect(r.store.incidents.length).toBe(9000);
		const error = r.problems.find((p) => p.severity === 'error');
		expect(error?.message).toMatch(/^invalid JSON/);
		expect(error?.line).toBe(text.split('\n').length);
	});

	it('load as the ordinary path does, whatever the text: small files broken at random, forced the big way', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-big-'));
		const file = join(dir, 'incidents.json');
		const bases = [
			'[]',
			'{"incidents": []}',
			'[{"x": "y\\""}, [], 2]',
			'\uFEFF [ -1.5e3 , "\\u00e9" ]',
			'{"a": [], "incidents": [1, {"b": []}], "c": {}}',
			'{"$schema": "s", "incidents": [{}], "z": [[]]}',
		];
		const pieces = [
			'[',
			']',
			'{',
			'}',
			',',
			':',
			'"',
			'\\',
			' ',
			'\n',
			'0',
			'-',
			'.',
			'e',
			'x',
			'[]',
			'{}',
			'"incidents"',
		];
		const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), piece: fc.constantFrom(...pieces) });
		const lines = (options?: { bigFileBytes: number }) =>
			loadDataDir(dir, ['incidents'], options).problems.map((p) => formatProblem(p).replace(`${dir}/`, ''));
		fc.assert(
			fc.property(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 3 }), (base, edits) => {
				let text = base;
				for (const { at, cut, piece } of edits) {
					const i = at % (text.length + 1);
					text = text.slice(0, i) + piece + text.slice(i + cut);
				}
				writeFileSync(file, text);
				expect(lines({ bigFileBytes: 0 }), text).toEqual(lines());
			}),
			{ seed: 20_240_917, numRuns: 500 },
		);
	});
});
