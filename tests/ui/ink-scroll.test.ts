// Ink's incremental renderer with the terminal's scrolling (patches/ink+6.8.0.patch,
// `incrementalScrolling`): a list that scrolls is moved by the terminal (delete/insert line)
// and only the lines that still differ are written. Drawn into @xterm/headless, the screen
// must be what a fresh render of the same frame shows after every key (text and styles), in
// the dashboard's shape (a frame one row shorter than the terminal, from its top row), in a
// frame drawn lower down after other output, and with a detail column beside the list (which
// changes with the selection, so the moved lines need their right half rewritten).
import fc from 'fast-check';
import { createElement as h } from 'react';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { inkOutsideCi, type Screen, SYNC_END, screenStream } from '../support/xterm-screen.js';

const loaded = inkOutsideCi();

const COLS = 60;
const ROWS = 24;
/** The list's column when the detail is beside it. */
const LIST_COLS = 34;
const INVERSE = (s: string) => `\u001b[7m${s}\u001b[27m`;
const DIM = (s: string) => `\u001b[2m${s}\u001b[22m`;

/**
 * A cell of each kind a row can hold: plain and coloured text, a place name with a combining
 * accent or a precomposed one, wide characters, an emoji, a link.
 */
const CELLS = [
	'incident',
	'\u001b[31mbombing\u001b[39m',
	'\u001b[38;5;208mraid\u001b[39m \u001b[48;5;17m\u001b[38;2;250;250;210mnight\u001b[39m\u001b[49m',
	'\u001b[1m\u001b[2mbold and dim\u001b[22m',
	'\u001b[4mnote\u001b[m text',
	'Zu\u0308rich',
	'Zürich',
	'東京 raid',
	'\u001b[1mfire\u001b[22m 🔥',
	'\u001b]8;;https://example.org/a\u0007source\u001b]8;;\u0007',
];

/** 120 items in groups of 1–4 under a heading row, as the Timeline's months. */
const ROWS_OF_LIST: { text: string; item: number | null }[] = (() => {
	const out: { text: string; item: number | null }[] = [];
	let item = 0;
	for (let group = 0; item < 120; group++) {
		out.push({ text: DIM(`── group ${group} ──`), item: null });
		for (let k = 0; k < 1 + ((group * 7) % 4) && item < 120; k++, item++) {
			out.push({
				text: `${String(item).padStart(3, '0')} ${CELLS[item % CELLS.length]} ${'abcdefghij'.slice(0, 3 + (item % 7))}`,
				item,
			});
		}
	}
	return out;
})();
const ITEM_ROWS = ROWS_OF_LIST.flatMap((r, i) => (r.item === null ? [] : [i]));

interface View {
	/** Index into ITEM_ROWS of the selection. */
	cursor: number;
	/** First row of ROWS_OF_LIST in the window. */
	top: number;
	split: boolean;
	/** Lines in the frame (the dashboard's is ROWS - 1). */
	height: number;
	note: number;
}

/** The frame less its title, column headings, status and hint lines. */
const listHeight = (v: View) => v.height - 4;

/** The selection moved to `cursor`, the window scrolled just enough to show it (as sitrep's lists do). */
function select(v: View, cursor: number): View {
	const c = Math.max(0, Math.min(ITEM_ROWS.length - 1, cursor));
	const row = ITEM_ROWS[c] as number;
	const h = listHeight(v);
	let top = v.top;
	// A heading right above the selection comes into view with it.
	const want = row > 0 && ROWS_OF_LIST[row - 1]?.item === null ? row - 1 : row;
	if (want < top) top = want;
	if (row >= top + h) top = row - h + 1;
	return { ...v, cursor: c, top };
}

type Key = 'j' | 'k' | 'pgdn' | 'pgup' | 'g' | 'G' | 'note';

function press(v: View, key: Key): View {
	const page = listHeight(v);
	switch (key) {
		case 'j':
			return select(v, v.cursor + 1);
		case 'k':
			return select(v, v.cursor - 1);
		case 'pgdn':
			return select(v, v.cursor + page);
		case 'pgup':
			return select(v, v.cursor - page);
		case 'g':
			return select(v, 0);
		case 'G':
			return select(v, ITEM_ROWS.length - 1);
		case 'note':
			return { ...v, note: v.note + 1 };
	}
}

function frameLines(v: View): string[] {
	const selected = ITEM_ROWS[v.cursor] as number;
	const list: string[] = [];
	for (let y = 0; y < listHeight(v); y++) {
		const i = v.top + y;
		const row = ROWS_OF_LIST[i];
		if (!row) list.push('');
		else if (i === selected) list.push(INVERSE(`›${row.text}`));
		else list.push(` ${row.text}`);
	}
	const item = ROWS_OF_LIST[selected]?.item ?? 0;
	const detail = [
		`item ${item} · ${CELLS[(item * 3) % CELLS.length]}`,
		'',
		`killed ${item % 5} · injured ${item % 3}`,
		...Array.from({ length: 2 + (item % 6) }, (_, k) => `line ${k} of the description of ${item}`.slice(0, 24)),
		`${CELLS[item % CELLS.length]} and ${CELLS[(item + 2) % CELLS.length]}`,
		'',
		'sources',
	];
	const body = v.split
		? list.map(
				(l, y) => `${l}${' '.repeat(Math.max(0, LIST_COLS - stringWidth(l)))}\u001b[2m│\u001b[22m${detail[y] ?? ''}`,
			)
		: list;
	// The lines under the list stay as they are while it scrolls (as sitrep's status and hint
	// lines do): the scroll must leave them where they were.
	return [
		`sitrep  list  ${item + 1} of 120`,
		' NUM INCIDENT',
		...body,
		`\u001b[48;5;236m\u001b[38;2;200;120;40m▌\u001b[39m 120 incidents · ${v.note % 2 ? 'filtered' : 'all'} · ${DIM(`note ${v.note}`)}\u001b[49m`,
		'j move  q quit',
	];
}

function Frame({ lines }: { lines: string[] }) {
	const { Box, Text } = loaded.ink;
	return h(
		Box,
		{ flexDirection: 'column' },
		lines.map((line, i) => h(Text, { key: i }, line)),
	);
}

const options = (stdout: NodeJS.WriteStream, scrolling = true) => ({
	stdout,
	incrementalRendering: true,
	incrementalScrolling: scrolling,
	exitOnCtrlC: false,
	patchConsole: false,
});

/** What was on the screen before the frame: nothing (the dashboard clears it), or a few lines of a shell. */
const BEFORE = ['', '$ ls\r\nREADME.md  data  source\r\n$ sitrep-demo\r\n'];

async function freshRender(lines: string[], before: string): Promise<Screen> {
	const s = screenStream(COLS, ROWS);
	s.type(before);
	const app = loaded.ink.render(h(Frame, { lines }), options(s.stream));
	const screen = await s.screen();
	app.unmount();
	s.dispose();
	return screen;
}

/** Renders `start`, then each view after a key; calls `check` with the update's bytes and the screen. */
async function run(
	start: View,
	keys: readonly Key[],
	before: string,
	check: (after: { key: Key; view: View; bytes: string; screen: Screen }) => Promise<void> | void,
	scrolling = true,
) {
	const s = screenStream(COLS, ROWS);
	s.type(before);
	let view = start;
	let lines = frameLines(view);
	const app = loaded.ink.render(h(Frame, { lines }), options(s.stream, scrolling));
	expect(s.written.join('')).toContain(SYNC_END);
	// A frame as tall as the terminal is cleared and redrawn whole by Ink, not through log-update.
	expect(lines.length).toBeLessThan(ROWS);
	try {
		for (const key of keys) {
			view = press(view, key);
			const next = frameLines(view);
			const from = s.written.length;
			if (next.join('\n') !== lines.join('\n')) {
				const written = s.frame();
				app.rerender(h(Frame, { lines: next }));
				await written;
			}
			lines = next;
			await check({ key, view, bytes: s.written.slice(from).join(''), screen: await s.screen() });
		}
	} finally {
		app.unmount();
		s.dispose();
	}
}

const DASHBOARD: View = { cursor: 0, top: 0, split: false, height: ROWS - 1, note: 0 };

// Each key is checked against a fresh render (a new emulator and a new Ink app): hundreds of
// them, more than the default 20 s allows on a busy machine.
describe('Ink incremental rendering with the terminal scrolling (patched)', { timeout: 90_000 }, () => {
	it('leaves the screen as a fresh render after every key while a list scrolls down and up', async () => {
		const keys: Key[] = [...Array(40).fill('j'), 'note', ...Array(30).fill('k'), 'pgdn', 'j', 'pgup', 'G', 'k', 'g'];
		for (const split of [false, true]) {
			await run({ ...DASHBOARD, split }, keys, '', async ({ key, view, screen }) => {
				const fresh = await freshRender(frameLines(view), '');
				expect(screen.rows, `split ${split}, after ${key} (cursor ${view.cursor})`).toEqual(fresh.rows);
				expect(screen.styled, `split ${split}, styles after ${key} (cursor ${view.cursor})`).toEqual(fresh.styled);
			});
		}
	});

	it('moves the rows with delete/insert line and writes about one row for a one-row scroll', async () => {
		const sizes: number[] = [];
		let inPlace = 0;
		await run(DASHBOARD, Array(30).fill('j'), '', ({ view, bytes }) => {
			// Once the selection is at the bottom, each j scrolls by one row (or two, with a heading).
			if (view.top === 0) return;
			expect(bytes).toMatch(/\u001b\[2?M/);
			expect(bytes).toMatch(/\u001b\[2?L/);
			sizes.push(Buffer.byteLength(bytes));
		});
		await run(
			DASHBOARD,
			Array(30).fill('j'),
			'',
			({ view, bytes }) => {
				if (view.top > 0) inPlace = Math.max(inPlace, Buffer.byteLength(bytes));
			},
			false,
		);
		expect(sizes.length).toBeGreaterThan(5);
		// The new bottom row, the previous selection's row unhighlighted and the title line
		// (each under COLS bytes), the two scroll sequences and the moves.
		for (const b of sizes) expect(b).toBeLessThanOrEqual(3 * COLS + 60);
		// Without the terminal's scrolling every row of the list is rewritten.
		expect(inPlace).toBeGreaterThan(listHeight(DASHBOARD) * 15);
	});

	it("writes only sequences mosh's terminal implements (no CSI E, F, S or T)", async () => {
		// mosh's emulator (src/terminal/terminalfunctions.cc) has CUU/CUD/CUF/CUB, CUP, CHA, EL, ED,
		// IL, DL, SGR and modes; an unknown sequence is ignored, and the lines after it go astray.
		const known = /^\u001b\[(\d*[ABCDGHJKLM]|[\d;]*m|\?(25|2026)[hl]|\d+;\d+H)$/;
		for (const split of [false, true]) {
			await run(
				{ ...DASHBOARD, split },
				[...Array(30).fill('j'), ...Array(20).fill('k'), 'pgdn', 'G'],
				'',
				({ bytes }) => {
					for (const seq of bytes.match(/\u001b\[[?\d;]*[A-Za-z]/g) ?? []) expect(seq).toMatch(known);
				},
			);
		}
	});

	it('does not scroll without incrementalScrolling', async () => {
		await run(
			DASHBOARD,
			Array(30).fill('j'),
			'',
			({ bytes }) => {
				expect(bytes).not.toMatch(/\u001b\[\d*[LM]/);
			},
			false,
		);
	});

	it('matches a fresh render after random keys, in both layouts, from the top row or lower down', async () => {
		const key = fc.constantFrom<Key>('j', 'j', 'j', 'k', 'k', 'pgdn', 'pgup', 'g', 'G', 'note');
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					keys: fc.array(key, { minLength: 1, maxLength: 30 }),
					split: fc.boolean(),
					before: fc.constantFrom(...BEFORE),
					height: fc.constantFrom(ROWS - 1, ROWS - 6),
					start: fc.integer({ min: 0, max: ITEM_ROWS.length - 1 }),
				}),
				async ({ keys, split, before, height, start }) => {
					const from = select({ ...DASHBOARD, split, height }, start);
					await run(from, keys, before, async ({ view, screen }) => {
						const fresh = await freshRender(frameLines(view), before);
						expect(screen.styled).toEqual(fresh.styled);
					});
				},
			),
			{ numRuns: 30, seed: 14 },
		);
	});
});
