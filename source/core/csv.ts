// The sitrep CSV codec. Export writes it and import reads sitrep's own CSV
// back, so every cell must decode to exactly what was encoded: lists are
// joined with "; " (or JSON when that would lose something), structured
// fields are JSON, and text that a spreadsheet would run as a formula gets a
// leading quote that decoding takes off again.
import * as z from 'zod';
import { describeIssues } from './issues.js';
import { describeValue, pointerOf } from './problems.js';
import { type Actor, type Article, type Incident, recordSchemas } from './schema.js';

export const CSV_KINDS = ['incidents', 'articles', 'actors'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export interface CsvRecordOf {
	incidents: Incident;
	articles: Article;
	actors: Actor;
}

type CellType = 'text' | 'number' | 'list' | 'json';

/** How a schema field is written: read from the schema so a new field gets a column of the right type. */
function cellType(field: z.ZodType): CellType {
	let t: z.ZodType = field;
	while (t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
	if (t instanceof z.ZodNumber) return 'number';
	if (t instanceof z.ZodArray) return t.element instanceof z.ZodString ? 'list' : 'json';
	return 'text';
}

function cellTypes(kind: CsvKind): Map<string, CellType> {
	const shape: Record<string, z.ZodType> = recordSchemas[kind].shape;
	return new Map(
		Object.entries(shape)
			.filter(([name]) => name !== '$schema')
			.map(([name, schema]) => [name, cellType(schema)]),
	);
}

const CELL_TYPES: Record<CsvKind, Map<string, CellType>> = {
	incidents: cellTypes('incidents'),
	articles: cellTypes('articles'),
	actors: cellTypes('actors'),
};

/** One column per schema field, in schema order. */
export const CSV_COLUMNS: Record<CsvKind, string[]> = {
	incidents: [...CELL_TYPES.incidents.keys()],
	articles: [...CELL_TYPES.articles.keys()],
	actors: [...CELL_TYPES.actors.keys()],
};

// Excel, LibreOffice and Sheets run a cell starting with these as a formula
// (OWASP "CSV injection"); the quote itself is included so that decoding can
// always take exactly one quote off.
const FORMULA_START = /^[=+\-@\t\r']/;
const ESCAPED = /^'[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const LIST_SEPARATOR = '; ';

function defuse(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

function listCell(items: readonly unknown[]): string {
	const strings = items.filter((s): s is string => typeof s === 'string');
	// Splitting on ";" and trimming would lose these; a leading "[" would read back as JSON.
	const plain =
		strings.length === items.length &&
		strings.every((s) => s !== '' && !s.includes(';') && !/^\s|\s$/.test(s)) &&
		!strings[0]?.startsWith('[');
	return plain ? strings.join(LIST_SEPARATOR) : JSON.stringify(items);
}

function encodeCell(type: CellType, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (type === 'number' && typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
	if (Array.isArray(value) && value.length === 0) return '';
	if (type === 'list' && Array.isArray(value)) return defuse(listCell(value));
	if (type === 'json' || typeof value !== 'string') return defuse(JSON.stringify(value));
	return defuse(value);
}

function quote(cell: string): string {
	return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export interface CsvOptions {
	/** Start with a UTF-8 byte order mark, which Excel needs to read UTF-8. */
	bom?: boolean;
}

/** RFC 4180 CSV: a header row, then one row per record, each ending in CRLF. */
export function toCsv<K extends CsvKind>(kind: K, records: readonly CsvRecordOf[K][], opts: CsvOptions = {}): string {
	const types = CELL_TYPES[kind];
	const rows = [CSV_COLUMNS[kind].join(',')];
	for (const rec of records) {
		const fields = rec as unknown as Record<string, unknown>;
		rows.push([...types].map(([name, type]) => quote(encodeCell(type, fields[name]))).join(','));
	}
	return `${opts.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`;
}

export type CsvRowResult =
	| {
			record: Record<string, unknown>;
			/** Unknown keys inside JSON cells, dropped as the loader drops unknown fields. */
			warnings: string[];
	  }
	| { error: string };

function where(path: readonly (string | number)[]): string {
	const [column, ...rest] = path;
	return `column "${String(column)}"${rest.length ? ` ${pointerOf(rest)}` : ''}`;
}

function decodeCell(name: string, type: CellType, raw: string): { value: unknown } | { error: string } {
	const cell = ESCAPED.test(raw) ? raw.slice(1) : raw;
	if (type === 'text') return { value: cell };
	if (type === 'number') {
		const n = Number(cell.trim());
		if (!NUMBER.test(cell.trim()) || !Number.isFinite(n)) {
			return { error: `column "${name}": expected a number, found ${describeValue(raw)}` };
		}
		return { value: n };
	}
	if (type === 'list' && !cell.startsWith('[')) {
		return {
			value: cell
				.split(';')
				.map((s) => s.trim())
				.filter(Boolean),
		};
	}
	try {
		return { value: JSON.parse(cell) };
	} catch (err) {
		const what = type === 'list' ? 'a JSON array or a list separated by ";"' : 'JSON';
		return { error: `column "${name}": expected ${what}, found ${describeValue(raw)} (${(err as Error).message})` };
	}
}

/**
 * One CSV row (as csv-parse gives it with `columns: true`) back into a
 * validated record. Empty cells are absent fields; columns that are not
 * fields are ignored (see unknownColumns to report them once per file).
 */
export function fromCsvRow(kind: CsvKind, row: Readonly<Record<string, string | undefined>>): CsvRowResult {
	const record: Record<string, unknown> = {};
	const errors: string[] = [];
	// Spreadsheets and importers may change a header's case or pad it: endDate is ENDDATE.
	const byName = new Map(Object.entries(row).map(([k, v]) => [cleanName(k), v]));
	for (const [name, type] of CELL_TYPES[kind]) {
		const raw = row[name] ?? byName.get(cleanName(name));
		if (raw === undefined || raw === '') continue;
		const cell = decodeCell(name, type, raw);
		if ('error' in cell) errors.push(cell.error);
		else record[name] = cell.value;
	}
	if (errors.length) return { error: errors.join('; ') };
	const schema = recordSchemas[kind];
	const parsed = schema.safeParse(record);
	if (parsed.success) return { record: parsed.data, warnings: [] };
	const reports = describeIssues(parsed.error.issues, record);
	if (reports.every((r) => r.unknownField)) {
		const stripped = schema.safeParse(
			withoutPaths(
				record,
				reports.map((r) => r.path),
			),
		);
		if (stripped.success) {
			return { record: stripped.data, warnings: reports.map((r) => `${where(r.path)}: ${r.message}`) };
		}
	}
	return {
		error: reports
			.map((r) =>
				r.path.length === 1 && record[String(r.path[0])] === undefined
					? `${where(r.path)}: required, found an empty cell`
					: `${where(r.path)}: ${r.message}`,
			)
			.join('; '),
	};
}

/** A copy of the record without the (nested) keys at the given paths. */
function withoutPaths(record: Record<string, unknown>, paths: readonly (string | number)[][]): unknown {
	const copy = structuredClone(record);
	for (const path of paths) {
		let node: unknown = copy;
		for (const k of path.slice(0, -1)) node = (node as Record<string | number, unknown> | undefined)?.[k];
		const last = path.at(-1);
		if (node !== null && typeof node === 'object' && last !== undefined)
			delete (node as Record<string | number, unknown>)[last];
	}
	return copy;
}

function cleanName(name: string): string {
	return name
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase();
}

/** Which sitrep kind a CSV header belongs to, from the columns only that kind has. */
export function detectKind(header: readonly string[]): CsvKind | undefined {
	const cols = new Set(header.map(cleanName));
	const has = (...names: string[]) => names.every((n) => cols.has(n.toLowerCase()));
	if (has('date', 'type', 'country')) return 'incidents';
	if (has('published', 'body')) return 'articles';
	if (has('kind', 'name')) return 'actors';
	return undefined;
}

/** Header columns that are not fields of the kind (fromCsvRow ignores them). */
export function unknownColumns(kind: CsvKind, header: readonly string[]): string[] {
	const known = new Set(CSV_COLUMNS[kind].map(cleanName));
	return header.filter((h) => !known.has(cleanName(h)));
}
