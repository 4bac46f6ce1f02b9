// RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds as one list of items. The text is
// kept as the feed gives it (the caller sanitizes it for the terminal);
// summaries and content stay HTML, titles become plain text. Elements are
// matched by namespace and local name, so a feed may use any prefix for
// Dublin Core, content: or atom:.
import type { AnyNode, Element } from 'domhandler';
import { htmlToText } from '../html.js';
import { describeValue } from '../problems.js';
import { sanitizeLine } from '../sanitize.js';
import { parseFeedDate } from './feedDate.js';
import { FeedError, readXml } from './xml.js';

export { parseFeedDate } from './feedDate.js';
export { FeedError } from './xml.js';

export type FeedFormat = 'rss2' | 'rss1' | 'atom';

export interface FeedItem {
	/** RSS guid, RDF rdf:about, Atom id. */
	guid?: string;
	/** Plain text: HTML in a title is read as text. */
	title?: string;
	/** Absolute http(s) URL, resolved against xml:base or the feed's link when relative. */
	link?: string;
	/** UTC ISO 8601 with time; from pubDate, dc:date, published, else updated. */
	published?: string;
	updated?: string;
	/** The date as the feed wrote it, whether or not it could be read (for "no date" messages). */
	dateRaw?: string;
	/** dc:creator, author, Atom author name(s). */
	author?: string;
	/** description / summary, as HTML (CDATA unwrapped, entities decoded once). */
	summaryHtml?: string;
	/** content:encoded / Atom content, as HTML. */
	contentHtml?: string;
	categories?: string[];
}

export interface ParsedFeed {
	format: FeedFormat;
	title?: string;
	link?: string;
	items: FeedItem[];
}

const NS = {
	atom: 'http://www.w3.org/2005/Atom',
	rss1: 'http://purl.org/rss/1.0/',
	rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
	dc: 'http://purl.org/dc/elements/1.1/',
	dcterms: 'http://purl.org/dc/terms/',
	content: 'http://purl.org/rss/1.0/modules/content/',
	xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/** Atom 0.3's namespace: named in the error, as it is not Atom 1.0. */
const ATOM_03 = 'http://purl.org/atom/ns#';

/** Prefixes many feeds use without declaring them: read as their usual namespaces. */
const USUAL_PREFIXES: Readonly<Record<string, string>> = {
	atom: NS.atom,
	rdf: NS.rdf,
	dc: NS.dc,
	dcterms: NS.dcterms,
	content: NS.content,
	xhtml: NS.xhtml,
};

const isElement = (n: AnyNode): n is Element => n.type === 'tag';

function localName(el: Element): string {
	const at = el.name.indexOf(':');
	return at < 0 ? el.name : el.name.slice(at + 1);
}

/** The element's namespace: its prefix's (or the default) xmlns declaration on it or an ancestor. */
function namespaceOf(el: Element): string | undefined {
	const at = el.name.indexOf(':');
	const attr = at < 0 ? 'xmlns' : `xmlns:${el.name.slice(0, at)}`;
	for (let e: Element | null = el; e; e = e.parent && isElement(e.parent) ? e.parent : null) {
		const ns = e.attribs[attr];
		if (ns !== undefined) return ns || undefined;
	}
	return at < 0 ? undefined : USUAL_PREFIXES[el.name.slice(0, at)];
}

function is(el: Element, ns: string | undefined, name: string): boolean {
	return localName(el) === name && namespaceOf(el) === ns;
}

function children(el: Element, ns: string | undefined, name: string): Element[] {
	return el.children.filter((c): c is Element => isElement(c) && is(c, ns, name));
}

function child(el: Element, ns: string | undefined, name: string): Element | undefined {
	return el.children.find((c): c is Element => isElement(c) && is(c, ns, name));
}

/** Text and CDATA of an element, as decoded by the parser (entities once; CDATA as written). */
function textOf(el: AnyNode): string {
	if (el.type === 'text') return (el as unknown as { data: string }).data;
	if (el.type === 'tag' || el.type === 'cdata') return (el as Element).children.map(textOf).join('');
	return '';
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeHtml(s).replace(/"/g, '&quot;');

/** Child nodes as HTML: markup written into the XML unescaped, or an Atom xhtml div's content. */
function markupOf(nodes: readonly AnyNode[]): string {
	return nodes
		.map((n) => {
			if (n.type === 'text') return escapeHtml((n as unknown as { data: string }).data);
			// CDATA inside markup holds HTML as written.
			if (n.type === 'cdata') return textOf(n);
			if (!isElement(n)) return '';
			const attrs = Object.entries(n.attribs)
				.filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
				.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
				.join('');
			return `<${localName(n)}${attrs}>${markupOf(n.children)}</${localName(n)}>`;
		})
		.join('');
}

/** An element holding HTML (description, content:encoded): escaped or CDATA text, or markup left unescaped. */
function htmlOf(el: Element): string {
	return el.children.some(isElement) ? markupOf(el.children) : textOf(el);
}

/** Text that may hold HTML (RSS titles often carry entities or tags): read as text when it does. */
function plainTitle(raw: string): string | undefined {
	const text = /<[a-z/!]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(raw) ? htmlToText(raw) : raw;
	const line = text.replace(/\s+/g, ' ').trim();
	return line || undefined;
}

function trimmed(s: string | undefined): string | undefined {
	const t = s?.trim();
	return t ? t : undefined;
}

/** An absolute http(s) URL, or undefined (relative with no base, another scheme, not a URL). */
function httpUrl(raw: string | undefined, base?: string): string | undefined {
	const s = raw?.trim();
	if (!s) return undefined;
	try {
		const u = new URL(s, base);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
	} catch {
		return undefined;
	}
}

/** Any URL the base chain may pass through (xml:base may be relative to a base that is not http). */
function anyUrl(raw: string, base?: string): string | undefined {
	try {
		return new URL(raw.trim(), base).href;
	} catch {
		return undefined;
	}
}

/** The xml:base in force at an element, resolved down from `start`; undefined when no element on the way sets one. */
function xmlBase(el: Element, start: string | undefined): string | undefined {
	const chain: string[] = [];
	for (let e: Element | null = el; e; e = e.parent && isElement(e.parent) ? e.parent : null) {
		const b = e.attribs['xml:base'];
		if (b !== undefined) chain.unshift(b);
	}
	if (chain.length === 0) return undefined;
	let base = start;
	for (const b of chain) base = anyUrl(b, base) ?? base;
	return base;
}

interface Bases {
	/** The document's own address (given by the caller, or the feed's self link). */
	doc?: string;
	/** The feed's link: RSS items' relative links are read against it, by custom. */
	feed?: string;
	/** Atom resolves against the document's address first (RFC 4287 §1.2), RSS against the feed's link. */
	atom: boolean;
}

const baseFor = (el: Element, b: Bases) => xmlBase(el, b.doc) ?? (b.atom ? (b.doc ?? b.feed) : (b.feed ?? b.doc));

function firstText(el: Element, ...names: [string | undefined, string][]): string | undefined {
	for (const [ns, name] of names) {
		const c = child(el, ns, name);
		const t = c && trimmed(textOf(c));
		if (t) return t;
	}
	return undefined;
}

/** The date as written and as read; `published` falls back on `updated`. */
function dates(raw: { published?: string; updated?: string }): Pick<FeedItem, 'published' | 'updated' | 'dateRaw'> {
	const out: Pick<FeedItem, 'published' | 'updated' | 'dateRaw'> = {};
	const updated = raw.updated ? parseFeedDate(raw.updated) : undefined;
	const published = (raw.published ? parseFeedDate(raw.published) : undefined) ?? updated;
	if (published) out.published = published;
	if (updated) out.updated = updated;
	const written = raw.published ?? raw.updated;
	if (written) out.dateRaw = written;
	return out;
}

function categoriesOf(el: Element): string[] | undefined {
	const out: string[] = [];
	const add = (s: string | undefined) => {
		const t = s?.replace(/\s+/g, ' ').trim();
		if (t && !out.includes(t)) out.push(t);
	};
	for (const c of children(el, undefined, 'category')) add(textOf(c));
	for (const c of children(el, NS.dc, 'subject')) add(textOf(c));
	for (const c of children(el, NS.atom, 'category')) add(c.attribs.label ?? c.attribs.term);
	return out.length ? out : undefined;
}

/** RSS's author is an address, often with the name in parentheses: "desk@example.com (Desk Editor)". */
function rssAuthor(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	const named = /^\S+@\S+\s*\(([^)]+)\)$/.exec(raw);
	return trimmed(named ? named[1] : raw);
}

/** Atom links: rel="alternate" or no rel, HTML first. */
function atomLink(el: Element, bases: Bases, rel = 'alternate'): string | undefined {
	const links = children(el, NS.atom, 'link').filter((l) => (l.attribs.rel ?? 'alternate') === rel && l.attribs.href);
	const html = links.find((l) => /html/i.test(l.attribs.type ?? '')) ?? links[0];
	return html ? httpUrl(html.attribs.href, baseFor(html, bases)) : undefined;
}

function compact<T extends object>(o: T): T {
	for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
	return o;
}

function rssItem(item: Element, bases: Bases, rdf: boolean): FeedItem {
	const ns = rdf ? NS.rss1 : undefined;
	const base = baseFor(item, bases);
	const guidEl = child(item, undefined, 'guid');
	const guid = rdf ? trimmed(item.attribs['rdf:about']) : guidEl && trimmed(textOf(guidEl));
	const titleEl = child(item, ns, 'title');
	const linkText = firstText(item, [ns, 'link']);
	// A guid is a permalink unless it says otherwise (RSS 2.0): the link when there is none.
	const permalink = guidEl && guidEl.attribs.isPermaLink !== 'false' ? guid : undefined;
	const description = child(item, ns, 'description');
	const content = child(item, NS.content, 'encoded');
	return compact({
		guid,
		title: titleEl ? plainTitle(textOf(titleEl)) : undefined,
		link: httpUrl(linkText, base) ?? atomLink(item, bases) ?? httpUrl(permalink, base),
		...dates({
			published: firstText(item, [undefined, 'pubDate'], [NS.dc, 'date'], [NS.atom, 'published']),
			updated: firstText(item, [NS.atom, 'updated'], [NS.dcterms, 'modified']),
		}),
		author: trimmed(firstText(item, [NS.dc, 'creator'])) ?? rssAuthor(firstText(item, [undefined, 'author'])),
		summaryHtml: description ? trimmed(htmlOf(description)) : undefined,
		contentHtml: content ? trimmed(htmlOf(content)) : undefined,
		categories: categoriesOf(item),
	});
}

/** An Atom text construct as HTML: text escaped, html as given, xhtml the inside of its div. */
function atomHtml(el: Element | undefined): string | undefined {
	if (!el || el.attribs.src !== undefined) return undefined;
	const type = (el.attribs.type ?? 'text').toLowerCase();
	if (type === 'html' || type === 'text/html') return trimmed(textOf(el));
	if (type === 'xhtml' || type === 'application/xhtml+xml') {
		const div = el.children.find(isElement);
		return trimmed(markupOf(div && localName(div) === 'div' ? div.children : el.children));
	}
	if (type === 'text' || type.startsWith('text/')) return trimmed(escapeHtml(textOf(el)));
	// Other media types (base64 images, XML of another vocabulary) are no summary.
	return undefined;
}

function atomText(el: Element | undefined): string | undefined {
	if (!el) return undefined;
	const type = (el.attribs.type ?? 'text').toLowerCase();
	if (type === 'text') return trimmed(textOf(el).replace(/\s+/g, ' '));
	const html = atomHtml(el);
	return html === undefined ? undefined : plainTitle(htmlToText(html));
}

function atomAuthors(el: Element): string | undefined {
	const names = children(el, NS.atom, 'author')
		.map((a) => firstText(a, [NS.atom, 'name']))
		.filter((n): n is string => Boolean(n));
	return names.length ? names.join(', ') : undefined;
}

function atomEntry(entry: Element, bases: Bases, feedAuthor: string | undefined): FeedItem {
	return compact({
		guid: firstText(entry, [NS.atom, 'id']),
		title: atomText(child(entry, NS.atom, 'title')),
		link: atomLink(entry, bases),
		...dates({
			published: firstText(entry, [NS.atom, 'published'], [NS.dc, 'date']),
			updated: firstText(entry, [NS.atom, 'updated']),
		}),
		author: atomAuthors(entry) ?? feedAuthor,
		summaryHtml: atomHtml(child(entry, NS.atom, 'summary')),
		contentHtml: atomHtml(child(entry, NS.atom, 'content')),
		categories: categoriesOf(entry),
	});
}

function feedOf(root: Element): { format: FeedFormat; channel: Element } {
	const name = localName(root);
	const ns = namespaceOf(root);
	if (name === 'rss' && ns === undefined) {
		const channel = child(root, undefined, 'channel');
		if (!channel) throw new FeedError('not a feed: <rss> has no <channel>');
		return { format: 'rss2', channel };
	}
	if (name === 'RDF' && ns === NS.rdf) {
		const channel = child(root, NS.rss1, 'channel');
		if (!channel) throw new FeedError('not a feed: <rdf:RDF> has no RSS 1.0 <channel>');
		return { format: 'rss1', channel };
	}
	if (name === 'feed') {
		if (ns === NS.atom) return { format: 'atom', channel: root };
		if (ns === ATOM_03) throw new FeedError('not a feed sitrep reads: Atom 0.3 (expected Atom 1.0)');
		throw new FeedError(
			ns === undefined
				? `not a feed: <feed> without Atom 1.0's namespace (xmlns="${NS.atom}")`
				: `not a feed: <feed> in namespace ${describeValue(ns)} is not Atom 1.0`,
		);
	}
	throw new FeedError(
		`not a feed: the root element is <${sanitizeLine(root.name)}>, not <rss>, <rdf:RDF> or Atom's <feed>`,
	);
}

/**
 * A feed's title, link and items, in the feed's order (duplicates kept: the
 * caller dedupes). `baseUrl`, the address the feed was fetched from, resolves
 * relative links when the feed gives no base of its own. Throws FeedError
 * with the reason when the text is not a feed or is cut short.
 */
export function parseFeed(xml: string, opts: { baseUrl?: string } = {}): ParsedFeed {
	const root = readXml(xml);
	const { format, channel } = feedOf(root);
	const given = httpUrl(opts.baseUrl);
	const self = children(channel, NS.atom, 'link').find((l) => l.attribs.rel === 'self');
	const doc = given ?? httpUrl(self?.attribs.href, xmlBase(channel, undefined));
	const bases: Bases = { ...(doc ? { doc } : {}), atom: format === 'atom' };
	if (format === 'atom') {
		const feedLink = atomLink(channel, bases);
		if (feedLink) bases.feed = feedLink;
		const feedAuthor = atomAuthors(channel);
		return compact({
			format,
			title: atomText(child(channel, NS.atom, 'title')),
			link: feedLink,
			items: children(channel, NS.atom, 'entry').map((e) => atomEntry(e, bases, feedAuthor)),
		});
	}
	const ns = format === 'rss1' ? NS.rss1 : undefined;
	const feedLink = httpUrl(firstText(channel, [ns, 'link']), baseFor(channel, bases)) ?? atomLink(channel, bases);
	if (feedLink) bases.feed = feedLink;
	// RSS 1.0's items are the channel's siblings, RSS 2.0's its children.
	const items = format === 'rss1' ? children(root, NS.rss1, 'item') : children(channel, undefined, 'item');
	const titleEl = child(channel, ns, 'title');
	return compact({
		format,
		title: titleEl ? plainTitle(textOf(titleEl)) : undefined,
		link: feedLink,
		items: items.map((i) => rssItem(i, bases, format === 'rss1')),
	});
}
