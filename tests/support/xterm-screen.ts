// A TTY-like stdout for Ink that feeds @xterm/headless, for tests of what Ink's incremental
// renderer leaves on a screen: the rows as text and with their styles, to compare with a fresh
// render of the same frame.
import { EventEmitter } from 'node:events';
import xterm from '@xterm/headless';
import { afterAll, beforeAll } from 'vitest';

type Ink = typeof import('ink');

/**
 * Ink as log-update drives it, loaded for this test file: in CI Ink skips log-update and writes
 * only the last frame, and is-in-ci reads the environment once, when Ink first loads. Call at
 * the top of the file; the module is there from beforeAll on.
 */
export function inkOutsideCi(): { readonly ink: Ink } {
	const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
	const loaded = { ink: undefined as unknown as Ink };
	beforeAll(async () => {
		delete process.env.CI;
		delete process.env.CONTINUOUS_INTEGRATION;
		loaded.ink = await import('ink');
	});
	afterAll(() => {
		for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
	});
	return loaded;
}

export const SYNC_END = '\u001b[?2026l';

export interface Screen {
	/** Each row's text. */
	rows: string[];
	/** Each row's cells with their styles (inverse, bold, dim, italic, underline, strikethrough, colours), one string per row. */
	styled: string[];
	cursorY: number;
	/** Rows scrolled off the top into the scrollback. */
	scrolledOff: number;
}

export interface ScreenStream {
	stream: NodeJS.WriteStream;
	/** Every chunk written, in order. */
	written: string[];
	/** Resolves when Ink has finished writing the next frame (its synchronized-output end). */
	frame: () => Promise<void>;
	/** Writes to the terminal directly (what was on the screen before Ink drew). */
	type: (text: string) => void;
	screen: () => Promise<Screen>;
	dispose: () => void;
}

export function screenStream(cols: number, rows: number): ScreenStream {
	// convertEol: a tty's output processing (onlcr) turns Ink's \n into \r\n before a terminal sees it.
	const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, convertEol: true });
	let parsed = Promise.resolve();
	const written: string[] = [];
	let onFrame: (() => void) | undefined;
	const feed = (chunk: string) => {
		parsed = parsed.then(() => new Promise<void>((resolve) => term.write(chunk, resolve)));
	};
	const stream = Object.assign(new EventEmitter(), {
		columns: cols,
		rows,
		isTTY: true,
		write(chunk: string) {
			written.push(chunk);
			feed(chunk);
			if (chunk.includes(SYNC_END) && onFrame) {
				const done = onFrame;
				onFrame = undefined;
				done();
			}
			return true;
		},
	});
	return {
		stream: stream as unknown as NodeJS.WriteStream,
		written,
		frame: () => new Promise<void>((resolve) => (onFrame = resolve)),
		type: feed,
		async screen() {
			await parsed;
			const buf = term.buffer.active;
			const cell = buf.getNullCell();
			const text: string[] = [];
			const styled: string[] = [];
			for (let y = 0; y < rows; y++) {
				const line = buf.getLine(buf.baseY + y);
				text.push(line?.translateToString(true) ?? '');
				let row = '';
				for (let x = 0; line && x < cols; x++) {
					line.getCell(x, cell);
					const style = [
						cell.isInverse(),
						cell.isBold(),
						cell.isDim(),
						cell.isItalic(),
						cell.isUnderline(),
						cell.isStrikethrough(),
						cell.getFgColorMode(),
						cell.getFgColor(),
						cell.getBgColorMode(),
						cell.getBgColor(),
					].join(',');
					row += `${cell.getChars() || ' '}\u0000${style}\u0001`;
				}
				styled.push(row);
			}
			return { rows: text, styled, cursorY: buf.cursorY, scrolledOff: buf.baseY };
		},
		dispose: () => term.dispose(),
	};
}
