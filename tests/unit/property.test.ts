// The fuzzing's own checks and what it found: a property that must fail on a
// leaky sanitizer, and the bugs it found, pinned as plain examples. The
// properties themselves (tests/reliability/fuzz.ts) run once, in
// tests/reliability/reliability.test.ts, which gives the table's fuzzing rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../source/core/resolve.js';
import { printQuery } from '../../source/core/search/print.js';
import { MAX_FILTER_VALUES, MAX_VALUE_LENGTH, parseQuery } from '../../source/core/search/query.js';
import { importFile } from '../../source/io/import/run.js';
import { fuzzSettings, hostileString, sanitizerVerdict } from '../reliability/fuzz.js';
import { bundled, DATA_DIR } from '../support/helpers.js';

const settings = fuzzSettings();
describe('the properties catch what they are meant to', () => {
	it('a sanitizer without the control-character strip fails the sanitizer property', () => {
		// Line breaks and tabs handled, escape sequences and controls left in: what the property must catch.
		const text = (x: string) => x.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replace(/\t/g, '    ');
		const leaky = { sanitizeText: text, sanitizeLine: (x: string) => text(x).replace(/\s+/g, ' ').trim() };
		const run = fc.check(
			fc.property(hostileString, (x) => sanitizerVerdict(x, leaky) === undefined),
			{ seed: settings.seed, numRuns: 200 },
		);
		expect(run.failed).toBe(true);
		expect(sanitizerVerdict(String(run.counterexample?.[0]), leaky)).toMatch(/left/);
	});
});

describe('bugs the fuzzing found', () => {
	const resolver = () => new Resolver(bundled().store);

	it('a filter with thousands of values is capped: one error per value, at most MAX_FILTER_VALUES of them', () => {
		const q = parseQuery(`country:PK,${Array.from({ length: 5000 }, (_, i) => `x${i}`).join(',')}`, resolver());
		expect(q.filters.countries).toEqual(['PK']);
		expect(q.errors.length).toBe(MAX_FILTER_VALUES - 1);
		expect(q.truncated).toBe(true);
	});

	it('a pasted 10,000-character filter value is refused before fuzzy matching', () => {
		const q = parseQuery(`actor:${'x'.repeat(10_000)} kabul`, resolver());
		expect(q.errors.map((e) => e.message)).toEqual([`actor: value longer than ${MAX_VALUE_LENGTH} characters`]);
		expect(q.terms.map((t) => t.text)).toEqual(['kabul']);
	});

	it('a skipped CSV row names its own line after a quoted cell holding CR or CR LF', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-lines-'));
		const file = join(dir, 'lines.csv');
		const header = 'event_id_cnty,event_date,event_type,actor1,country,notes,fatalities';
		writeFileSync(
			file,
			[
				header,
				'PAK1,2024-03-16,Battles,Taliban,Pakistan,"Test row: a\r\nb",1',
				'PAK2,2024-03-16,Battles,Taliban,"Pakistan\r",Test row,abc',
				'PAK3,2024-03-16,Battles,Taliban,Pakistan,"Test row: c\rd",1',
				'PAK4,2024-03-16,Battles,Taliban,Pakistan,Test row,abc',
				'',
			].join('\n'),
		);
		const r = await importFile(DATA_DIR, file, { dryRun: true });
		// PAK1 spans lines 2-3, PAK2 (skipped) 4-5, PAK3 6-7, PAK4 (skipped) is line 8.
		expect(r.skipped.map((s) => [s.row, s.line])).toEqual([
			[3, 4],
			[5, 8],
		]);
		expect(r.read).toBe(r.imported + r.updated + r.unchanged + r.skipped.length);
	});
});

describe('printQuery', () => {
	it('writes the canonical form: filters, phrases, exclusions, then words', () => {
		const r = new Resolver(bundled().store);
		const q = parseQuery(
			'kabul  type:"suicide bombing,ied"  -country:ir country:pk,af "Exact  Words" since:2024 until:2024-6 -"two words" in:Articles actor:iskp -excluded haqqani',
			r,
		);
		const printed = printQuery(q);
		expect(printed).toBe(
			'in:articles since:2024-01-01 until:2024-06-30 country:PK,AF actor:iskp type:"suicide bombing,IED" -country:IR "exact words" -"two words" -excluded kabul haqqani',
		);
		const again = parseQuery(printed, r);
		expect(again.filters).toEqual(q.filters);
		expect(again.terms).toEqual(q.terms);
		// A last word that was finished (space after it) keeps its space, so it does not become a prefix.
		expect(printQuery(parseQuery('kabul ', r))).toBe('kabul ');
		expect(printQuery(parseQuery('kabul', r))).toBe('kabul');
	});
});
