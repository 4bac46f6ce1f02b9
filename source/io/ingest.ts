// Article files (plain text, Markdown, saved HTML pages) into the fields of
// an article record: title, date (and where it came from), outlet, address,
// byline and body. Only what the file states is taken; nothing is invented,
// and a file that does not name its outlet needs --source.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fold } from '../core/fold.js';
import { readHtml } from '../core/html.js';
import { sanitizeLine, sanitizeText } from '../core/sanitize.js';
import { FNV_OFFSET, FNV_PRIME } from '../core/tokenize.js';

export type DateFrom = 'option' | 'front-matter' | 'meta' | 'json-ld' | 'time' | 'text' | 'mtime';

/** How each date origin is described to a reader. */
export const DATE_FROM: Record<DateFrom, string> = {
	option: '--date',
	'front-matter': 'front matter date:',
	meta: 'the page meta',
	'json-ld': 'the page JSON-LD datePublished',
	time: 'the page <time datetime>',
	text: 'a date in the text',
	mtime: "the file's modification time (UTC)",
};

export type Format = 'html' | 'markdown' | 'text';

export interface Extracted {
	format: Format;
	title: string;
	published: string;
	dateFrom: DateFrom;
	/** For meta: which key ("article:published_time"). */
	dateKey?: string;
	source: string;
	url?: string;
	author?: string;
	summary?: string;
	/** Paragraphs separated by a blank line. */
	body: string;
}

export interface ExtractOptions {
	/** YYYY-MM-DD; beats every date in the file. */
	date?: string;
	/** The outlet; beats the file's own. */
	source?: string;
	/** Used for the format and in messages. */
	name: string;
	/** The last resort for the date. */
	mtime?: Date;
}

/** A file that cannot become an article; the message says why. */
export class IngestError extends Error {}

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_TITLE = 200;

export function formatOf(name: string, text: string): Format {
	const ext = extname(name).toLowerCase();
	if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
	if (ext === '.md' || ext === '.markdown' || ext === '.mdown') return 'markdown';
	if (/^\s*<(!doctype\s+html|html[\s>])/i.test(text)) return 'html';
	return 'text';
}

// --- dates ---

const MONTH_NAMES = [
	['january', 'jan'],
	['february', 'feb'],
	['march', 'mar'],
	['april', 'apr'],
	['may'],
	['june', 'jun'],
	['july', 'jul'],
	['august', 'aug'],
	['september', 'sep', 'sept'],
	['october', 'oct'],
	['november', 'nov'],
	['december', 'dec'],
];
const MONTH = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
const MONTH_RE = MONTH_NAMES.flat()
	.sort((a, b) => b.length - a.length)
	.join('|');
const DATE_RE = new RegExp(
	[
		'\\b(\\d{4})-(\\d{2})-(\\d{2})(?![\\d])',
		`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE})\\.?,?\\s+(\\d{4})\\b`,
		`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
	].join('|'),
	'gi',
);

/** YYYY-MM-DD when it is a real calendar day. */
function isoDay(y: number, m: number, d: number): string | undefined {
	if (y < 1000 || y > 9999) return undefined;
	const dt = new Date(Date.UTC(y, m - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
	return dt.toISOString().slice(0, 10);
}

/** The first date in a text: "12 March 2024", "March 12, 2024", "Mar. 12 2024" or "2024-03-12". */
export function findDate(text: string): string | undefined {
	DATE_RE.lastIndex = 0;
	for (let m = DATE_RE.exec(text); m; m = DATE_RE.exec(text)) {
		let day: string | undefined;
		if (m[1]) day = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
		else if (m[4]) day = isoDay(Number(m[6]), MONTH.get((m[5] ?? '').toLowerCase()) ?? 0, Number(m[4]));
		else day = isoDay(Number(m[9]), MONTH.get((m[7] ?? '').toLowerCase()) ?? 0, Number(m[8]));
		if (day) return day;
	}
	return undefined;
}

/** A date as a page or front matter writes it: ISO (with or without a time), or in words. */
export function normalizeDate(raw: string): string | undefined {
	const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(raw);
	if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
	return findDate(raw);
}

/** --date: exactly YYYY-MM-DD, a real day. */
export function parseDateOption(raw: string): string | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
	return m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

// --- front matter and Markdown ---

/** A `---` block at the top: `key: value` lines (quotes removed); the rest of the text after it. */
export function frontMatter(text: string): { fields: Map<string, string>; rest: string } {
	const fields = new Map<string, string>();
	const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
	if (!m) return { fields, rest: text };
	for (const line of (m[1] ?? '').split(/\r?\n/)) {
		const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
		if (!kv) continue;
		let value = (kv[2] ?? '').trim();
		if (/^(["']).*\1$/.test(value) && value.length >= 2) value = value.slice(1, -1);
		if (value) fields.set((kv[1] ?? '').toLowerCase(), value);
	}
	return { fields, rest: text.slice(m[0].length) };
}

/** Inline Markdown to plain text: links keep their text, images go, emphasis and code marks go. */
function inline(s: string): string {
	return s
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
		.replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
		.replace(/(\*\*|__)(?=\S)([^*_]*?\S)\1/g, '$2')
		.replace(/(^|[^\w*])[*_](?=\S)([^*_]*?\S)[*_](?![\w*])/g, '$1$2')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

interface Blocks {
	title?: string;
	paragraphs: string[];
}

/** Markdown blocks: the first `# ` heading is the title; other headings, lists and quotes become paragraphs. */
function markdownBlocks(text: string): Blocks {
	const lines = text.split(/\r?\n/);
	const paragraphs: string[] = [];
	let title: string | undefined;
	let buf: string[] = [];
	let fence: string | undefined;
	const flush = () => {
		const p = buf
			.map((l) => l.trim())
			.filter(Boolean)
			.join(' ')
			.replace(/\s+/g, ' ')
			.trim();
		if (p) paragraphs.push(p);
		buf = [];
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] ?? '';
		if (fence !== undefined) {
			if (line.trim().startsWith(fence)) {
				fence = undefined;
				flush();
			} else buf.push(line);
			continue;
		}
		const fenceOpen = /^\s*(```|~~~)/.exec(line);
		if (fenceOpen) {
			flush();
			fence = fenceOpen[1];
			continue;
		}
		if (line.trim() === '' || /^\s*([-*_])(\s*\1){2,}\s*$/.test(line) || /^\s*\[[^\]]+\]:\s*\S+/.test(line)) {
			flush();
			continue;
		}
		const setext = /^\s*(=+|-+)\s*$/.test(lines[i + 1] ?? '') && buf.length === 0 && line.trim() !== '';
		const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
		if (atx || setext) {
			flush();
			const text = inline(atx ? (atx[2] ?? '') : line.trim());
			const level = atx ? (atx[1] ?? '').length : (lines[i + 1] ?? '').trim().startsWith('=') ? 1 : 2;
			if (setext) i++;
			if (level === 1 && title === undefined && paragraphs.length === 0) title = text;
			else if (text) paragraphs.push(text);
			continue;
		}
		const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
		if (item) {
			flush();
			buf.push(inline(item[1] ?? ''));
			continue;
		}
		buf.push(inline(line.replace(/^\s*>\s?/, '')));
	}
	flush();
	return { title, paragraphs };
}

/** Plain text: blank lines separate paragraphs (or every line does, when there are no blank lines). */
function textBlocks(text: string): Blocks {
	const lines = text.split(/\r?\n/);
	const blank = lines.some((l, i) => l.trim() === '' && i > 0 && i < lines.length - 1);
	const chunks = blank ? text.split(/\r?\n[ \t]*\r?\n/) : lines;
	const paragraphs = chunks.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean);
	return { paragraphs };
}

// --- ids ---

/** `art-<date>-<slug of the title>`: the same file gives the same id. */
export function articleId(published: string, title: string): string {
	let slug = fold(title)
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length > 60) {
		const cut = slug.slice(0, 61);
		const at = cut.lastIndexOf('-');
		slug = at >= 20 ? cut.slice(0, at) : cut.slice(0, 60);
		slug = slug.replace(/-+$/, '');
	}
	if (slug === '') {
		// A title in another script: a stable hash stands in for the slug.
		let h = FNV_OFFSET;
		for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), FNV_PRIME);
		slug = `t${(h >>> 0).toString(16).padStart(8, '0')}`;
	}
	return `art-${published.slice(0, 10)}-${slug}`;
}

function shortTitle(title: string): string {
	if (title.length <= MAX_TITLE) return title;
	const cut = title.slice(0, MAX_TITLE);
	const at = cut.lastIndexOf(' ');
	return `${(at > MAX_TITLE / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}

// --- the whole file ---

/** The article fields of a file's text. Throws IngestError with the reason it cannot be ingested. */
export function extractArticle(raw: string, opts: ExtractOptions): Extracted {
	const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
	if (text.trim() === '') throw new IngestError('the file is empty');
	if (text.slice(0, 8192).includes('\u0000')) throw new IngestError('not a text file (it holds NUL bytes)');
	const format = formatOf(opts.name, text);

	let blocks: Blocks;
	let fields = new Map<string, string>();
	let html: ReturnType<typeof readHtml> | undefined;
	if (format === 'html') {
		html = readHtml(text);
		blocks = { title: html.title, paragraphs: html.paragraphs };
	} else {
		const fm = frontMatter(text);
		fields = fm.fields;
		blocks = format === 'markdown' ? markdownBlocks(fm.rest) : textBlocks(fm.rest);
		// Without a heading (or a front matter title), the first non-empty line is the title.
		if (blocks.title === undefined && !fields.has('title')) {
			const first = fm.rest.split(/\r?\n/).find((l) => l.trim() !== '');
			if (first !== undefined) {
				const line = format === 'markdown' ? inline(first.replace(/^\s*#+\s*/, '')) : first;
				blocks.title = line.replace(/\s+/g, ' ').trim();
				const para = blocks.paragraphs[0] ?? '';
				// The line opened the first paragraph: the rest of that paragraph stays in the body.
				if (para.startsWith(blocks.title)) {
					const restOfPara = para.slice(blocks.title.length).trim();
					blocks.paragraphs = restOfPara ? [restOfPara, ...blocks.paragraphs.slice(1)] : blocks.paragraphs.slice(1);
				}
			}
		}
	}
	const fmTitle = fields.get('title');
	let title = sanitizeLine(fmTitle ?? blocks.title ?? '');
	if (fmTitle && blocks.title && fold(blocks.title) !== fold(fmTitle)) blocks.paragraphs.unshift(blocks.title);
	title = shortTitle(title);
	const paragraphs = blocks.paragraphs.map((p) => sanitizeLine(p)).filter(Boolean);
	if (title === '' && paragraphs.length === 0) throw new IngestError('no article text found');
	if (title === '') throw new IngestError('no title found (no heading, og:title or <title>)');
	if (paragraphs.length === 0) throw new IngestError('no body text besides the title');
	const body = sanitizeText(paragraphs.join('\n\n'));

	let published: string | undefined;
	let dateFrom: DateFrom = 'mtime';
	let dateKey: string | undefined;
	if (opts.date !== undefined) {
		published = parseDateOption(opts.date);
		if (!published) throw new IngestError(`--date ${JSON.stringify(opts.date)} is not a date YYYY-MM-DD`);
		dateFrom = 'option';
	} else if (fields.has('date')) {
		const v = fields.get('date') ?? '';
		published = normalizeDate(v);
		if (!published) throw new IngestError(`front matter date ${JSON.stringify(v)} is not a date (YYYY-MM-DD)`);
		dateFrom = 'front-matter';
	} else {
		for (const d of html?.dates ?? []) {
			published = normalizeDate(d.raw);
			if (published) {
				dateFrom = d.from;
				dateKey = d.key;
				break;
			}
		}
		if (!published) {
			published = findDate(`${title}\n${body}`);
			if (published) dateFrom = 'text';
			else if (opts.mtime) published = opts.mtime.toISOString().slice(0, 10);
		}
	}
	if (!published) throw new IngestError('no date found; give one with --date YYYY-MM-DD');

	const source = sanitizeLine(opts.source ?? fields.get('source') ?? fields.get('outlet') ?? html?.source ?? '');
	if (source === '') {
		throw new IngestError(
			`no source: the file does not name its outlet (front matter "source:", og:site_name or a JSON-LD publisher); give one with --source NAME`,
		);
	}
	const out: Extracted = { format, title, published, dateFrom, source, body };
	if (dateKey) out.dateKey = dateKey;
	const url = fields.get('url') ?? html?.url;
	if (url) {
		try {
			const u = new URL(url);
			if (u.protocol === 'http:' || u.protocol === 'https:') out.url = u.href;
		} catch {
			// Not an absolute address: left out rather than guessed.
		}
	}
	const author = sanitizeLine(fields.get('author') ?? html?.author ?? '');
	if (author) out.author = author;
	const summary = sanitizeLine(fields.get('summary') ?? fields.get('description') ?? html?.summary ?? '');
	if (summary) out.summary = summary;
	return out;
}

const READ_ERRORS: Record<string, string> = {
	ENOENT: 'no such file',
	EISDIR: 'is a directory',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
};

/** Reads and extracts one file. Throws IngestError naming the problem (the caller adds the file name). */
export function readArticleFile(file: string, opts: { date?: string; source?: string }): Extracted {
	let text: string;
	let mtime: Date;
	try {
		const st = statSync(file);
		if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
		if (st.size > MAX_BYTES) throw new IngestError(`too large (${st.size} bytes; the limit is ${MAX_BYTES})`);
		mtime = st.mtime;
		text = readFileSync(file, 'utf8');
	} catch (err) {
		if (err instanceof IngestError) throw err;
		const code = (err as NodeJS.ErrnoException).code ?? '';
		throw new IngestError(`cannot read: ${READ_ERRORS[code] ?? (err as Error).message}`);
	}
	return extractArticle(text, { ...opts, name: basename(file), mtime });
}
