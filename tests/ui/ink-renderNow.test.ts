// Ink's render throttle and the patch's `renderNow` (patches/ink+6.8.0.patch): a commit
// made just after another frame is drawn at the throttle's trailing edge, unless renderNow
// says it is a key's (the App's keyArrived), and then at once; renderNow is true once per key read.
import { createElement as h, useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { keyArrived, renderNow } from '../../source/ui/app/renderMode.js';
import { inkOutsideCi, screenStream } from '../support/xterm-screen.js';

const loaded = inkOutsideCi();

let bump: (() => void) | undefined;
function Counter() {
	const { Text } = loaded.ink;
	const [n, setN] = useState(0);
	useEffect(() => {
		bump = () => setN((x) => x + 1);
	}, []);
	return h(Text, null, `count ${n}`);
}

/** A throttle of 500 ms: no trailing edge can come within a test's two turns of the event loop, even on a loaded machine. */
const MAX_FPS = 2;
const PAST_THROTTLE_MS = 600;

/**
 * Draws Counter, commits twice in a row (the second as a key's when `asKey`), and says what was
 * on the stream after each commit and once the throttle has passed.
 */
async function twoCommits(asKey: boolean) {
	const s = screenStream(30, 5);
	const app = loaded.ink.render(h(Counter), {
		stdout: s.stream,
		exitOnCtrlC: false,
		patchConsole: false,
		incrementalRendering: true,
		maxFps: MAX_FPS,
		renderNow,
	});
	const text = () => s.written.join('');
	await new Promise((r) => setTimeout(r, PAST_THROTTLE_MS));
	bump?.();
	// The commit after the state change (React schedules it), well within the 34 ms throttle.
	await new Promise((r) => setImmediate(r));
	await new Promise((r) => setImmediate(r));
	const afterFirst = text();
	if (asKey) keyArrived();
	bump?.();
	await new Promise((r) => setImmediate(r));
	await new Promise((r) => setImmediate(r));
	const afterSecond = text();
	await new Promise((r) => setTimeout(r, PAST_THROTTLE_MS));
	const settled = text();
	app.unmount();
	s.dispose();
	return { afterFirst, afterSecond, settled };
}

describe('renderNow (patched Ink)', () => {
	it('a commit right after a frame waits for the throttle', async () => {
		const r = await twoCommits(false);
		expect(r.afterFirst).toContain('count 1');
		expect(r.afterSecond).not.toContain('count 2');
		expect(r.settled).toContain('count 2');
	});

	it("a key's commit right after a frame is drawn at once, and only once", async () => {
		const r = await twoCommits(true);
		expect(r.afterFirst).toContain('count 1');
		expect(r.afterSecond).toContain('count 2');
		expect(r.settled.split('count 2').length - 1).toBe(1);
	});

	it('the App marks the commit after each key read, once', () => {
		renderNow();
		expect(renderNow()).toBe(false);
		keyArrived();
		expect(renderNow()).toBe(true);
		expect(renderNow()).toBe(false);
	});
});
