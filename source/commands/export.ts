// sitrep export incidents|articles|actors: the filtered records as CSV, JSON
// or NDJSON, to stdout or atomically to --out FILE.

import type { Backend } from '../core/backend/types.js';
import type { Resolver } from '../core/resolve.js';
import type { Store } from '../core/store.js';
import { plural } from '../core/words.js';
import {
	EXPORT_FORMATS,
	EXPORT_KINDS,
	type ExportFilterInput,
	type ExportFormat,
	formatOfPath,
	parseExportFormat,
	parseExportKind,
	selectRecords,
	writeExportFile,
} from '../io/export.js';
import { serialize } from '../present/exportFile.js';
import { type Ctx, EXIT } from './context.js';

export interface ExportFlags extends ExportFilterInput {
	format?: string;
	out?: string;
	/** CSV: start with a UTF-8 byte order mark (Excel needs it to read UTF-8). */
	bom?: boolean;
}

/**
 * Data goes to `write`, not ctx.out: ctx.out sanitizes for the terminal, which
 * turns CSV's CRLF into LF and tabs into spaces. CSV carries the text as
 * sanitized when loaded; JSON and NDJSON carry the original text with every
 * control, bidi and line-separator character escaped (serialize in
 * present/exportFile.ts), so nothing unsafe reaches a terminal either way.
 */
export function runExport(
	store: Store | Backend,
	resolver: Resolver,
	kindInput: string | undefined,
	flags: ExportFlags,
	ctx: Ctx,
	write: (chunk: string) => void = (chunk) => {
		process.stdout.write(chunk);
	},
): number {
	const kind = kindInput === undefined ? undefined : parseExportKind(kindInput);
	if (!kind) {
		ctx.err(
			kindInput?.trim()
				? `sitrep export: unknown kind "${kindInput}"; expected ${EXPORT_KINDS.join(', ')}`
				: `sitrep export: expected what to export: ${EXPORT_KINDS.join(', ')} (e.g. sitrep export incidents --format csv)`,
		);
		return EXIT.usage;
	}
	let format: ExportFormat = 'csv';
	if (flags.format !== undefined) {
		const f = parseExportFormat(flags.format);
		if (!f) {
			ctx.err(`sitrep export: --format: unknown format "${flags.format}"; expected ${EXPORT_FORMATS.join(', ')}`);
			return EXIT.usage;
		}
		format = f;
	} else if (flags.out) format = formatOfPath(flags.out) ?? 'csv';
	if (flags.limit !== undefined && (!Number.isInteger(flags.limit) || flags.limit < 1)) {
		ctx.err('sitrep export: --limit: expected a whole number of at least 1');
		return EXIT.usage;
	}
	const selected = selectRecords(store, resolver, kind, flags);
	if (!selected.records) {
		for (const e of selected.errors) {
			ctx.err(
				`sitrep export: ${e.what}: ${e.message}${e.suggestions.length ? ` (did you mean: ${e.suggestions.join('; ')}?)` : ''}`,
			);
		}
		return EXIT.usage;
	}
	for (const note of selected.notes) ctx.err(`sitrep export: ${note}`);
	const text = serialize(kind, selected.records, format, { bom: flags.bom });
	const count = plural(selected.records.length, kind.slice(0, -1));
	if (!flags.out) {
		write(text);
		ctx.err(`${count} exported as ${format}`);
		return EXIT.ok;
	}
	const why = writeExportFile(flags.out, text);
	if (why) {
		ctx.err(`sitrep export: cannot write ${flags.out}: ${why}`);
		return EXIT.data;
	}
	ctx.err(`${count} written to ${flags.out} (${format})`);
	return EXIT.ok;
}
