// The README's Reliability table is what `npm run reliability` prints: this
// runs the same checks, wants every row green, and the README up to date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { END, runChecks, START, table } from './table.js';
import type { Row } from './types.js';

describe('reliability table', () => {
	let rows: Row[] = [];

	it('every check passes', { timeout: 240_000 }, async () => {
		rows = await runChecks();
		expect(rows.length).toBeGreaterThan(10);
		const failed = rows.filter((r) => r.passed !== r.total || r.failures.length > 0);
		expect(
			failed.map((r) => `${r.area} / ${r.what}: ${r.passed}/${r.total}\n  ${r.failures.slice(0, 5).join('\n  ')}`),
		).toEqual([]);
	});

	it('the README shows this table (npm run reliability -- --write)', () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		const block = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
		expect(block).toBe(table(rows));
	});
});
