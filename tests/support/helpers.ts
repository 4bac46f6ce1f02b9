// Shared test helpers: the bundled data, a terminal-like key vocabulary, and
// waiting for the App without sleeping: until React is idle (a key's render
// and effects), or until a condition holds (what the App's timers and the
// index built in slices bring later).
import { fileURLToPath } from 'node:url';
import { render as renderInk } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { unstable_IdlePriority, unstable_scheduleCallback } from 'scheduler';
import { expect } from 'vitest';
import { type LoadResult, loadDataDir } from '../../source/io/load/load.js';

export const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

let cached: LoadResult | undefined;
export function bundled(): LoadResult {
	cached ??= loadDataDir(DATA_DIR);
	return cached;
}

export const KEY = {
	up: '\u001b[A',
	down: '\u001b[B',
	right: '\u001b[C',
	left: '\u001b[D',
	enter: '\r',
	// A lone Esc waits for the rest of a sequence (keyReader.ts): the App tests render with
	// escapeMs={0}, so it acts as soon as its write is read; the wait is tested in keyReader.test.ts.
	escape: '\u001b',
	tab: '\t',
	shiftTab: '\u001b[Z',
	backspace: '\u007f',
	pageDown: '\u001b[6~',
	pageUp: '\u001b[5~',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

/** The frames of every app rendered with `render` below and not unmounted: what idle() watches. */
const live = new Set<readonly unknown[]>();
const written = () => [...live].reduce((n, frames) => n + frames.length, 0);

/**
 * ink-testing-library's render, with the app's frames watched by idle(). Its
 * stdout is always 100 columns wide; Ink clips every frame line to the
 * terminal's width (patches/ink+6.8.0.patch), so an App given `cols` gets a
 * stdout that wide.
 */
export function render(tree: ReactElement): ReturnType<typeof renderInk> {
	const cols = (tree.props as { cols?: unknown }).cols;
	const r = renderInk(tree);
	if (typeof cols === 'number' && cols !== r.stdout.columns) {
		Object.defineProperty(r.stdout, 'columns', { get: () => cols });
		// Drawn again at the width the App was given (the first frame was clipped at 100).
		r.rerender(tree);
	}
	live.add(r.frames);
	return {
		...r,
		unmount: () => {
			live.delete(r.frames);
			r.unmount();
		},
	};
}

/** Runs after every React task queued before it (renders, effects): an idle-priority task on React's scheduler. */
const afterReactTasks = () =>
	new Promise<void>((resolve) => unstable_scheduleCallback(unstable_IdlePriority, () => resolve()));

/**
 * Resolves once React has nothing left to do, so that no fixed sleep guesses
 * how long a loaded machine takes: the renders and effects queued so far have
 * run, and a further round found nothing more to draw (an effect's dispatch is
 * scheduled only after its task, so one round is not always enough; every
 * commit writes a frame under ink-testing-library). One event-loop turn first
 * lets what the write set off settle (the App tests render with escapeMs={0}:
 * a lone Esc is a key as soon as its write is read).
 * The App's own timers (the search, the preview's rest) and the index built
 * in slices are not React's work: wait for what they bring with `eventually`.
 */
export async function idle(): Promise<void> {
	if (live.size === 0) throw new Error('idle() watches apps rendered with render() from tests/helpers.ts: none is');
	await new Promise((r) => setImmediate(r));
	for (;;) {
		const before = written();
		await afterReactTasks();
		if (written() === before) return;
	}
}

/** Writes keys one at a time, each handled, rendered and its effects run before the next. */
export async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
	for (const k of keys) {
		stdin.write(k);
		await idle();
	}
}

/** How long a test waits for something before failing: generous, as a loaded machine is slow, not wrong. */
export const WAIT_MS = 30_000;

/**
 * Polls `read` until the matcher after it passes, failing with the last value
 * after WAIT_MS: `await eventually(() => frame()).toContain('3 matches')`.
 * Its timers are vitest's own, so it works while a test fakes the App's.
 */
export const eventually = <T>(read: () => T) => expect.poll(read, { timeout: WAIT_MS, interval: 5 });

/**
 * The Search pane's results line for the query as typed: the search runs after
 * the frame that shows the query, once the index is built; an older query's
 * results stay up meanwhile, marked "updating".
 */
export const ANSWERED = /\d+ match(es)?[^·\n]* · \d+\.\d ms(?! · updating)/;
