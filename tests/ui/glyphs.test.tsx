// sitrep's own glyphs in both sets (source/core/glyphs.ts): the same tour of
// the dashboard — every pane, a detail, the risk explanation, search results,
// help, the palette, new-record marks, the problems badge, a terminal too
// small — drawn in Unicode shows the Unicode glyphs, and drawn in ASCII (a
// locale that is not UTF-8) shows none of them, and nothing outside ASCII
// that the data did not bring.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import { ASCII_GLYPHS, type GlyphSet, setGlyphs, UNICODE_GLYPHS } from '../../source/core/glyphs.js';
import type { Problem } from '../../source/core/problems.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { App } from '../../source/ui/app/App.js';
import { watchUi } from '../../source/ui/watch.js';
import { bundled, DATA_DIR, KEY, press, render, WAIT_MS } from '../support/helpers.js';

afterEach(() => setGlyphs('unicode'));

const SGR = /\u001b\[[0-9;]*m/g;
const OWN_UNICODE = new Set(Object.values(UNICODE_GLYPHS).flatMap((g) => [...g]));
/** Every character the bundled data holds: text outside ASCII may come from there only. */
const DATA_CHARS = new Set(
	readdirSync(DATA_DIR)
		.filter((f) => f.endsWith('.json'))
		.flatMap((f) => [...readFileSync(join(DATA_DIR, f), 'utf8')]),
);

const PROBLEM: Problem = { severity: 'error', file: 'incidents.json', line: 3, col: 1, pointer: '/0', message: 'test' };

/** Waits (without a deadline of its own: the test's timeout is the limit) until the frame satisfies `test`. */
/** Waits for a screen that passes `test`; fails, with the last screen, after WAIT_MS (never hangs the run). */
async function until(frame: () => string, test: (f: string) => boolean): Promise<string> {
	const deadline = Date.now() + WAIT_MS;
	while (!test(frame())) {
		if (Date.now() > deadline) throw new Error(`no screen passed ${test} within ${WAIT_MS} ms; the last:\n${frame()}`);
		await new Promise((r) => setTimeout(r, 10));
	}
	return frame();
}

/** The tour at one size; returns each screen it passed, text only. */
async function tour(set: GlyphSet, cols: number, rows: number): Promise<string[]> {
	setGlyphs(set);
	// A store of its own: what is computed once per store (risk rows, the search index) is drawn in the set in force.
	const { store } = loadDataDir(DATA_DIR);
	const seen = {
		since: '2000-01-01T00:00:00.000Z',
		items: { 'actor:pakistan-military': { incidents: [], articles: [] } },
	};
	const r = render(
		<App
			store={store}
			problems={[PROBLEM]}
			cols={cols}
			rows={rows}
			watch={watchUi(backendOf(store), ['actor:pakistan-military'], seen)}
			escapeMs={0}
		/>,
	);
	const frame = () => (r.lastFrame() ?? '').replace(SGR, '');
	const screens: string[] = [];
	const step = async (keys: string[], test: (f: string) => boolean) => {
		await press(r.stdin, ...keys);
		screens.push(await until(frame, test));
	};
	await step([], (f) => f.includes('incidents'));
	// The Timeline: a new incident by the watched Pakistani military (its mark), the detail of the row under the cursor.
	await step(['j', 'j', 'j'], (f) => f.includes('Timeline'));
	await step([KEY.enter], (f) => f.includes('Country'));
	await step([KEY.escape, '2'], (f) => f.includes('sorted by'));
	await step([KEY.enter], (f) => f.includes('Activity by country'));
	await step([KEY.escape, '3'], (f) => f.includes('Risk by country'));
	await step([KEY.enter], (f) => f.includes('against its baseline'));
	await step([KEY.escape, '/', 'kabul bombing'], (f) => /\d+ match/.test(f));
	await step([KEY.escape, '?'], (f) => f.includes('sitrep keys'));
	await step([KEY.escape, ':'], (f) => f.includes('Enter runs'));
	await step([KEY.escape, '1', 'f'], (f) => f.includes('Filter'));
	r.unmount();
	return screens;
}

function ownUnicode(screens: string[]): string[] {
	return [...new Set(screens.flatMap((s) => [...s]).filter((ch) => OWN_UNICODE.has(ch)))].sort();
}

describe('the glyph sets', () => {
	it('each ASCII glyph is printable ASCII and takes the cells its Unicode one takes', () => {
		expect(Object.keys(ASCII_GLYPHS).sort()).toEqual(Object.keys(UNICODE_GLYPHS).sort());
		for (const key of Object.keys(UNICODE_GLYPHS) as (keyof typeof UNICODE_GLYPHS)[]) {
			expect(ASCII_GLYPHS[key], key).toMatch(/^[\x20-\x7e]+$/);
			expect([...ASCII_GLYPHS[key]].length, key).toBe([...UNICODE_GLYPHS[key]].length);
		}
	});
});

describe.each([
	[80, 24],
	[140, 40],
])('the dashboard at %i×%i', (cols, rows) => {
	it('in Unicode draws its own glyphs: › ─ ● │ ⚠ · and the sparkline and trend arrows', async () => {
		const found = ownUnicode(await tour('unicode', cols, rows));
		for (const ch of ['›', '─', '●', '⚠', '·', '…']) expect(found).toContain(ch);
		if (cols >= 120) expect(found).toContain('│');
		expect(found.some((ch) => '▁▂▃▄▅▆▇█'.includes(ch))).toBe(true);
		expect(found.some((ch) => '↑↓→'.includes(ch))).toBe(true);
	});

	it('in ASCII draws none of them, and nothing outside ASCII that the data did not bring', async () => {
		const screens = await tour('ascii', cols, rows);
		expect(ownUnicode(screens)).toEqual([]);
		const foreign = [...new Set(screens.flatMap((s) => [...s]).filter((ch) => ch > '\u007f' && !DATA_CHARS.has(ch)))];
		expect(foreign).toEqual([]);
		const all = screens.join('\n');
		// The cursor, the month rules, the badge and the new-record marks, in ASCII.
		expect(all).toMatch(/^>\d{4}-\d\d-\d\d/m);
		expect(all).toMatch(/-- [A-Z][a-z]+ \d{4} \| \d+ --/);
		expect(all).toContain(' ! 1 error');
		expect(all).toMatch(/^\*\d{4}-\d\d-\d\d/m);
		if (cols >= 120) expect(all).toMatch(/ \| /);
	});
});

it('a terminal too small says its size in ASCII too', async () => {
	setGlyphs('ascii');
	const { store, problems } = bundled();
	const r = render(<App store={store} problems={problems} cols={50} rows={10} escapeMs={0} />);
	const f = await until(
		() => r.lastFrame() ?? '',
		(s) => s.includes('needs'),
	);
	expect(f).toContain('60x16');
	expect(f).not.toContain('×');
	r.unmount();
});
