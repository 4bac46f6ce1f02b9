// A feed's XML as a DOM, read with htmlparser2 in xmlMode, or a FeedError that
// says why it is not one. The DOCTYPE is cut out before parsing: its internal
// subset is where entities are declared (billion laughs, external entities
// naming file:// or http:// addresses), and htmlparser2 would end the
// declaration at the first ">" inside it and read the rest as markup. With no
// DTD, htmlparser2 decodes only the five XML entities and numeric references;
// any other "&name;" stays literal text: nothing is expanded, nothing fetched.
import { DomHandler, type Element } from 'domhandler';
import { Parser } from 'htmlparser2';
import { G } from '../glyphs.js';
import { sanitizeLine } from '../sanitize.js';

export class FeedError extends Error {}

/** The part of a document shown in a message: short, on one line, with no control characters. */
function opening(text: string): string {
	const line = sanitizeLine(text.slice(0, 40));
	return text.length > 40 ? `${line}${G.ellipsis}` : line;
}

/** Where a comment, processing instruction or DOCTYPE that starts at `at` ends (after its last character); -1 if it does not. */
function endOfMarkup(xml: string, at: number): number {
	if (xml.startsWith('<!--', at)) {
		const end = xml.indexOf('-->', at + 4);
		return end < 0 ? -1 : end + 3;
	}
	if (xml.startsWith('<?', at)) {
		const end = xml.indexOf('?>', at + 2);
		return end < 0 ? -1 : end + 2;
	}
	// A DOCTYPE: ">" ends it outside quotes and outside its [internal subset], whose declarations
	// and comments may hold ">" of their own.
	let quote = '';
	let depth = 0;
	for (let i = at + 2; i < xml.length; i++) {
		const c = xml[i];
		if (quote) {
			if (c === quote) quote = '';
		} else if (depth > 0 && xml.startsWith('<!--', i)) {
			const end = xml.indexOf('-->', i + 4);
			if (end < 0) return -1;
			i = end + 2;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '[') depth++;
		else if (c === ']') depth = Math.max(0, depth - 1);
		else if (c === '>' && depth === 0) return i + 1;
	}
	return -1;
}

/** The prolog (declaration, comments, DOCTYPE) skipped: where the root element starts, and the DOCTYPE's name. */
function prolog(xml: string): { start: number; doctype?: string; doctypeAt?: [number, number] } {
	let i = 0;
	let doctype: string | undefined;
	let doctypeAt: [number, number] | undefined;
	for (;;) {
		while (i < xml.length && /\s/.test(xml[i] as string)) i++;
		if (!xml.startsWith('<!', i) && !xml.startsWith('<?', i)) return { start: i, doctype, doctypeAt };
		const isDoctype = /^<!doctype\s/i.test(xml.slice(i, i + 10));
		const end = endOfMarkup(xml, i);
		if (end < 0) {
			const what = isDoctype ? 'DOCTYPE' : xml.startsWith('<?', i) ? 'XML declaration' : 'comment';
			throw new FeedError(`truncated: the document ends inside its ${what}`);
		}
		if (isDoctype) {
			doctype = /^<!doctype\s+([^\s[>]+)/i.exec(xml.slice(i, end))?.[1];
			doctypeAt = [i, end];
		}
		i = end;
	}
}

/** Builds the DOM and remembers which elements only the end of the input closed. */
class TrackingHandler extends DomHandler {
	readonly unclosed = new WeakSet<object>();
	override onclosetag(_name?: string, isImplied?: boolean): void {
		const el = this.tagStack[this.tagStack.length - 1];
		if (isImplied && el) this.unclosed.add(el);
		super.onclosetag();
	}
}

/**
 * The document's root element, parsed as XML. Throws FeedError for what is
 * not an XML document (empty, JSON, text, an HTML page) and for a root element
 * the input ends inside (a truncated download).
 */
export function readXml(input: string): Element {
	const xml = input.replace(/^\uFEFF/, '');
	const trimmed = xml.trimStart();
	if (trimmed === '') throw new FeedError('empty: the document has no content');
	if (trimmed[0] === '{' || trimmed[0] === '[') {
		const jsonFeed = /jsonfeed\.org/.test(trimmed.slice(0, 500)) ? ' (a JSON Feed, which sitrep does not read)' : '';
		throw new FeedError(`not a feed: the document is JSON${jsonFeed}`);
	}
	if (trimmed[0] !== '<') throw new FeedError(`not a feed: the document is not XML (it begins "${opening(trimmed)}")`);
	const { start, doctype, doctypeAt } = prolog(xml);
	if (doctype?.toLowerCase() === 'html') throw new FeedError('not a feed: the document is an HTML page');
	const body = doctypeAt ? `${xml.slice(0, doctypeAt[0])}${xml.slice(doctypeAt[1])}` : xml;
	if (start >= xml.length) throw new FeedError('not a feed: the document has no root element');
	const handler = new TrackingHandler();
	const parser = new Parser(handler, { xmlMode: true, decodeEntities: true });
	parser.write(body);
	parser.end();
	const root = handler.root.children.find((n): n is Element => n.type === 'tag');
	if (!root) throw new FeedError('not a feed: the document has no root element');
	if (root.name.toLowerCase() === 'html') throw new FeedError('not a feed: the document is an HTML page');
	if (handler.unclosed.has(root)) throw new FeedError(`truncated: <${sanitizeLine(root.name)}> is not closed`);
	return root;
}
