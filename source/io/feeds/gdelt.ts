// GDELT 2.0 Events into incidents: lastupdate.txt names the newest 15-minute
// export; when it is not the one taken last time, the .export.CSV.zip is
// fetched, checked against the size and MD5 GDELT publishes, unzipped and
// read (core/feeds/gdelt.ts). Events GDELT emits again (the same id in a
// later file) are taken once. Every incident is marked machine-coded, so risk
// scores leave it out unless asked.
import { createHash } from 'node:crypto';
import {
	DEFAULT_ROOT_CODES,
	dedupeGdelt,
	gdeltIncident,
	parseGdeltExport,
	parseGdeltIndex,
} from '../../core/feeds/gdelt.js';
import type { FeedSource } from '../../core/feeds/sources.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { recordSchemas } from '../../core/schema.js';
import { httpGet } from '../net/http.js';
import { unzip } from '../net/zip.js';
import type { SourceReport } from './report.js';
import type { FetchEnv } from './rss.js';
import type { SourceState } from './state.js';

/** A 15-minute export is a few hundred KB zipped; this leaves room and stops a runaway. */
export const EXPORT_MAX_BYTES = 100 * 1024 * 1024;

export class GdeltError extends Error {}

export async function collectGdelt(
	source: FeedSource,
	state: SourceState,
	report: SourceReport,
	env: FetchEnv,
): Promise<{ records: Record<string, unknown>[]; commit: () => void } | undefined> {
	const common = {
		allowPrivate: source.allowPrivate === true,
		userAgent: env.userAgent,
		...(env.signal ? { signal: env.signal } : {}),
	};
	const sameUrl = state.url === source.url;
	const index = await httpGet(source.url, {
		...common,
		maxBytes: 64 * 1024,
		...(sameUrl && state.etag ? { etag: state.etag } : {}),
		...(sameUrl && state.lastModified ? { lastModified: state.lastModified } : {}),
	});
	if (index.notModified) {
		report.status = 'not-modified';
		report.notModified = true;
		return undefined;
	}
	const entries = parseGdeltIndex(index.body.toString('utf8'));
	const entry = entries.find((e) => /\.export\.CSV\.zip$/i.test(e.url));
	if (!entry) {
		throw new GdeltError(
			`${source.url} names no .export.CSV.zip file (expected GDELT 2.0 lastupdate.txt: lines "SIZE MD5 URL")`,
		);
	}
	const exportUrl = new URL(entry.url, source.url).toString();
	const keepValidators = () => {
		state.url = source.url;
		state.etag = index.etag;
		state.lastModified = index.lastModified;
	};
	if (sameUrl && state.lastExport === exportUrl) {
		keepValidators();
		report.status = 'not-modified';
		report.notModified = true;
		return undefined;
	}
	const file = await httpGet(exportUrl, { ...common, maxBytes: EXPORT_MAX_BYTES });
	if (file.notModified) throw new GdeltError(`${exportUrl} answered 304 to a request that asked for it whole`);
	if (entry.size > 0 && file.body.length !== entry.size) {
		throw new GdeltError(`${exportUrl} has ${file.body.length} bytes; lastupdate.txt says ${entry.size} (truncated?)`);
	}
	const md5 = createHash('md5').update(file.body).digest('hex');
	if (entry.md5 && md5 !== entry.md5.toLowerCase()) {
		throw new GdeltError(`${exportUrl}: MD5 ${md5} is not the ${entry.md5} lastupdate.txt gives (a damaged download)`);
	}
	const csv = unzip(file.body, { only: (n) => /\.csv$/i.test(n) });
	if (csv.length === 0) throw new GdeltError(`${exportUrl} holds no .CSV file`);
	const parsed = parseGdeltExport(csv.map((e) => e.data.toString('utf8')).join('\n'));
	for (const s of parsed.skipped.slice(0, 50)) report.skipped.push({ item: `line ${s.line}`, reason: s.reason });
	if (parsed.skipped.length > 50) report.notes.push(`${parsed.skipped.length - 50} more rows skipped`);
	const { kept, duplicates } = dedupeGdelt(parsed.events);
	if (duplicates) report.notes.push(`${duplicates} events GDELT gave twice for the same happening were taken once`);
	const before = new Set(sameUrl ? (state.events ?? []) : []);
	const countries = new Set(source.countries?.length ? source.countries : env.known);
	const rootCodes = new Set(source.rootCodes?.length ? source.rootCodes : DEFAULT_ROOT_CODES);
	const records: Record<string, unknown>[] = [];
	const ids: string[] = [];
	let again = 0;
	for (const ev of kept) {
		if (before.has(ev.id)) {
			again++;
			continue;
		}
		const made = gdeltIncident(ev, { countries, rootCodes });
		if ('skip' in made) {
			report.filtered++;
			continue;
		}
		const parsedRecord = recordSchemas.incidents.safeParse(made.incident);
		if (!parsedRecord.success) {
			const why = parsedRecord.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
			report.skipped.push({ item: `event ${ev.id}`, reason: sanitizeLine(`not a valid incident: ${why}`) });
			continue;
		}
		records.push(made.incident);
		ids.push(ev.id);
	}
	if (again) report.notes.push(`${again} events already taken from an earlier file were left as they are`);
	return {
		records,
		commit: () => {
			keepValidators();
			state.lastExport = exportUrl;
			state.events = [...(state.events ?? []), ...kept.map((e) => e.id).filter((id) => !before.has(id))];
		},
	};
}
