// UCDP and ACLED sources: what they serve (a CSV file, a zipped or gzipped
// one, or their APIs' JSON pages) becomes a CSV file that goes through the
// same importer as `sitrep import`, so a fetched row and an imported row are
// the same record (upserted by id). Credentials come from the environment
// and are never written anywhere: not to feeds.json, not to a report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FeedSource, incidentFileOf } from '../../core/feeds/sources.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { type ImportReport, importFile } from '../import/run.js';
import { gunzipIfGzip, HttpError, type HttpOptions, httpGet } from '../net/http.js';
import { unzip } from '../net/zip.js';
import { decodeText } from './decode.js';
import type { SourceReport } from './report.js';
import type { FetchEnv } from './rss.js';
import type { SourceState } from './state.js';

export const DATASET_MAX_BYTES = 500 * 1024 * 1024;
/** Pages of an API answer followed at most (UCDP gives 1,000 rows a page; ACLED up to 5,000). */
const MAX_PAGES = 500;
const ACLED_PAGE = 5000;

export class DatasetError extends Error {}

/** A CSV cell: quoted when it must be. */
function cell(v: unknown): string {
	const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** JSON rows (objects with the export's column names) as a CSV file's text. */
export function rowsToCsv(rows: readonly Record<string, unknown>[]): string {
	const header: string[] = [];
	const known = new Set<string>();
	for (const r of rows) {
		for (const k of Object.keys(r)) {
			if (!known.has(k)) {
				known.add(k);
				header.push(k);
			}
		}
	}
	const lines = [header.map(cell).join(',')];
	for (const r of rows) lines.push(header.map((h) => cell(r[h])).join(','));
	return `${lines.join('\n')}\n`;
}

/** A body that is a zip or gzip file opened; its text. */
function csvText(body: Buffer, contentType: string | undefined, url: string): string {
	if (body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04) {
		const files = unzip(body, { maxBytes: DATASET_MAX_BYTES, only: (n) => /\.csv$/i.test(n) });
		const first = files[0];
		if (!first) throw new DatasetError(`${url}: the zip file holds no .csv file`);
		return decodeText(first.data);
	}
	return decodeText(gunzipIfGzip(body, DATASET_MAX_BYTES), contentType);
}

const isJson = (body: Buffer) => /^\s*[[{]/.test(body.subarray(0, 64).toString('latin1'));

function parseJson(body: Buffer, url: string): unknown {
	try {
		return JSON.parse(decodeText(body));
	} catch (err) {
		throw new DatasetError(`${url}: the answer is not valid JSON (${(err as Error).message})`);
	}
}

/** Hides credentials a URL may carry (ACLED's legacy key and email) before it is shown. */
export function redact(text: string): string {
	return text.replace(/([?&](?:key|email|password|token|access_token)=)[^&\s]*/gi, '$1…');
}

async function importCsv(
	dir: string,
	text: string,
	format: 'ucdp' | 'acled',
	source: FeedSource,
	dryRun: boolean,
): Promise<ImportReport> {
	const tmp = mkdtempSync(join(tmpdir(), 'sitrep-fetch-'));
	try {
		const file = join(tmp, `${source.name}.csv`);
		writeFileSync(file, text);
		return await importFile(dir, file, { format, dryRun, newFile: incidentFileOf(source) });
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}

function fill(report: SourceReport, r: ImportReport): void {
	report.new = r.imported;
	report.updated = r.updated;
	report.unchanged = r.unchanged;
	for (const s of r.skipped.slice(0, 200)) {
		report.skipped.push({ item: `row ${s.row}${s.line ? ` (line ${s.line})` : ''}`, reason: sanitizeLine(s.reason) });
	}
	if (r.skipped.length > 200) report.notes.push(`${r.skipped.length - 200} more rows skipped`);
	if (r.actorsCreated.length) report.notes.push(`${r.actorsCreated.length} new actors added (actors/imported.json)`);
	for (const id of r.ids.imported) report.items.push({ id, title: id, status: 'new', actors: [], countries: [] });
	for (const id of r.ids.updated) report.items.push({ id, title: id, status: 'updated', actors: [], countries: [] });
}

export interface DatasetRun {
	dir: string;
	dryRun: boolean;
	env: FetchEnv;
	/** The environment credentials are read from (process.env; tests give their own). */
	vars: NodeJS.ProcessEnv;
}

function common(source: FeedSource, env: FetchEnv): HttpOptions {
	return {
		allowPrivate: source.allowPrivate === true,
		userAgent: env.userAgent,
		maxBytes: DATASET_MAX_BYTES,
		...(env.signal ? { signal: env.signal } : {}),
	};
}

async function ucdpText(
	source: FeedSource,
	state: SourceState,
	run: DatasetRun,
): Promise<{ text: string; validators: Partial<SourceState> } | undefined> {
	const token = run.vars.UCDP_ACCESS_TOKEN;
	const headers = token ? { 'x-ucdp-access-token': token } : undefined;
	const sameUrl = state.url === source.url;
	const opts: HttpOptions = { ...common(source, run.env), ...(headers ? { headers } : {}) };
	const first = await httpGet(source.url, {
		...opts,
		...(sameUrl && state.etag ? { etag: state.etag } : {}),
		...(sameUrl && state.lastModified ? { lastModified: state.lastModified } : {}),
	});
	if (first.notModified) return undefined;
	const validators = { etag: first.etag, lastModified: first.lastModified };
	if (!isJson(first.body)) return { text: csvText(first.body, first.contentType, source.url), validators };
	// The API: {"TotalCount", "TotalPages", "NextPageUrl", "Result": [...]}, page after page.
	const rows: Record<string, unknown>[] = [];
	let page: unknown = parseJson(first.body, source.url);
	for (let n = 1; ; n++) {
		const p = page as { Result?: unknown; NextPageUrl?: unknown };
		if (!p || !Array.isArray(p.Result)) {
			throw new DatasetError(
				`${source.url}: not a UCDP API answer (expected {"Result": [...]}, a CSV, or a zipped CSV)`,
			);
		}
		rows.push(...(p.Result as Record<string, unknown>[]));
		const next = typeof p.NextPageUrl === 'string' && p.NextPageUrl ? p.NextPageUrl : undefined;
		if (!next) break;
		if (n >= MAX_PAGES) throw new DatasetError(`${source.url}: more than ${MAX_PAGES} pages; narrow the query`);
		const res = await httpGet(new URL(next, source.url).toString(), opts);
		if (res.notModified) throw new DatasetError(`${next}: 304 to a request that asked for it whole`);
		page = parseJson(res.body, next);
	}
	return { text: rowsToCsv(rows), validators };
}

/**
 * A token for ACLED's API from the analyst's account: ACLED's OAuth endpoint
 * (POST /oauth/token, the password grant with client_id "acled") on the API's
 * own host. The token lives for this fetch only.
 */
async function acledToken(source: FeedSource, run: DatasetRun, username: string, password: string): Promise<string> {
	const at = new URL('/oauth/token', source.url).toString();
	const res = await httpGet(at, {
		...common(source, run.env),
		maxBytes: 64 * 1024,
		retries: 1,
		accept: 'application/json',
		form: { username, password, grant_type: 'password', client_id: 'acled' },
	});
	if (res.notModified) throw new DatasetError(`${at}: 304 to a token request`);
	const body = parseJson(res.body, at) as { access_token?: unknown };
	if (typeof body?.access_token !== 'string' || body.access_token === '') {
		throw new DatasetError(`${at}: ACLED's answer holds no access_token`);
	}
	return body.access_token;
}

async function acledText(source: FeedSource, run: DatasetRun): Promise<string> {
	const key = run.vars.ACLED_KEY;
	const email = run.vars.ACLED_EMAIL;
	const username = run.vars.ACLED_USERNAME;
	const password = run.vars.ACLED_PASSWORD;
	let token = run.vars.ACLED_ACCESS_TOKEN;
	if (!token && username && password) token = await acledToken(source, run, username, password);
	if (!token && !(key && email)) {
		throw new DatasetError(
			"ACLED is fetched with the analyst's own account: set ACLED_USERNAME and ACLED_PASSWORD (or ACLED_ACCESS_TOKEN, or for the older API ACLED_EMAIL and ACLED_KEY) in the environment; sitrep never stores them",
		);
	}
	const opts: HttpOptions = {
		...common(source, run.env),
		...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
	};
	const rows: Record<string, unknown>[] = [];
	for (let page = 1; ; page++) {
		const url = new URL(source.url);
		if (!token && key && email) {
			url.searchParams.set('key', key);
			url.searchParams.set('email', email);
		}
		if (!url.searchParams.has('limit')) url.searchParams.set('limit', String(ACLED_PAGE));
		url.searchParams.set('page', String(page));
		const res = await httpGet(url.toString(), opts);
		if (res.notModified) throw new DatasetError(`${source.url}: 304 to a request that asked for it whole`);
		const body = parseJson(res.body, source.url) as { success?: unknown; data?: unknown; error?: unknown };
		if (!body || body.success === false || !Array.isArray(body.data)) {
			const why = body && typeof body.error === 'object' ? JSON.stringify(body.error) : 'no "data" list';
			throw new DatasetError(
				`${source.url}: ACLED's answer is not a list of events (${sanitizeLine(why).slice(0, 200)})`,
			);
		}
		rows.push(...(body.data as Record<string, unknown>[]));
		const limit = Number(url.searchParams.get('limit')) || ACLED_PAGE;
		if (body.data.length < limit) break;
		if (page >= MAX_PAGES) throw new DatasetError(`${source.url}: more than ${MAX_PAGES} pages; narrow the query`);
	}
	return rowsToCsv(rows);
}

export async function collectDataset(
	source: FeedSource,
	state: SourceState,
	report: SourceReport,
	run: DatasetRun,
): Promise<(() => void) | undefined> {
	let text: string;
	let validators: Partial<SourceState> = {};
	try {
		if (source.kind === 'ucdp') {
			const got = await ucdpText(source, state, run);
			if (!got) {
				report.status = 'not-modified';
				report.notModified = true;
				return undefined;
			}
			text = got.text;
			validators = got.validators;
		} else text = await acledText(source, run);
	} catch (err) {
		if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
			const hint =
				source.kind === 'ucdp'
					? 'UCDP asks for an access token: set UCDP_ACCESS_TOKEN'
					: 'ACLED refused the credentials: check ACLED_USERNAME and ACLED_PASSWORD (or ACLED_ACCESS_TOKEN, ACLED_EMAIL and ACLED_KEY)';
			throw new DatasetError(`${redact(err.message)}; ${hint}`);
		}
		if (err instanceof HttpError) throw new DatasetError(redact(err.message));
		throw err;
	}
	if (text.trim() === '') {
		report.notes.push('the source answered with no rows');
		return undefined;
	}
	const imported = await importCsv(run.dir, text, source.kind === 'ucdp' ? 'ucdp' : 'acled', source, run.dryRun);
	fill(report, imported);
	if (source.kind === 'ucdp' && state.ids?.length && state.url === source.url) {
		const now = new Set(imported.ids.read);
		const gone = state.ids.filter((id) => !now.has(id));
		if (gone.length) {
			report.gone = gone;
			report.notes.push(
				`${gone.length} records the previous fetch had are no longer served (withdrawn or revised Candidate rows); they are kept in the data`,
			);
		}
	}
	return () => {
		state.url = source.url;
		state.etag = validators.etag;
		state.lastModified = validators.lastModified;
		if (source.kind === 'ucdp') state.ids = imported.ids.read;
	};
}
