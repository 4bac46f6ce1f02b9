// What a saved or fetched news page says about itself: headline, date, outlet,
// address, byline and the article's paragraphs; and HTML fragments (a feed's
// summary) as text by the same rules. Parsed with htmlparser2 (entities
// decoded). Page furniture (scripts, styles, navigation, header, footer,
// asides, forms, figures) is dropped; the <article> or <main> is preferred,
// and a page with neither is read as Readability reads one: the block whose
// paragraphs carry the most text, and the fewest links, is the article.
// Inside it, blocks that name themselves as page furniture (comments, related
// links, share buttons, advertisements) and lists of links are left out.
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
	'figure',
	'figcaption',
	'dialog',
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
	return (
		el.attribs.hidden !== undefined ||
		el.attribs['aria-hidden'] === 'true' ||
		/display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs.style ?? '')
	);
}

/** Words in a class or id that mark a block as the page's, not the article's (matched whole, between - and _). */
const FURNITURE_WORDS = new Set([
	'ad',
	'ads',
	'adslot',
	'advert',
	'advertisement',
	'advertising',
	'banner',
	'breadcrumb',
	'breadcrumbs',
	'byline',
	'caption',
	'comment',
	'comments',
	'consent',
	'cookie',
	'cookies',
	'disqus',
	'footer',
	'gdpr',
	'masthead',
	'menu',
	'meta',
	'modal',
	'nav',
	'navbar',
	'navigation',
	'newsletter',
	'outbrain',
	'pagination',
	'popular',
	'popup',
	'promo',
	'promoted',
	'recommended',
	'related',
	'share',
	'sharing',
	'sidebar',
	'signup',
	'social',
	'sponsor',
	'sponsored',
	'subscribe',
	'subscription',
	'taboola',
	'tags',
	'toolbar',
	'trending',
	'widget',
]);
/** Furniture whose words only mean it together ("most-read", "readMore"). */
const FURNITURE_PHRASES = new Set(['mostread', 'mostpopular', 'readmore', 'readnext', 'seealso', 'alsoread', 'moreon']);
const FURNITURE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'search', 'dialog']);
/** Words that mark the article's own block (a class like "story-body"), in scoring. */
const ARTICLE_WORDS = new Set(['article', 'body', 'content', 'entry', 'main', 'post', 'story', 'text']);

/** The words of an element's class and id: "story-body__inner relatedLinks" → story, body, inner, related, links. */
function nameWords(el: Element): { words: string[]; phrases: string[] } {
	const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
	const tokens = names.split(/\s+/).filter(Boolean);
	return { words: tokens.flatMap((t) => t.split(/[-_]+/)), phrases: tokens.map((t) => t.replace(/[-_]/g, '')) };
}

/** A block that says, by its class, id or role, that it is page furniture. */
function furnitureByName(el: Element): boolean {
	if (FURNITURE_ROLES.has((el.attribs.role ?? '').toLowerCase())) return true;
	const { words, phrases } = nameWords(el);
	return words.some((w) => FURNITURE_WORDS.has(w)) || phrases.some((p) => FURNITURE_PHRASES.has(p));
}

/** Share of an element's text that is link text (0 for no text). */
function linkDensity(el: Element): number {
	const all = oneLine(textContent(el)).length;
	if (all === 0) return 0;
	const links = findAll((e) => e.name.toLowerCase() === 'a', el.children).reduce(
		(n, a) => n + oneLine(textContent(a)).length,
		0,
	);
	return links / all;
}

const LINK_LIST_BLOCKS = new Set(['div', 'section', 'ul', 'ol', 'dl', 'table', 'p']);
/** A paragraph of this much text with few links is article text, whatever surrounds it. */
const REAL_PARAGRAPH = 80;

/** A list of links rather than text: most of a block's text, or nearly all of a paragraph's, is links. */
function linkList(el: Element): boolean {
	const name = el.name.toLowerCase();
	if (!LINK_LIST_BLOCKS.has(name)) return false;
	if (name === 'p') return linkDensity(el) > 0.8;
	if (linkDensity(el) <= 0.5) return false;
	// A wrapper holding a menu and the story too keeps the story.
	return !findOne(
		(e) => e.name.toLowerCase() === 'p' && oneLine(textContent(e)).length >= REAL_PARAGRAPH && linkDensity(e) < 0.5,
		el.children,
	);
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

/** Inside a block named as page furniture (a comments section, a sidebar). */
function inFurnitureByName(el: AnyNode): boolean {
	for (let p = el.parent; p; p = p.parent) if (p.type === 'tag' && furnitureByName(p as Element)) return true;
	return false;
}

/** Text that is not link text: what ranks one <article> against another. */
function ownText(el: Element): number {
	return oneLine(textContent(el)).length * (1 - linkDensity(el));
}

/** A paragraph's points, after Readability: 1, one per comma (Latin or Arabic), one per 100 characters up to 3; short ones none. */
function paragraphPoints(p: Element): number {
	const text = oneLine(textContent(p));
	if (text.length < 25) return 0;
	return 1 + (text.match(/[,\u060C]/g)?.length ?? 0) + Math.min(3, Math.floor(text.length / 100));
}

/**
 * The article of a page with no <article> or <main>: each paragraph gives its
 * points to its parent and half to its grandparent; a block's score is that,
 * less the share that is link text, plus 25 when its class or id reads like
 * the article's. The best block is the article, with the siblings that score
 * near it (a story split into several blocks).
 */
function scoredRoot(body: Element): AnyNode[] | undefined {
	const scores = new Map<Element, number>();
	const add = (el: AnyNode | null, pts: number) => {
		if (el?.type === 'tag') scores.set(el as Element, (scores.get(el as Element) ?? 0) + pts);
	};
	for (const p of findAll((e) => e.name.toLowerCase() === 'p', [body])) {
		if (inFurniture(p) || inFurnitureByName(p) || hidden(p)) continue;
		const pts = paragraphPoints(p);
		if (pts === 0) continue;
		add(p.parent, pts);
		add(p.parent?.parent ?? null, pts / 2);
	}
	const final = (el: Element) =>
		(scores.get(el) ?? 0) * (1 - linkDensity(el)) + (nameWords(el).words.some((w) => ARTICLE_WORDS.has(w)) ? 25 : 0);
	let best: Element | undefined;
	let top = 0;
	for (const el of scores.keys()) {
		const f = final(el);
		if (f > top) {
			top = f;
			best = el;
		}
	}
	if (!best) return undefined;
	const parent = best.parent;
	if (!parent || best === body) return [best];
	const threshold = Math.max(10, top * 0.2);
	return (parent as Element).children.filter((s): s is Element => {
		if (s === best) return true;
		if (s.type !== 'tag' || furnitureByName(s as Element)) return false;
		const el = s as Element;
		if (scores.has(el) && final(el) >= threshold) return true;
		return el.name.toLowerCase() === 'p' && oneLine(textContent(el)).length >= REAL_PARAGRAPH && linkDensity(el) < 0.25;
	});
}

/**
 * The element holding the article: the <article> with the most text that is not links, else <main>,
 * else the best-scored block of the <body>, else the <body>.
 */
function contentRoot(doc: AnyNode[]): AnyNode[] {
	const articles = findAll(
		(e) => e.name.toLowerCase() === 'article' && !inFurniture(e) && !furnitureByName(e) && !inFurnitureByName(e),
		doc,
	);
	if (articles.length) {
		let best = articles[0] as Element;
		let most = -1;
		for (const a of articles) {
			const n = ownText(a);
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
	if (!body) return doc;
	return scoredRoot(body) ?? [body];
}

/**
 * Text of the root's block elements, one paragraph each; `skip` (the headline) is left out.
 * `prune` also leaves out blocks that are page furniture by name, and lists of links.
 */
function paragraphsOf(root: AnyNode[], skip: Element | undefined, prune = false): string[] {
	const roots = new Set(root);
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
			if (prune && !roots.has(el) && (furnitureByName(el) || linkList(el))) return;
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

/**
 * An HTML fragment (a feed's summary or content) as text, by the article's rules:
 * one paragraph a block, separated by a blank line; scripts, styles and furniture
 * dropped; entities decoded; runs of whitespace one space.
 */
export function htmlToText(fragment: string): string {
	return paragraphsOf(parseDocument(fragment, { decodeEntities: true }).children, undefined).join('\n\n');
}

export function readHtml(html: string): HtmlFacts {
	const doc = parseDocument(html, { decodeEntities: true }).children;
	const meta = metaMap(doc);
	const ld = jsonLd(doc);
	const root = contentRoot(doc);

	const isH1 = (e: Element) => e.name.toLowerCase() === 'h1' && !inFurniture(e) && oneLine(textContent(e)) !== '';
	const h1 = findOne(isH1, root) ?? findOne(isH1, doc) ?? undefined;
	const facts: HtmlFacts = { dates: [], paragraphs: paragraphsOf(root, h1, true) };
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
