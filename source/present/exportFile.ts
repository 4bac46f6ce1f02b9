// The text of an export: sitrep CSV, a JSON file in the wrapper shape the
// loader reads (so it can be dropped into a data directory), or NDJSON.
import { type CsvKind, type CsvRecordOf, toCsv } from '../core/csv.js';
import { original } from '../core/originals.js';
import type { ExportFormat } from '../io/export.js';
import { terminalJson } from './json.js';

export interface SerializeOptions {
	/** CSV only: start with a UTF-8 byte order mark (for Excel). */
	bom?: boolean;
}

/** The export file's text, ending with a newline (CRLF for CSV). */
export function serialize<K extends CsvKind>(
	kind: K,
	records: readonly CsvRecordOf[K][],
	format: ExportFormat,
	opts: SerializeOptions = {},
): string {
	// CSV carries the cleaned text: it has no escapes, and spreadsheets and terminals read it as is.
	if (format === 'csv') return toCsv(kind, records, opts);
	// JSON carries the text as the data files wrote it (core/originals.ts), with the characters
	// a terminal would act on written as \u escapes: printed to a terminal, it is still safe.
	const raw = records.map((r) => original(r));
	if (format === 'ndjson') return raw.map((r) => `${terminalJson(r, 0)}\n`).join('');
	// The data files' own wrapper and indentation; no $schema, whose relative path depends on where it lands.
	return `${terminalJson({ [kind]: raw })}\n`;
}
