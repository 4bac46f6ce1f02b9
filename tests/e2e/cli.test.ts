// The CLI as a user runs it: the bundled dist/cli.js, spawned.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../support/helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), 'sitrep-config-'));

function run(args: string[], env: Record<string, string> = {}) {
	const r = spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CONFIG_DIR: configDir, NO_COLOR: '1', ...env },
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

function brokenCopy(): string {
	const d = mkdtempSync(join(tmpdir(), 'sitrep-broken-'));
	cpSync(DATA_DIR, d, { recursive: true });
	const file = join(d, 'incidents.json');
	const lines = readFileSync(file, 'utf8').split('\n');
	// Drop the comma after the first incident: a classic hand-editing slip.
	const i = lines.findIndex((l, n) => n > 2 && l === '    },');
	lines[i] = '    }';
	writeFileSync(file, lines.join('\n'));
	return d;
}

describe('sitrep CLI', () => {
	it('prints --version and --help with exit codes', () => {
		expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const help = run(['--help']);
		expect(help.code).toBe(0);
		expect(help.out).toContain('sitrep validate');
		expect(help.out).toContain('Exit status');
	});

	it('refuses to open the dashboard without a terminal, clearly', () => {
		const r = run([]);
		expect(r.code).toBe(4);
		expect(r.err).toContain('needs an interactive terminal');
		expect(r.err).toContain('ssh -t');
		expect(r.err).not.toMatch(/Raw mode|at .*\.js:\d+/);
	});

	it('validate: bundled data is clean (exit 0)', () => {
		const r = run(['validate']);
		expect(r.code).toBe(0);
		expect(r.out).toBe('');
		expect(r.err).toMatch(
			/^0 errors, 0 warnings in 4 files; loaded 20 articles, \d+ incidents, \d+ actors, \d+ countries/,
		);
	});

	it('validate: a broken incidents.json gives file:line:col and exit 1; the rest still loads', () => {
		const d = brokenCopy();
		const r = run(['validate', '--data', d]);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(
			new RegExp(`^${d}/incidents\\.json:\\d+:5: invalid JSON: expected "," between items, found "\\{"$`, 'm'),
		);
		const json = JSON.parse(run(['validate', '--data', d, '--json']).out);
		expect(json.ok).toBe(false);
		expect(json.loaded.articles).toBe(20);
		expect(json.problems[0]).toMatchObject({ severity: 'error', file: `${d}/incidents.json`, pointer: '' });
		const t = run(['timeline', '--data', d, '--json']);
		expect(t.code).toBe(0);
		expect(JSON.parse(t.out).total).toBeGreaterThan(40);
	});

	it('validate --strict fails on warnings', () => {
		const d = mkdtempSync(join(tmpdir(), 'sitrep-warn-'));
		writeFileSync(
			join(d, 'incidents.json'),
			JSON.stringify([
				{ id: 'a', date: '2024-01-01', country: 'AF', type: 'IED', description: 'x', sources: ['missing'] },
			]),
		);
		writeFileSync(join(d, 'articles.json'), '[]');
		expect(run(['validate', '--data', d]).code).toBe(0);
		const strict = run(['validate', '--data', d, '--strict']);
		expect(strict.code).toBe(1);
		expect(strict.out).toContain('/0/sources/0: warning: unknown article "missing"');
	});

	it('timeline: filters and prints a table, or JSON', () => {
		const text = run(['timeline', '--country', 'AF', '--since', '2024-12', '--until', '2024-12']);
		expect(text.code).toBe(0);
		expect(text.out.split('\n')[0]).toMatch(/^DATE\s+CC\s+TYPE\s+PERPETRATOR\s+KILLED\s+LOCATION$/);
		expect(text.out).toMatch(/2024-12-11 {2}AF {2}suicide bombing {3}ISKP/);
		const json = JSON.parse(run(['timeline', '--actor', 'iskp', '--country', 'PK', '--json', '--limit', '2']).out);
		expect(json.filter).toEqual({ countries: ['PK'], actors: ['iskp'], types: [] });
		expect(json.shown).toBe(2);
		expect(json.total).toBeGreaterThanOrEqual(json.shown);
		for (const inc of json.incidents) expect(inc).toMatchObject({ country: 'PK', claimedBy: 'iskp' });
		const weeks = JSON.parse(
			run(['timeline', '--country', 'AF', '--by', 'month', '--since', '2024', '--until', '2024', '--json']).out,
		);
		expect(weeks.buckets).toHaveLength(12);
	});

	it('timeline --country=-AF,-PK leaves both out; --country -AF reads the same; JSON names what is left out', () => {
		const json = JSON.parse(run(['timeline', '--actor', 'iskp', '--country=-AF,-PK', '--json']).out);
		expect(json.filter).toMatchObject({ actors: ['iskp'], notCountries: ['AF', 'PK'] });
		expect(json.incidents.map((i: { country: string }) => i.country).sort()).toEqual(['IR', 'RU', 'TJ', 'UZ']);
		const spaced = run(['timeline', '--actor', 'iskp', '--country', '-AF', '--country', '-PK', '--json']);
		expect(spaced.code).toBe(0);
		expect(JSON.parse(spaced.out)).toEqual(json);
		const text = run(['timeline', '--actor', 'iskp', '--country=-AF,-PK']).out;
		expect(text).toContain('Crocus City Hall');
		expect(text).not.toMatch(/^\S+\s+(AF|PK)\s/m);
		const both = run(['timeline', '--country=AF,-AF']);
		expect(both.code).toBe(2);
		expect(both.err).toContain('AF is both asked for and left out');
	});

	it('timeline --sort fatalities: deadliest first, no toll last after a line that counts them; --sort date is the default', () => {
		const year = JSON.parse(
			run(['timeline', '--since', '2024', '--until', '2024', '--sort', 'fatalities', '--limit', '1', '--json']).out,
		);
		expect(year).toMatchObject({ sort: 'fatalities', untolled: 1, total: 26, shown: 1 });
		expect(year.incidents[0]).toMatchObject({ date: '2024-03-22', country: 'RU', fatalities: 144 });
		const all = JSON.parse(run(['timeline', '--sort', 'fatalities', '--json']).out);
		const tolls = all.incidents.map((i: { fatalities: number | null }) => i.fatalities);
		expect(all.untolled).toBe(tolls.filter((n: number | null) => n === null).length);
		expect(all.untolled).toBeGreaterThan(0);
		expect(tolls.slice(-all.untolled).every((n: number | null) => n === null)).toBe(true);
		const known = tolls.slice(0, -all.untolled);
		expect(known).toEqual([...known].sort((a: number, b: number) => b - a));
		const text = run(['timeline', '--sort', 'fatalities']).out.split('\n');
		const sep = text.findIndex((l) => /^── toll not reported · \d+ ──$/.test(l));
		expect(sep).toBe(text.length - 1 - all.untolled - 1);
		expect(run(['timeline', '--sort', 'date', '--json']).out).toBe(run(['timeline', '--json']).out);
		expect(run(['timeline', '--sort', 'toll']).err).toContain('--sort: expected date or fatalities');
		expect(run(['timeline', '--sort', 'date', '--by', 'month']).code).toBe(2);
	});

	it('usage errors exit 2 with suggestions', () => {
		const r = run(['timeline', '--country', 'Narnia']);
		expect(r.code).toBe(2);
		expect(r.err).toContain('--country: unknown country "Narnia"');
		expect(run(['timeline', '--by', 'year']).code).toBe(2);
		expect(run(['frobnicate']).code).toBe(2);
		expect(run(['timeline', '--no-such-flag']).code).toBe(2);
	});

	it('a missing data directory exits 3', () => {
		const r = run(['timeline', '--data', '/nonexistent/sitrep-data']);
		expect(r.code).toBe(3);
		expect(r.err).toContain('data directory not found: /nonexistent/sitrep-data');
	});

	it('config set/get/path/unset round-trips through the settings file', () => {
		expect(run(['config', 'path']).out.trim()).toBe(join(configDir, 'config.json'));
		expect(run(['config', 'set', 'lastPane', 'timeline']).code).toBe(0);
		expect(run(['config', 'get', 'lastPane']).out.trim()).toBe('timeline');
		expect(run(['config', 'set', 'lastPane', 'nowhere']).code).toBe(2);
		expect(run(['config', 'set', 'dataDir', DATA_DIR]).code).toBe(0);
		expect(JSON.parse(run(['config', 'get', '--json']).out)).toEqual({ dataDir: DATA_DIR, lastPane: 'timeline' });
		expect(run(['config', 'unset', 'dataDir']).code).toBe(0);
		expect(run(['config', 'get', 'dataDir']).out.trim()).toBe('');
		expect(run(['config', 'get', 'colour']).code).toBe(2);
		// Structured settings (set from the dashboard) are shown as JSON.
		expect(JSON.parse(run(['config', 'get', 'keys']).out)).toEqual({});
		expect(JSON.parse(run(['config', 'get', 'views']).out)).toEqual([]);
		expect(run(['config', 'set', 'views', '[]']).code).toBe(2);
	});

	it('views lists saved views; --view gives timeline, export and search their filter or query', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-views-'));
		const view = {
			name: 'AF last 90 days',
			pane: 'timeline',
			days: 90,
			filter: { countries: ['AF'], actors: [], types: [], since: '90d' },
			query: 'kabul',
			savedAt: '2026-11-20T10:00:00.000Z',
		};
		writeFileSync(join(dir, 'config.json'), JSON.stringify({ views: [view] }));
		const env = { SITREP_CONFIG_DIR: dir };
		expect(run(['views'], env).out).toMatch(/^AF last 90 days\s+timeline, 90d, country:AF since:90d/);
		expect(JSON.parse(run(['views', '--json'], env).out).views[0].name).toBe('AF last 90 days');
		const viewed = JSON.parse(run(['timeline', '--view', 'af last', '--json'], env).out);
		const direct = JSON.parse(run(['timeline', '--country', 'AF', '--since', '90d', '--json'], env).out);
		expect(viewed.incidents.length).toBeGreaterThan(0);
		expect(viewed).toEqual(direct);
		expect(viewed.incidents.every((i: { country: string }) => i.country === 'AF')).toBe(true);
		// A flag beside the view wins over the view's value.
		const pk = JSON.parse(run(['timeline', '--view', 'af last', '--country', 'PK', '--json'], env).out);
		expect(pk.incidents.every((i: { country: string }) => i.country === 'PK')).toBe(true);
		// Search takes the view's query and its filter (the relative since read against the data).
		const found = run(['search', '--view', 'AF last 90 days', '--json'], env).out;
		const ids = JSON.parse(found).results.map((r: { id: string }) => r.id);
		expect(ids).toContain('art-iskp-after-haqqani-2025');
		expect(ids).not.toContain('art-khalil-haqqani-kabul-killing');
		expect(JSON.parse(found).results.every((r: { date: string }) => r.date >= '2025-09-25')).toBe(true);
		const bad = run(['timeline', '--view', 'nope'], env);
		expect(bad.code).toBe(2);
		expect(bad.err).toContain('no saved view "nope"; saved: "AF last 90 days"');
	});

	it('a corrupted settings file is reported once and kept as a backup, not silently reset', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-badconf-'));
		writeFileSync(join(dir, 'config.json'), '{not json');
		// sitrep starts with defaults and says where the bad file went...
		const r = run(['config', 'get'], { SITREP_CONFIG_DIR: dir });
		expect(r.code).toBe(0);
		expect(r.out).toContain('theme=');
		expect(r.err).toMatch(/settings file was not valid JSON; using defaults; the file is kept as .*config\.json\.bad-/);
		// ...the file's content survives in the backup, and the place is free for a fresh file.
		const backups = readdirSync(dir).filter((f) => f.startsWith('config.json.bad-'));
		expect(backups).toHaveLength(1);
		expect(readFileSync(join(dir, backups[0] as string), 'utf8')).toBe('{not json');
		expect(existsSync(join(dir, 'config.json'))).toBe(false);
		// Said once: the next run is quiet, and settings can be written again.
		expect(run(['timeline', '--limit', '1'], { SITREP_CONFIG_DIR: dir })).toMatchObject({
			code: 0,
			err: expect.not.stringContaining('warning'),
		});
		expect(run(['config', 'set', 'theme', 'mono'], { SITREP_CONFIG_DIR: dir }).code).toBe(0);
		expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ theme: 'mono' });
	});

	it('actor: fuzzy match with close matches listed, and JSON', () => {
		const text = run(['actor', 'haqani']);
		expect(text.code).toBe(0);
		expect(text.out).toMatch(/^Haqqani Network/);
		expect(text.out).toContain('Other close matches:');
		expect(text.out).toMatch(/Sirajuddin Haqqani|Khalil ur Rehman Haqqani/);
		const json = JSON.parse(run(['actor', 'muzamil', '--json']).out);
		expect(json.match.id).toBe('mohammad-dawood-muzammil');
		expect(json.profile.incidents.map((i: { id: string }) => i.id)).toContain('inc-2023-03-09-mazar-balkh-governor');
		expect(json.profile.incidents[0].roles).toEqual(['target']);
		expect(run(['actor', 'zzzzqqqq']).code).toBe(1);
		expect(run(['actor']).code).toBe(2);
	});

	it('actor: the activity summary by country and the window’s incidents, in text and JSON alike', () => {
		const text = run(['actor', 'iskp']);
		expect(text.code).toBe(0);
		const lines = text.out.split('\n');
		// The summary opens the profile: right under the name, before aliases and the long text.
		expect(lines[1]).toBe('Activity by country, to 2025-12-23');
		const pk = lines.findIndex((l) => l.startsWith('  Pakistan (PK)'));
		expect(pk).toBeGreaterThan(1);
		expect(pk).toBeLessThan(lines.findIndex((l) => l.startsWith('Aliases')));
		expect(lines[pk]).toMatch(/2 incidents: 2 as perpetrator, 2 claimed$/);
		expect(lines[pk + 1]).toBe('    latest 2023-07-30 suicide bombing, Khar, Bajaur · 63 killed (44–65)');
		// The defect: an article of 2025-12-29 is a mention, not activity.
		expect(text.out).toContain('Seen          since 2021-08-26 · last incident 2025-02-13 · last mentioned 2025-12-29');

		const json = JSON.parse(run(['actor', 'iskp', '--json']).out);
		expect(json.profile.lastIncident).toBe('2025-02-13');
		expect(json.profile.lastMentioned).toBe('2025-12-29');
		expect(json.profile.activity.map((a: { country: string }) => a.country)).toEqual([
			'AF',
			'PK',
			'RU',
			'IR',
			'TJ',
			'UZ',
		]);
		expect(json.profile.activity[1]).toEqual({
			country: 'PK',
			incidents: 2,
			perpetrator: 2,
			claimant: 2,
			target: 0,
			latest: {
				id: expect.any(String),
				date: '2023-07-30',
				country: 'PK',
				place: 'Khar, Bajaur',
				type: 'suicide bombing',
				fatalities: 63,
				fatalitiesLow: 44,
				fatalitiesHigh: 65,
				roles: ['perpetrator', 'claimant'],
			},
		});
		expect(json.profile.windowIncidents).toEqual([]);

		// A window with incidents in it lists them under the window line, and in JSON.
		const ttp = run(['actor', 'ttp']).out.split('\n');
		const win = ttp.findIndex((l) => l.startsWith('90-day window'));
		expect(ttp[win]).toContain('2 as perpetrator, 0 as target');
		expect(ttp[win + 1]).toMatch(/^ {2}2025-11-11 PK suicide bombing, .*Islamabad {2}perpetrator · 12 killed$/);
		expect(ttp[win + 2]).toMatch(/^ {2}2025-10-07 PK armed clash, Orakzai district/);
		const tj = JSON.parse(run(['actor', 'ttp', '--json']).out).profile;
		expect(tj.windowIncidents.map((i: { date: string; roles: string[] }) => [i.date, i.roles])).toEqual([
			['2025-11-11', ['perpetrator']],
			['2025-10-07', ['perpetrator', 'claimant']],
		]);
		expect(tj.counts.incidents).toBe(tj.windowIncidents.length);
		// Its attacks by kind of target, in text and JSON alike.
		const police = ttp.find((l) => /^ {2}police /.test(l));
		expect(police).toMatch(/^ {2}police +2 {2}latest 2025-11-11 suicide bombing, .* · 12 killed$/);
		expect(tj.targets.find((t: { kind: string }) => t.kind === 'police')).toMatchObject({
			label: 'police',
			incidents: 2,
			latest: { date: '2025-11-11', type: 'suicide bombing', fatalities: 12, roles: ['perpetrator'] },
		});
		// Killed by others: the latest line says by whom.
		expect(run(['actor', 'khalil haqqani']).out).toMatch(/latest 2024-12-11 suicide bombing, .* · by ISKP/);
	});

	it('risk: the table ranks Pakistan, Afghanistan and Tajikistan; one country is explained; JSON has the same numbers', () => {
		const table = run(['risk']);
		expect(table.code).toBe(0);
		const rows = table.out.split('\n').filter((l) => /^[A-Z]{2} /.test(l));
		expect(
			rows
				.slice(0, 3)
				.map((l) => l.slice(0, 2))
				.sort(),
		).toEqual(['AF', 'PK', 'TJ']);
		const json = JSON.parse(run(['risk', '--json']).out);
		const af = json.countries.find((c: { code: string }) => c.code === 'AF');
		expect(table.out).toMatch(new RegExp(`AF Afghanistan\\s+${af.level}\\s+${af.score}\\s`));
		const one = run(['risk', 'afghanistan']);
		expect(one.out).toContain(`Risk          ${af.level.toUpperCase()} ${af.score}`);
		expect(one.out).toContain('Contributing incidents, newest first');
		expect(JSON.parse(run(['risk', 'AF', '--json', '--window', '365']).out).window.days).toBe(365);
		expect(run(['risk', '--window', '7']).code).toBe(2);
		expect(run(['risk', '--as-of', 'yesterday']).code).toBe(2);
		expect(run(['risk', 'Narnia']).code).toBe(2);
	});

	it('brief: Markdown to stdout or to --out FILE', () => {
		const md = run(['brief', 'AF']);
		expect(md.code).toBe(0);
		expect(md.out).toMatch(/^# /);
		expect(md.out).toContain('Afghanistan');
		const file = join(mkdtempSync(join(tmpdir(), 'sitrep-out-')), 'af.md');
		const r = run(['brief', 'iskp', '--out', file]);
		expect(r.code).toBe(0);
		expect(r.err).toContain(`brief written to ${file}`);
		expect(readFileSync(file, 'utf8')).toContain('ISKP');
		expect(run(['brief']).code).toBe(2);
	});

	it('search: the Balkh governor pieces first for "muzamil", the Haqqani assassination for "haqani kabul"', () => {
		const m = run(['search', 'muzamil']);
		expect(m.code).toBe(0);
		expect(m.out).not.toContain('\u001b');
		const firstTwo = m.out
			.split('\n')
			.filter((l) => /^ ?\d+\. /.test(l))
			.slice(0, 2)
			.join('\n');
		expect(firstTwo).toContain('art-balkh-governor-killing');
		expect(firstTwo).toContain('art-muzammil-killing-aftermath');
		const h = run(['search', 'haqani kabul']);
		expect(h.out.split('\n')[0]).toMatch(/art-khalil-haqqani-kabul-killing|inc-2024-12-11-kabul-khalil-haqqani/);
		const json = JSON.parse(run(['search', 'muzamil', '--json', '--limit', '3']).out);
		expect(json.results).toHaveLength(3);
		const r = json.results[0];
		const [a, b] = r.snippet.ranges[0];
		expect(r.snippet.text.slice(a, b).toLowerCase()).toBe('muzammil');
		expect(run(['search', 'country:Narnia']).code).toBe(2);
		expect(run(['search', 'x', '--limit', '0']).code).toBe(2);
	});
});
