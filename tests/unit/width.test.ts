// The build extends string-width's ASCII fast path (scripts/width-fast-path.mjs):
// every character it lets through must be one column wide by string-width itself.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { ONE_COLUMN_SOURCE } from '../../scripts/width-fast-path.mjs';

describe('string-width fast path', () => {
	const oneColumn = new RegExp(ONE_COLUMN_SOURCE);

	it('admits only characters string-width measures as one column', () => {
		const admitted: number[] = [];
		for (let c = 0; c <= 0xffff; c++) {
			const s = String.fromCharCode(c);
			if (oneColumn.test(s)) {
				admitted.push(c);
				expect(stringWidth(s), `U+${c.toString(16)}`).toBe(1);
			}
		}
		expect(admitted.length).toBeGreaterThan(500);
		// Mixed runs are the sum of their parts: nothing admitted combines.
		expect(stringWidth('› 2024-03-11 · ISKP → Kabul … ██▇▅ ─┼─ café ±')).toBe(
			'› 2024-03-11 · ISKP → Kabul … ██▇▅ ─┼─ café ±'.length,
		);
		expect(oneColumn.test('\u00ad')).toBe(false);
		expect(oneColumn.test('e\u0301')).toBe(false);
		expect(oneColumn.test('東')).toBe(false);
	});

	it('is in the bundle', () => {
		const bundle = readFileSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)), 'utf8');
		expect(bundle).toContain(ONE_COLUMN_SOURCE.slice(1, -2));
	});
});
