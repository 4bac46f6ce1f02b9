// The dashboard itself over a storage backend (issue 18's first frame, j/k,
// filter apply, search per key, peak RSS): the built CLI in a pseudo-terminal
// (bench/tui.ts appSession), SITREP_STORAGE choosing memory or the index, the
// screen read back after each key. A key's time is key written → the frame that
// shows its answer, so it counts the queries the pane asks as well as drawing.
// At 80×24, as bench/tui.ts measures keys: one column, no detail beside the list.
import { type Stats, stats } from '../../tests/support/pty.js';
import { appSession, firstFrame, timeKey } from '../tui.js';

export interface DashboardMeasured {
	mode: 'memory' | 'index';
	/** Spawn → first complete frame, ms (median of `starts`). */
	firstFrame: number;
	/** j and k in the Timeline, key → frame, ms. */
	jk: Stats;
	/** A filter typed in the bar and applied (Enter → the summary line showing it), ms. */
	filter: Stats;
	/** Each key of queries typed into Search → the frame with that query's results, ms. */
	searchKey: Stats;
	/** VmHWM of the app after all of it, bytes. */
	peakRss: number;
}

/** Filters applied from the bar: country, type, year, an exclusion (what the bar's first field takes). */
const FILTERS = ['PK', 'AF', 'IR', '2024', '-AF', 'TJ', 'KG', '2023', '-PK', 'UZ'];
/** Queries typed a key at a time; each key waits for its results. */
const QUERIES = ['taliban kabul', 'iskp attack', 'balochistan'];

const summary = (lines: string[]) => lines[1] ?? '';
/** Past Ink's 34 ms render throttle, as bench/tui.ts waits: each key then gets a leading-edge frame. */
const pause = () => new Promise((r) => setTimeout(r, 40));

export async function measureDashboard(
	dir: string,
	mode: 'memory' | 'index',
	env: Record<string, string>,
	opts: { starts: number; keys: number },
): Promise<DashboardMeasured> {
	const starts: number[] = [];
	const appEnv = { ...env, SITREP_STORAGE: mode, NO_COLOR: '1' };
	for (let i = 0; i < opts.starts; i++) {
		const s = await appSession(dir, 80, 24, appEnv);
		try {
			const seen = await firstFrame(s, 600_000);
			starts.push(seen.at - s.started);
		} finally {
			await s.kill();
		}
	}
	const s = await appSession(dir, 80, 24, appEnv);
	try {
		await firstFrame(s, 600_000);
		// The Timeline first (a fresh settings folder opens on it), then j and k in turns.
		const jk: number[] = [];
		for (let i = 0; i < opts.keys; i++) {
			const key = Math.floor(i / 10) % 2 === 0 ? 'j' : 'k';
			jk.push((await timeKey(s, key, { timeoutMs: 60_000 })).frame);
			await pause();
		}
		const filter: number[] = [];
		for (const f of FILTERS) {
			await timeKey(s, 'f', { expect: (l) => l.some((x) => x.includes('Filter')), timeoutMs: 60_000 });
			s.press(f);
			await s.settle(50);
			const before = summary(s.lines());
			filter.push(
				(
					await timeKey(s, '\r', {
						expect: (l) => summary(l) !== before && !l.some((x) => x.includes('Tab complete')),
						timeoutMs: 120_000,
					})
				).frame,
			);
			await timeKey(s, 'c', { timeoutMs: 120_000 });
		}
		await timeKey(s, '4', { expect: (l) => (l[1] ?? '').startsWith('search›'), timeoutMs: 120_000 });
		const searchKey: number[] = [];
		// The query line has the keys from here on; ctrl-u clears it between queries.
		s.press('/');
		await s.settle(100);
		for (const q of QUERIES) {
			let typed = '';
			for (const ch of q) {
				typed += ch;
				// The screen's lines are read without trailing spaces: a space typed shows as the text before it.
				const want = typed.trimEnd();
				// The query line echoes the key at once; its answer is the results line after it, no
				// longer marked "updating" (the previous query's results are shown so until it comes).
				const t = await timeKey(s, ch, {
					expect: (l) =>
						(l[1] ?? '').includes(`search› ${want}`) &&
						/\d+ match(es)?[^\n]* · \d+\.\d ms/.test(l[3] ?? '') &&
						!(l[3] ?? '').includes('updating'),
					timeoutMs: 120_000,
					quietMs: 30,
				});
				searchKey.push(t.frame);
				await pause();
			}
			await timeKey(s, '\u0015', { expect: (l) => (l[1] ?? '').trimEnd().endsWith('search›'), timeoutMs: 120_000 });
		}
		const peakRss = s.memory()?.hwm ?? Number.NaN;
		return {
			mode,
			firstFrame: stats(starts).median,
			jk: stats(jk),
			filter: stats(filter),
			searchKey: stats(searchKey),
			peakRss,
		};
	} finally {
		await s.kill();
	}
}
