// A query is cleaned as the data is: text pasted from coloured terminal output
// (escape sequences) or from the web (bidi controls) finds what its visible
// text finds, in every command that looks something up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function run(args: string[]) {
	const r = spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'sitrep-config-')), NO_COLOR: '1' },
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

const red = (s: string) => `\u001b[31m${s}\u001b[0m`;

describe('queries with terminal escapes', () => {
	it('actor finds the actor its visible text names', () => {
		const r = run(['actor', red('haqqani'), '--json']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out).match.id).toBe('haqqani-network');
	});

	it('search reads a word with a bidi override inside as the word (the data lost it at load)', () => {
		const s = JSON.parse(run(['search', 'Kab\u202eul', '--json']).out);
		expect(s.parsed.terms).toEqual([{ text: 'kabul', prefix: true }]);
	});

	it('risk COUNTRY, brief, filters, search and watch add do too', () => {
		expect(run(['risk', red('AF')]).out).toContain('Afghanistan (AF)');
		expect(run(['brief', red('AF')]).out).toContain('# Security brief: Afghanistan (AF)');
		const t = run(['timeline', '--actor', red('iskp'), '--country', red('af'), '--type', red('suicide'), '--json']);
		expect(t.code).toBe(0);
		expect(JSON.parse(t.out).total).toBeGreaterThan(0);
		const s = JSON.parse(run(['search', `${red('kabul')} country:${red('AF')}`, '--json']).out);
		expect(s.parsed.terms).toEqual([{ text: 'kabul', prefix: false }]);
		expect(s.parsed.filters.countries).toEqual(['AF']);
		expect(s.results.length).toBeGreaterThan(0);
		const w = run(['watch', 'add', red('iskp')]);
		expect(w.code).toBe(0);
		expect(w.out).toContain('actor:iskp');
	});
});

describe('actor --json without a match', () => {
	it('still answers on stdout in the matched shape, with suggestions, and exits 1', () => {
		const r = run(['actor', 'hakkanee', '--json']);
		expect(r.code).toBe(1);
		const json = JSON.parse(r.out);
		expect(json).toMatchObject({ query: 'hakkanee', match: null, others: [], profile: null });
		expect(json.suggestions[0]).toMatchObject({ id: 'haqqani-network', name: 'Haqqani Network' });
		expect(r.err).toContain('did you mean: Haqqani Network?');
	});

	it('has an empty list when nothing is near', () => {
		const r = run(['actor', 'zzzqqq', '--json']);
		expect(r.code).toBe(1);
		expect(JSON.parse(r.out)).toEqual({ query: 'zzzqqq', match: null, others: [], profile: null, suggestions: [] });
	});
});
