// The TUI bench's pure helpers (bench/pty.ts, bench/tui.ts) and the synthetic
// incidents and data directories it runs on (tests/support/synth.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { figureTable, isNavigation, KEYS, mixedKeys } from '../../bench/tui.js';
import { incidentSchema } from '../../source/core/schema.js';
import { loadDataDir } from '../../source/io/load/load.js';
import {
	changedRows,
	endsFrame,
	firstDifference,
	isCompleteFrame,
	MOVE_BYTES,
	minimalRewrite,
	quantile,
	rowCost,
	type StyledRow,
	stats,
} from '../support/pty.js';
import { synthIncidents, writeSynthDataDir } from '../support/synth.js';

const row = (...runs: [string, string][]): StyledRow => runs.map(([style, text]) => ({ style, text }));

describe('rewrite costs', () => {
	it('counts a move, the text up to the last non-blank and an erase', () => {
		expect(rowCost(row(['', 'abc   ']), false)).toBe(MOVE_BYTES + 3 + 3);
		expect(rowCost(row(['', 'abc   ']), true)).toBe(MOVE_BYTES + 3 + 3);
		// UTF-8 bytes, not characters.
		expect(rowCost(row(['', '›é']), false)).toBe(MOVE_BYTES + 3 + 5);
	});

	it('adds one SGR per style change and keeps styled trailing blanks', () => {
		// ESC[0;7m (6) + "ab  " (4) + ESC[m (3).
		expect(rowCost(row(['7', 'ab  ']), true)).toBe(MOVE_BYTES + 3 + 6 + 4 + 3);
		expect(rowCost(row(['7', 'ab  ']), false)).toBe(MOVE_BYTES + 3 + 2);
		// "x" default, then "y" bold: ESC[0;1m (6), back to default ESC[m (3).
		expect(rowCost(row(['', 'x'], ['1', 'y'], ['', '   ']), true)).toBe(MOVE_BYTES + 3 + 1 + 6 + 1 + 3);
	});

	it('rewrites only rows whose text or style changed', () => {
		const before = [row(['', 'one']), row(['7', 'two']), row(['', 'three'])];
		const after = [row(['', 'one']), row(['', 'two']), row(['', 'tree'])];
		expect(changedRows(before, after)).toEqual([1, 2]);
		expect(minimalRewrite(before, after)).toEqual({ rows: 2, bytes: rowCost(after[1] as StyledRow, true) * 2 + 1 });
		expect(minimalRewrite(before, before)).toEqual({ rows: 0, bytes: 0 });
	});
});

describe('screen comparison', () => {
	it('ignores timings, including the blanks a shorter one leaves', () => {
		const a = [row(['36', '11000 matches · 6.2 ms'], ['', '    '])];
		const b = [row(['36', '11000 matches · 17.5 ms'], ['', '   '])];
		expect(firstDifference(a, b)).toBeUndefined();
		// Before another column (list and detail side by side), the blanks move, the column stays.
		const c = [row(['36', '11000 matches · 6.4 ms'], ['', '     '], ['2', '│'], ['', ' Kandahar'])];
		const d = [row(['36', '11000 matches · 11.3 ms'], ['', '    '], ['2', '│'], ['', ' Kandahar'])];
		expect(firstDifference(c, d)).toBeUndefined();
		const e = [row(['36', '11000 matches · 11.3 ms'], ['', '    '], ['2', '│'], ['', ' Kabul'])];
		expect(firstDifference(c, e)?.row).toBe(0);
	});

	it('ignores the blanks a shorter timing leaves before a column beside it', () => {
		const a = [row(['36', '11000 matches · 42.2 ms'], ['', '    '], ['2', '│'], ['', ' Kabul'])];
		const b = [row(['36', '11000 matches · 5.1 ms'], ['', '     '], ['2', '│'], ['', ' Kabul'])];
		expect(firstDifference(a, b)).toBeUndefined();
		const c = [row(['36', '11000 matches · 5.1 ms     '], ['2', '│'], ['', ' Kabul'])];
		expect(firstDifference(a, c)).toBeUndefined();
		// What follows the blanks still counts: its style, its text.
		const d = [row(['36', '11000 matches · 5.1 ms'], ['', '     '], ['', '│'], ['', ' Kabul'])];
		expect(firstDifference(a, d)?.row).toBe(0);
		const e = [row(['36', '11000 matches · 5.1 ms'], ['', '     '], ['2', '│'], ['', ' Herat'])];
		expect(firstDifference(a, e)?.row).toBe(0);
	});

	it('names the first differing row and whether only the style differs', () => {
		const a = [row(['', 'same']), row(['7', '›row'])];
		const b = [row(['', 'same']), row(['', '›row'])];
		expect(firstDifference(a, b)).toEqual({ row: 1, a: '›row', b: '›row', styleOnly: true });
		const c = [row(['', 'same']), row(['', ' row'])];
		expect(firstDifference(b, c)?.styleOnly).toBe(false);
	});

	it('recognises a complete frame by its status bar and hint line', () => {
		const frame = [
			'sitrep  1 Timeline',
			'rows',
			' /data   58 incidents · 16 articles',
			'f filter   ? help   q quit',
			'',
			'',
		];
		expect(isCompleteFrame(frame)).toBe(true);
		expect(isCompleteFrame(frame.slice(0, 3))).toBe(false);
		expect(isCompleteFrame(['loading data…'])).toBe(false);
	});

	it('finds the end of a synchronized frame across chunks', () => {
		expect(endsFrame('', 'abc\u001b[?2026l')).toBe(true);
		expect(endsFrame('xx\u001b[?20', '26l')).toBe(true);
		expect(endsFrame('', '\u001b[?2026h')).toBe(false);
	});
});

describe('statistics and output', () => {
	it('takes nearest-rank quantiles', () => {
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
		expect(quantile([], 0.5)).toBeNaN();
		const s = stats(Array.from({ length: 100 }, (_, i) => 100 - i));
		expect([s.n, s.median, s.p95, s.max]).toEqual([100, 50, 95, 100]);
	});

	it('prints figures with their targets', () => {
		const table = figureTable([
			{ name: 'first frame', value: 250, unit: 'ms', target: 200, met: false },
			{ name: 'JSON', value: 1.5, unit: 'MB', target: null, met: true, info: true },
		]);
		expect(table).toContain('MISSED');
		expect(table).toContain('≤ 200 ms');
		expect(table).toContain('info');
	});
});

describe('mixed keys', () => {
	it('is the same for a seed and never quits or writes files', () => {
		const keys = mixedKeys(200, 1);
		expect(keys).toHaveLength(200);
		expect(mixedKeys(200, 1)).toEqual(keys);
		expect(mixedKeys(200, 2)).not.toEqual(keys);
		expect(keys.some((k) => ['q', 'b', '\u0003'].includes(k.key))).toBe(false);
		expect(keys.filter(isNavigation).length).toBeGreaterThan(80);
		expect(keys.some((k) => k.key === KEYS.pageDown && k.label === 'pgdn')).toBe(true);
	});
});

describe('synthetic incidents', () => {
	const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
	const actors = new Set(
		(JSON.parse(readFileSync(join(DATA, 'actors.json'), 'utf8')) as { actors: { id: string }[] }).actors.map(
			(a) => a.id,
		),
	);
	const countries = new Set(
		(JSON.parse(readFileSync(join(DATA, 'countries.json'), 'utf8')) as { countries: { code: string }[] }).countries.map(
			(c) => c.code,
		),
	);

	it('are seeded, valid, marked synthetic and reference the bundled actors and countries', () => {
		const incidents = synthIncidents(300, 3);
		expect(synthIncidents(300, 3)).toEqual(incidents);
		expect(new Set(incidents.map((i) => i.id)).size).toBe(300);
		for (const i of incidents) {
			expect(incidentSchema.safeParse(i).success).toBe(true);
			expect(i.description.startsWith('Synthetic incident')).toBe(true);
			expect(i.tags).toContain('synthetic');
			expect(countries.has(i.country)).toBe(true);
			for (const a of [...i.perpetrators, ...(i.claimedBy ? [i.claimedBy] : [])]) expect(actors.has(a)).toBe(true);
		}
		const bytes = JSON.stringify(incidents).length / incidents.length;
		expect(bytes).toBeGreaterThan(350);
		expect(bytes).toBeLessThan(700);
	});

	it('write a data directory that loads without problems', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-synth-'));
		try {
			const out = writeSynthDataDir(dir, { incidents: 40, articles: 5, seed: 2 });
			expect(Object.keys(out.files).sort()).toEqual([
				'actors.json',
				'articles.json',
				'countries.json',
				'incidents.json',
			]);
			const loaded = loadDataDir(dir);
			expect(loaded.problems).toEqual([]);
			expect(loaded.store.incidents).toHaveLength(40);
			expect(loaded.store.articles).toHaveLength(5);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
