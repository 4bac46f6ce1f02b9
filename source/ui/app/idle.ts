// Work the dashboard does once it is idle (after the search index is built),
// so the keys that need it later find it done: each window's Risk and actor
// rows, then every actor's article mentions in short slices. All of it waits
// while keys arrive: the keys' frames come first.
import { allMentionsSteps, primeMentions } from '../../core/actorProfile.js';
import type { Backend } from '../../core/backend/types.js';
import { RISK_WINDOWS } from '../../core/risk.js';
import type { Store } from '../../core/store.js';
import { actorRowsFor } from '../panes/actors/state.js';
import { riskRows } from '../panes/risk/state.js';
import { windowOf } from '../window.js';

/** Keys in the last this many ms mean someone is working: idle work waits. */
const BUSY_MS = 300;
const SLICE_MS = 5;
/** Below this many articles, a profile's own scan is quick: no mentions pass. */
const MENTIONS_FROM = 500;

export interface IdleWork {
	data: Backend;
	/**
	 * The records in memory, when they are. Over the SQLite index each step is a few queries
	 * that cannot be cut into slices: other windows are scored when asked for, not in idle time.
	 */
	store?: Store | undefined;
	/** The window shown now (scored first): its as-of date and the rows it reads. */
	asOf: () => string | undefined;
	/** Machine-coded incidents count in risk (the riskMachineCoded setting), as in the windows shown. */
	machineCoded?: boolean;
	warmShown: () => void;
	lastKeyAt: () => number;
}

/** Keys arrived in the last BUSY_MS: someone is working, and work that can wait does. */
export const keysBusy = (lastKeyAt: number, now = performance.now()): boolean => now - lastKeyAt < BUSY_MS;

/**
 * Runs `fn` once, at the first moment keys have not arrived for BUSY_MS (or after `maxMs`
 * whatever the keys): start-up work that can wait (loading what writes settings) then does not
 * hold the first keys' frames. Returns what cancels it.
 */
export function whenQuiet(fn: () => void, lastKeyAt: () => number, maxMs = 2000): () => void {
	const until = performance.now() + maxMs;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const check = () => {
		if (keysBusy(lastKeyAt()) && performance.now() < until) {
			timer = setTimeout(check, 50);
			return;
		}
		timer = undefined;
		fn();
	};
	timer = setTimeout(check, 0);
	return () => {
		if (timer) clearTimeout(timer);
	};
}

/** Starts the idle work; returns what stops it. */
export function startIdleWork(w: IdleWork): () => void {
	let cancelled = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const busy = () => keysBusy(w.lastKeyAt());
	const later = (f: () => void, ms: number) => {
		timer = setTimeout(f, ms);
	};
	const steps: (() => void)[] = [
		w.warmShown,
		...(w.store ? RISK_WINDOWS : []).map((days) => () => {
			const window = windowOf(w.data, days, w.asOf(), w.machineCoded);
			riskRows(w.data, window);
			actorRowsFor(w.data, window);
		}),
	];
	const { store } = w;
	const mentions = store && store.articles.length >= MENTIONS_FROM ? allMentionsSteps(store) : undefined;
	const next = () => {
		if (cancelled) return;
		// Every step waits while keys arrive: a step cannot be cut (a window's rows take tens of
		// ms on a busy machine), and one run between two keys delays the second's frame. The
		// mentions pass is long (~1.8 s at 10k articles): it also runs in slices.
		if (busy()) return later(next, 100);
		const step = steps.shift();
		if (step) {
			step();
			return later(next, 20);
		}
		if (!mentions) return;
		const until = performance.now() + SLICE_MS;
		for (;;) {
			const m = mentions.next();
			if (m.done) return primeMentions(store as Store, m.value);
			if (performance.now() > until) break;
		}
		setImmediate(next);
	};
	later(next, 20);
	return () => {
		cancelled = true;
		if (timer) clearTimeout(timer);
	};
}
