// Long work on the main thread without holding a frame up: a generator that
// yields whenever its slice is used up, resumed from the event loop, so keys
// and renders get their turn between slices.

/**
 * Runs `make(due)` to its end: `due()` is true once `sliceMs` of the current slice have passed,
 * and the generator yields then. Resolves with its value, or undefined once `cancelled()` says so.
 */
export function inSlices<T>(
	make: (due: () => boolean) => Generator<unknown, T>,
	opts: { sliceMs?: number; cancelled?: () => boolean } = {},
): Promise<T | undefined> {
	const sliceMs = opts.sliceMs ?? 8;
	let start = performance.now();
	const steps = make(() => performance.now() - start > sliceMs);
	return runSteps(steps, {
		...opts,
		onSlice: () => {
			start = performance.now();
		},
	});
}

/**
 * Resumes `steps` once per turn of the event loop until it ends (its value), or until
 * `cancelled()` says so (undefined); `onStep` is given what each step yields. For a generator that
 * keeps its own time.
 */
/** How often a paused run looks again. */
const PAUSE_MS = 50;

export function runSteps<T, Y = unknown>(
	steps: Generator<Y, T>,
	opts: {
		cancelled?: () => boolean;
		onSlice?: () => void;
		onStep?: (yielded: Y) => void;
		/** While true, no step runs (checked again every PAUSE_MS): keys come first. */
		paused?: () => boolean;
		/** While paused, `wake.now()` ends the wait at once (the work is wanted now). */
		wake?: { now?: (() => void) | undefined };
	} = {},
): Promise<T | undefined> {
	return new Promise((resolve, reject) => {
		const run = () => {
			if (opts.wake) opts.wake.now = undefined;
			if (opts.cancelled?.()) return resolve(undefined);
			if (opts.paused?.()) {
				const timer = setTimeout(run, PAUSE_MS);
				if (opts.wake)
					opts.wake.now = () => {
						clearTimeout(timer);
						setImmediate(run);
					};
				return;
			}
			opts.onSlice?.();
			try {
				const step = steps.next();
				if (step.done) return resolve(step.value);
				opts.onStep?.(step.value);
				setImmediate(run);
			} catch (err) {
				reject(err);
			}
		};
		setImmediate(run);
	});
}

/** Runs `steps` to its end at once, on this turn: for a caller that wants the answer now. */
export function drain<T>(steps: Generator<unknown, T>): T {
	let step = steps.next();
	while (!step.done) step = steps.next();
	return step.value;
}
