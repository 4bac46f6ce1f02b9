// sitrep ingest FILE...: article files (text, Markdown, saved HTML) become
// article records, linked to the actors, countries and incident types they
// name, and are written to articles/ingested.jsonl (or only shown, with
// --dry-run). A bad file is reported and the others still go in.

import { G } from '../core/glyphs.js';
import { type CountryLink, gazetteerOf, type Link, linkArticle, matchSummary } from '../core/link.js';
import { type Article, recordSchemas } from '../core/schema.js';
import type { Store } from '../core/store.js';
import { plural } from '../core/words.js';
import {
	articleId,
	DATE_FROM,
	type DateFrom,
	type Extracted,
	IngestError,
	parseDateOption,
	readArticleFile,
} from '../io/ingest.js';
import { commitPlan, type KindCounts, planUpserts, WriteError, withDataLock } from '../io/write.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export interface IngestOptions {
	dataDir: string;
	/** YYYY-MM-DD for every file. */
	date?: string;
	/** The outlet, for files that do not name theirs (or to override them). */
	source?: string;
	dryRun: boolean;
	json: boolean;
}

/** Where new articles go, relative to the data directory. */
export const INGEST_FILE = 'articles/ingested.jsonl';

interface Ingested {
	file: string;
	id: string;
	record: Article;
	links: { actors: Link[]; countries: CountryLink[]; tags: Link[] };
	dateFrom: DateFrom;
	extracted: Extracted;
}

type Status = 'imported' | 'updated' | 'unchanged';

function dateOrigin(x: Extracted): string {
	return x.dateFrom === 'meta' && x.dateKey ? `the page's <meta ${x.dateKey}>` : DATE_FROM[x.dateFrom];
}

/** One file to a validated record, or the reason it cannot be one. */
function ingestOne(store: Store, file: string, opts: IngestOptions): Ingested {
	const x = readArticleFile(file, { date: opts.date, source: opts.source });
	const links = linkArticle(gazetteerOf(store), x);
	// A country the data does not list would only be a dangling reference; with no countries at all, keep them.
	const anyCountry = store.countries.length === 0;
	const candidate = {
		id: articleId(x.published, x.title),
		title: x.title,
		published: x.published,
		source: x.source,
		...(x.url ? { url: x.url } : {}),
		...(x.author ? { author: x.author } : {}),
		countries: links.countries.filter((c) => c.known || anyCountry).map((c) => c.id),
		actors: links.actors.map((a) => a.id),
		tags: links.tags.map((t) => t.id),
		...(x.summary ? { summary: x.summary } : {}),
		body: x.body,
	};
	const parsed = recordSchemas.articles.safeParse(candidate);
	if (!parsed.success) {
		const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
		throw new IngestError(`the article is not valid: ${why}`);
	}
	return { file, id: candidate.id, record: parsed.data, links, dateFrom: x.dateFrom, extracted: x };
}

function statusOf(counts: KindCounts | undefined, id: string): Status | undefined {
	if (!counts) return undefined;
	if (counts.imported.includes(id)) return 'imported';
	if (counts.updated.includes(id)) return 'updated';
	if (counts.unchanged.includes(id)) return 'unchanged';
	return undefined;
}

function printLinks(ctx: Ctx, heading: string, links: (Link | CountryLink)[]): void {
	if (links.length === 0) {
		ctx.out(`  ${heading.padEnd(10)}-`);
		return;
	}
	const width = Math.max(...links.map((l) => l.id.length));
	links.forEach((l, i) => {
		const unknown = 'known' in l && !l.known ? '  (not in the data’s countries: not recorded)' : '';
		ctx.out(
			`  ${(i === 0 ? heading : '').padEnd(10)}${l.id.padEnd(width)}  ${G.left} ${matchSummary(l.matches)}${unknown}`,
		);
	});
}

export function runIngest(store: Store, files: string[], opts: IngestOptions, ctx: Ctx): number {
	if (files.length === 0) {
		ctx.err('sitrep ingest: expected one or more files, e.g. sitrep ingest story.html --source "Dawn"');
		return EXIT.usage;
	}
	if (opts.date !== undefined && !parseDateOption(opts.date)) {
		ctx.err(`sitrep ingest: --date: expected a real date YYYY-MM-DD, found ${JSON.stringify(opts.date)}`);
		return EXIT.usage;
	}
	if (opts.source !== undefined && opts.source.trim() === '') {
		ctx.err('sitrep ingest: --source: expected the name of the outlet, e.g. --source "Dawn"');
		return EXIT.usage;
	}

	const done: Ingested[] = [];
	const errors: { file: string; reason: string }[] = [];
	const byId = new Map<string, string>();
	for (const file of files) {
		try {
			const one = ingestOne(store, file, opts);
			const other = byId.get(one.id);
			if (other !== undefined) {
				throw new IngestError(`same id ${one.id} as ${other} (same title and date); ingest one of them`);
			}
			byId.set(one.id, file);
			done.push(one);
		} catch (err) {
			if (!(err instanceof IngestError)) throw err;
			errors.push({ file, reason: err.message });
		}
	}

	let counts: KindCounts | undefined;
	if (done.length) {
		try {
			const upserts = [
				{
					kind: 'articles' as const,
					records: done.map((d) => d.record as Record<string, unknown>),
					newFile: INGEST_FILE,
				},
			];
			// Planned under the lock, so a concurrent ingest or import cannot write over these changes.
			const plan = opts.dryRun
				? planUpserts(opts.dataDir, upserts)
				: withDataLock(opts.dataDir, () => {
						const p = planUpserts(opts.dataDir, upserts);
						commitPlan(p);
						return p;
					});
			counts = plan.counts.articles;
		} catch (err) {
			if (!(err instanceof WriteError)) throw err;
			ctx.err(`sitrep ingest: ${err.message}`);
			return EXIT.data;
		}
	}
	const n = {
		imported: counts?.imported.length ?? 0,
		updated: counts?.updated.length ?? 0,
		unchanged: counts?.unchanged.length ?? 0,
	};
	const exit = errors.length ? EXIT.problems : EXIT.ok;

	if (opts.json) {
		ctx.out(
			terminalJson({
				articles: done.map((d) => ({
					file: d.file,
					id: d.id,
					status: statusOf(counts, d.id) ?? null,
					record: d.record,
					links: d.links,
					dateFrom: d.dateFrom,
				})),
				dryRun: opts.dryRun,
				...n,
				errors,
			}),
		);
		return exit;
	}

	const would = opts.dryRun ? 'would be ' : '';
	for (const d of done) {
		const status = statusOf(counts, d.id);
		ctx.out(`${d.file} ${G.right} ${d.id}${status ? ` (${would}${status})` : ''}`);
		ctx.out(`  ${'title'.padEnd(10)}${d.record.title}`);
		ctx.out(`  ${'date'.padEnd(10)}${d.record.published} (from ${dateOrigin(d.extracted)})`);
		ctx.out(`  ${'source'.padEnd(10)}${d.record.source}`);
		if (d.record.url) ctx.out(`  ${'url'.padEnd(10)}${d.record.url}`);
		if (d.record.author) ctx.out(`  ${'author'.padEnd(10)}${d.record.author}`);
		printLinks(ctx, 'actors', d.links.actors);
		printLinks(ctx, 'countries', d.links.countries);
		printLinks(ctx, 'tags', d.links.tags);
		ctx.out('');
	}
	for (const e of errors) ctx.err(`sitrep ingest: ${e.file}: ${e.reason}`);
	// New ids go to INGEST_FILE; an id already in the data is updated where it is.
	const where = opts.dryRun ? ' (dry run: nothing written)' : n.imported ? ` (new ones in ${INGEST_FILE})` : '';
	ctx.out(
		`${plural(done.length, 'article')}: ${n.imported} ${would}imported, ${n.updated} ${would}updated, ${n.unchanged} unchanged` +
			`${errors.length ? `; ${plural(errors.length, 'file')} failed` : ''}${where}`,
	);
	return exit;
}
