// Reads a data directory into a Store plus a list of Problems. Bad records
// are skipped and reported; bad files lose only what cannot be read.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { fastArticle, fastIncident } from './fastParse.js';
import { describeIssues } from './issues.js';
import { recordRanges } from './jsonSplit.js';
import { linkEmptyArticles } from './link.js';
import { describeValue, type Problem, pointerOf, type Severity } from './problems.js';
import { hasControl, sanitizeLine, sanitizeText } from './sanitize.js';
import {
	type Actor,
	type Article,
	type Country,
	type Incident,
	KINDS,
	type Kind,
	recordSchemas,
	singular,
} from './schema.js';
import { buildStore, type Store } from './store.js';

export class DataDirError extends Error {}

export interface LoadResult {
	store: Store;
	problems: Problem[];
	/** Records skipped per kind (invalid, unreadable or duplicate). */
	skipped: Record<Kind, number>;
	files: string[];
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

const MULTILINE = new Set(['body', 'description', 'summary', 'notes', 'cited']);

export function displayPath(file: string): string {
	const rel = relative(process.cwd(), file);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Loads every kind, or only those named (an import needs just the actors and countries). */
/** Loads every kind, or only those named (an import needs just the actors and countries). */
export function loadDataDir(dir: string, kinds: readonly Kind[] = KINDS): LoadResult {
	if (!existsSync(dir) || !statSync(dir).isDirectory()) {
		throw new DataDirError(`data directory not found: ${dir}`);
	}
	const loader = new Loader();
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
	});
	const store = buildStore(dir, loader.records);
	const { now, articleRefs } = crossCheck(store, loader.origins, { articlesLoaded: !articlesLater });
	for (const p of now) loader.pending.push(p);
	const result: LoadResult = { store, problems: loader.resolve(), skipped: loader.skipped, files: loader.files };
	if (articlesLater) {
		const files = loader.files;
		result.missingArticles = (has) => {
			const later = new Loader();
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
}

/**
 * Just the articles of a data dir, linked and checked against the actors and
 * countries already loaded: the dashboard's second step, run in a worker.
 */
export function loadArticles(dir: string, known: { actors: Actor[]; countries: Country[] }): ArticlesResult {
	const loader = new Loader();
	loader.loadKind(dir, 'articles');
	loader.records.articles = linkEmptyArticles(
		{ articles: loader.records.articles, actors: known.actors, countries: known.countries },
		(from, to) => {
			loader.origins.set(to, loader.origins.get(from)!);
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
	};
}

class Loader {
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
		if (existsSync(json)) this.loadJsonFile(json, kind, false);
		if (existsSync(jsonl)) this.loadNdjson(jsonl, kind);
		if (existsSync(folder) && statSync(folder).isDirectory()) {
			let names: string[];
			try {
				names = readdirSync(folder).sort();
			} catch (err) {
				this.files.push(folder);
				this.problem('error', { file: folder, path: [] }, `cannot read folder: ${(err as Error).message}`);
				return;
			}
			for (const name of names) {
				const file = join(folder, name);
				if (name.endsWith('.json')) this.loadJsonFile(file, kind, true);
				else if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) this.loadNdjson(file, kind);
			}
		}
	}

	private read(file: string): string | undefined {
		this.files.push(file);
		try {
			const text = readFileSync(file, 'utf8');
			const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
			return clean;
		} catch (err) {
			this.problem('error', { file, path: [] }, `cannot read file: ${(err as Error).message}`);
			return undefined;
		}
	}

	private problem(severity: Severity, origin: Origin, message: string, line?: number, col?: number): void {
		this.pending.push({ severity, origin, message, line, col });
	}

	private loadJsonFile(file: string, kind: Kind, oneRecordAllowed: boolean): void {
		if (this.loadBigJsonFile(file, kind)) return;
		const text = this.read(file);
		if (text === undefined) return;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
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
			if (statSync(file).size < BIG_FILE_BYTES) return false;
			buf = readFileSync(file);
		} catch {
			return false;
		}
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
		const errors: ParseError[] = [];
		const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
		for (const e of errors) {
			const { line, col } = lineCol(text, e.offset);
			const found = text.slice(e.offset, e.offset + Math.max(1, e.length)).slice(0, 20);
			const what = e.offset >= text.length ? 'end of file' : JSON.stringify(found);
			this.problem('error', { file, path: [] }, `invalid JSON: ${syntaxMessage(e)}, found ${what}`, line, col);
		}
		let list: Node | undefined;
		let base: (string | number)[] = [];
		if (root?.type === 'array') list = root;
		else if (root?.type === 'object') {
			list = findNodeAtLocation(root, [kind]);
			base = [kind];
		}
		if (list?.type !== 'array' || !list.children) {
			this.problem('error', { file, path: [] }, `no ${kind} could be read from this file`);
			return;
		}
		let lost = 0;
		list.children.forEach((child, i) => {
			const end = child.offset + child.length;
			if (errors.some((e) => e.offset > child.offset && e.offset <= end)) {
				lost++;
				return;
			}
			this.accept(kind, nodeValue(child), { file, path: [...base, i] });
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
		const text = this.read(file);
		if (text === undefined) return;
		const lines = text.split('\n');
		lines.forEach((raw, i) => {
			const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
			if (lineText.trim() === '') return;
			const line = i + 1;
			let value: unknown;
			try {
				value = JSON.parse(lineText);
			} catch {
				const errors: ParseError[] = [];
				parseTree(lineText, errors, { disallowComments: true });
				const e = errors[0];
				const col = (e?.offset ?? 0) + 1;
				const msg = e ? syntaxMessage(e) : 'not valid JSON';
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
		const schema = recordSchemas[kind];
		const fast = kind === 'incidents' ? fastIncident(value) : kind === 'articles' ? fastArticle(value) : undefined;
		const parsed = fast ? { success: true as const, data: fast } : schema.safeParse(value);
		let record: Record<string, unknown>;
		if (parsed.success) {
			record = parsed.data as Record<string, unknown>;
		} else {
			const reports = describeIssues(parsed.error.issues, value);
			for (const r of reports) {
				this.problem(r.unknownField ? 'warning' : 'error', { ...origin, path: [...origin.path, ...r.path] }, r.message);
			}
			// Unknown fields (at any depth) are dropped and the record kept; anything else skips it.
			const stripped = reports.every((r) => r.unknownField)
				? schema.safeParse(
						withoutPaths(
							value,
							reports.map((r) => r.path),
						),
					)
				: undefined;
			if (!stripped?.success) {
				this.skipped[kind]++;
				return;
			}
			record = stripped.data as Record<string, unknown>;
		}
		delete record.$schema;
		if (cleanStrings(record)) {
			this.problem('warning', origin, 'terminal control characters removed from text');
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
		(this.records[kind] as unknown[]).push(record);
	}

	/** Attaches line:col to every problem, parsing a file's tree only when needed. */
	resolve(list: PendingProblem[] = this.pending, sorted = true): Problem[] {
		const trees = new Map<string, Node | undefined>();
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
					col = lineCol(lineText, offsetOf(parseTree(lineText), p.origin.path)).col;
				} else {
					if (!trees.has(p.origin.file)) trees.set(p.origin.file, parseTree(text));
					const offset = offsetOf(trees.get(p.origin.file), p.origin.path);
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

/** A deep copy of a JSON value without the fields at the given paths. */
function withoutPaths(value: unknown, paths: (string | number)[][]): unknown {
	const copy = structuredClone(value);
	for (const path of paths) {
		let node: unknown = copy;
		for (const k of path.slice(0, -1))
			node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[k] : undefined;
		const last = path[path.length - 1];
		if (node !== null && typeof node === 'object' && last !== undefined)
			delete (node as Record<string | number, unknown>)[last];
	}
	return copy;
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

function nodeValue(node: Node): unknown {
	switch (node.type) {
		case 'array':
			return (node.children ?? []).map(nodeValue);
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const prop of node.children ?? []) {
				const [k, v] = prop.children ?? [];
				if (k && v) out[String(k.value)] = nodeValue(v);
			}
			return out;
		}
		default:
			return node.value;
	}
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
	InvalidUnicode: 'an invalid \\u escape',
	InvalidEscapeCharacter: 'an invalid escape character',
	InvalidCharacter: 'a control character inside a string',
};

function syntaxMessage(e: ParseError): string {
	const code = printParseErrorCode(e.error);
	return SYNTAX[code] ?? code;
}

/** Sanitizes every string in a record in place; true when anything changed. */
function cleanStrings(obj: Record<string, unknown> | unknown[], multiline = false): boolean {
	let changed = false;
	const entries: [string | number, unknown][] = Array.isArray(obj) ? obj.map((v, i) => [i, v]) : Object.entries(obj);
	for (const [k, v] of entries) {
		const ml = multiline || (typeof k === 'string' && MULTILINE.has(k));
		if (typeof v === 'string') {
			if (hasControl(v)) changed = true;
			const clean = ml ? sanitizeText(v) : sanitizeLine(v);
			if (clean !== v) (obj as Record<string | number, unknown>)[k] = clean;
		} else if (v !== null && typeof v === 'object') {
			if (cleanStrings(v as Record<string, unknown>, ml)) changed = true;
		}
	}
	return changed;
}

function crossCheck(
	store: Store,
	origins: Map<object, Origin>,
	opts: { articlesLoaded: boolean; onlyArticles?: boolean },
): { now: PendingProblem[]; articleRefs: { article: string; problem: PendingProblem }[] } {
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
			} else if (!store.articleById.has(s)) warn(inc, ['sources', i], `unknown article "${s}" (not in articles)`);
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
