// The one tokenizer shared by the index build, query parsing, phrase checks
// and highlighting: if any of them split text differently, highlights and
// phrase matches would drift. Words are runs of letters and digits of any
// script; combining marks stay inside the word (and are folded away), and
// ZWNJ/ZWJ/soft hyphen join the letters around them, so a Dari word written
// with or without its ZWNJ is the same term.
import { fold } from './fold.js';
import { sanitizeLine } from './sanitize.js';

const SEP = 1;
const WORD = 2;
/** Combining mark or tatweel: extends the word it follows. */
const MARK = 3;
/** ZWNJ, ZWJ, soft hyphen: continue a word only when a letter follows. */
const JOIN = 4;
/** Flag: the character is a surrogate pair (two UTF-16 units). */
const WIDE = 8;

const ASCII = new Uint8Array(128).fill(SEP);
for (let c = 48; c <= 57; c++) ASCII[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII[c] = WORD;

/** 1 for ASCII letters and digits: the build's own fast loop must agree with the Scanner. */
export const ASCII_WORD = ASCII.map((k) => (k === WORD ? 1 : 0));
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

// Filled on first sight: a 64 KB table is cheaper than a Unicode regex per character.
const BMP = new Uint8Array(0x10000);
const ASTRAL = new Map<number, number>();
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const COMBINING = /\p{M}/u;

function classOf(cp: number): number {
	if (cp === 0x200c || cp === 0x200d || cp === 0xad) return JOIN;
	if (cp === 0x640) return MARK;
	const ch = String.fromCodePoint(cp);
	if (COMBINING.test(ch)) return MARK;
	return LETTER_OR_DIGIT.test(ch) ? WORD : SEP;
}

function classAt(t: string, i: number, c: number): number {
	if (c < 0x80) return ASCII[c] ?? SEP;
	if (c < 0xd800 || c > 0xdfff) {
		let k = BMP[c] ?? 0;
		if (k === 0) {
			k = classOf(c);
			BMP[c] = k;
		}
		return k;
	}
	if (c <= 0xdbff && i + 1 < t.length) {
		const d = t.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff) {
			const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
			let k = ASTRAL.get(cp);
			if (k === undefined) {
				k = classOf(cp);
				ASTRAL.set(cp, k);
			}
			return k | WIDE;
		}
	}
	return SEP;
}

/** Iterates the words of a string; `start`/`end` are UTF-16 offsets of the current word. */
export class Scanner {
	text = '';
	pos = 0;
	start = 0;
	end = 0;
	/** The current word is plain ASCII letters/digits (folding is just lower-casing). */
	ascii = true;
	/** For an ASCII word: hashKey of its lower-cased form. */
	hash = 0;

	reset(text: string, from = 0): this {
		this.text = text;
		this.pos = from;
		return this;
	}

	/** Moves to the next word; plain ASCII takes a short loop, anything else scanFrom. */
	next(): boolean {
		const t = this.text;
		const n = t.length;
		let i = this.pos;
		let c = 0;
		for (; i < n; i++) {
			c = t.charCodeAt(i);
			if (c >= 0x80 || ASCII[c] === WORD) break;
		}
		if (i >= n) {
			this.pos = n;
			return false;
		}
		if (c >= 0x80) return this.scanFrom(i);
		const start = i;
		let h = FNV_OFFSET;
		for (; i < n; i++) {
			c = t.charCodeAt(i);
			if (c >= 0x80) return this.scanFrom(start);
			if (ASCII[c] !== WORD) break;
			h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 32 : c), FNV_PRIME);
		}
		this.start = start;
		this.end = i;
		this.pos = i;
		this.ascii = true;
		this.hash = h >>> 0;
		return true;
	}

	/** The general case from `from`: separators and words of any script. */
	private scanFrom(from: number): boolean {
		const t = this.text;
		const n = t.length;
		let i = from;
		for (;;) {
			if (i >= n) {
				this.pos = n;
				return false;
			}
			const c = t.charCodeAt(i);
			const k = classAt(t, i, c);
			if ((k & 7) === WORD) break;
			i += k & WIDE ? 2 : 1;
		}
		const start = i;
		let end = i;
		let ascii = true;
		while (i < n) {
			const c = t.charCodeAt(i);
			const k = classAt(t, i, c);
			const kind = k & 7;
			if (kind === SEP) break;
			if (c >= 0x80) ascii = false;
			i += k & WIDE ? 2 : 1;
			if (kind !== JOIN) end = i;
		}
		this.start = start;
		this.end = end;
		this.pos = i;
		this.ascii = ascii;
		this.hash = ascii ? hashKey(t.slice(start, end).toLowerCase()) : 0;
		return true;
	}
}

const FOLDED = new Map<string, string>();
const ARABIC_VARIANT = /[\u064a\u0643\u0660-\u0669\u06f0-\u06f9\u0640]/;
const ARABIC_VARIANTS = /[\u064a\u0643\u0660-\u0669\u06f0-\u06f9\u0640]/g;

function persianForm(ch: string): string {
	const c = ch.charCodeAt(0);
	if (c === 0x64a) return '\u06cc';
	if (c === 0x643) return '\u06a9';
	if (c === 0x640) return '';
	if (c >= 0x660 && c <= 0x669) return String(c - 0x660);
	return String(c - 0x6f0);
}

/**
 * The index key of one word: fold() (case, diacritics, compatibility forms)
 * without the spaces fold puts where joiners were, plus the Arabic/Persian
 * letter and digit variants that keyboards mix (ي/ی, ك/ک, ۱/1).
 */
export function foldWord(raw: string): string {
	let v = FOLDED.get(raw);
	if (v !== undefined) return v;
	v = fold(raw).replace(/ /g, '');
	if (ARABIC_VARIANT.test(v)) v = v.replace(ARABIC_VARIANTS, persianForm);
	if (FOLDED.size > 100_000) FOLDED.clear();
	FOLDED.set(raw, v);
	return v;
}

/** The folded key of the word the scanner is on. */
export function currentKey(sc: Scanner): string {
	const raw = sc.text.slice(sc.start, sc.end);
	return sc.ascii ? raw.toLowerCase() : foldWord(raw);
}

/** Folded words of a piece of text (a query's), in order. */
export function foldedWords(text: string): string[] {
	// Cleaned as fold() cleans, but before the split: an escape's parameters ("[31m") would join the next word.
	const sc = new Scanner().reset(sanitizeLine(text));
	const out: string[] = [];
	while (sc.next()) {
		const key = currentKey(sc);
		if (key !== '') out.push(key);
	}
	return out;
}

/** FNV-1a of a folded word; equals Scanner.hash for an ASCII word. */
export function hashKey(key: string): number {
	let h = FNV_OFFSET;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
	return h >>> 0;
}

export function isSpace(c: number): boolean {
	return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}
