// Streams a CSV file as rows keyed by header name, with csv-parse doing the
// quoting (commas, doubled quotes and line breaks inside fields). Columns are
// found by name, never by position; HDX's second header row of HXL tags
// (#date+year...) is recognised and skipped.
import { createReadStream, statSync } from 'node:fs';
import { type CsvError, parse } from 'csv-parse';

export interface CsvRow {
	/** Spreadsheet row number: the header is row 1. */
	row: number;
	/** Line in the file where the record starts. */
	line: number;
	get(column: string): string | undefined;
}

export type RowEvent = { row: CsvRow } | { bad: { row: number; line: number; reason: string } };

export interface CsvSource {
	header: string[];
	/** Rows (and records csv-parse could not read) in file order. */
	rows: AsyncIterable<RowEvent>;
	/** Bytes read so far and the file size, for progress. */
	progress(): { read: number; total: number };
	skippedHxl: boolean;
}

function isHxl(fields: string[]): boolean {
	const tagged = fields.filter((f) => f.trim() !== '');
	return tagged.length > 0 && tagged.every((f) => f.trim().startsWith('#'));
}

export async function openCsv(file: string): Promise<CsvSource> {
	const total = statSync(file).size;
	let read = 0;
	const stream = createReadStream(file);
	stream.on('data', (chunk) => {
		read += chunk.length;
	});
	const bad: { row: number; line: number; reason: string }[] = [];
	const parser = stream.pipe(
		parse({
			bom: true,
			info: true,
			relax_column_count: true,
			// A stray quote inside an unquoted field ("5"8 shells") is text, not the end of the file.
			relax_quotes: true,
			skip_empty_lines: true,
			skip_records_with_error: true,
			on_skip: (err: CsvError | undefined) => {
				const context = err as unknown as { records?: number; lines?: number } | undefined;
				const unclosed = err?.code === 'CSV_QUOTE_NOT_CLOSED';
				bad.push({
					row: Number(context?.records ?? 0) + 1,
					line: Number(context?.lines ?? 0),
					reason: unclosed
						? `a quote opened in this record is never closed, so the rest of the file (to line ${context?.lines}) is one unreadable record`
						: `unreadable CSV record: ${err?.message ?? 'malformed'}`,
				});
			},
		}),
	);
	stream.on('error', (err) => parser.destroy(err));
	const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{
		record: string[];
		info: { lines: number; records: number };
	}>;
	const first = await iterator.next();
	if (first.done) throw new Error('the file is empty (no header row)');
	const header = first.value.record.map((h) => h.trim().replace(/^\uFEFF/, ''));
	const index = new Map<string, number>();
	header.forEach((h, i) => {
		const key = h.toLowerCase();
		if (!index.has(key)) index.set(key, i);
	});
	let skippedHxl = false;
	// csv-parse counts a CR LF inside a quoted field as two lines: the records after one start that much earlier.
	let drift = 0;
	async function* rows(): AsyncIterable<RowEvent> {
		for (;;) {
			const next = await iterator.next();
			// csv-parse reads ahead: report unreadable records in file order, before the rows after them.
			const records = next.done ? Number.POSITIVE_INFINITY : next.value.info.records;
			bad.sort((a, b) => a.row - b.row);
			while (bad.length && (bad[0]?.row ?? 0) < records) {
				yield { bad: bad.shift() as { row: number; line: number; reason: string } };
			}
			if (next.done) return;
			const fields = next.value.record;
			const line = next.value.info.lines - countLineBreaks(fields) - drift;
			drift += countCrLf(fields);
			if (records === 2 && isHxl(fields)) {
				skippedHxl = true;
				continue;
			}
			// Bytes that are not UTF-8 (a Latin-1 or Windows-1252 export) were decoded as U+FFFD.
			const garbled = fields.findIndex((f) => f.includes('\uFFFD'));
			if (garbled !== -1) {
				const column = header[garbled] ?? `column ${garbled + 1}`;
				yield {
					bad: {
						row: records,
						line,
						reason: `${column} holds bytes that are not UTF-8 text (expected a UTF-8 file; re-save it as UTF-8)`,
					},
				};
				continue;
			}
			yield {
				row: {
					row: records,
					line,
					get: (column) => {
						const i = index.get(column.toLowerCase());
						return i === undefined ? undefined : fields[i];
					},
				},
			};
		}
	}
	return {
		header,
		rows: rows(),
		progress: () => ({ read, total }),
		get skippedHxl() {
			return skippedHxl;
		},
	};
}

/**
 * info.lines is the line where the record ends; fields with line breaks started
 * it earlier. csv-parse counts every CR and every LF in a field as a line.
 */
function countLineBreaks(fields: string[]): number {
	let n = 0;
	for (const f of fields) {
		for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
		for (let i = f.indexOf('\r'); i !== -1; i = f.indexOf('\r', i + 1)) n++;
	}
	return n;
}

/** CR LF pairs in the fields: one line to an editor, two to csv-parse. */
function countCrLf(fields: string[]): number {
	let n = 0;
	for (const f of fields) for (let i = f.indexOf('\r\n'); i !== -1; i = f.indexOf('\r\n', i + 2)) n++;
	return n;
}
