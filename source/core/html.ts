// What a saved news page says about itself: headline, date, outlet, address,
// byline and the article's paragraphs. Parsed with htmlparser2 (entities
// decoded); page furniture (scripts, styles, navigation, header, footer,
// asides, forms) is dropped and the <article> or <main> is preferred.
import type { AnyNode, Element } from 'domhandler';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

export interface HtmlFacts {
	title?: string;
	titleFrom?: 'h1' | 'og:title' | 'title';
	/** Every date the page gives for itself, best first, as written; the caller normalizes them. */
	dates: { raw: string; from: 'meta' | 'json-ld' | 'time'; key: string }[];
	source?: string;
	url?: string;
	author?: string;
	summary?: string;
	paragraphs: string[];
}

const DROP = new Set([
	'script',
	'style',
	'noscript',
	'nav',
	'header',
	'footer',
	'aside',
	'form',
	'svg',
	'iframe',
	'template',
	'button',
	'select',
	'object',
	'embed',
	'canvas',
]);

const BLOCK = new Set([
	'address',
	'article',
	'blockquote',
	'br',
	'caption',
	'dd',
	'details',
	'div',
	'dl',
	'dt',
	'figcaption',
	'figure',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'hr',
	'li',
	'main',
	'ol',
	'p',
	'pre',
	'section',
	'summary',
	'table',
	'td',
	'th',
	'tr',
	'ul',
]);

/** Meta keys that date a page, best first. */
const DATE_KEYS = [
	'article:published_time',
	'datepublished',
	'og:published_time',
	'publish-date',
	'publishdate',
	'pubdate',
	'date',
	'dc.date',
	'dcterms.created',
];

function oneLine(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}

function hidden(el: Element): boolean {
	return el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true';
}

/** Inside an element whose text is not the article's (nav, footer, script...). */
function inFurniture(el: AnyNode): boolean {
	for (let p = el.parent; p; p = p.parent) {
		if (p.type === 'tag' || p.type === 'script' || p.type === 'style') {
			const name = (p as Element).name.toLowerCase();
			if (DROP.has(name) && name !== 'header') return true;
		}
	}
	return false;
}

function metaMap(doc: AnyNode[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of findAll((e) => e.name.toLowerCase() === 'meta', doc)) {
		const key = (m.attribs.property ?? m.attribs.name ?? m.attribs.itemprop ?? '').toLowerCase().trim();
		const content = oneLine(m.attribs.content ?? '');
		if (key && content && !out.has(key)) out.set(key, content);
	}
	return out;
}

interface LdFacts {
	date?: string;
	publisher?: string;
	author?: string;
}

/** datePublished, publisher and author from JSON-LD blocks (objects, arrays, @graph). */
function jsonLd(doc: AnyNode[]): LdFacts {
	const facts: LdFacts = {};
	const nameOf = (v: unknown): string | undefined => {
		if (typeof v === 'string') return oneLine(v) || undefined;
		if (Array.isArray(v)) {
			const names = v.map(nameOf).filter((x): x is string => Boolean(x));
			return names.length ? names.join(', ') : undefined;
		}
		if (v && typeof v === 'object') return nameOf((v as Record<string, unknown>).name);
		return undefined;
	};
	const visit = (v: unknown, depth: number): void => {
		if (depth > 6 || v === null || typeof v !== 'object') return;
		if (Array.isArray(v)) {
			for (const x of v) visit(x, depth + 1);
			return;
		}
		const o = v as Record<string, unknown>;
		if (!facts.date && typeof o.datePublished === 'string') facts.date = o.datePublished;
		if (!facts.publisher && o.publisher) facts.publisher = nameOf(o.publisher);
		if (!facts.author && o.author) facts.author = nameOf(o.author);
		if (o['@graph']) visit(o['@graph'], depth + 1);
	};
	for (const s of findAll((e) => e.name.toLowerCase() === 'script', doc)) {
		if ((s.attribs.type ?? '').toLowerCase() !== 'application/ld+json') continue;
		try {
			visit(JSON.parse(textContent(s)), 0);
		} catch {
			// A broken JSON-LD block says nothing; the meta tags may still.
		}
	}
	return facts;
}

function absoluteUrl(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	try {
		const u = new URL(raw);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
	} catch {
		return undefined;
	}
}

/** The element holding the article: the <article> with the most text, else <main>, else <body>. */
function contentRoot(doc: AnyNode[]): AnyNode[] {
	const articles = findAll((e) => e.name.toLowerCase() === 'article' && !inFurniture(e), doc);
	if (articles.length) {
		let best = articles[0] as Element;
		let most = -1;
		for (const a of articles) {
			const n = oneLine(textContent(a)).length;
			if (n > most) {
				most = n;
				best = a;
			}
		}
		return [best];
	}
	const main = findOne((e) => e.name.toLowerCase() === 'main' || e.attribs.role === 'main', doc);
	if (main) return [main];
	const body = findOne((e) => e.name.toLowerCase() === 'body', doc);
	return body ? [body] : doc;
}

/** Text of the root's block elements, one paragraph each; `skip` (the headline) is left out. */
function paragraphsOf(root: AnyNode[], skip: Element | undefined): string[] {
	const out: string[] = [];
	let buf = '';
	const flush = () => {
		const p = oneLine(buf);
		if (p) out.push(p);
		buf = '';
	};
	const walk = (node: AnyNode): void => {
		if (node.type === 'text') {
			buf += (node as { data: string }).data;
			return;
		}
		if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style' && node.type !== 'root') return;
		if (node.type !== 'root') {
			const el = node as Element;
			const name = el.name.toLowerCase();
			if (el === skip || DROP.has(name) || hidden(el)) return;
			if (BLOCK.has(name)) {
				flush();
				for (const c of el.children) walk(c);
				flush();
				return;
			}
		}
		for (const c of (node as Element).children ?? []) walk(c);
	};
	for (const n of root) walk(n);
	flush();
	return out;
}

export function readHtml(html: string): HtmlFacts {
	const doc = parseDocument(html, { decodeEntities: true }).children;
	const meta = metaMap(doc);
	const ld = jsonLd(doc);
	const root = contentRoot(doc);

	const isH1 = (e: Element) => e.name.toLowerCase() === 'h1' && !inFurniture(e) && oneLine(textContent(e)) !== '';
	const h1 = findOne(isH1, root) ?? findOne(isH1, doc) ?? undefined;
	const facts: HtmlFacts = { dates: [], paragraphs: paragraphsOf(root, h1) };
	const titleEl = findOne((e) => e.name.toLowerCase() === 'title', doc);
	if (h1) {
		facts.title = oneLine(textContent(h1));
		facts.titleFrom = 'h1';
	} else if (meta.get('og:title')) {
		facts.title = meta.get('og:title');
		facts.titleFrom = 'og:title';
	} else if (titleEl && oneLine(textContent(titleEl))) {
		facts.title = oneLine(textContent(titleEl));
		facts.titleFrom = 'title';
	}

	for (const key of DATE_KEYS) {
		const raw = meta.get(key);
		if (raw) facts.dates.push({ raw, from: 'meta', key });
	}
	if (ld.date) facts.dates.push({ raw: ld.date, from: 'json-ld', key: 'datePublished' });
	const isTime = (e: Element) => e.name.toLowerCase() === 'time' && Boolean(getAttributeValue(e, 'datetime'));
	const time = findOne(isTime, root) ?? findOne(isTime, doc);
	const dt = time ? getAttributeValue(time, 'datetime') : undefined;
	if (dt) facts.dates.push({ raw: dt.trim(), from: 'time', key: 'datetime' });

	facts.source = meta.get('og:site_name') ?? ld.publisher ?? meta.get('publisher') ?? undefined;
	const canonical = findOne(
		(e) =>
			e.name.toLowerCase() === 'link' &&
			(e.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') &&
			Boolean(e.attribs.href),
		doc,
	);
	facts.url = absoluteUrl(meta.get('og:url')) ?? absoluteUrl(canonical?.attribs.href);
	const metaAuthor = meta.get('author') ?? meta.get('article:author');
	facts.author = (metaAuthor && !absoluteUrl(metaAuthor) ? metaAuthor : undefined) ?? ld.author;
	facts.summary = meta.get('og:description') ?? meta.get('description');
	for (const k of ['title', 'source', 'url', 'author', 'summary'] as const) if (facts[k] === undefined) delete facts[k];
	return facts;
}
