// Broken data files. Every case is a directory under tests/fixtures/broken/
// holding a small data dir and a case.json saying what must be reported (the
// file, the record as a JSON pointer, the reason as a regex, the position
// when there is one) and how many records must still load. Cases too big or
// too odd to commit (10 MB strings, 100k nested arrays, a 3 GB file, an
// unreadable file) are made by `generate` in a temp copy at run time.
import { spawnSync } from 'node:child_process';
import {
	chmodSync,
	closeSync,
	cpSync,
	existsSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	truncateSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem, Severity } from '../../source/core/problems.js';
import { KINDS, type Kind } from '../../source/core/schema.js';
import { loadDataDir } from '../../source/io/load/load.js';
import type { Check, Row } from './types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/broken/', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CLI_SOURCE = fileURLToPath(new URL('../../source/cli.tsx', import.meta.url));

/** One problem that must be reported. */
export interface Expect {
	/** The data file, relative to the case's directory. */
	file: string;
	/** JSON pointer of the record or field ("" for the whole file); the problem's pointer is it or inside it. */
	record: string;
	/** Regex the message must match. */
	reason: string;
	severity?: Severity;
	/** Exact position, when given; a problem about a record or a syntax error must have one regardless. */
	line?: number;
	col?: number;
}

export interface Case extends Partial<Expect> {
	what: string;
	/** Further problems that must be reported too. */
	also?: Expect[];
	/** The exact number of problems, when given. */
	problems?: number;
	/** Records that must load, per kind. */
	loaded: Partial<Record<Kind, number>>;
	/** Records that must be skipped, per kind (every other kind: none). */
	skipped?: Partial<Record<Kind, number>>;
	/** Made at run time in a temp copy: a key of GENERATORS. */
	generate?: string;
	/** Assert that loading polluted no prototype and no record inherits a field. */
	prototype?: boolean;
	/** Also run `sitrep validate` on it: the exit code, and the first problem printed as file:line:col. */
	cli?: { exit: number };
}

export interface CaseResult {
	name: string;
	what: string;
	/** Failures of "reported with file + record + reason". */
	reported: string[];
	/** Failures of "every other record still loads". */
	kept: string[];
	/** Why the case could not run here, when it could not (it then counts in neither row). */
	skippedBecause?: string;
	note?: string;
}

interface Outcome {
	problems: Problem[];
	loaded: Record<Kind, number>;
	skipped: Record<Kind, number>;
	/** In-process loads only: the records, for the prototype checks. */
	records?: Record<Kind, readonly object[]>;
}

/** The cases, in name order. */
export function caseNames(): string[] {
	return readdirSync(FIXTURES)
		.filter((name) => existsSync(join(FIXTURES, name, 'case.json')))
		.sort();
}

export function readCase(name: string): Case {
	return JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8')) as Case;
}

// --- generated cases --------------------------------------------------------

const SAMPLE = {
	date: '2024-05-01',
	country: 'AF',
	type: 'other',
	description: 'Generated at test time.',
	sources: [{ outlet: 'Reuters', date: '2024-05-01' }],
};

/** Appends records given as JSON text to the case's incidents.json ({"incidents": [...]}, two-space indent). */
function appendIncidents(dir: string, records: string[]): void {
	const file = join(dir, 'incidents.json');
	const text = readFileSync(file, 'utf8');
	const end = text.lastIndexOf('\n  ]');
	writeFileSync(file, `${text.slice(0, end)},\n    ${records.join(',\n    ')}${text.slice(end)}`);
}

/** 100,000 nested arrays, written as text: JSON.stringify would itself overflow the stack. */
const DEEP = '['.repeat(100_000) + ']'.repeat(100_000);

interface Generated {
	/** The case runs through `sitrep validate` as this user instead (root reads a chmod 000 file). */
	asUser?: number;
	note?: string;
	skippedBecause?: string;
}

const GENERATORS: Record<string, (dir: string) => Generated> = {
	'ten-mb-string': (dir) => {
		appendIncidents(dir, [
			JSON.stringify({ ...SAMPLE, id: 'inc-2024-05-01-long-description', description: 'x'.repeat(10_000_000) }),
			JSON.stringify({ ...SAMPLE, id: 'inc-2024-05-02-long-country', country: 'A'.repeat(10_000_000) }),
		]);
		return {};
	},
	'deep-nesting': (dir) => {
		const deep = (over: object) => JSON.stringify({ ...SAMPLE, ...over }).replace('"DEEP"', DEEP);
		appendIncidents(dir, [
			deep({ id: 'inc-2024-05-03-deep-tags', tags: 'DEEP' }),
			deep({ id: 'inc-2024-05-04-deep-notes', notes: 'DEEP' }),
		]);
		return {};
	},
	'deep-nesting-broken': (dir) => {
		appendIncidents(dir, [
			JSON.stringify({ ...SAMPLE, id: 'inc-2024-05-04-deep-notes', notes: 'DEEP' }).replace('"DEEP"', DEEP),
			'{"id": "inc-2024-06-01-broken", "date" "2024-06-01", "country": "AF"}',
		]);
		return {};
	},
	'sparse-3gb': (dir) => {
		const file = join(dir, 'incidents.json');
		writeFileSync(file, '');
		// Sparse: the size is set, no byte is written.
		truncateSync(file, 3_000_000_000);
		return {};
	},
	unreadable: (dir) => {
		const file = join(dir, 'incidents.json');
		chmodSync(file, 0o000);
		if (!canRead(file)) return {};
		// chmod does not stop root (or a process with CAP_DAC_OVERRIDE): read it as nobody instead.
		if (process.getuid?.() !== 0)
			return { skippedBecause: 'chmod 000 does not stop this user reading, and it is not root' };
		return { asUser: 65534, note: 'unreadable file checked as uid 65534 (chmod does not stop root)' };
	},
};

function canRead(file: string): boolean {
	try {
		closeSync(openSync(file, 'r'));
		return true;
	} catch {
		return false;
	}
}

// --- running ------------------------------------------------------------------

/**
 * The bundle, copied where another user can read it: the checkout itself may sit in a folder only
 * its owner can enter (a `mktemp -d` clone), and the unreadable-file case runs sitrep as nobody.
 */
function readableCli(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
	chmodSync(dir, 0o755);
	for (const name of readdirSync(dirname(CLI))) cpSync(join(dirname(CLI), name), join(dir, name));
	return join(dir, basename(CLI));
}

function cli(args: string[], opts: { uid?: number; configDir: string }) {
	const bundle = existsSync(CLI) && opts.uid !== undefined ? readableCli() : CLI;
	const argv = existsSync(CLI) ? [bundle] : ['--import', 'tsx', CLI_SOURCE];
	const r = spawnSync(process.execPath, [...argv, ...args], {
		encoding: 'utf8',
		env: {
			...process.env,
			SITREP_CONFIG_DIR: opts.configDir,
			SITREP_CACHE_DIR: '',
			HOME: opts.configDir,
			NO_COLOR: '1',
		},
		...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid }),
		maxBuffer: 64 * 1024 * 1024,
		timeout: 30_000,
	});
	if (bundle !== CLI) rmSync(dirname(bundle), { recursive: true, force: true });
	if (r.error) throw r.error;
	return { code: r.status, out: r.stdout, err: r.stderr };
}

function loadInProcess(dir: string): Outcome {
	const r = loadDataDir(dir);
	const loaded = Object.fromEntries(KINDS.map((k) => [k, r.store[k].length])) as Record<Kind, number>;
	return { problems: r.problems, loaded, skipped: r.skipped, records: r.store };
}

/** `sitrep validate --json` as another user: what that user's dashboard would load. */
function loadAsUser(dir: string, uid: number, configDir: string): Outcome {
	chmodSync(dir, 0o755);
	const r = cli(['validate', '--data', dir, '--json'], { uid, configDir });
	let json: Outcome & { ok: boolean };
	try {
		json = JSON.parse(r.out);
	} catch {
		throw new Error(`sitrep validate as uid ${uid} printed no JSON (exit ${r.code}): ${r.err.slice(0, 300)}`);
	}
	return { problems: json.problems, loaded: json.loaded, skipped: json.skipped };
}

/** The text at a 1-based line and column of a data file (BOM dropped, as the loader does). */
function textAt(file: string, line: number, col: number): string | undefined {
	let text: string;
	try {
		if (statSync(file).size > 50_000_000) return undefined;
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	let start = 0;
	for (let n = 1; n < line; n++) {
		start = text.indexOf('\n', start) + 1;
		if (start === 0) return undefined;
	}
	return text.slice(start + col - 1, start + col - 1 + 40);
}

const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Why the problem's line:col does not show what it is about, if it does not:
 * its field's key (or an array item's value), the record for a missing field,
 * the replaced character for bad UTF-8.
 */
function wrongPosition(p: Problem, file: string): string | undefined {
	if (p.line === undefined || p.pointer === '') return undefined;
	const at = textAt(file, p.line, p.col ?? 1);
	if (at === undefined) return undefined;
	const last = unescapePointer(p.pointer.split('/').pop() ?? '');
	let ok: boolean;
	if (p.message.startsWith('invalid UTF-8')) ok = at.startsWith('\uFFFD');
	else if (p.message.startsWith('missing required field')) ok = at.startsWith('{');
	else ok = at.startsWith(JSON.stringify(last)) || (/^\d+$/.test(last) && /^[[{"\-0-9tfn]/.test(at));
	return ok ? undefined : `${p.line}:${p.col} of ${p.pointer} shows ${JSON.stringify(at.slice(0, 20))}`;
}

function describe(p: Problem): string {
	const where = p.line === undefined ? '' : `:${p.line}:${p.col}`;
	return `${basename(p.file)}${where} ${p.pointer || '(file)'} ${p.severity}: ${p.message.slice(0, 160)}`;
}

function matches(p: Problem, e: Expect, dir: string): boolean {
	if (resolve(p.file) !== join(dir, e.file)) return false;
	if (e.record === '' ? p.pointer !== '' : p.pointer !== e.record && !p.pointer.startsWith(`${e.record}/`))
		return false;
	if (e.severity && p.severity !== e.severity) return false;
	return new RegExp(e.reason, 'u').test(p.message);
}

/** A problem about a record or field, or a syntax error, has a line:col; one about a whole file need not. */
const needsPosition = (e: Expect) => e.line !== undefined || e.record !== '' || /invalid JSON/.test(e.reason);

function checkReported(c: Case, out: Outcome, dir: string): string[] {
	const fails: string[] = [];
	const expected: Expect[] = [...(c.file !== undefined ? [c as Expect] : []), ...(c.also ?? [])];
	for (const e of expected) {
		const p = out.problems.find((q) => matches(q, e, dir));
		const label = `${e.file} ${e.record || '(file)'} /${e.reason}/`;
		if (!p) {
			fails.push(`no problem ${label}; got: ${out.problems.map(describe).join(' | ') || 'none'}`);
			continue;
		}
		if (e.line !== undefined && (p.line !== e.line || (e.col !== undefined && p.col !== e.col))) {
			fails.push(`${label}: at ${p.line}:${p.col}, expected ${e.line}:${e.col ?? '*'}`);
		}
		if (needsPosition(e) && p.line === undefined) fails.push(`${label}: no line:col`);
	}
	if (c.problems !== undefined && out.problems.length !== c.problems) {
		fails.push(`${out.problems.length} problems, expected ${c.problems}: ${out.problems.map(describe).join(' | ')}`);
	}
	for (const p of out.problems) {
		if (!p.file) fails.push(`a problem names no file: ${p.message}`);
		if (p.message.length > 300) fails.push(`a message of ${p.message.length} characters: ${p.message.slice(0, 80)}...`);
		const wrong = wrongPosition(p, resolve(p.file));
		if (wrong) fails.push(`position: ${wrong}`);
	}
	return fails;
}

function checkKept(c: Case, out: Outcome): string[] {
	const fails: string[] = [];
	for (const [kind, n] of Object.entries(c.loaded) as [Kind, number][]) {
		if (out.loaded[kind] !== n) fails.push(`loaded ${out.loaded[kind]} ${kind}, expected ${n}`);
	}
	for (const kind of KINDS) {
		const n = c.skipped?.[kind] ?? 0;
		if (out.skipped[kind] !== n) fails.push(`skipped ${out.skipped[kind]} ${kind}, expected ${n}`);
	}
	if (c.prototype) fails.push(...checkPrototypes(out));
	return fails;
}

/** No prototype polluted, and no record (or source inside one) with anything but plain own fields. */
function checkPrototypes(out: Outcome): string[] {
	const fails: string[] = [];
	if (({} as Record<string, unknown>).polluted !== undefined || Object.hasOwn(Object.prototype, 'polluted')) {
		fails.push('Object.prototype was polluted');
	}
	if (!out.records) return ['no records to check (not loaded in-process)'];
	for (const kind of KINDS) {
		for (const rec of out.records[kind]) {
			const nested = [
				rec,
				...(((rec as { sources?: unknown[] }).sources ?? []).filter((s) => typeof s === 'object') as object[]),
			];
			for (const o of nested) {
				if (Object.getPrototypeOf(o) !== Object.prototype) fails.push(`${kind} record with a replaced prototype`);
				if ('polluted' in o) fails.push(`${kind} record with a "polluted" field`);
				if (Object.hasOwn(o, '__proto__') || Object.hasOwn(o, 'constructor')) {
					fails.push(`${kind} record kept a __proto__ or constructor field`);
				}
			}
		}
	}
	// The "__proto__" object offered fatalities 99 and a claim: neither may reach the record.
	const rally = out.records.incidents.find((r) => (r as { id?: string }).id === 'inc-2024-04-02-quetta-rally') as
		| { fatalities?: number; claimedBy?: string }
		| undefined;
	if (rally && (rally.fatalities !== 3 || rally.claimedBy !== undefined)) {
		fails.push(`a field came from "__proto__": fatalities ${rally.fatalities}, claimedBy ${rally.claimedBy}`);
	}
	return fails;
}

/** `sitrep validate` exits as the case says and prints the first expected problem as file:line:col. */
function checkCli(c: Case, dir: string, configDir: string): string[] {
	if (!c.cli) return [];
	const r = cli(['validate', '--data', dir], { configDir });
	const fails: string[] = [];
	if (r.code !== c.cli.exit) fails.push(`sitrep validate exited ${r.code}, expected ${c.cli.exit}`);
	if (c.file !== undefined) {
		const e = c as Expect;
		const where = e.line !== undefined ? `:${e.line}:${e.col ?? '\\d+'}` : needsPosition(e) ? ':\\d+:\\d+' : '';
		const line = new RegExp(`^${join(dir, e.file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${where}(: | /)`, 'm');
		if (!line.test(r.out)) fails.push(`sitrep validate printed no ${e.file}${where} line: ${r.out.slice(0, 300)}`);
	}
	return fails;
}

export async function runCase(name: string): Promise<CaseResult> {
	const c = readCase(name);
	const result: CaseResult = { name, what: c.what, reported: [], kept: [] };
	const dir = mkdtempSync(join(tmpdir(), `sitrep-broken-${name}-`));
	const configDir = mkdtempSync(join(tmpdir(), 'sitrep-broken-config-'));
	chmodSync(configDir, 0o777);
	try {
		cpSync(join(FIXTURES, name), dir, { recursive: true, filter: (src) => basename(src) !== 'case.json' });
		const made = c.generate ? GENERATORS[c.generate]?.(dir) : {};
		if (!made) throw new Error(`case.json names an unknown generator: ${c.generate}`);
		if (made.skippedBecause) return { ...result, skippedBecause: made.skippedBecause };
		if (made.note) result.note = made.note;
		let out: Outcome;
		try {
			out = made.asUser === undefined ? loadInProcess(dir) : loadAsUser(dir, made.asUser, configDir);
		} catch (err) {
			// Not allowed to switch user here (no CAP_SETUID): the case cannot be made, which is no failure of sitrep.
			const code = (err as NodeJS.ErrnoException).code;
			if (made.asUser !== undefined && (code === 'EPERM' || code === 'EACCES')) {
				return { ...result, skippedBecause: `cannot run as uid ${made.asUser} to make the file unreadable (${code})` };
			}
			throw err;
		}
		result.reported = [...checkReported(c, out, dir), ...checkCli(c, dir, configDir)];
		result.kept = checkKept(c, out);
	} catch (err) {
		const crash = `crashed: ${(err as Error).stack?.split('\n').slice(0, 4).join(' ') ?? err}`;
		result.reported.push(crash);
		result.kept.push(crash);
	} finally {
		rmSync(dir, { recursive: true, force: true });
		rmSync(configDir, { recursive: true, force: true });
	}
	return result;
}

export const check: Check = async () => {
	const results: CaseResult[] = [];
	for (const name of caseNames()) results.push(await runCase(name));
	const ran = results.filter((r) => !r.skippedBecause);
	const notes = [
		`${ran.length} cases`,
		...results.filter((r) => r.skippedBecause).map((r) => `${r.name} skipped: ${r.skippedBecause}`),
		// Per-case notes (how the unreadable file was read, which depends on the user) stay out of the
		// table, so it reads the same wherever it runs; docs/reliability.md says it.
	];
	const row = (what: string, pick: (r: CaseResult) => string[]): Row => ({
		area: 'broken files',
		what,
		passed: ran.filter((r) => pick(r).length === 0).length,
		total: ran.length,
		note: notes.join('; '),
		failures: ran.flatMap((r) => pick(r).map((f) => `${r.name}: ${f}`)),
	});
	return [
		row('malformed fixtures rejected with file + record + reason', (r) => r.reported),
		row('other records still load', (r) => r.kept),
	];
};
