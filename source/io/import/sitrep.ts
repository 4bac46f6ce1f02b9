// Reads sitrep's own exports back (CSV, JSON or NDJSON of incidents,
// articles or actors): each record validated against the schema, or skipped
// with the reason. This is what makes export -> import a round trip.
import { readFileSync } from 'node:fs';
import { type CsvKind, detectKind, fromCsvRow } from '../../core/csv.js';
import { describeIssues } from '../../core/issues.js';
import { recordSchemas } from '../../core/schema.js';
import type { CsvSource } from './csvRows.js';
import { RowError } from './fields.js';

export interface ReadRecord {
	row: number;
	line?: number;
	record?: Record<string, unknown>;
	error?: string;
}

export function csvKind(source: CsvSource): CsvKind | undefined {
	return detectKind(source.header);
}

export async function* sitrepCsvRecords(source: CsvSource, kind: CsvKind): AsyncIterable<ReadRecord> {
	for await (const event of source.rows) {
		if ('bad' in event) {
			yield { ...event.bad, error: event.bad.reason };
			continue;
		}
		const { row } = event;
		const cells: Record<string, string | undefined> = {};
		for (const h of source.header) cells[h] = row.get(h);
		const result = fromCsvRow(kind, cells);
		yield 'error' in result
			? { row: row.row, line: row.line, error: result.error }
			: { row: row.row, line: row.line, record: result.record };
	}
}

/** A JSON export ({"<kind>": [...]} or a bare array) or NDJSON: the kind and its records. */
export function jsonRecords(file: string): { kind: CsvKind; records: ReadRecord[] } {
	const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
	let values: { value: unknown; line?: number }[];
	let kind: CsvKind | undefined;
	if (/\.(jsonl|ndjson)$/i.test(file)) {
		values = [];
		text.split('\n').forEach((line, i) => {
			if (line.trim() === '') return;
			try {
				values.push({ value: JSON.parse(line), line: i + 1 });
			} catch (err) {
				values.push({ value: new RowError(`line ${i + 1} is not JSON: ${(err as Error).message}`), line: i + 1 });
			}
		});
	} else {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (err) {
			throw new RowError(`not valid JSON: ${(err as Error).message}`);
		}
		const wrapper = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
		kind = wrapper
			? (['incidents', 'articles', 'actors'] as const).find((k) =>
					Array.isArray((parsed as Record<string, unknown>)[k]),
				)
			: undefined;
		const list = wrapper ? (kind ? (parsed as Record<string, unknown[]>)[kind] : undefined) : parsed;
		if (!Array.isArray(list)) throw new RowError('expected {"incidents"|"articles"|"actors": [...]} or an array');
		values = list.map((value) => ({ value }));
	}
	const first = values.find((v) => v.value !== null && typeof v.value === 'object' && !(v.value instanceof Error));
	kind ??= first ? detectKind(Object.keys(first.value as object)) : undefined;
	if (!kind) throw new RowError('cannot tell whether these are incidents, articles or actors');
	const schema = recordSchemas[kind];
	const records = values.map(({ value, line }, i): ReadRecord => {
		const row = i + 1;
		if (value instanceof Error) return { row, line, error: value.message };
		const parsed = schema.safeParse(value);
		if (parsed.success) return { row, line, record: parsed.data as Record<string, unknown> };
		const why = describeIssues(parsed.error.issues, value)
			.map((r) => `${r.path.join('.') || 'record'}: ${r.message}`)
			.join('; ');
		return { row, line, error: why };
	});
	return { kind, records };
}
