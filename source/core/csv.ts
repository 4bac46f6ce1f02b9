// The sitrep CSV codec. Export writes it and import reads sitrep's own CSV
// back, so every cell must decode to exactly what was encoded: lists are
// joined with "; " (or JSON when that would lose something), structured
// fields are JSON, and text that a spreadsheet would run as a formula gets a
// leading quote that decoding takes off again.
import * as z from 'zod';
import { countedOf, rangeOf } from './fatalities.js';
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

// An incident's toll takes four columns: the counted figure and the range's ends, which a
// spreadsheet can sum and sort, and the record's own toll as JSON when it is more than one
// figure, so that reading the file back gives the record exactly (see tollFromCells).
const TOLL_CELLS: [string, CellType][] = [
	['fatalities', 'number'],
	['fatalities_low', 'number'],
	['fatalities_high', 'number'],
	['fatalities_detail', 'json'],
];

function cellTypes(kind: CsvKind): Map<string, CellType> {
	const shape: Record<string, z.ZodType> = recordSchemas[kind].shape;
	return new Map(
		Object.entries(shape)
			.filter(([name]) => name !== '$schema')
			.flatMap(([name, schema]): [string, CellType][] =>
				kind === 'incidents' && name === 'fatalities' ? TOLL_CELLS : [[name, cellType(schema)]],
			),
	);
}

/** The toll's four cells' values (see TOLL_CELLS). */
function tollCells(f: Incident['fatalities']): Record<string, unknown> {
	const range = rangeOf(f);
	return {
		fatalities: countedOf(f),
		fatalities_low: range?.low,
		fatalities_high: range?.high,
		fatalities_detail: typeof f === 'object' ? f : undefined,
	};
}

/**
 * The toll back from its cells, which are taken out of the record: the detail
 * when there is one (and then the figures beside it must be the ones it gives,
 * so an edit in a spreadsheet is never silently lost), else the figures.
 */
function tollFromCells(record: Record<string, unknown>): string | undefined {
	const [counted, low, high, detail] = TOLL_CELLS.map(([name]) => record[name]);
	for (const [name] of TOLL_CELLS) delete record[name];
	const figures = { fatalities: counted, fatalities_low: low, fatalities_high: high };
	const notCounts = Object.entries(figures).filter(
		([, v]) => v !== undefined && !(Number.isSafeInteger(v) && (v as number) >= 0),
	);
	if (notCounts.length) {
		return notCounts
			.map(([name, v]) => `column "${name}": expected a whole number ≥ 0, found ${describeValue(v)}`)
			.join('; ');
	}
	if (detail !== undefined) {
		record.fatalities = detail;
		if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return undefined; // the schema says what is wrong
		const given = tollCells(detail as Incident['fatalities']);
		const differs = Object.entries(figures).filter(([name, v]) => v !== undefined && v !== given[name]);
		if (differs.length === 0) return undefined;
		return differs
			.map(
				([name, v]) =>
					`column "${name}": ${v} differs from the toll in "fatalities_detail" (${given[name] ?? 'none'}); change both, or clear "fatalities_detail"`,
			)
			.join('; ');
	}
	if (low === undefined && high === undefined) {
		if (counted !== undefined) record.fatalities = counted;
		return undefined;
	}
	record.fatalities = {
		...(counted === undefined ? {} : { best: counted }),
		...(low === undefined ? {} : { low }),
		...(high === undefined ? {} : { high }),
	};
	return undefined;
}

const CELL_TYPES: Record<CsvKind, Map<string, CellType>> = {
	incidents: cellTypes('incidents'),
	articles: cellTypes('articles'),
	actors: cellTypes('actors'),
};

/** One column per schema field, in schema order (an incident's toll takes four: TOLL_CELLS). */
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
		const fields =
			kind === 'incidents'
				? { ...(rec as Incident), ...tollCells((rec as Incident).fatalities) }
				: (rec as unknown as Record<string, unknown>);
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

function where(path: readonly (string | number)[], tollDetail = false): string {
	const [column, ...rest] = path;
	if (column === 'fatalities') {
		// A toll read from its figures: name the figure's own column.
		if (tollDetail) return `column "fatalities_detail"${rest.length ? ` ${pointerOf(rest)}` : ''}`;
		const end = rest[0];
		if (rest.length === 1 && (end === 'low' || end === 'high')) return `column "fatalities_${end}"`;
		if (rest.length <= 1) return 'column "fatalities"';
	}
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
	const tollDetail = kind === 'incidents' && record.fatalities_detail !== undefined;
	if (kind === 'incidents') {
		const tollError = tollFromCells(record);
		if (tollError) errors.push(tollError);
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
			return { record: stripped.data, warnings: reports.map((r) => `${where(r.path, tollDetail)}: ${r.message}`) };
		}
	}
	return {
		error: reports
			.map((r) =>
				r.path.length === 1 && record[String(r.path[0])] === undefined
					? `${where(r.path, tollDetail)}: required, found an empty cell`
					: `${where(r.path, tollDetail)}: ${r.message}`,
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
