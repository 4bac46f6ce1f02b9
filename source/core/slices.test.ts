import { describe, expect, it } from 'vitest';
import { runSteps } from './slices.js';

function* counted(log: number[]): Generator<number, string> {
	for (let i = 1; i <= 3; i++) {
		log.push(i);
		yield i;
	}
	return 'done';
}

describe('runSteps', () => {
	it('runs every step, one per turn of the event loop, and resolves with the value', async () => {
		const log: number[] = [];
		const run = runSteps(counted(log));
		expect(log).toEqual([]);
		await expect(run).resolves.toBe('done');
		expect(log).toEqual([1, 2, 3]);
	});

	it('runs no step while paused, and goes on when the pause ends', async () => {
		const log: number[] = [];
		let paused = true;
		const run = runSteps(counted(log), { paused: () => paused });
		await new Promise((r) => setTimeout(r, 200));
		expect(log).toEqual([]);
		paused = false;
		await expect(run).resolves.toBe('done');
		expect(log).toEqual([1, 2, 3]);
	});

	it('stops when cancelled, paused or not', async () => {
		const log: number[] = [];
		let cancelled = false;
		const run = runSteps(counted(log), { paused: () => true, cancelled: () => cancelled });
		cancelled = true;
		await expect(run).resolves.toBeUndefined();
		expect(log).toEqual([]);
	});

	it('wake.now() ends a pause at once, without waiting for the next look', async () => {
		const log: number[] = [];
		let paused = true;
		const wake: { now?: (() => void) | undefined } = {};
		const run = runSteps(counted(log), { paused: () => paused, wake });
		await new Promise((r) => setTimeout(r, 10));
		expect(wake.now).toBeTypeOf('function');
		paused = false;
		wake.now?.();
		// One turn of the event loop per step (the pause's 50 ms timer would come later).
		for (let i = 0; i < 6; i++) await new Promise((r) => setImmediate(r));
		expect(log).toEqual([1, 2, 3]);
		await expect(run).resolves.toBe('done');
	});
});
