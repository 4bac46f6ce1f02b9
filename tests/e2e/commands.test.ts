// The command line as the registry defines it: help pages, "did you mean",
// flags checked per command, and docs/commands.md written from the same
// definitions. The built CLI is spawned; the definitions are read in process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { COMMANDS_DOC } from '../../scripts/commands-doc.js';
import { parseArgv } from '../../source/commands/argv.js';
import type { Face, Flag, Flags } from '../../source/commands/command.js';
import { GLOBAL_FLAGS } from '../../source/commands/flags.js';
import { commandHelp, commandsMarkdown, overviewHelp } from '../../source/commands/help.js';
import { COMMANDS, DASHBOARD } from '../../source/commands/registry.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), 'sitrep-config-'));

function run(args: string[]) {
	const r = spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CONFIG_DIR: configDir, NO_COLOR: '1' },
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

const FACES: readonly Face[] = [DASHBOARD, ...COMMANDS];
// A value that may be left out is shown in brackets: `--every [N]`.
const label = (name: string, flags: Flags) => {
	const f = flags[name];
	return `--${name}${f?.value ? (f.optionalValue ? ` [${f.value}]` : ` ${f.value}`) : ''}`;
};
const flagNames = (face: Face) => Object.keys(face.flags);

describe('help pages', () => {
	it('sitrep --help lists every command, every flag, the exit statuses, the search syntax and the risk formula', async () => {
		const r = run(['--help']);
		expect(r.code).toBe(0);
		expect(r.out).toBe(`${await overviewHelp(packageJson.description)}\n`);
		for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^ {4}\\$ sitrep ${c.name}\\b`, 'm'));
		for (const face of FACES) for (const name of flagNames(face)) expect(r.out).toContain(label(name, face.flags));
		expect(r.out).toContain('--mark-seen');
		expect(r.out).toContain('0 ok · 1 validate found errors (or warnings with --strict) · 2 usage error');
		expect(r.out).toContain('5 watch: an alert rule fired · 130 interrupted (Ctrl-C, SIGINT) · 143 SIGTERM');
		expect(r.out).toContain('129 SIGHUP (terminal gone) · 70 internal error');
		expect(r.out).toContain('  Search queries\n    free words (typos forgiven)');
		expect(r.out).toContain('  Risk score\n    Risk score for a country');
	});

	it("each command's --help gives its usage, its flags and the global ones, and its examples", async () => {
		for (const c of COMMANDS) {
			const r = run([c.name, '--help']);
			expect(r.code, c.name).toBe(0);
			expect(r.out, c.name).toBe(`${await commandHelp(c)}\n`);
			expect(r.out).toContain(`  sitrep ${c.name}: ${c.summary}`);
			for (const u of c.usage) expect(r.out).toContain(`    $ sitrep ${u}`);
			for (const name of [...flagNames(c), ...Object.keys(GLOBAL_FLAGS)]) {
				expect(r.out, `${c.name} ${name}`).toMatch(
					new RegExp(`^ {4}${label(name, { ...c.flags, ...GLOBAL_FLAGS }).replace(/[|.[\]]/g, '\\$&')}  `, 'm'),
				);
			}
			for (const e of c.examples) expect(r.out).toContain(`    $ ${e}`);
			// Only its own: another command's flag is not listed.
			expect(r.out.includes('--dry-run'), c.name).toBe('dry-run' in c.flags);
		}
		expect(run(['risk', '--help']).out).toContain('score = (365 / window days) / 0.75');
		expect(run(['search', '--help']).out).toContain('-word to exclude');
	});

	it('--help wins over a wrong flag beside it, which is what a confused user types', () => {
		const r = run(['risk', '--dry-run', '--help']);
		expect(r.code).toBe(0);
		expect(r.out).toContain('sitrep risk: risk by country');
	});
});

describe('usage errors (exit 2), each with the nearest command or flag', () => {
	it('an unknown command names the one meant, and nothing runs', () => {
		const riks = run(['riks']);
		expect(riks.code).toBe(2);
		expect(riks.out).toBe('');
		expect(riks.err.split('\n')[0]).toBe('sitrep: unknown command "riks" (did you mean risk?)');
		expect(run(['timline', '--json']).err).toContain('unknown command "timline" (did you mean timeline?)');
		expect(run(['val']).err).toContain('(did you mean validate?)');
		const far = run(['frobnicate']);
		expect(far.code).toBe(2);
		expect(far.err).not.toContain('did you mean');
		expect(far.err).toContain(`Commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
	});

	it('a mistyped flag names the flag the command takes', () => {
		const r = run(['timeline', '--contry', 'AF']);
		expect(r.code).toBe(2);
		expect(r.err.trim()).toBe('sitrep timeline: unknown flag --contry (did you mean --country?)');
		for (const c of COMMANDS) {
			const flag = flagNames(c)[0] as string;
			// One letter dropped: "json" → "jon", "strict" → "srict".
			const typo = flag.slice(0, 1) + flag.slice(2);
			const t = run([c.name, `--${typo}`]);
			expect(t.code, c.name).toBe(2);
			expect(t.out, c.name).toBe('');
			expect(t.err, c.name).toContain(`sitrep ${c.name}: unknown flag --${typo} (did you mean --${flag}?)`);
		}
	});

	it("another command's flag is refused, with the commands that take it and the flags this one takes", () => {
		const r = run(['risk', '--dry-run']);
		expect(r.code).toBe(2);
		expect(r.out).toBe('');
		expect(r.err.split('\n').slice(0, 2)).toEqual([
			'sitrep risk: unknown flag --dry-run (import, ingest and fetch take it)',
			'sitrep risk takes --window DAYS, --as-of DATE, --machine-coded, --json; every command takes --data DIR, --no-color, --help, --version (see sitrep risk --help)',
		]);
		const everyFlag = new Map(FACES.flatMap((f) => Object.entries(f.flags)));
		for (const c of COMMANDS) {
			const [foreign, flag] = [...everyFlag].find(([name]) => !(name in c.flags)) ?? [];
			if (!foreign || !flag) continue;
			const t = run([c.name, `--${foreign}`, ...(flag.type === 'boolean' ? [] : ['30'])]);
			expect(t.code, `${c.name} --${foreign}`).toBe(2);
			expect(t.out, `${c.name} --${foreign}`).toBe('');
			expect(t.err).toContain(`sitrep ${c.name}: unknown flag --${foreign}`);
		}
		// The dashboard's own flags are its own too.
		expect(run(['--json']).err).toContain('sitrep: unknown flag --json (most commands take it)');
	});

	it('words where a command takes none, a missing value, a repeated flag and a flag with a value it does not take', () => {
		expect(run(['timeline', 'AF'])).toMatchObject({
			code: 2,
			err: 'sitrep timeline: takes no arguments, found "AF"\n',
		});
		expect(run(['timeline', '--limit'])).toMatchObject({
			code: 2,
			err: 'sitrep timeline: --limit needs a value (N)\n',
		});
		expect(run(['timeline', '--limit', '--json']).err).toContain('--limit needs a value (N)');
		expect(run(['timeline', '--limit', 'ten']).err).toContain('--limit: expected a number, found "ten"');
		const twice = run(['timeline', '--limit', '2', '--limit', '3']);
		expect(twice).toMatchObject({ code: 2, out: '' });
		expect(twice.err).toContain('--limit was given twice ("2", then "3")');
		expect(twice.err).not.toMatch(/at .*\.js:\d+/);
		expect(run(['risk', '--json=false']).err).toContain('--json takes no value');
		expect(run(['risk', '-j']).err).toContain('sitrep risk: unknown flag -j (did you mean --json?)');
	});
});

describe('reading the command line', () => {
	it('a search query keeps its -word exclusions; flags go anywhere, the command first or after global flags', () => {
		const r = run(['search', 'kabul', '-airport', '--json', '--limit', '3']);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.out);
		expect(json.query).toBe('kabul -airport');
		expect(json.parsed.exclude).toEqual([['airport']]);
		expect(JSON.parse(run(['--limit', '2', 'timeline', '--json']).out).shown).toBe(2);
	});

	it('every example in the definitions is a valid command line', () => {
		for (const face of FACES) {
			for (const example of face.examples) {
				const words = [...example.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
				expect(words[0], example).toBe('sitrep');
				const parsed = parseArgv(words.slice(1));
				expect(parsed.ok ? '' : parsed.lines.join('\n'), example).toBe('');
			}
		}
	});

	it('usage lines name only flags their command takes, and a flag name means one thing everywhere', () => {
		const kinds = new Map<string, string>();
		for (const face of FACES) {
			for (const line of face.usage) {
				for (const [, name] of line.matchAll(/--([a-z-]+)/g)) {
					expect(name && (name in face.flags || name in GLOBAL_FLAGS), `${face.name || 'sitrep'}: ${line}`).toBe(true);
				}
			}
			for (const [name, flag] of Object.entries<Flag>({ ...GLOBAL_FLAGS, ...face.flags })) {
				const kind = `${flag.type}${flag.multiple ? '[]' : ''}`;
				expect(kinds.get(name) ?? kind, `--${name}`).toBe(kind);
				kinds.set(name, kind);
			}
		}
		const names = COMMANDS.map((c) => c.name);
		expect(new Set(names).size).toBe(names.length);
	});
});

describe('docs/commands.md', () => {
	it('is what the definitions say (npm run docs:commands writes it)', async () => {
		expect(readFileSync(COMMANDS_DOC, 'utf8'), 'docs/commands.md is out of date: npm run docs:commands').toBe(
			await commandsMarkdown(),
		);
	});
});
