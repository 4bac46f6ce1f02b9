// The table in docs/reliability.md is what `npm run reliability` prints: this
// runs the same checks, wants every row green, and the doc up to date.
import { describe, expect, it } from 'vitest';
import { readBlock } from '../../scripts/doc-block.js';
import { RELIABILITY_BLOCK, RELIABILITY_DOC, runChecks, table } from './table.js';
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

	it('docs/reliability.md shows this table (npm run reliability -- --write)', () => {
		expect(readBlock(RELIABILITY_DOC, RELIABILITY_BLOCK), 'docs/reliability.md: npm run reliability -- --write').toBe(
			table(rows),
		);
	});
});
