// Settings files in process: parsing what is wrong in a few safe words,
// keeping a bad file aside, and an unusable folder (the corruption cases
// through the built CLI are in tests/reliability/).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	ESCAPE_TIME_DEFAULT,
	escapeTimeOf,
	openConfig,
	parseSetting,
	readSettings,
} from '../../source/io/settings/config.js';
import { keepAside, parseObject } from '../../source/io/settings/file.js';

describe('settings files, in process', () => {
	const saved = process.env.SITREP_CONFIG_DIR;
	afterEach(() => {
		if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = saved;
	});

	it('parseObject names what is wrong in a few safe words', () => {
		expect(parseObject('{"a":1}')).toEqual({ value: { a: 1 } });
		expect(parseObject('\uFEFF{"a":1}')).toEqual({ value: { a: 1 } });
		expect(parseObject('  \n')).toEqual({ problem: 'empty' });
		expect(parseObject('[1]')).toEqual({ problem: 'not a JSON object but a list' });
		expect(parseObject('"x"')).toEqual({ problem: 'not a JSON object but a string' });
		const bad = parseObject('{\u001b[2J');
		expect(bad).toMatchObject({ problem: 'not valid JSON' });
		expect(JSON.stringify(bad)).not.toContain('\\u001b');
	});

	it('keepAside keeps the bytes, never overwrites a backup, and leaves a changed file alone', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-aside-'));
		const file = join(dir, 'config.json');
		writeFileSync(file, '{one');
		const a = keepAside(file, '{one', 'copy');
		const b = keepAside(file, '{one', 'copy');
		expect(a.backup).not.toBe(b.backup);
		expect(readFileSync(a.backup as string, 'utf8')).toBe('{one');
		expect(keepAside(file, 'something else', 'move')).toEqual({ gone: true });
		expect(keepAside(file, '{one', 'move').backup).toMatch(/config\.json\.bad-/);
		expect(readdirSync(dir).sort()).toHaveLength(3);
		expect(keepAside(file, '{one', 'move')).toEqual({ gone: true });
	});

	it('a file broken after start is kept aside before a write replaces it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-later-'));
		process.env.SITREP_CONFIG_DIR = dir;
		const config = await openConfig();
		expect(config.warnings).toEqual([]);
		writeFileSync(join(dir, 'config.json'), '{"theme": "mono", "lastPane": 7');
		await config.set('theme', 'high-contrast');
		expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ theme: 'high-contrast' });
		const kept = readdirSync(dir).filter((f) => f.startsWith('config.json.bad-'));
		expect(kept.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['{"theme": "mono", "lastPane": 7']);
		// A wrong field written by hand meanwhile is not carried into the next write.
		writeFileSync(join(dir, 'config.json'), JSON.stringify({ theme: 'mono', lastPane: 7 }));
		expect(await config.save('watchlist', ['country:AF'])).toBeUndefined();
		expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
			theme: 'mono',
			watchlist: ['country:AF'],
		});
	});

	it('an unusable folder: settings in memory, set rejects with a write error, save resolves to one', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-nodir-'));
		writeFileSync(join(dir, 'file'), '');
		process.env.SITREP_CONFIG_DIR = join(dir, 'file', 'sub');
		const config = await openConfig();
		expect(config.error).toMatch(/cannot use the settings folder/);
		expect(config.warnings).toHaveLength(1);
		await expect(config.set('theme', 'mono')).rejects.toThrow(/cannot use the settings folder/);
		expect(config.settings.theme).toBe('mono');
		expect(await config.save('views', [])).toMatch(/cannot use the settings folder/);
		await expect(config.set('theme', 'nope')).rejects.toThrow(/expected one of/);
	});
});

describe('escapeTime: how long a lone Esc waits for the rest of a key', () => {
	it.each([
		['0', '0'],
		['50', '50'],
		[' 250 ', '250'],
		['1000', '1000'],
	])('config set escapeTime %j stores %j', (typed, stored) => {
		expect(parseSetting('escapeTime', typed)).toBe(stored);
	});

	it.each(['-1', '1001', '1.5', 'fast', '', '10ms'])('config set escapeTime %j is refused with the range', (typed) => {
		expect(() => parseSetting('escapeTime', typed)).toThrow(
			/escapeTime: expected a whole number of milliseconds from 0 to 1000/,
		);
	});

	it('read from the file as a number or as text; anything else is dropped with a warning', () => {
		expect(readSettings({ escapeTime: 25 }).settings.escapeTime).toBe('25');
		expect(readSettings({ escapeTime: '25' }).settings.escapeTime).toBe('25');
		const bad = readSettings({ escapeTime: 'slow', theme: 'mono' });
		expect(bad.settings).toEqual({ theme: 'mono' });
		expect(bad.warnings).toEqual([
			'setting "escapeTime" ignored: expected a whole number of milliseconds from 0 to 1000',
		]);
	});

	it('the dashboard waits 100 ms unless the setting says otherwise', () => {
		expect(escapeTimeOf(undefined) ?? ESCAPE_TIME_DEFAULT).toBe(100);
		expect(escapeTimeOf('10')).toBe(10);
	});
});

describe('dataWatch: how the dashboard notices new data', () => {
	it.each(['auto', 'poll', 'off'])('config set dataWatch %s is kept', (mode) => {
		expect(parseSetting('dataWatch', mode)).toBe(mode);
	});

	it('anything else is refused at config set, and dropped with a warning from the file', () => {
		expect(() => parseSetting('dataWatch', 'inotify')).toThrow(/dataWatch: expected one of auto, poll, off/);
		const bad = readSettings({ dataWatch: 'fast', theme: 'mono' });
		expect(bad.settings).toEqual({ theme: 'mono' });
		expect(bad.warnings).toEqual(['setting "dataWatch" ignored: expected one of auto, poll, off']);
		expect(readSettings({ dataWatch: 'poll' }).settings.dataWatch).toBe('poll');
	});
});
