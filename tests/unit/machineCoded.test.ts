// Machine-coded (GDELT) incidents from the settings and flags to what is shown:
// `sitrep risk` and `sitrep brief` (--machine-coded, riskMachineCoded), the
// country and incident views, the dashboard's window and Risk rows, and the
// setting itself. The arithmetic is in risk.test.ts.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Data } from '../../source/commands/command.js';
import type { Ctx } from '../../source/commands/context.js';
import { brief } from '../../source/commands/defs/brief.js';
import { risk } from '../../source/commands/defs/risk.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { Resolver } from '../../source/core/resolve.js';
import { riskWindow } from '../../source/core/risk.js';
import { type ConfigHandle, openConfig, parseSetting, readSettings } from '../../source/io/settings/config.js';
import { linesToText } from '../../source/present/plain.js';
import { incidentLines } from '../../source/present/views/incident.js';
import { openSession } from '../../source/ui/app/session.js';
import { initialState, windowOfState } from '../../source/ui/app/state.js';
import type { Env } from '../../source/ui/env.js';
import { country, incident, store } from '../support/fixtures.js';

const asOf = '2025-01-30';
const gdelt = (id: string, date: string) =>
	incident({
		id,
		date,
		type: 'bombing',
		fatalities: 30,
		description: `Machine-coded GDELT event ${id}.`,
		sources: [{ dataset: 'GDELT 2.0 Events', ref: id }],
		tags: ['gdelt'],
		machineCoded: true,
	});
const s = store({
	countries: [country({ code: 'XX', name: 'Exland' })],
	incidents: [
		incident({ id: 'people', date: '2025-01-30', type: 'suicide bombing', fatalities: 7 }),
		gdelt('gdelt-1', '2025-01-29'),
		gdelt('gdelt-2', '2025-01-20'),
	],
});
const data = { store: s, problems: [], skipped: {}, files: [], resolver: new Resolver(s) } as unknown as Data;

function fakeConfig(settings: ConfigHandle['settings']): ConfigHandle {
	return {
		path: 'config.json',
		settings,
		warnings: [],
		set: async () => {},
		unset: async () => {},
		save: async () => undefined,
	};
}

/** Runs a command definition as cli.tsx would, on the store above; its stdout and exit status. */
async function run(
	command: typeof risk | typeof brief,
	args: string[],
	flags: Record<string, unknown>,
	settings: ConfigHandle['settings'] = {},
): Promise<{ code: number; out: string }> {
	const out: string[] = [];
	const ctx: Ctx = { out: (l) => out.push(l), outStyled: (l) => out.push(l), err: () => {}, color: false };
	const code = await command.run({
		args,
		flags: { window: 30, asOf, json: false, machineCoded: false, ...flags } as never,
		ctx,
		config: fakeConfig(settings),
		dataDir: 'data',
		version: '0',
		load: async () => data,
	});
	return { code, out: out.join('\n') };
}

/** The text with line wrapping undone (the country view wraps at 100 columns). */
function unwrapped(text: string): string {
	return text.replace(/\s+/g, ' ');
}

describe('sitrep risk and sitrep brief', () => {
	it('leave machine-coded incidents out and say how many; --machine-coded counts them', async () => {
		const without = await run(risk, ['XX'], {});
		expect(without.code).toBe(0);
		expect(unwrapped(without.out)).toMatch(
			/Machine-coded 2 machine-coded \(GDELT\) incidents not counted; --machine-coded or the riskMachineCoded setting counts them/,
		);
		expect(without.out).toMatch(/Incidents +1 · 7 killed/);
		const counted = await run(risk, ['XX'], { machineCoded: true });
		expect(unwrapped(counted.out)).toMatch(/Machine-coded 2 machine-coded \(GDELT\) incidents counted/);
		expect(counted.out).toMatch(/Incidents +3 · 67 killed/);
	});

	it('the riskMachineCoded setting counts them without the flag', async () => {
		const viaSetting = await run(risk, ['XX'], {}, { riskMachineCoded: true });
		expect(viaSetting.out).toMatch(/Incidents +3 · 67 killed/);
		const json = JSON.parse((await run(risk, ['XX'], { json: true }, { riskMachineCoded: true })).out);
		expect(json).toMatchObject({ incidents: 3, machineCoded: { incidents: 2, counted: true } });
		expect(json.window.includeMachineCoded).toBe(true);
	});

	it('the table says it once, under its heading', async () => {
		const table = (await run(risk, [], {})).out.split('\n');
		expect(table[1]).toBe(
			'2 machine-coded (GDELT) incidents not counted; --machine-coded or the riskMachineCoded setting counts them.',
		);
		expect((await run(risk, [], { json: true })).out).toContain('"machineCoded"');
	});

	it('a brief says it in its risk summary, and counts them when asked', async () => {
		const left = (await run(brief, ['XX'], {})).out;
		expect(left).toContain(
			'- **Machine-coded:** 2 machine-coded (GDELT) incidents not counted; --machine-coded or the riskMachineCoded setting counts them',
		);
		expect(left).toMatch(/- \*\*Incidents:\*\* 1 in the window/);
		const counted = (await run(brief, ['XX'], { machineCoded: true })).out;
		expect(counted).toMatch(/- \*\*Incidents:\*\* 3 in the window/);
		expect(counted).toContain('- **Machine-coded:** 2 machine-coded (GDELT) incidents counted');
	});
});

describe('the incident view', () => {
	it('says a machine-coded incident is not counted in risk, or counted when the window asks', () => {
		const plain = linesToText(incidentLines(s, 'gdelt-1', 100));
		expect(plain).toContain('machine-coded (GDELT): not counted in risk');
		const asked = linesToText(
			incidentLines(s, 'gdelt-1', 100, undefined, riskWindow(s, { days: 30, asOf, includeMachineCoded: true })),
		);
		expect(asked).toContain('machine-coded (GDELT): counted in risk, as asked');
		expect(linesToText(incidentLines(s, 'people', 100))).not.toContain('machine-coded');
	});
});

describe('the dashboard', () => {
	const env = (riskMachineCoded?: boolean): Env => ({
		data: backendOf(s),
		store: s,
		resolver: new Resolver(s),
		problems: [],
		...(riskMachineCoded ? { riskMachineCoded } : {}),
	});

	it('scores the Risk pane with the setting: left out by default, counted when set', () => {
		const off = initialState(env(), { cols: 120, rows: 40, days: 30, asOf });
		expect(windowOfState(off, env())).not.toHaveProperty('includeMachineCoded');
		expect(off.panes.risk.rows[0]).toMatchObject({ code: 'XX', incidents: 1, machineCoded: { counted: false } });
		const on = initialState(env(true), { cols: 120, rows: 40, days: 30, asOf });
		expect(windowOfState(on, env(true)).includeMachineCoded).toBe(true);
		expect(on.panes.risk.rows[0]).toMatchObject({ code: 'XX', incidents: 3, machineCoded: { counted: true } });
	});
});

describe('the riskMachineCoded setting', () => {
	const saved = process.env.SITREP_CONFIG_DIR;
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'sitrep-machine-'));
		process.env.SITREP_CONFIG_DIR = dir;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = saved;
	});

	it('config set takes true or false and stores a JSON boolean', async () => {
		expect(parseSetting('riskMachineCoded', 'true')).toBe(true);
		expect(parseSetting('riskMachineCoded', 'false')).toBe(false);
		for (const bad of ['yes', '1', 'TRUE', '']) {
			expect(() => parseSetting('riskMachineCoded', bad)).toThrow(
				`riskMachineCoded: expected true or false, found "${bad}"`,
			);
		}
		const config = await openConfig();
		await config.set('riskMachineCoded', 'true');
		expect(config.settings.riskMachineCoded).toBe(true);
		expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ riskMachineCoded: true });
	});

	it('the dashboard’s session reads it: off unless the file says true', async () => {
		expect(openSession(await openConfig(), { isTTY: false, dir }).riskMachineCoded).toBe(false);
		writeFileSync(join(dir, 'config.json'), JSON.stringify({ riskMachineCoded: true }));
		expect(openSession(await openConfig(), { isTTY: false, dir }).riskMachineCoded).toBe(true);
	});

	it('a file written by hand: true, "false" read; anything else dropped with a warning', async () => {
		expect(readSettings({ riskMachineCoded: true }).settings).toEqual({ riskMachineCoded: true });
		expect(readSettings({ riskMachineCoded: 'false' }).settings).toEqual({ riskMachineCoded: false });
		const bad = readSettings({ riskMachineCoded: 'yes', theme: 'mono' });
		expect(bad.settings).toEqual({ theme: 'mono' });
		expect(bad.warnings).toEqual(['setting "riskMachineCoded" ignored: expected true or false']);
		writeFileSync(join(dir, 'config.json'), JSON.stringify({ riskMachineCoded: 1 }));
		const config = await openConfig();
		expect(config.settings.riskMachineCoded).toBeUndefined();
		expect(config.warnings[0]).toBe('setting "riskMachineCoded" ignored: expected true or false');
	});
});
