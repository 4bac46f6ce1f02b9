// Ink's incremental renderer, as patched (patches/ink+6.8.0.patch), drawn into
// a terminal emulator: after each update the screen must be what a fresh render
// of the same frame shows. Unpatched Ink 6.8 rewinds one row too few when the
// frame ends in a newline (any frame shorter than the terminal), so every
// update lands a row lower and leaves the old top row behind.
import { createElement as h, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { inkOutsideCi, SYNC_END, screenStream as sharedScreenStream } from '../support/xterm-screen.js';

const loaded = inkOutsideCi();

const COLS = 40;
const ROWS = 16;
const screenStream = () => sharedScreenStream(COLS, ROWS);

/** A frame with changed lines between runs of unchanged ones, at the top, middle and bottom. */
function Frame({ n }: { n: number }) {
	const { Box, Text } = loaded.ink;
	const lines = ['sitrep', `tick ${n}`, 'alpha', 'beta', 'gamma', `count ${n * 7}`, 'hint: ? help', 'end'];
	return h(
		Box,
		{ flexDirection: 'column' },
		lines.map((line) => h(Text, { key: line }, line)),
	);
}

const options = (stdout: NodeJS.WriteStream) => ({
	stdout,
	incrementalRendering: true,
	exitOnCtrlC: false,
	patchConsole: false,
});

/** `count` lines, each naming its row and the count (so every line differs between counts). */
function Lines({ count }: { count: number }) {
	const { Box, Text } = loaded.ink;
	return h(
		Box,
		{ flexDirection: 'column' },
		Array.from({ length: count }, (_, i) => h(Text, { key: i }, `line ${i + 1} of ${count}: some text`)),
	);
}

/** The screen after a fresh render of Frame n (or of `tree`). */
async function freshRender(n: number, tree: ReactElement = h(Frame, { n })) {
	const s = screenStream();
	const app = loaded.ink.render(tree, options(s.stream));
	const screen = await s.screen();
	app.unmount();
	s.dispose();
	return screen;
}

describe('Ink incremental rendering (patched)', () => {
	it('leaves the screen as a fresh render of the same frame after every update', async () => {
		const s = screenStream();
		const app = loaded.ink.render(h(Frame, { n: 0 }), options(s.stream));
		// The first frame is written synchronously; none means Ink took its CI path and tests nothing here.
		expect(s.written.join('')).toContain(SYNC_END);
		expect(await s.screen()).toEqual(await freshRender(0));
		for (let n = 1; n <= 6; n++) {
			const written = s.frame();
			app.rerender(h(Frame, { n }));
			await written;
			expect(await s.screen(), `after update ${n}`).toEqual(await freshRender(n));
		}
		app.unmount();
		s.dispose();
	});

	it('draws a frame taller than the one before (a taller terminal, an error screen) and a shorter one', async () => {
		// The lines below the previous frame have nothing to compare with: each is written whole.
		const s = screenStream();
		const app = loaded.ink.render(h(Lines, { count: 3 }), options(s.stream));
		for (const count of [8, 2, 9, 4]) {
			const written = s.frame();
			app.rerender(h(Lines, { count }));
			await written;
			expect(await s.screen(), `${count} lines`).toEqual(await freshRender(0, h(Lines, { count })));
		}
		app.unmount();
		s.dispose();
	});

	it('steps over a run of unchanged lines with one ESC[nB', async () => {
		const s = screenStream();
		const app = loaded.ink.render(h(Frame, { n: 0 }), options(s.stream));
		const before = s.written.length;
		const written = s.frame();
		app.rerender(h(Frame, { n: 1 }));
		await written;
		const update = s.written.slice(before).join('');
		// Rewind from the row under the frame (8 lines and the trailing newline) to its top.
		expect(update).toContain('\u001b[8A');
		// 'sitrep' is skipped with one ESC[B; 'alpha beta gamma' and 'hint end' (plus the
		// newline row) each with one ESC[nB instead of an ESC[E per line. Cursor down, not
		// cursor next line (ESC[E), which mosh's terminal does not have.
		expect(update.match(/\u001b\[\d*[BE]/g)).toEqual(['\u001b[B', '\u001b[3B', '\u001b[2B']);
		expect(update).toContain('tick 1');
		expect(update).not.toContain('alpha');
		app.unmount();
		s.dispose();
	});
});
