// One import: read a CSV export row by row, map each row to an incident (or a
// reason it was skipped), merge actor names, then add or update the records
// in the data directory in one atomic write. Every row read is accounted for.
import { existsSync, statSync } from 'node:fs';
import { describeIssues } from '../../core/issues.js';
import { type Actor, type Country, type Kind, recordSchemas } from '../../core/schema.js';
import { loadDataDir } from '../load/load.js';
import { commitPlan, type FileOps, planUpserts, type Upsert, type WritePlan, withDataLock } from '../write.js';
import { ActorMerger, type Merge } from './actors.js';
import { countryName } from './countries.js';
import { type CsvSource, openCsv } from './csvRows.js';
import { cleanRecord, RowError } from './fields.js';
import { FORMATS, type Format, type MapContext } from './formats.js';
import { csvKind, jsonRecords, type ReadRecord, sitrepCsvRecords } from './sitrep.js';

export class ImportError extends Error {}

export interface Skip {
	row: number;
	line?: number;
	reason: string;
}

export interface ImportReport {
	file: string;
	format: string;
	read: number;
	imported: number;
	updated: number;
	unchanged: number;
	skipped: Skip[];
	actorsMerged: Merge[];
	actorsCreated: { id: string; name: string }[];
	countriesCreated: string[];
	/** HDX's row of HXL tags was recognised and not counted as data. */
	hxlRow: boolean;
	dryRun: boolean;
	written: string[];
	/** The ids of the records added and changed, and of every record read (for a fetch to see which went away). */
	ids: { imported: string[]; updated: string[]; read: string[] };
}

export interface ImportOptions {
	format?: string;
	dryRun?: boolean;
	onProgress?: (p: { rows: number; read: number; total: number }) => void;
	/** File operations for the final write (tests make them fail). */
	ops?: FileOps;
	/** Called if another sitrep is writing to the data directory and the import waits for it (its pid if known). */
	onWait?: (holder: number | undefined) => void;
	/** Where new records go, relative to the data directory, instead of the format's own file (a feed's file). */
	newFile?: string;
}

function existing(dir: string): { actors: Actor[]; countries: Country[] } {
	if (!existsSync(dir)) return { actors: [], countries: [] };
	if (!statSync(dir).isDirectory()) throw new ImportError(`${dir} is not a directory`);
	const { store } = loadDataDir(dir, ['actors', 'countries']);
	return { actors: store.actors, countries: store.countries };
}

function pickFormat(source: CsvSource, wanted: string | undefined): Format {
	const header = new Set(source.header.map((h) => h.toLowerCase()));
	if (wanted) {
		const format = FORMATS.find((f) => f.name === wanted.toLowerCase());
		if (!format)
			throw new ImportError(`unknown format "${wanted}"; expected ${FORMATS.map((f) => f.name).join(' or ')}`);
		return format;
	}
	const found = FORMATS.find((f) => f.detect(header));
	if (!found) {
		throw new ImportError(
			`cannot tell the format from the header (${source.header.slice(0, 6).join(', ')}...); name it: sitrep import acled|ucdp FILE`,
		);
	}
	return found;
}

function checkColumns(source: CsvSource, format: Format): void {
	const header = new Set(source.header.map((h) => h.toLowerCase()));
	const missing = format.required.filter((group) => !group.some((c) => header.has(c)));
	if (missing.length) {
		throw new ImportError(
			`not a ${format.dataset} export: missing column${missing.length > 1 ? 's' : ''} ${missing.map((g) => g.join(' or ')).join(', ')} (the header has ${source.header.length} columns: ${source.header.slice(0, 8).join(', ')}${source.header.length > 8 ? ', ...' : ''})`,
		);
	}
}

interface Collected {
	format: string;
	kind: Kind;
	newFile: string;
	records: Record<string, unknown>[];
	skipped: Skip[];
	read: number;
	hxlRow: boolean;
	merger?: ActorMerger;
	countries: Map<string, string | undefined>;
	/** Where each id was first read, so a repeated id names the row it repeats. */
	firstRow: Map<string, number>;
}

/** Imports an ACLED or UCDP CSV export, or one of sitrep's own exports (CSV, JSON, NDJSON). */
export async function importFile(dir: string, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
	if (!existsSync(file)) throw new ImportError(`${file}: no such file`);
	if (statSync(file).isDirectory()) throw new ImportError(`${file} is a directory, not a file to import`);
	const data = existing(dir);
	const collected = /\.(json|jsonl|ndjson)$/i.test(file)
		? collectJson(file)
		: await collectCsv(file, data.actors, opts);
	return write(dir, file, data, collected, opts);
}

function collectJson(file: string): Collected {
	let read: ReturnType<typeof jsonRecords>;
	try {
		read = jsonRecords(file);
	} catch (err) {
		throw new ImportError(`${file}: ${(err as Error).message}`);
	}
	const out = fresh(`sitrep ${read.kind}`, read.kind, `${read.kind}/imported.jsonl`, false);
	for (const r of read.records) accept(out, r);
	return out;
}

function fresh(format: string, kind: Kind, newFile: string, hxlRow: boolean): Collected {
	return {
		format,
		kind,
		newFile,
		records: [],
		skipped: [],
		read: 0,
		hxlRow,
		countries: new Map(),
		firstRow: new Map(),
	};
}

/** One record read: kept, or skipped with its reason (a repeated id keeps the first). */
function accept(out: Collected, r: ReadRecord): void {
	out.read++;
	if (r.error !== undefined || !r.record) {
		out.skipped.push({ row: r.row, ...(r.line ? { line: r.line } : {}), reason: r.error ?? 'unreadable' });
		return;
	}
	const id = String(r.record.id);
	const first = out.firstRow.get(id);
	if (first !== undefined) {
		out.skipped.push({ row: r.row, line: r.line, reason: `same id as row ${first} (${id}); first kept` });
		return;
	}
	// Cleaned as the loader would clean it; a record that cleaning leaves invalid is skipped.
	if (cleanRecord(r.record)) {
		const parsed = recordSchemas[out.kind].safeParse(r.record);
		if (!parsed.success) {
			out.skipped.push({
				row: r.row,
				line: r.line,
				reason: `${issuesText(parsed.error.issues, r.record)} (after removing control characters)`,
			});
			return;
		}
	}
	out.firstRow.set(id, r.row);
	if (out.kind === 'incidents' && typeof r.record.country === 'string' && !out.countries.has(r.record.country)) {
		out.countries.set(r.record.country, undefined);
	}
	out.records.push(r.record);
}

async function collectCsv(file: string, actors: Actor[], opts: ImportOptions): Promise<Collected> {
	let source: CsvSource;
	try {
		source = await openCsv(file);
	} catch (err) {
		throw new ImportError(`${file}: ${(err as Error).message}`);
	}
	const own = opts.format ? undefined : csvKind(source);
	if (own) {
		const out = fresh(`sitrep ${own}`, own, `${own}/imported.jsonl`, false);
		for await (const r of sitrepCsvRecords(source, own)) {
			accept(out, r);
			if (out.read % 500 === 0) opts.onProgress?.({ rows: out.read, ...source.progress() });
		}
		return out;
	}
	const format = pickFormat(source, opts.format);
	checkColumns(source, format);
	const merger = new ActorMerger(actors);
	const out = fresh(format.dataset, 'incidents', format.newFile, false);
	out.merger = merger;
	const ctx: MapContext = { merger, countries: out.countries };
	for await (const event of source.rows) {
		if (out.read % 500 === 0) opts.onProgress?.({ rows: out.read, ...source.progress() });
		if ('bad' in event) {
			accept(out, { ...event.bad, error: event.bad.reason });
			continue;
		}
		const { row } = event;
		let record: Record<string, unknown>;
		try {
			record = format.map(row, ctx);
		} catch (err) {
			if (!(err instanceof RowError)) throw err;
			accept(out, { row: row.row, line: row.line, error: err.message });
			continue;
		}
		cleanRecord(record);
		const parsed = recordSchemas.incidents.safeParse(record);
		const error = parsed.success ? undefined : issuesText(parsed.error.issues, record);
		accept(out, { row: row.row, line: row.line, record, error });
	}
	opts.onProgress?.({ rows: out.read, ...source.progress() });
	out.hxlRow = source.skippedHxl;
	return out;
}

function issuesText(issues: Parameters<typeof describeIssues>[0], record: unknown): string {
	return describeIssues(issues, record)
		.map((r) => `${r.path.join('.') || 'record'}: ${r.message}`)
		.join('; ');
}

function write(
	dir: string,
	file: string,
	data: { countries: Country[] },
	c: Collected,
	opts: ImportOptions,
): ImportReport {
	const known = new Set(data.countries.map((x) => x.code));
	const created = c.merger?.created ?? [];
	for (const a of created) cleanRecord(a as unknown as Record<string, unknown>);
	// A new actor's home ("Government of Eritrea" in a row about Ethiopia) is a country the data needs too.
	const countries = new Map(c.countries);
	for (const a of created) {
		for (const code of a.countries) {
			if (!countries.has(code) && countryName(code) !== code) countries.set(code, undefined);
		}
	}
	const newCountries = [...countries].filter(([code]) => !known.has(code));
	const upserts: Upsert[] = [{ kind: c.kind, records: c.records, newFile: opts.newFile ?? c.newFile }];
	if (created.length) {
		upserts.push({ kind: 'actors', records: created as Record<string, unknown>[], newFile: 'actors/imported.json' });
	}
	if (newCountries.length) {
		upserts.push({
			kind: 'countries',
			records: newCountries.map(([code, region]) => ({
				code,
				name: countryName(code),
				region: region ?? 'Unspecified',
				tags: [],
			})),
			newFile: 'countries/imported.json',
		});
	}
	// Planned under the lock: a concurrent import would otherwise replace the files this one just wrote.
	const plan: WritePlan = opts.dryRun
		? planUpserts(dir, upserts)
		: withDataLock(
				dir,
				() => {
					const p = planUpserts(dir, upserts);
					commitPlan(p, opts.ops);
					return p;
				},
				{ onWait: opts.onWait },
			);
	const counts = plan.counts[c.kind] ?? { imported: [], updated: [], unchanged: [] };
	return {
		file,
		format: c.format,
		read: c.read,
		imported: counts.imported.length,
		updated: counts.updated.length,
		unchanged: counts.unchanged.length,
		skipped: c.skipped,
		actorsMerged: c.merger?.merged ?? [],
		actorsCreated: (plan.counts.actors?.imported ?? [])
			.filter(() => c.kind !== 'actors')
			.map((id) => ({ id, name: created.find((a) => a.id === id)?.name ?? id })),
		countriesCreated: plan.counts.countries?.imported ?? [],
		hxlRow: c.hxlRow,
		dryRun: Boolean(opts.dryRun),
		written: opts.dryRun ? [] : plan.files.map((f) => f.path),
		ids: {
			imported: counts.imported,
			updated: counts.updated,
			read: c.records.map((r) => r.id).filter((id): id is string => typeof id === 'string'),
		},
	};
}
