// sitrep import [acled|ucdp] FILE: an event-data export into the data dir,
// with a report that accounts for every row read.
import { relative } from 'node:path';
import { G } from '../core/glyphs.js';
import { plural } from '../core/words.js';
import { ImportError, type ImportReport, importFile } from '../io/import/run.js';
import { displayPath } from '../io/load/load.js';
import { WriteError } from '../io/write.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export interface ImportFlags {
	json: boolean;
	dryRun: boolean;
	/** Progress lines go here (stderr on a terminal); none when undefined. */
	progress?: (line: string | undefined) => void;
}

const FORMAT_NAMES = ['acled', 'ucdp'];

export async function runImport(dir: string, args: string[], flags: ImportFlags, ctx: Ctx): Promise<number> {
	const [first, second, ...rest] = args;
	const format = first && FORMAT_NAMES.includes(first.toLowerCase()) ? first : undefined;
	const file = format ? second : first;
	if (!file || (format ? rest.length : second !== undefined)) {
		ctx.err('sitrep: usage: sitrep import [acled|ucdp] FILE.csv [--data DIR] [--dry-run] [--json]');
		return EXIT.usage;
	}
	const started = performance.now();
	let report: ImportReport;
	try {
		report = await importFile(dir, file, {
			format,
			dryRun: flags.dryRun,
			onProgress: flags.progress
				? ({ rows, read, total }) =>
						flags.progress?.(
							`importing ${displayPath(file)}: ${rows.toLocaleString('en')} rows (${Math.floor((100 * read) / Math.max(1, total))}%)`,
						)
				: undefined,
		});
	} catch (err) {
		flags.progress?.(undefined);
		if (err instanceof ImportError) {
			ctx.err(`sitrep: import: ${err.message}`);
			return EXIT.usage;
		}
		if (err instanceof WriteError) {
			ctx.err(`sitrep: import: ${err.message}`);
			return EXIT.data;
		}
		throw err;
	}
	flags.progress?.(undefined);
	const seconds = (performance.now() - started) / 1000;
	if (flags.json) {
		ctx.out(
			terminalJson({
				read: report.read,
				imported: report.imported,
				updated: report.updated,
				unchanged: report.unchanged,
				skipped: report.skipped,
				actorsMerged: report.actorsMerged,
				actorsCreated: report.actorsCreated,
				countriesCreated: report.countriesCreated,
				format: report.format,
				file: report.file,
				dataDir: dir,
				dryRun: report.dryRun,
				written: report.written,
				seconds: Math.round(seconds * 100) / 100,
			}),
		);
	} else printReport(report, dir, seconds, ctx);
	return report.skipped.length ? EXIT.problems : EXIT.ok;
}

const SHOWN_SKIPS = 20;

function printReport(r: ImportReport, dir: string, seconds: number, ctx: Ctx): void {
	const n = (x: number) => x.toLocaleString('en').padStart(7);
	ctx.out(
		`${r.dryRun ? 'Would import' : 'Imported'} ${displayPath(r.file)} (${r.format}) into ${displayPath(dir)} in ${seconds.toFixed(1)} s`,
	);
	ctx.out(
		`  read      ${n(r.read)} ${r.read === 1 ? 'row' : 'rows'}${r.hxlRow ? ' (the HXL tag row is not counted)' : ''}`,
	);
	ctx.out(`  new       ${n(r.imported)}`);
	ctx.out(`  updated   ${n(r.updated)}`);
	ctx.out(`  unchanged ${n(r.unchanged)}`);
	ctx.out(`  skipped   ${n(r.skipped.length)}`);
	if (r.actorsMerged.length) {
		ctx.out(`Actor names merged with known actors (${r.actorsMerged.length}):`);
		for (const m of r.actorsMerged) {
			ctx.out(`  ${m.name} ${G.right} ${m.into}  (${plural(m.rows, 'row')}, by ${m.via})`);
		}
	}
	if (r.actorsCreated.length) {
		const names = r.actorsCreated.map((a) => a.name);
		ctx.out(
			`New actors (${r.actorsCreated.length}): ${names.slice(0, 12).join(', ')}${names.length > 12 ? `, and ${names.length - 12} more` : ''}`,
		);
	}
	if (r.countriesCreated.length)
		ctx.out(`New countries (${r.countriesCreated.length}): ${r.countriesCreated.join(', ')}`);
	if (r.skipped.length) {
		ctx.out('Skipped rows:');
		for (const s of r.skipped.slice(0, SHOWN_SKIPS)) {
			ctx.out(`  row ${s.row}${s.line ? ` (line ${s.line})` : ''}: ${s.reason}`);
		}
		if (r.skipped.length > SHOWN_SKIPS) ctx.out(`  ... and ${r.skipped.length - SHOWN_SKIPS} more (--json lists all)`);
	}
	if (r.written.length) ctx.out(`Wrote ${r.written.map((f) => relative(dir, f)).join(', ')}`);
	else if (r.dryRun) ctx.out('Nothing written (--dry-run).');
}
