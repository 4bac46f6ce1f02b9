// An RSS or Atom source into article records: fetched conditionally, parsed
// without entity expansion (core/feeds/parse.ts), each item's HTML made text,
// linked to actors, countries and incident types as `sitrep ingest` links,
// and (with --full) its page fetched and its article text extracted.

import { FeedError, type FeedItem, parseFeed } from '../../core/feeds/parse.js';
import type { FeedSource } from '../../core/feeds/sources.js';
import { fold } from '../../core/fold.js';
import { htmlToText, readHtml } from '../../core/html.js';

import { type Gazetteer, linkArticle } from '../../core/link.js';
import { sanitizeLine, sanitizeText } from '../../core/sanitize.js';
import { recordSchemas } from '../../core/schema.js';
import { articleId } from '../ingest.js';
import { HttpError, httpGet } from '../net/http.js';
import { decodeText } from './decode.js';
import type { SourceReport } from './report.js';
import type { ItemSeen, SourceState } from './state.js';

/** A feed bigger than this is not a feed anyone means (and not read further). */
export const FEED_MAX_BYTES = 10 * 1024 * 1024;
/** An article page fetched for --full. */
export const PAGE_MAX_BYTES = 3 * 1024 * 1024;
/** The article text kept from a page (characters). */
export const BODY_MAX_CHARS = 200_000;
const MAX_TITLE = 300;

export interface FetchEnv {
	now: Date;
	gazetteer: Gazetteer;
	/** Country codes the data knows (a link to any other is dropped, as ingest drops it). */
	known: ReadonlySet<string>;
	signal?: AbortSignal;
	userAgent: string;
	/** Ids another source of this run already took. */
	taken: Map<string, string>;
}

export interface Collected {
	records: Record<string, unknown>[];
	/** Records what was taken in the source's state: called once the records are written (never on a dry run). */
	commit: () => void;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** An item's stable key: its GUID, else its link, else its title. */
function keyOf(item: FeedItem): string | undefined {
	return item.guid?.trim() || item.link?.trim() || item.title?.trim() || undefined;
}

/** True when the text has one of the words or phrases (case and accents folded, whole words). */
export function matchesAny(text: string, words: readonly string[]): boolean {
	const hay = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
	return words.some((w) => {
		const needle = fold(w)
			.replace(/[^\p{L}\p{N}]+/gu, ' ')
			.trim();
		return needle !== '' && hay.includes(` ${needle} `);
	});
}

async function fullText(link: string, source: FeedSource, env: FetchEnv): Promise<string> {
	const res = await httpGet(link, {
		allowPrivate: source.allowPrivate === true,
		maxBytes: PAGE_MAX_BYTES,
		accept: 'text/html,application/xhtml+xml',
		userAgent: env.userAgent,
		retries: 1,
		...(env.signal ? { signal: env.signal } : {}),
	});
	if (res.notModified) return '';
	const facts = readHtml(decodeText(res.body, res.contentType));
	return clip(facts.paragraphs.join('\n\n'), BODY_MAX_CHARS);
}

export async function collectRss(
	source: FeedSource,
	state: SourceState,
	report: SourceReport,
	env: FetchEnv,
): Promise<Collected | undefined> {
	const sameUrl = state.url === source.url;
	const res = await httpGet(source.url, {
		allowPrivate: source.allowPrivate === true,
		maxBytes: FEED_MAX_BYTES,
		accept:
			'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
		userAgent: env.userAgent,
		...(sameUrl && state.etag ? { etag: state.etag } : {}),
		...(sameUrl && state.lastModified ? { lastModified: state.lastModified } : {}),
		...(env.signal ? { signal: env.signal } : {}),
	});
	if (res.notModified) {
		report.status = 'not-modified';
		report.notModified = true;
		return undefined;
	}
	let feed: ReturnType<typeof parseFeed>;
	try {
		feed = parseFeed(decodeText(res.body, res.contentType), { baseUrl: res.url });
	} catch (err) {
		if (!(err instanceof FeedError)) throw err;
		const type = res.contentType ? ` (served as ${res.contentType.split(';')[0]})` : '';
		throw new FeedError(`${err.message}${type}`);
	}
	const outlet = source.outlet ?? (sanitizeLine(feed.title ?? '').trim() || source.name);
	const records: Record<string, unknown>[] = [];
	const remember: Record<string, ItemSeen> = {};
	const inFeed = new Set<string>();
	const seen = state.items ?? {};
	for (const item of feed.items) {
		const key = keyOf(item);
		const label = clip(sanitizeLine(key ?? '(an item)'), 120);
		if (!key) {
			report.skipped.push({ item: label, reason: 'no GUID, link or title to know it by' });
			continue;
		}
		if (inFeed.has(key)) {
			report.skipped.push({ item: label, reason: 'the same GUID again in this feed (the first was taken)' });
			continue;
		}
		inFeed.add(key);
		const title = clip(sanitizeLine(htmlToText(item.title ?? '')).trim(), MAX_TITLE);
		if (!title) {
			report.skipped.push({ item: label, reason: 'no title' });
			continue;
		}
		const summary = sanitizeText(htmlToText(item.summaryHtml ?? '')).trim();
		const content = sanitizeText(htmlToText(item.contentHtml ?? '')).trim();
		const known = seen[key];
		if (source.match?.length && !matchesAny(`${title}\n${summary}\n${content}`, source.match)) {
			report.filtered++;
			continue;
		}
		let published = item.published ?? known?.published;
		if (!published) {
			published = env.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
			report.notes.push(`${label}: no date in the feed; dated when first fetched (${published})`);
		}
		let body = content || summary;
		if (source.full && !known && item.link) {
			try {
				const page = sanitizeText(await fullText(item.link, source, env)).trim();
				if (page.length > body.length) body = page;
			} catch (err) {
				if (!(err instanceof HttpError)) throw err;
				report.notes.push(`${label}: its page was not fetched (${err.message}); the feed's text is kept`);
			}
		}
		if (!body) body = title;
		const links = linkArticle(env.gazetteer, { title, body });
		const countries = links.countries.filter((c) => c.known || env.known.size === 0).map((c) => c.id);
		if (source.countries?.length && !countries.some((c) => source.countries?.includes(c))) {
			report.filtered++;
			continue;
		}
		const id = known?.id ?? articleId(published, title);
		const other = env.taken.get(id);
		if (other !== undefined && other !== source.name) {
			report.skipped.push({
				item: label,
				reason: `the same article (${id}) came from the source "${other}" in this fetch`,
			});
			continue;
		}
		const link = item.link && /^https?:\/\//i.test(item.link) ? item.link : undefined;
		const candidate = {
			id,
			title,
			published,
			source: outlet,
			...(link ? { url: link } : {}),
			...(item.author ? { author: clip(sanitizeLine(item.author).trim(), 200) } : {}),
			countries,
			actors: links.actors.map((a) => a.id),
			tags: links.tags.map((t) => t.id),
			...(summary && summary !== body ? { summary: clip(summary, 2000) } : {}),
			body,
		};
		const parsed = recordSchemas.articles.safeParse(candidate);
		if (!parsed.success) {
			const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
			report.skipped.push({ item: label, reason: `not a valid article: ${why}` });
			continue;
		}
		env.taken.set(id, source.name);
		records.push(candidate);
		remember[key] = { id, published };
	}
	return {
		records,
		// The validators only once the items are written: a 304 must never hide items that were not.
		commit: () => {
			state.url = source.url;
			state.etag = res.etag;
			state.lastModified = res.lastModified;
			const items = { ...(state.items ?? {}) };
			for (const [k, v] of Object.entries(remember)) {
				delete items[k];
				items[k] = v;
			}
			state.items = items;
		},
	};
}
