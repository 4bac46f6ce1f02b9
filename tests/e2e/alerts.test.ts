// Alert rules end to end, as cron would run them: the built CLI on a copy of
// the bundled data, a rule on ISKP, new articles arriving through `sitrep
// ingest` dated today; `sitrep watch --json` exits 5 once per new record.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../source/core/exit.js';
import { DATA_DIR, WAIT_MS } from '../support/helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('sitrep watch with an alert rule, from cron', () => {
	const root = mkdtempSync(join(tmpdir(), 'sitrep-e2e-alerts-'));
	const data = join(root, 'data');
	cpSync(DATA_DIR, data, { recursive: true });
	const configDir = join(root, 'config');

	function sitrep(...args: string[]) {
		const r = spawnSync(process.execPath, [CLI, ...args, '--data', data], {
			encoding: 'utf8',
			env: { ...process.env, SITREP_CONFIG_DIR: configDir, NO_COLOR: '1' },
			timeout: WAIT_MS,
		});
		return { code: r.status, out: r.stdout, err: r.stderr };
	}

	/** An article about ISKP dated today (UTC), added as `sitrep ingest` adds one; its id. */
	function arrives(name: string, title: string): string {
		const file = join(root, `${name}.md`);
		writeFileSync(
			file,
			`# ${title}\n\nIslamic State Khorasan Province (ISKP) said its fighters carried out the attack.\n`,
		);
		const today = new Date().toISOString().slice(0, 10);
		const r = sitrep('ingest', file, '--date', today, '--source', 'Test Wire', '--json');
		expect(r.code, r.err).toBe(0);
		const [added] = JSON.parse(r.out).articles;
		expect(added.record.actors).toContain('iskp');
		return added.id;
	}

	const watch = () => {
		const r = sitrep('watch', '--json');
		return { ...r, json: JSON.parse(r.out) };
	};

	it('fires once for a new article, stays quiet, and fires again for the next one', () => {
		const add = sitrep('watch', 'add', 'iskp', '--alert', '>=1 in 24h');
		expect(add.code, add.err).toBe(0);
		expect(add.out).toContain('watching ISKP (actor:iskp); alert on ISKP when ≥1 in 24h');
		// The bundled sample ends in 2025: nothing is in the last 24 hours yet.
		expect(watch().code).toBe(EXIT.ok);

		const first = arrives('first', 'ISKP claims an attack on a Kabul checkpoint');
		const one = watch();
		expect(one.code, one.err).toBe(EXIT.alert);
		expect(one.json.alerts).toEqual([
			expect.objectContaining({
				rule: 'actor:iskp >=1 in 24h',
				name: 'ISKP',
				threshold: 1,
				period: '24h',
				count: 1,
				records: [first],
				new: [first],
			}),
		]);
		expect(Date.parse(one.json.alerts[0].firedAt)).not.toBeNaN();

		const two = watch();
		expect(two.code, two.err).toBe(EXIT.ok);
		expect(two.json.alerts).toEqual([]);

		const second = arrives('second', 'ISKP claims a second attack on a Kabul market');
		const three = watch();
		expect(three.code, three.err).toBe(EXIT.alert);
		expect(three.json.alerts[0]).toMatchObject({ count: 2, new: [second] });
		expect(three.json.alerts[0].records).toEqual(expect.arrayContaining([first, second]));
		expect(watch().code).toBe(EXIT.ok);
	});

	it('a bad rule text is a usage error naming what was expected', () => {
		const r = sitrep('watch', 'add', 'iskp', '--alert', 'whenever');
		expect(r.code).toBe(EXIT.usage);
		expect(r.err).toContain('--alert: expected ">=N in PERIOD" or "N+ in PERIOD"');
		expect(r.err).toContain('found "whenever"');
	});

	it('--help names the exit status 5', () => {
		const r = sitrep('--help');
		expect(r.out).toMatch(/\b5\b[^\n]*alert rule fired/);
	});
});
