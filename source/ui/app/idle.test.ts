import { describe, expect, it } from 'vitest';
import { backendOf } from '../../core/backend/memory.js';
import { loadDataDir } from '../../io/load/load.js';
import { startIdleWork } from './idle.js';

const DATA = new URL('../../../data', import.meta.url).pathname;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle work', () => {
	const { store } = loadDataDir(DATA);
	const data = backendOf(store);

	it('waits while keys arrive, then does its steps once they stop', async () => {
		let warmed = 0;
		// While `typing`, a key has just arrived whenever the work looks (a real clock between
		// keys could stretch past the quiet period on a loaded machine).
		let typing = true;
		let lastKey = 0;
		const stop = startIdleWork({
			data,
			store,
			asOf: () => undefined,
			warmShown: () => {
				warmed++;
			},
			lastKeyAt: () => (typing ? performance.now() : lastKey),
		});
		try {
			await wait(500);
			expect(warmed).toBe(0);
			typing = false;
			lastKey = performance.now();
			// Keys stop: the first step runs once the quiet has lasted.
			await expect.poll(() => warmed, { timeout: 10_000, interval: 20 }).toBe(1);
		} finally {
			stop();
		}
	});

	it('does nothing once stopped', async () => {
		let warmed = 0;
		const stop = startIdleWork({
			data,
			asOf: () => undefined,
			warmShown: () => {
				warmed++;
			},
			lastKeyAt: () => 0,
		});
		stop();
		await wait(200);
		expect(warmed).toBe(0);
	});
});
