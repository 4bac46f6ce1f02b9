// Reads a data directory into a Store plus a list of Problems. Bad records
// are skipped and reported; bad files lose only what cannot be read. Every
// record goes through the fast check (core/recordCheck.ts); zod, which
// explains what is wrong, is passed in (load.ts) or loaded when a record
// first needs it (loadDataDirLazily): the dashboard's way to its first frame.
import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { findNodeAtLocation, type Node, type ParseError, type ParseOptions, parseTree } from 'jsonc-parser';
import { flattenDeep, invalidUtf8, offsetAtPath, pathAtOffset, recordRanges } from '../../core/jsonSplit.js';
import { linkEmptyArticles } from '../../core/link.js';
import { carryOriginal } from '../../core/originals.js';
import { type Located, pinpoint } from '../../core/pinpoint.js';
import { describeValue, formatBytes, type Problem, pointerOf, type Severity } from '../../core/problems.js';
import type { Actor, Article, Country, Incident, recordSchemas } from '../../core/schema.js';
import { KINDS, type Kind, singular } from '../../core/schemaBase.js';
import { buildStore, type Store } from '../../core/store.js';
import { checkRecord } from './checkRecord.js';
import { kindFiles } from './files.js';

export class DataDirError extends Error {}

/** The zod schemas of the four kinds (core/schema.ts). */
export type RecordSchemas = typeof recordSchemas;

/** A record needs zod and none was given: the lazy loaders load it and start again. */
export class SchemasNeeded extends Error {}

export interface LoadResult {
	store: Store;
	problems: Problem[];
	/** Records skipped per kind (invalid, unreadable or duplicate). */
	skipped: Record<Kind, number>;
	files: string[];
	/** The keys (id, or code) of the records each file read gave, in its order: which file holds what. */
	fileKeys?: Map<string, string[]>;
	/** Files that did not read cleanly as a whole (unreadable, empty, invalid JSON): what they gave may be partial. */
	broken?: Set<string>;
	/**
	 * When articles were left to load later: the warnings for incident sources
	 * naming an article that turns out not to exist. Positions are resolved
	 * only for those (resolving one per incident source would read every line).
	 */
	missingArticles?: (has: (article: string) => boolean) => Problem[];
}

interface Origin {
	file: string;
	/** Path inside the file's JSON (segments); for NDJSON, inside the line. */
	path: (string | number)[];
	/** For NDJSON: the 1-based line of the record. */
	line?: number;
}

interface PendingProblem {
	severity: Severity;
	origin: Origin;
	message: string;
	line?: number;
	col?: number;
}

/** From this size, a JSON file's records are parsed one by one from its bytes (jsonSplit.ts). */
const BIG_FILE_BYTES = 4_000_000;

/**
 * The biggest data file read. Big files are split from their bytes, but a
 * file with a syntax error, and the line numbers of any problem, need its
 * whole text as one string, and V8 strings stop at 2^29 - 24 characters
 * (~536 M): below that, every file can be judged and reported precisely.
 * Bigger ones are refused with a message (split them into a folder of files).
 */
export const MAX_FILE_BYTES = 512_000_000;

export function displayPath(file: string): string {
	const rel = relative(process.cwd(), file);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export interface LoadOptions {
	/** From this size a JSON file takes the big-file path: tests set 0 to run small files through it. */
	bigFileBytes?: number;
}

/**
 * Loads every kind, or only those named (an import needs just the actors and countries), with
 * zod's schemas for the records the fast check declines; without them such a record throws
 * SchemasNeeded (nothing has been changed by then: the load can start again).
 */
export function loadDataDirWith(
	schemas: RecordSchemas | undefined,
	dir: string,
	kinds: readonly Kind[] = KINDS,
	options: LoadOptions = {},
): LoadResult {
	if (!existsSync(dir) || !statSync(dir).isDirectory()) {
		throw new DataDirError(`data directory not found: ${dir}`);
	}
	const loader = new Loader(schemas, options.bigFileBytes);
	for (const kind of kinds) loader.loadKind(dir, kind);
	const articlesLater = !kinds.includes('articles') && hasFilesOf(dir, 'articles');
	if (loader.files.length === 0 && !articlesLater) {
		loader.pending.push({
			severity: 'error',
			origin: { file: dir, path: [] },
			message: `no data files found (expected ${KINDS.map((k) => `${k}.json`).join(', ')}, their .jsonl variants, or folders of the same names)`,
		});
	}
	// Articles that list no actors or countries get them linked from their text (core/link.ts).
	loader.records.articles = linkEmptyArticles(loader.records, (from, to) => {
		loader.origins.set(to, loader.origins.get(from)!);
		carryOriginal(from, to);
	});
	const store = buildStore(dir, loader.records);
	const { now, articleRefs } = crossCheck(store, loader.origins, { articlesLoaded: !articlesLater });
	for (const p of now) loader.pending.push(p);
	const result: LoadResult = {
		store,
		problems: loader.resolve(),
		skipped: loader.skipped,
		files: loader.files,
		fileKeys: loader.fileKeys,
		broken: loader.broken,
	};
	if (articlesLater) {
		const files = loader.files;
		result.missingArticles = (has) => {
			const later = new Loader(schemas);
			later.files = files;
			return later.resolve(
				articleRefs.filter((r) => !has(r.article)).map((r) => r.problem),
				false,
			);
		};
	}
	return result;
}

function hasFilesOf(dir: string, kind: Kind): boolean {
	return [`${kind}.json`, `${kind}.jsonl`, kind].some((name) => existsSync(join(dir, name)));
}

export interface ArticlesResult {
	articles: Article[];
	problems: Problem[];
	skipped: number;
	files: string[];
	fileKeys?: Map<string, string[]>;
	broken?: Set<string>;
}

/**
 * Just the articles of a data dir, linked and checked against the actors and
 * countries already loaded: the dashboard's second step, run in a worker.
 */
export function loadArticlesWith(
	schemas: RecordSchemas | undefined,
	dir: string,
	known: { actors: Actor[]; countries: Country[] },
): ArticlesResult {
	const loader = new Loader(schemas);
	loader.loadKind(dir, 'articles');
	loader.records.articles = linkEmptyArticles(
		{ articles: loader.records.articles, actors: known.actors, countries: known.countries },
		(from, to) => {
			loader.origins.set(to, loader.origins.get(from)!);
			carryOriginal(from, to);
		},
	);
	const store = buildStore(dir, { ...loader.records, actors: known.actors, countries: known.countries });
	for (const p of crossCheck(store, loader.origins, { articlesLoaded: true, onlyArticles: true }).now) {
		loader.pending.push(p);
	}
	return {
		articles: loader.records.articles,
		problems: loader.resolve(),
		skipped: loader.skipped.articles,
		files: loader.files,
		fileKeys: loader.fileKeys,
		broken: loader.broken,
	};
}

/** A data file and its kind; `inFolder`: in a KIND/ folder, where a file may hold a single record. */
export interface DataFile {
	file: string;
	kind: Kind;
	inFolder: boolean;
}

/** What reading some of a data directory's files gave: the records kept, and per file their keys. */
export interface FilesResult {
	records: { articles: Article[]; incidents: Incident[]; actors: Actor[]; countries: Country[] };
	fileKeys: Map<string, string[]>;
	problems: Problem[];
	broken: Set<string>;
	files: string[];
}

/** A whole directory's load in the shape a read of some of its files has (a live re-read that took everything). */
export function filesResultOf(all: LoadResult): FilesResult {
	const { articles, incidents, actors, countries } = all.store;
	return {
		records: { articles, incidents, actors, countries },
		fileKeys: all.fileKeys ?? new Map(),
		problems: all.problems,
		broken: all.broken ?? new Set(),
		files: all.files,
	};
}

/**
 * Reads the files named (the live dashboard's changed files), checked and linked against the
 * actors and countries given, and incidents' article references against `articleIds`. A key
 * that comes twice among these files is reported and kept once; against the files not read
 * the caller decides.
 */
export function loadFilesWith(
	schemas: RecordSchemas | undefined,
	files: readonly DataFile[],
	known: { actors: Actor[]; countries: Country[]; articleIds?: readonly string[] },
): FilesResult {
	const loader = new Loader(schemas);
	for (const kind of KINDS) for (const f of files) if (f.kind === kind) loader.loadFile(f.file, kind, f.inFolder);
	loader.records.articles = linkEmptyArticles(
		{ articles: loader.records.articles, actors: known.actors, countries: known.countries },
		(from, to) => {
			loader.origins.set(to, loader.origins.get(from)!);
			carryOriginal(from, to);
		},
	);
	const actors = [...known.actors, ...loader.records.actors];
	const countries = [...known.countries, ...loader.records.countries];
	const store = buildStore('', { ...loader.records, actors, countries });
	const articleIds = known.articleIds ? new Set(known.articleIds) : undefined;
	const hasArticle = (id: string) => store.articleById.has(id) || (articleIds?.has(id) ?? false);
	for (const p of crossCheck(store, loader.origins, { articlesLoaded: true, hasArticle }).now) {
		loader.pending.push(p);
	}
	return {
		records: loader.records,
		fileKeys: loader.fileKeys,
		problems: loader.resolve(),
		broken: loader.broken,
		files: loader.files,
	};
}

/** loadFilesWith, with zod imported only if a record needs it. */
export function loadFilesLazily(
	files: readonly DataFile[],
	known: { actors: Actor[]; countries: Country[]; articleIds?: readonly string[] },
): Promise<FilesResult> {
	return lazily(
		() => files.reduce((n, f) => n + sizeOrZero(f.file), 0),
		(schemas) => loadFilesWith(schemas, files, known),
	);
}

function sizeOrZero(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

let loadedSchemas: RecordSchemas | undefined;

/** zod and the record schemas, imported once. */
export async function recordSchemasLoaded(): Promise<RecordSchemas> {
	loadedSchemas ??= (await import('../../core/schema.js')).recordSchemas;
	return loadedSchemas;
}

/** Bytes of the kinds' data files (what cannot be read counts nothing: the loader reports it). */
function dataBytes(dir: string, kinds: readonly Kind[]): number {
	let total = 0;
	for (const kind of kinds) {
		for (const file of kindFiles(dir, kind)) {
			try {
				total += statSync(file).size;
			} catch {
				// Reported by the loader.
			}
		}
	}
	return total;
}

/**
 * Runs a load without zod until a record needs it, then imports zod and runs it again. From
 * BIG_FILE_BYTES of data, zod is imported first: running such a load again would cost what it
 * took (a clean big set needs no zod, but one unusual record anywhere does).
 */
async function lazily<T>(bytes: () => number, load: (schemas: RecordSchemas | undefined) => T): Promise<T> {
	if (!loadedSchemas && bytes() >= BIG_FILE_BYTES) await recordSchemasLoaded();
	try {
		return load(loadedSchemas);
	} catch (err) {
		if (!(err instanceof SchemasNeeded)) throw err;
	}
	return load(await recordSchemasLoaded());
}

/** loadDataDirWith, with zod imported only if a record needs it. Rejects with DataDirError as that throws it. */
export function loadDataDirLazily(
	dir: string,
	kinds: readonly Kind[] = KINDS,
	options: LoadOptions = {},
): Promise<LoadResult> {
	return lazily(
		() => dataBytes(dir, kinds),
		(schemas) => loadDataDirWith(schemas, dir, kinds, options),
	);
}

/** loadArticlesWith, with zod imported only if a record needs it. */
export function loadArticlesLazily(
	dir: string,
	known: { actors: Actor[]; countries: Country[] },
): Promise<ArticlesResult> {
	return lazily(
		() => dataBytes(dir, ['articles']),
		(schemas) => loadArticlesWith(schemas, dir, known),
	);
}

class Loader {
	constructor(
		private readonly schemas: RecordSchemas | undefined,
		private readonly bigFileBytes = BIG_FILE_BYTES,
	) {}

	private schema<K extends Kind>(kind: K): RecordSchemas[K] {
		if (!this.schemas) throw new SchemasNeeded();
		return this.schemas[kind];
	}
	files: string[] = [];
	pending: PendingProblem[] = [];
	skipped: Record<Kind, number> = { articles: 0, incidents: 0, actors: 0, countries: 0 };
	records = {
		articles: [] as Article[],
		incidents: [] as Incident[],
		actors: [] as Actor[],
		countries: [] as Country[],
	};
	origins = new Map<object, Origin>();
	/** Per file read, the keys of the records it gave (a file that gave none has an empty list). */
	fileKeys = new Map<string, string[]>();
	broken = new Set<string>();
	private seen: Record<Kind, Map<string, Origin>> = {
		articles: new Map(),
		incidents: new Map(),
		actors: new Map(),
		countries: new Map(),
	};
	// File texts are read again only for files with problems: keeping 100 MB of text alive for line numbers would not do.
	private texts = new Map<string, string | undefined>();
	private textOf(file: string): string | undefined {
		if (!this.texts.has(file)) {
			try {
				const text = readFileSync(file, 'utf8');
				this.texts.set(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
			} catch {
				this.texts.set(file, undefined);
			}
		}
		return this.texts.get(file);
	}

	loadKind(dir: string, kind: Kind): void {
		const json = join(dir, `${kind}.json`);
		const jsonl = join(dir, `${kind}.jsonl`);
		const folder = join(dir, kind);
		if (existsSync(json)) this.loadFile(json, kind, false);
		if (existsSync(jsonl)) this.loadFile(jsonl, kind, false);
		if (existsSync(folder) && statSync(folder).isDirectory()) {
			let names: string[];
			try {
				names = readdirSync(folder).sort();
			} catch (err) {
				this.files.push(folder);
				this.problem('error', { file: folder, path: [] }, `cannot read folder: ${(err as Error).message}`);
				return;
			}
			for (const name of names) this.loadFile(join(folder, name), kind);
		}
	}

	/** One data file, by its name: .json (a folder's may hold a single record), .jsonl and .ndjson. */
	loadFile(file: string, kind: Kind, inFolder = true): void {
		if (file.endsWith('.json')) {
			this.fileKeys.set(file, []);
			this.loadJsonFile(file, kind, inFolder);
		} else if (file.endsWith('.jsonl') || file.endsWith('.ndjson')) {
			this.fileKeys.set(file, []);
			this.loadNdjson(file, kind);
		}
	}

	private read(file: string, ndjson = false): string | undefined {
		this.files.push(file);
		try {
			const bytes = readFileSync(file);
			const text = bytes.toString('utf8');
			const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
			if (!isUtf8(bytes)) this.badUtf8(file, bytes, clean, ndjson);
			return clean;
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
			this.broken.add(file);
			this.problem('error', { file, path: [] }, `cannot read file: ${why}`, 0);
			return undefined;
		}
	}

	/**
	 * Whether a data file can be read whole: a regular file of at most
	 * MAX_FILE_BYTES (its size then). Else a problem names it, and none of it is read.
	 */
	private sizeOf(file: string, kind: Kind): number | undefined {
		let why: string;
		try {
			const st = statSync(file);
			if (st.isFile() && st.size <= MAX_FILE_BYTES) return st.size;
			if (st.isDirectory()) why = `expected a file of ${kind}, found a directory`;
			else if (!st.isFile()) why = `expected a file of ${kind}, found a device, pipe or socket`;
			else
				why = `file too large (${formatBytes(st.size)}; sitrep reads data files up to ${formatBytes(MAX_FILE_BYTES)}): split it into smaller files in a folder named ${kind}/`;
		} catch (err) {
			why = `cannot read file: ${(err as Error).message}`;
		}
		this.files.push(file);
		this.broken.add(file);
		this.problem('error', { file, path: [] }, why, 0);
		return undefined;
	}

	/** Bytes that are not UTF-8 were decoded as U+FFFD: say where (the records are kept). */
	private badUtf8(file: string, bytes: Buffer, text: string, ndjson: boolean): void {
		const bad = invalidUtf8(bytes);
		if (!bad) return;
		const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
		const at = bytes.toString('utf8', bom, bad.first).length;
		const { line, col } = lineCol(text, at);
		let origin: Origin = { file, path: pathAtOffset(text, at) };
		if (ndjson) {
			const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
			const end = text.indexOf('\n', at);
			origin = { file, line, path: pathAtOffset(text.slice(start, end < 0 ? text.length : end), at - start) };
		}
		const what = bad.count === 1 ? 'a byte sequence' : `${bad.count} byte sequences`;
		this.problem(
			'warning',
			origin,
			`invalid UTF-8: ${what} replaced with U+FFFD (the first at byte ${bad.first}); save the file as UTF-8`,
			line,
			col,
		);
	}

	private problem(severity: Severity, origin: Origin, message: string, line?: number, col?: number): void {
		this.pending.push({ severity, origin, message, line, col });
	}

	private loadJsonFile(file: string, kind: Kind, oneRecordAllowed: boolean): void {
		const size = this.sizeOf(file, kind);
		if (size === undefined) return;
		if (size >= this.bigFileBytes && this.loadBigJsonFile(file, kind)) return;
		const text = this.read(file);
		if (text === undefined) return;
		// Only JSON's own whitespace: a file of U+00A0 or form feeds holds an unexpected character, reported below.
		if (/^[ \t\n\r]*$/.test(text)) {
			// At the end of the file, where the value is missing, as any "found end of file" is.
			const { line, col } = lineCol(text, text.length);
			const what = text === '' ? 'empty file' : 'empty file (only whitespace)';
			this.broken.add(file);
			this.problem(
				'error',
				{ file, path: [] },
				`${what}: expected an array of ${kind} or an object {"${kind}": [...]}`,
				line,
				col,
			);
			return;
		}
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			this.broken.add(file);
			this.salvage(file, text, kind);
			return;
		}
		if (Array.isArray(value)) {
			this.acceptAll(kind, value, file, []);
		} else if (value !== null && typeof value === 'object' && Array.isArray((value as Record<string, unknown>)[kind])) {
			this.acceptAll(kind, (value as Record<string, unknown[]>)[kind] ?? [], file, [kind]);
		} else if (oneRecordAllowed && value !== null && typeof value === 'object') {
			this.accept(kind, value, { file, path: [] });
		} else {
			this.broken.add(file);
			this.problem(
				'error',
				{ file, path: [] },
				`expected an array of ${kind} or an object {"${kind}": [...]}, found ${describeValue(value)}`,
			);
		}
	}

	/**
	 * A big file's records, parsed one by one from its bytes (see jsonSplit.ts).
	 * False when the file is small or anything in it is unusual: the caller then
	 * reads it the ordinary way, which also reports syntax errors precisely.
	 */
	private loadBigJsonFile(file: string, kind: Kind): boolean {
		let buf: Buffer;
		try {
			buf = readFileSync(file);
		} catch {
			return false;
		}
		// Bytes that are not UTF-8 are reported by the ordinary path.
		if (!isUtf8(buf)) return false;
		const found = recordRanges(buf, kind);
		if (!found) return false;
		const { ranges, path } = found;
		const values: unknown[] = new Array(ranges.length / 2);
		try {
			for (let k = 0; k < ranges.length; k += 2) {
				values[k / 2] = JSON.parse(buf.toString('utf8', ranges[k], ranges[k + 1]));
			}
		} catch {
			return false;
		}
		this.files.push(file);
		this.acceptAll(kind, values, file, path);
		return true;
	}

	/** A file with a syntax error: report each error, keep the records it did not touch. */
	private salvage(file: string, text: string, kind: Kind): void {
		const { root, errors } = syntaxTree(text);
		let list: Node | undefined;
		let base: (string | number)[] = [];
		if (root?.type === 'array') list = root;
		else if (root?.type === 'object') {
			list = findNodeAtLocation(root, [kind]);
			base = [kind];
		}
		const children = list?.type === 'array' ? (list.children ?? []) : [];
		const touched = (offset: number) => children.findIndex((c) => offset > c.offset && offset <= c.offset + c.length);
		// Which record an error costs, by its pointer and (when it can be read) its id.
		const skippedNote = (i: number) => {
			const child = children[i];
			if (!child) return '';
			const key = kind === 'countries' ? 'code' : 'id';
			const id = child.type === 'object' ? findNodeAtLocation(child, [key])?.value : undefined;
			const named = typeof id === 'string' ? ` (${key} ${JSON.stringify(id)})` : '';
			return `; the ${singular[kind]} at ${pointerOf([...base, i])}${named} is skipped`;
		};
		let after = -1;
		for (const e of errors) {
			// The errors that follow from a NaN or Infinity (a "-" before it, a value missing after it) say nothing more.
			if (e.offset <= after) continue;
			const { line, col } = lineCol(text, e.offset);
			const found = text.slice(e.offset, e.offset + Math.max(1, e.length)).slice(0, 20);
			const what = e.offset >= text.length ? 'end of file' : JSON.stringify(found);
			const number = /^-?(NaN|Infinity)/.exec(text.slice(e.offset, e.offset + 9))?.[0];
			if (number) {
				after = e.offset + number.length;
				while (/\s/.test(text[after] ?? '')) after++;
			}
			const message = number
				? `${number} is not a JSON number (write null, or leave the field out)`
				: `${syntaxMessage(e.code)}, found ${what}`;
			this.problem('error', { file, path: [] }, `invalid JSON: ${message}${skippedNote(touched(e.offset))}`, line, col);
		}
		if (list?.type !== 'array' || !list.children) {
			this.problem('error', { file, path: [] }, `no ${kind} could be read from this file`);
			return;
		}
		let lost = 0;
		children.forEach((child, i) => {
			const end = child.offset + child.length;
			if (errors.some((e) => e.offset > child.offset && e.offset <= end)) {
				lost++;
				return;
			}
			// The record's own text is valid JSON: JSON.parse reads it as a clean file would ("__proto__" stays a field).
			let value: unknown;
			try {
				value = JSON.parse(text.slice(child.offset, end));
			} catch (err) {
				// A syntax error the tree did not see (inside nesting flattened for it).
				const message = String((err as Error).message);
				const { line, col } = lineCol(text, child.offset + positionIn(err));
				const why = message.replace(/ in JSON at position.*$/, '');
				this.problem('error', { file, path: [] }, `invalid JSON: ${why}${skippedNote(i)}`, line, col);
				lost++;
				return;
			}
			this.accept(kind, value, { file, path: [...base, i] });
		});
		this.skipped[kind] += lost;
		const kept = list.children.length - lost;
		this.problem(
			'warning',
			{ file, path: [] },
			`${kept} ${kind} read despite the syntax error; ${lost} touched by it skipped`,
			0,
		);
	}

	private loadNdjson(file: string, kind: Kind): void {
		if (this.sizeOf(file, kind) === undefined) return;
		const text = this.read(file, true);
		if (text === undefined) return;
		const lines = text.split('\n');
		lines.forEach((raw, i) => {
			const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
			// A blank line is JSON whitespace only (trim() would also pass over a line of U+00A0 or form feeds).
			if (/^[ \t\r]*$/.test(lineText)) return;
			const line = i + 1;
			let value: unknown;
			try {
				value = JSON.parse(lineText);
			} catch (err) {
				const e = syntaxTree(lineText).errors[0];
				const col = (e?.offset ?? positionIn(err)) + 1;
				const msg = e ? syntaxMessage(e.code) : 'not valid JSON';
				this.broken.add(file);
				this.problem('error', { file, path: [], line }, `invalid JSON: ${msg}; line skipped`, line, col);
				this.skipped[kind]++;
				return;
			}
			this.accept(kind, value, { file, path: [], line });
		});
	}

	/** Each raw record is let go once accepted, so a big file is not held twice (raw and validated). */
	private acceptAll(kind: Kind, list: unknown[], file: string, base: string[]): void {
		for (let i = 0; i < list.length; i++) {
			this.accept(kind, list[i], { file, path: [...base, i] });
			list[i] = undefined;
		}
	}

	private accept(kind: Kind, value: unknown, origin: Origin): void {
		const checked = checkRecord(kind, value, (k) => this.schema(k));
		for (const n of checked.notes) {
			this.problem(n.severity, { ...origin, path: [...origin.path, ...n.path] }, n.message);
		}
		const record = checked.record;
		if (!record) {
			this.skipped[kind]++;
			return;
		}
		const key = String(record.id ?? record.code);
		const first = this.seen[kind].get(key);
		if (first) {
			const where = `${displayPath(first.file)}${first.line ? `:${first.line}` : ''} ${pointerOf(first.path)}`;
			this.problem(
				'error',
				origin,
				`duplicate ${singular[kind]} id "${String(record.id ?? record.code)}" (first defined at ${where.trim()}); skipped`,
			);
			this.skipped[kind]++;
			return;
		}
		this.seen[kind].set(key, origin);
		this.origins.set(record, origin);
		this.fileKeys.get(origin.file)?.push(key);
		(this.records[kind] as unknown[]).push(record);
	}

	/** Attaches line:col to every problem, parsing a file's tree only when needed. */
	resolve(list: PendingProblem[] = this.pending, sorted = true): Problem[] {
		const trees = new Map<string, Node | undefined | null>();
		// Where each line starts, per file: a position is then a binary search, not a scan from the top.
		const starts = new Map<string, number[]>();
		const startsOf = (file: string, text: string) => {
			let s = starts.get(file);
			if (!s) {
				s = [0];
				for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) s.push(i + 1);
				starts.set(file, s);
			}
			return s;
		};
		const order = new Map(this.files.map((f, i) => [f, i]));
		const resolved = list.map((p) => {
			let { line, col } = p;
			const text = line === 0 || line !== undefined ? undefined : this.textOf(p.origin.file);
			if (line === 0)
				line = undefined; // whole-file note: no position
			else if (line === undefined && text !== undefined) {
				const lines = startsOf(p.origin.file, text);
				if (p.origin.line !== undefined) {
					line = p.origin.line;
					const start = lines[line - 1];
					const next = lines[line];
					const lineText = start === undefined ? '' : text.slice(start, next === undefined ? text.length : next - 1);
					col = lineCol(lineText, offsetIn(lineText, treeOf(lineText), p.origin.path)).col;
				} else {
					if (!trees.has(p.origin.file)) trees.set(p.origin.file, treeOf(text));
					const offset = offsetIn(text, trees.get(p.origin.file), p.origin.path);
					let lo = 0;
					let hi = lines.length - 1;
					// The last line starting at or before the offset (lineCol counts a newline at the offset to the line it ends).
					while (lo < hi) {
						const mid = (lo + hi + 1) >> 1;
						if ((lines[mid] as number) <= offset) lo = mid;
						else hi = mid - 1;
					}
					line = lo + 1;
					col = offset - (lines[lo] as number) + 1;
				}
			}
			return {
				severity: p.severity,
				file: displayPath(p.origin.file),
				line,
				col,
				pointer: pointerOf(p.origin.path),
				message: p.message,
				order: order.get(p.origin.file) ?? -1,
			};
		});
		// Reading order of files, then position: the order an editor would show them.
		if (sorted)
			resolved.sort(
				(a, b) =>
					a.order - b.order ||
					(a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY) ||
					(a.col ?? 0) - (b.col ?? 0),
			);
		return resolved.map(({ order: _, ...p }) => p);
	}
}

/**
 * The tree of a text and its syntax errors, each at the character that is
 * wrong and one to a place (jsonc-parser's recovery can report a second
 * error where the first was, which says nothing more). Any depth.
 */
function syntaxTree(text: string): { root: Node | undefined; errors: Located[] } {
	const options = { disallowComments: true, allowTrailingComma: false };
	let raw: ParseError[] = [];
	let root = treeOf(text, raw, options);
	if (root === null) {
		// Too deep for the tree: find the records in a copy with the deep parts flattened (same offsets).
		raw = [];
		root = treeOf(flattenDeep(text, 64), raw, options);
	}
	const errors: Located[] = [];
	const places = new Set<number>();
	for (const e of raw) {
		const located = pinpoint(text, e);
		if (places.has(located.offset)) continue;
		places.add(located.offset);
		errors.push(located);
	}
	return { root: root ?? undefined, errors };
}

/** Where JSON.parse's error says it stopped (0 when its message does not say). */
function positionIn(err: unknown): number {
	return Number(/at position (\d+)/.exec(String((err as Error).message))?.[1] ?? 0);
}

/** parseTree, or null when the text is nested too deeply for its recursion (then see offsetIn). */
function treeOf(text: string, errors?: ParseError[], options?: ParseOptions): Node | undefined | null {
	try {
		return parseTree(text, errors, options);
	} catch (err) {
		if (err instanceof RangeError) return null;
		throw err;
	}
}

/** offsetOf in a parsed tree, or found by a scan of the text when it was too deep to parse into one. */
function offsetIn(text: string, tree: Node | undefined | null, path: (string | number)[]): number {
	return tree === null ? offsetAtPath(text, path) : offsetOf(tree, path);
}

/** Offset of the deepest node on the path that exists (the key, for properties). */
function offsetOf(root: Node | undefined, path: (string | number)[]): number {
	if (!root) return 0;
	for (let n = path.length; n >= 0; n--) {
		const node = findNodeAtLocation(root, path.slice(0, n));
		if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
	}
	return root.offset;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
	let line = 1;
	let start = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		start = i + 1;
	}
	return { line, col: offset - start + 1 };
}

const SYNTAX: Record<string, string> = {
	InvalidSymbol: 'unexpected character',
	InvalidNumberFormat: 'a malformed number',
	PropertyNameExpected: 'expected a property name in double quotes',
	ValueExpected: 'expected a value',
	ColonExpected: 'expected ":"',
	CommaExpected: 'expected "," between items',
	CloseBraceExpected: 'expected "}"',
	CloseBracketExpected: 'expected "]"',
	EndOfFileExpected: 'expected the end of the file',
	InvalidCommentToken: 'comments are not allowed in JSON',
	UnexpectedEndOfComment: 'unterminated comment',
	UnexpectedEndOfString: 'unterminated string',
	UnexpectedEndOfNumber: 'unterminated number',
	DigitExpected: 'expected a digit in the number',
	LineBreakInString: 'a line break inside a string (write it as \\n)',
	InvalidUnicode: 'an invalid \\u escape',
	InvalidEscapeCharacter: 'an invalid escape character',
	InvalidCharacter: 'a control character inside a string',
};

function syntaxMessage(code: string): string {
	return SYNTAX[code] ?? code;
}

function crossCheck(
	store: Store,
	origins: Map<object, Origin>,
	opts: { articlesLoaded: boolean; onlyArticles?: boolean; hasArticle?: (id: string) => boolean },
): { now: PendingProblem[]; articleRefs: { article: string; problem: PendingProblem }[] } {
	const hasArticle = opts.hasArticle ?? ((id: string) => store.articleById.has(id));
	const out: PendingProblem[] = [];
	const articleRefs: { article: string; problem: PendingProblem }[] = [];
	const haveCountries = store.countries.length > 0;
	const haveActors = store.actors.length > 0;
	const warn = (rec: object, path: (string | number)[], message: string) => {
		const origin = origins.get(rec);
		if (origin) out.push({ severity: 'warning', origin: { ...origin, path: [...origin.path, ...path] }, message });
	};
	const checkActor = (rec: object, path: (string | number)[], id: string) => {
		if (haveActors && !store.actorById.has(id)) warn(rec, path, `unknown actor "${id}" (not in actors)`);
	};
	const checkCountry = (rec: object, path: (string | number)[], code: string) => {
		if (haveCountries && !store.countryByCode.has(code))
			warn(rec, path, `unknown country "${code}" (not in countries)`);
	};
	for (const inc of opts.onlyArticles ? [] : store.incidents) {
		checkCountry(inc, ['country'], inc.country);
		inc.perpetrators.forEach((a, i) => checkActor(inc, ['perpetrators', i], a));
		if (inc.claimedBy) checkActor(inc, ['claimedBy'], inc.claimedBy);
		inc.sources.forEach((s, i) => {
			if (typeof s !== 'string') return;
			if (!opts.articlesLoaded) {
				const origin = origins.get(inc);
				const message = `unknown article "${s}" (not in articles)`;
				if (origin) {
					articleRefs.push({
						article: s,
						problem: { severity: 'warning', origin: { ...origin, path: [...origin.path, 'sources', i] }, message },
					});
				}
			} else if (!hasArticle(s)) warn(inc, ['sources', i], `unknown article "${s}" (not in articles)`);
		});
		if (inc.endDate && inc.endDate < inc.date)
			warn(inc, ['endDate'], `endDate ${inc.endDate} is before date ${inc.date}`);
	}
	for (const art of store.articles) {
		art.actors.forEach((a, i) => checkActor(art, ['actors', i], a));
		art.countries.forEach((c, i) => checkCountry(art, ['countries', i], c));
	}
	for (const actor of opts.onlyArticles ? [] : store.actors) {
		actor.affiliations.forEach((a, i) => checkActor(actor, ['affiliations', i, 'actor'], a.actor));
		actor.countries.forEach((c, i) => checkCountry(actor, ['countries', i], c));
	}
	return { now: out, articleRefs };
}
