// Where alert rules live: the `alerts`, `alertNotify` and `alertBar` settings
// (a bad rule dropped with a warning, the rest kept), and alerts.json, what
// each rule fired for per data directory (broken files kept aside, writes that
// keep what another sitrep wrote).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fired } from '../../source/core/alerts/evaluate.js';
import { loadFired, saveFired } from '../../source/io/settings/alertState.js';
import { alertRulesOf, openConfig, parseSetting, readSettings } from '../../source/io/settings/config.js';

describe('the alert settings', () => {
	it('keeps good rules (in canonical form), drops each bad one with a warning naming it', () => {
		const { settings, warnings } = readSettings({
			alerts: [
				{ watch: 'actor:iskp', when: '≥1 in 24h' },
				{ watch: 'actor:iskp', when: 'soon' },
				{ query: 'country:PK type:"suicide bombing"', when: '2+ in 7d', name: ' PK ' },
				'not a rule',
				{ watch: 'ISKP', when: '>=1 in 24h' },
			],
			alertNotify: 'osc9',
			alertBar: 'off',
		});
		expect(settings.alerts).toEqual([
			{ watch: 'actor:iskp', when: '>=1 in 24h' },
			{ query: 'country:PK type:"suicide bombing"', when: '>=2 in 7d', name: 'PK' },
		]);
		expect(warnings).toEqual([
			expect.stringMatching(
				/^setting "alerts\[1\]" ignored: "when": expected ">=N in PERIOD".*found "soon"; expected \{"watch"/,
			),
			expect.stringMatching(/^setting "alerts\[3\]" ignored: not an object/),
			expect.stringMatching(/^setting "alerts\[4\]" ignored: "watch" is not a key/),
		]);
		expect(settings).toMatchObject({ alertNotify: 'osc9', alertBar: 'off' });
		expect(alertRulesOf(settings).map((r) => r.target)).toEqual([
			{ kind: 'watch', key: 'actor:iskp' },
			{ kind: 'query', query: 'country:PK type:"suicide bombing"' },
		]);
	});

	it('bad notify and bar values are dropped with a warning; config set checks them', () => {
		const { settings, warnings } = readSettings({ alertNotify: 'loud', alertBar: true, alerts: {} });
		expect(settings).toEqual({});
		expect(warnings).toEqual([
			'setting "alerts" ignored: expected a list of alert rules',
			'setting "alertNotify" ignored: expected one of auto, osc9, osc777, bell, off',
			'setting "alertBar" ignored: expected one of on, off',
		]);
		expect(parseSetting('alertNotify', 'bell')).toBe('bell');
		expect(() => parseSetting('alertBar', 'yes')).toThrow('alertBar: expected one of on, off, found "yes"');
	});
});

describe('alerts.json', () => {
	const saved = process.env.SITREP_CONFIG_DIR;
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'sitrep-alerts-'));
		process.env.SITREP_CONFIG_DIR = dir;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = saved;
	});
	const entry = (ids: string[]): Fired[string] => ({ incidents: ids, articles: [], at: '2025-06-10T09:00:00.000Z' });
	const backups = () => readdirSync(dir).filter((f) => f.startsWith('alerts.json.bad-'));

	it('no file: nothing fired; a record per data directory, read back sorted', async () => {
		expect(loadFired('/data/a')).toEqual({ fired: {} });
		expect(await saveFired('/data/a', () => ({ 'actor:iskp >=1 in 24h': entry(['b', 'a']) }))).toBeUndefined();
		expect(await saveFired('/data/b', () => ({ 'country:AF >=1 in 24h': entry(['c']) }))).toBeUndefined();
		expect(loadFired('/data/a').fired).toEqual({ 'actor:iskp >=1 in 24h': entry(['a', 'b']) });
		expect(loadFired('/data/b').fired).toEqual({ 'country:AF >=1 in 24h': entry(['c']) });
		expect(Object.keys(JSON.parse(readFileSync(join(dir, 'alerts.json'), 'utf8')).dirs)).toEqual([
			'/data/a',
			'/data/b',
		]);
	});

	it('a write applies its change to the file as it is now, keeping what another sitrep wrote since', async () => {
		await saveFired('/data/a', () => ({ r: entry(['a']) }));
		const mine = loadFired('/data/a').fired;
		await saveFired('/data/a', (disk) => ({ ...disk, r: entry([...(disk.r?.incidents ?? []), 'b']) }));
		// This sitrep read before the other wrote: its change is applied to what is there now.
		await saveFired('/data/a', (disk) => ({ ...disk, q: entry(['c']) }));
		expect(mine).toEqual({ r: entry(['a']) });
		expect(loadFired('/data/a').fired).toEqual({ r: entry(['a', 'b']), q: entry(['c']) });
	});

	it('a corrupt or misshapen file is kept aside, said once, and the rules start afresh', async () => {
		writeFileSync(join(dir, 'alerts.json'), '{"dirs": ');
		const r = loadFired('/data/a');
		expect(r.fired).toEqual({});
		expect(r.notice).toMatch(/^alerts\.json was not valid JSON; starting afresh .*kept as .*alerts\.json\.bad-/);
		expect(backups()).toHaveLength(1);
		expect(readFileSync(join(dir, backups()[0] as string), 'utf8')).toBe('{"dirs": ');
		expect(loadFired('/data/a')).toEqual({ fired: {} });
		writeFileSync(
			join(dir, 'alerts.json'),
			JSON.stringify({ dirs: { '/data/a': { rules: { r: { incidents: 1 } } } } }),
		);
		expect(loadFired('/data/a').notice).toMatch(/not an alert record \(rule "r" needs/);
		writeFileSync(join(dir, 'alerts.json'), JSON.stringify({ dirs: [] }));
		expect(loadFired('/data/a').notice).toMatch(/"dirs" is not an object/);
		expect(backups()).toHaveLength(3);
		// Broken after it was read: kept aside before the write replaces it.
		writeFileSync(join(dir, 'alerts.json'), 'garbage');
		expect(await saveFired('/data/a', () => ({ r: entry(['a']) }))).toBeUndefined();
		expect(backups()).toHaveLength(4);
		expect(loadFired('/data/a').fired).toEqual({ r: entry(['a']) });
	});

	it('an unusable place is an error message, not a throw', async () => {
		const file = join(dir, 'a-file');
		writeFileSync(file, '');
		process.env.SITREP_CONFIG_DIR = join(file, 'sub');
		expect(loadFired('/data/a').error).toMatch(/cannot read/);
		expect(await saveFired('/data/a', () => ({}))).toMatch(/^cannot record fired alerts/);
	});

	it('a settings file with a bad rule keeps the good ones and a backup of itself', async () => {
		writeFileSync(
			join(dir, 'config.json'),
			JSON.stringify({
				alerts: [
					{ watch: 'actor:iskp', when: 'sometime' },
					{ query: 'kabul', when: '>=1 in 1w' },
				],
			}),
		);
		const config = await openConfig();
		expect(config.warnings[0]).toMatch(/^setting "alerts\[0\]" ignored: "when": expected/);
		expect(config.settings.alerts).toEqual([{ query: 'kabul', when: '>=1 in 1w' }]);
		const kept = readdirSync(dir).find((f) => f.startsWith('config.json.bad-'));
		expect(JSON.parse(readFileSync(join(dir, kept as string), 'utf8')).alerts).toHaveLength(2);
		expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).alerts).toEqual([
			{ query: 'kabul', when: '>=1 in 1w' },
		]);
	});
});
