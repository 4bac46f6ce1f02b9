// A dropped SSH connection (`kill -9` of the local ssh, or `~.`), end to end:
// the built dashboard in a real pseudo-terminal whose master side is closed
// (tests/support/hangup.ts). It must end by the hang-up — status 129, not
// SIGABRT (Node 20 aborts resetting a hung-up terminal at a normal exit), no
// "sitrep crashed: Error: write EIO" — and save the pane shown and what was
// seen of the watchlist. Each way runs a few times (SITREP_HANGUP_RUNS more).
import { describe, expect, it } from 'vitest';
import { dropConnection, type HangupMode } from '../support/hangup.js';

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
