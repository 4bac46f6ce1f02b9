import { describe, expect, it } from 'vitest';
import { backendOf } from '../../core/backend/memory.js';
import { loadDataDir } from '../../io/load/load.js';
import { keysBusy, startIdleWork, whenQuiet } from './idle.js';

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

	it('keysBusy: a key within the quiet period, not before it, and none yet is not busy', () => {
		expect(keysBusy(1000, 1100)).toBe(true);
		expect(keysBusy(1000, 2000)).toBe(false);
		expect(keysBusy(Number.NEGATIVE_INFINITY, 50)).toBe(false);
	});
});

describe('whenQuiet', () => {
	it('waits while keys arrive, runs once they stop, and only once', async () => {
		let runs = 0;
		let typing = true;
		let lastKey = 0;
		const stop = whenQuiet(
			() => runs++,
			() => (typing ? performance.now() : lastKey),
			60_000,
		);
		try {
			await wait(400);
			expect(runs).toBe(0);
			typing = false;
			lastKey = performance.now();
			await expect.poll(() => runs, { timeout: 10_000, interval: 20 }).toBe(1);
			await wait(200);
			expect(runs).toBe(1);
		} finally {
			stop();
		}
	});

	it('runs after its longest wait even while keys keep arriving', async () => {
		let runs = 0;
		const stop = whenQuiet(
			() => runs++,
			() => performance.now(),
			100,
		);
		try {
			await expect.poll(() => runs, { timeout: 10_000, interval: 20 }).toBe(1);
		} finally {
			stop();
		}
	});

	it('does nothing once cancelled', async () => {
		let runs = 0;
		whenQuiet(
			() => runs++,
			() => Number.NEGATIVE_INFINITY,
		)();
		await wait(100);
		expect(runs).toBe(0);
	});
});
