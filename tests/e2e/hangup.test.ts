// A dropped SSH connection (`kill -9` of the local ssh, or `~.`), end to end:
// the built dashboard in a real pseudo-terminal whose master side is closed
// (tests/support/hangup.ts). It must end by the hang-up — status 129, not
// SIGABRT (Node 20 aborts resetting a hung-up terminal at a normal exit), no
// "sitrep crashed: Error: write EIO" — and save the pane shown and what was
// seen of the watchlist, as q does. Each way runs a few times (SITREP_HANGUP_RUNS more).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropConnection, type HangupMode } from '../support/hangup.js';
import { Dash } from '../support/ptyRun.js';

const RUNS = Number(process.env.SITREP_HANGUP_RUNS ?? 3);

const MODES: { mode: HangupMode; what: string }[] = [
	{ mode: 'leader', what: 'sitrep as the session leader (ssh -t host sitrep): SIGHUP, end of input, EIO' },
	{ mode: 'shell', what: 'under a shell that does not pass SIGHUP on: end of input and EIO only' },
];

describe('the terminal hangs up (the pty master closed)', () => {
	for (const { mode, what } of MODES) {
		it(
			`${what}: exit 129, nothing on stderr, settings and watch state saved (${RUNS} runs)`,
			async () => {
				const failures: string[] = [];
				for (let i = 0; i < RUNS; i++) {
					for (const f of await dropConnection(mode)) failures.push(`run ${i + 1}: ${f}`);
				}
				expect(failures).toEqual([]);
			},
			RUNS * 30_000,
		);
	}
});

describe('q', () => {
	it('saves the pane shown on the way out, as a hang-up does', async () => {
		const d = await Dash.start({ cols: 100, rows: 24 });
		try {
			await d.firstFrame();
			d.press('2');
			await d.screenShows('actors');
			d.press('3');
			await d.screenShows('Risk by country');
			d.press('q');
			expect((await d.finish()).code).toBe(0);
			const settings = JSON.parse(readFileSync(join(d.configDir, 'config.json'), 'utf8'));
			expect(settings.lastPane).toBe('risk');
		} finally {
			await d.finish(1);
		}
	});
});
