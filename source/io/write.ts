// Adds and updates records in a data directory without losing any: a record
// whose id is already on disk is replaced where it lives, a new one goes to
// the caller's file. Planning reads and compares; only commitPlan writes, and
// it writes every file or none: each file is staged as io/atomic.ts stages
// one, and the renames are undone if any of them fails.
import * as fs from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { KINDS, type Kind, recordSchemas } from '../core/schema.js';
import { tempPathFor, writeNewFile } from './atomic.js';
import { kindFiles } from './load/files.js';
import { LOCK_NAME } from './lockName.js';

export interface Upsert {
	kind: Kind;
	records: Record<string, unknown>[];
	/** Where new records go, relative to the data dir: 'incidents/ucdp.jsonl', 'actors/imported.json'... */
	newFile: string;
}

export interface KindCounts {
	imported: string[];
	updated: string[];
	unchanged: string[];
}

export interface WritePlan {
	dir: string;
	counts: Partial<Record<Kind, KindCounts>>;
	files: { path: string; text: string }[];
}

export class WriteError extends Error {}

/** A record file as it is on disk, editable in place. */
interface DataFile {
	path: string;
	kind: Kind;
	format: 'json' | 'jsonl';
	/** json: the parsed file; jsonl: one entry per line (undefined for blank lines). */
	json?: unknown;
	list?: unknown[];
	lines?: (string | undefined)[];
	/** jsonl: parsed values by line index. */
	values?: Map<number, unknown>;
	changed: boolean;
}

export function keyOf(record: unknown): string | undefined {
	if (record === null || typeof record !== 'object') return undefined;
	const r = record as Record<string, unknown>;
	const key = r.id ?? r.code;
	return typeof key === 'string' ? key : undefined;
}

function readDataFile(path: string, kind: Kind): DataFile {
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch (err) {
		throw new WriteError(`cannot read ${path}: ${(err as Error).message}`);
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const broken = (what: string) =>
		new WriteError(`${path} ${what}; nothing was written (run \`sitrep validate\` and fix it first)`);
	if (path.endsWith('.json')) {
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch (err) {
			throw broken(`is not valid JSON (${(err as Error).message})`);
		}
		const list = Array.isArray(json)
			? json
			: json !== null && typeof json === 'object' && Array.isArray((json as Record<string, unknown>)[kind])
				? ((json as Record<string, unknown>)[kind] as unknown[])
				: json !== null && typeof json === 'object'
					? undefined
					: null;
		if (list === null) throw broken(`holds neither a list of ${kind} nor a ${kind} record`);
		// A single-record file (folders allow them) is a list of one.
		return { path, kind, format: 'json', json, list: list ?? [json], changed: false };
	}
	const lines: (string | undefined)[] = text.split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	const values = new Map<number, unknown>();
	lines.forEach((line, i) => {
		const body = line?.replace(/\r$/, '') ?? '';
		if (body.trim() === '') return;
		try {
			values.set(i, JSON.parse(body));
		} catch {
			throw broken(`has invalid JSON on line ${i + 1}`);
		}
	});
	return { path, kind, format: 'jsonl', lines, values, changed: false };
}

/** Key-order-independent form with schema defaults applied, so equal records compare equal. */
function canonical(kind: Kind, record: unknown): string {
	const parsed = recordSchemas[kind].safeParse(record);
	const value = parsed.success ? (parsed.data as Record<string, unknown>) : (record as Record<string, unknown>);
	return stable(value);
}

function stable(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([k, v]) => k !== '$schema' && v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

function serialize(file: DataFile): string {
	if (file.format === 'json') {
		const single = !Array.isArray(file.json) && !Array.isArray((file.json as Record<string, unknown>)[file.kind]);
		const value = single ? file.list?.[0] : file.json;
		return `${JSON.stringify(value, null, 2)}\n`;
	}
	return (file.lines ?? []).map((l) => `${l ?? ''}\n`).join('');
}

function newFileFor(dir: string, kind: Kind, rel: string): DataFile {
	const path = join(dir, rel);
	if (rel.endsWith('.json')) {
		const schema = relative(dirname(path), join(dir, 'schema', `${kind}.schema.json`))
			.split('\\')
			.join('/');
		const list: unknown[] = [];
		return { path, kind, format: 'json', json: { $schema: schema, [kind]: list }, list, changed: false };
	}
	return { path, kind, format: 'jsonl', lines: [], values: new Map(), changed: false };
}

export function planUpserts(dir: string, upserts: Upsert[]): WritePlan {
	const plan: WritePlan = { dir, counts: {}, files: [] };
	const touched: DataFile[] = [];
	for (const kind of KINDS) {
		const mine = upserts.filter((u) => u.kind === kind);
		if (mine.length === 0) continue;
		const files = kindFiles(dir, kind).map((p) => readDataFile(p, kind));
		// Where each id lives now: the loader keeps the first of duplicates, so do we.
		const where = new Map<string, { file: DataFile; at: number }>();
		for (const file of files) {
			if (file.format === 'json') {
				file.list?.forEach((rec, at) => {
					const key = keyOf(rec);
					if (key !== undefined && !where.has(key)) where.set(key, { file, at });
				});
			} else {
				for (const [at, rec] of file.values ?? []) {
					const key = keyOf(rec);
					if (key !== undefined && !where.has(key)) where.set(key, { file, at });
				}
			}
		}
		const counts: KindCounts = plan.counts[kind] ?? { imported: [], updated: [], unchanged: [] };
		plan.counts[kind] = counts;
		for (const upsert of mine) {
			const target = join(dir, upsert.newFile);
			let fresh = files.find((f) => f.path === target);
			for (const record of upsert.records) {
				const key = keyOf(record);
				if (key === undefined) throw new WriteError(`a ${kind} record without an id reached the writer`);
				const found = where.get(key);
				if (found) {
					const old = found.file.format === 'json' ? found.file.list?.[found.at] : found.file.values?.get(found.at);
					// Most re-imported records are byte-for-byte the same: skip schema parsing for those.
					if (stable(old) === stable(record) || canonical(kind, old) === canonical(kind, record)) {
						counts.unchanged.push(key);
						continue;
					}
					put(found.file, found.at, record);
					counts.updated.push(key);
					continue;
				}
				if (!fresh) {
					fresh = newFileFor(dir, kind, upsert.newFile);
					files.push(fresh);
				}
				const at = append(fresh, record);
				where.set(key, { file: fresh, at });
				counts.imported.push(key);
			}
		}
		for (const f of files) if (f.changed) touched.push(f);
	}
	plan.files = touched.map((f) => ({ path: f.path, text: serialize(f) }));
	return plan;
}

function put(file: DataFile, at: number, record: Record<string, unknown>): void {
	file.changed = true;
	if (file.format === 'json') {
		const old = file.list?.[at] as Record<string, unknown> | undefined;
		// Keep an editor's $schema pointer on single-record files.
		const schema = old && typeof old.$schema === 'string' ? { $schema: old.$schema } : {};
		if (file.list) file.list[at] = { ...schema, ...record };
		return;
	}
	file.values?.set(at, record);
	if (file.lines) file.lines[at] = JSON.stringify(record);
}

function append(file: DataFile, record: Record<string, unknown>): number {
	file.changed = true;
	if (file.format === 'json') {
		file.list?.push(record);
		return (file.list?.length ?? 1) - 1;
	}
	const lines = file.lines ?? [];
	lines.push(JSON.stringify(record));
	file.values?.set(lines.length - 1, record);
	return lines.length - 1;
}

/** The file-system calls commitPlan makes; tests pass failing ones. */
export interface FileOps {
	mkdir(path: string): void;
	writeFile(path: string, text: string): void;
	rename(from: string, to: string): void;
	copyFile(from: string, to: string): void;
	unlink(path: string): void;
	exists(path: string): boolean;
}

export const realFileOps: FileOps = {
	mkdir: (path) => fs.mkdirSync(path, { recursive: true }),
	writeFile: writeNewFile,
	rename: (from, to) => fs.renameSync(from, to),
	copyFile: (from, to) => fs.copyFileSync(from, to),
	unlink: (path) => fs.rmSync(path, { force: true }),
	exists: (path) => fs.existsSync(path),
};

/** Writes every file of the plan, or — on any failure — leaves the directory as it was. */
export function commitPlan(plan: WritePlan, ops: FileOps = realFileOps): void {
	const tag = `${process.pid}-${Date.now().toString(36)}`;
	const temps: { tmp: string; path: string }[] = [];
	const created: string[] = [];
	const backups: { path: string; backup: string }[] = [];
	const madeDirs: string[] = [];
	const cleanup = () => {
		for (const t of temps) safely(() => ops.unlink(t.tmp));
		// Deepest first; a folder that is not empty stays.
		for (const d of [...madeDirs].reverse()) safely(() => fs.rmdirSync(d));
	};
	try {
		for (const file of plan.files) {
			const dir = dirname(file.path);
			if (!ops.exists(dir)) {
				for (let d = dir; !ops.exists(d); d = dirname(d)) madeDirs.unshift(d);
				ops.mkdir(dir);
			}
			const tmp = tempPathFor(file.path);
			temps.push({ tmp, path: file.path });
			ops.writeFile(tmp, file.text);
		}
		// Keep copies of what is replaced, so a failed rename can be undone.
		for (const { path } of temps) {
			if (ops.exists(path)) {
				const backup = `${path}.sitrep-bak-${tag}`;
				ops.copyFile(path, backup);
				backups.push({ path, backup });
			}
		}
	} catch (err) {
		cleanup();
		for (const b of backups) safely(() => ops.unlink(b.backup));
		throw new WriteError(`nothing was written: ${(err as Error).message}`);
	}
	try {
		for (const { tmp, path } of temps) {
			const existed = ops.exists(path);
			ops.rename(tmp, path);
			if (!existed) created.push(path);
		}
	} catch (err) {
		for (const b of backups) {
			// Renames may be what is failing: fall back to copying the saved original back.
			safely(() => {
				try {
					ops.rename(b.backup, b.path);
				} catch {
					ops.copyFile(b.backup, b.path);
					ops.unlink(b.backup);
				}
			});
		}
		for (const path of created) safely(() => ops.unlink(path));
		cleanup();
		throw new WriteError(`nothing was written (changes rolled back): ${(err as Error).message}`);
	}
	for (const b of backups) safely(() => ops.unlink(b.backup));
}

function safely(f: () => void): void {
	try {
		f();
	} catch {
		// Best effort: the original error is the one worth reporting.
	}
}

/** The lock file that keeps two sitrep processes from writing one data directory at once. */
export { LOCK_NAME };

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function ageMs(path: string): number {
	try {
		return Date.now() - fs.statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

function alive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** A held lock: call to let it go (once; safe to repeat). */
export type Release = () => void;

/**
 * Takes the lock file `name` in `dir`, waiting up to `timeoutMs` (0: not at
 * all) while another live process holds it. A lock left by a process that is
 * gone is taken over. Throws WriteError when it cannot be had; `busy` says
 * whether another sitrep holds it (and which).
 */
export function takeLock(
	dir: string,
	name: string,
	opts: {
		timeoutMs?: number;
		/** Called once, when another live holder has it and this one starts waiting (its pid if known). */
		onWait?: (holder: number | undefined) => void;
		/** The message when the wait is over; given the holder's pid. */
		busy?: (holder: string) => string;
	} = {},
): Release {
	const timeout = opts.timeoutMs ?? 60_000;
	const lock = join(dir, name);
	const started = Date.now();
	let waiting = false;
	for (;;) {
		try {
			const fd = fs.openSync(lock, 'wx', 0o644);
			try {
				fs.writeFileSync(fd, `${process.pid}\n`);
			} finally {
				fs.closeSync(fd);
			}
			break;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw new WriteError(`cannot lock ${dir}: ${(err as Error).message}`);
			}
		}
		let holder = Number.NaN;
		try {
			holder = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
		} catch {
			// Released (or not yet written) meanwhile: try again.
		}
		// A holder that is gone, or a lock never filled in (its writer died at once), is stale.
		const stale = Number.isNaN(holder) ? ageMs(lock) > 5000 : !alive(holder);
		if (stale) {
			safely(() => fs.rmSync(lock, { force: true }));
			continue;
		}
		if (!waiting) {
			waiting = true;
			opts.onWait?.(Number.isNaN(holder) ? undefined : holder);
		}
		if (Date.now() - started >= timeout) {
			const pid = Number.isNaN(holder) ? '?' : String(holder);
			throw new WriteError(opts.busy ? opts.busy(pid) : `another sitrep (pid ${pid}) holds ${lock}`);
		}
		Atomics.wait(sleeper, 0, 0, 25);
	}
	let held = true;
	return () => {
		if (!held) return;
		held = false;
		safely(() => fs.rmSync(lock, { force: true }));
	};
}

/**
 * Runs plan-and-commit while holding the data directory's write lock, so a
 * second import or ingest waits instead of writing over the first one's
 * changes (each plans from the files as they are, then replaces them whole).
 * A lock left by a process that is gone is taken over.
 */
export function withDataLock<T>(
	dir: string,
	fn: () => T,
	opts: {
		timeoutMs?: number;
		/** Called once, when another live writer holds the lock and this one starts waiting (its pid if known). */
		onWait?: (holder: number | undefined) => void;
	} = {},
): T {
	const madeDir = !fs.existsSync(dir);
	try {
		fs.mkdirSync(dir, { recursive: true });
	} catch (err) {
		throw new WriteError(`cannot create the data directory ${dir}: ${(err as Error).message}`);
	}
	const lock = join(dir, LOCK_NAME);
	let release: Release;
	try {
		release = takeLock(dir, LOCK_NAME, {
			...opts,
			busy: (pid) =>
				`another sitrep (pid ${pid}) is writing to ${dir}; nothing was written (try again, or remove ${lock} if no sitrep is running)`,
		});
	} catch (err) {
		if (madeDir) safely(() => fs.rmdirSync(dir));
		throw err;
	}
	try {
		return fn();
	} finally {
		release();
		// A directory made only to hold the lock goes again when nothing was written into it.
		if (madeDir) safely(() => fs.rmdirSync(dir));
	}
}
