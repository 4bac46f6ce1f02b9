// The terminal lifecycle of the built dashboard in a real pseudo-terminal
// (reliability/terminal.ts): every way out restores the terminal before any
// error text, with its exit status and no process left; no TTY is refused
// with exit 4; resize bursts leave no artefacts. The cases run a few at a
// time from the start; each `it` waits for its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES, check, runCase, startAll } from '../reliability/terminal.js';

describe('terminal lifecycle (dist/cli.js in a pty)', () => {
	beforeAll(() => {
		void startAll();
	});

	for (const c of CASES) {
		it(`${c.row}: ${c.name}`, async () => {
			expect(await runCase(c.name)).toEqual([]);
		}, 90_000);
	}

	it('the reliability rows are green', async () => {
		const rows = await check();
		expect(rows.map((r) => r.what)).toEqual([
			'signals and exits restoring the terminal',
			'no terminal: a clear refusal, exit 4',
			'resize bursts leaving no artefacts',
		]);
		for (const r of rows)
			expect({ what: r.what, passed: r.passed, failures: r.failures }).toEqual({
				what: r.what,
				passed: r.total,
				failures: [],
			});
	}, 90_000);
});
