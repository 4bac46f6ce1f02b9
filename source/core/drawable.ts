// Text as sitrep draws it. A terminal counts cells per code point (tmux,
// xterm, VTE: core/wcwidth.ts); Ink lays out and places text per grapheme
// cluster with string-width, gives even an empty cluster one cell, and cuts
// with slice-ansi, which has rules of its own; terminals that cluster
// graphemes (WezTerm, kitty, Ghostty's mode 2027) count per cluster too. Where
// these disagree about a cluster (a Telugu conjunct is one cluster of two
// letters; an emoji with a skin tone is 2 cells to string-width and 4 to tmux
// 3.3a), a row computed one way is drawn another and the frame moves. So each
// such cluster is drawn in a form they all measure alike:
// - emoji lose what terminals treat differently: variation selector 16 (tmux
//   3.3a ignores it, tmux 3.4 makes the emoji wide as kitty does: tmux
//   screen-write.c), skin tones and tag sequences (a second emoji to tmux
//   3.3a, one cluster to string-width and tmux 3.4: tmux utf8-combined.c)
//   and ZWJs between visible characters (tmux puts the next character in the
//   ZWJ's cell, xterm draws it beside), so a ZWJ family is its people;
// - a conjunct (a virama or coeng followed by a letter) gets a ZWNJ after the
//   sign, which ends the cluster there: shaping terminals show the explicit
//   virama form, the letters and their widths stay;
// - Thai and Lao AM are written as their two parts (nikhahit, sara aa);
// - clusters of no width (a mark at the start, soft hyphen, LRM, RLM, ZWSP,
//   word joiner) are left out, and anything still unmeasurable (a lone
//   regional indicator, a code point the terminal's table does not know) is
//   drawn as U+FFFD.
// Arabic script (ZWNJ included), CJK, Hangul, Thai, combining marks and flags
// already agree and are drawn as written.
import stringWidth from 'string-width';
import { graphemes } from './graphemes.js';
import { codePointWidth, UNKNOWN } from './wcwidth.js';

const ZWJ = 0x200d;
const ZWNJ = '\u200c';
const REPLACEMENT = '\ufffd';
const isModifier = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;
const isTag = (cp: number) => cp >= 0xe0020 && cp <= 0xe007f;
const isRegional = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
/** Dropped from any cluster that disagrees: presentation selectors, soft hyphen. */
const isPresentation = (cp: number) => cp === 0xfe0f || cp === 0xfe0e || cp === 0xad;
/** Thai and Lao AM as nikhahit (niggahita) and sara aa. */
const AM = new Map([
	[0x0e33, '\u0e4d\u0e32'],
	[0x0eb3, '\u0ecd\u0eb2'],
]);
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

/** Cells of drawable text (what drawable returns): the sum over its code points. */
export function cells(s: string): number {
	let w = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) {
			w++;
			continue;
		}
		const cp = s.codePointAt(i) ?? c;
		if (cp > 0xffff) i++;
		const cw = codePointWidth(cp);
		if (cw > 0) w += cw;
	}
	return w;
}

/** A C0 control (a line break): not drawn, not measured, kept as it is. */
const isControl = (g: string) => g.length <= 2 && g.charCodeAt(0) < 0x20;

const verdicts = new Map<string, boolean>();

/** Per code point, per cluster (string-width) and slice-ansi give this cluster the same cells, at least one. */
function agrees(g: string): boolean {
	let known = verdicts.get(g);
	if (known !== undefined) return known;
	const cps = [...g].map((ch) => ch.codePointAt(0) ?? 0);
	let perCodePoint = 0;
	let sliced = 1;
	known = true;
	for (let i = 0; i < cps.length && known; i++) {
		const cp = cps[i] ?? 0;
		const w = codePointWidth(cp);
		// tmux 3.3a draws the character after a ZWJ in the ZWJ's cell, even when it is not in the cluster.
		if (w === UNKNOWN || (cp === ZWJ && codePointWidth(cps[i + 1] ?? 0x20) !== 0)) known = false;
		if (w === 2 || isRegional(cp) || cp === 0xfe0f || cp === 0x20e3) sliced = 2;
		perCodePoint += Math.max(0, w);
	}
	if (sliced === 1 && EMOJI_PRESENTATION.test(g)) sliced = 2;
	known = known && perCodePoint > 0 && sliced <= perCodePoint && stringWidth(g) === perCodePoint;
	if (verdicts.size > 50_000) verdicts.clear();
	verdicts.set(g, known);
	return known;
}

/** The cluster without what terminals draw differently (see the top of the file). */
function plain(g: string): string {
	const cps = [...g].map((ch) => ch.codePointAt(0) ?? 0);
	const kept = cps.filter((cp, i) => !isPresentation(cp) && !(i > 0 && (isModifier(cp) || isTag(cp) || cp === 0x20e3)));
	let out = '';
	kept.forEach((cp, i) => {
		if (cp === ZWJ && codePointWidth(kept[i + 1] ?? 0x20) !== 0) return;
		out += AM.get(cp) ?? String.fromCodePoint(cp);
	});
	return out;
}

/** The code point begins cells of its own as drawn (not a mark, joiner, selector or skin tone on the one before). */
export function startsCell(cp: number): boolean {
	return codePointWidth(cp) > 0 && !isPresentation(cp) && !isModifier(cp) && !isTag(cp) && cp !== 0x20e3;
}

/** A ZWNJ after each sign of no width that a letter follows: conjuncts become one cluster per letter. */
function unjoined(g: string): string {
	let out = '';
	let prev = -1;
	for (const ch of g) {
		const w = codePointWidth(ch.codePointAt(0) ?? 0);
		if (prev === 0 && w > 0) out += ZWNJ;
		out += ch;
		prev = ch === ZWNJ ? -1 : w;
	}
	return out;
}

/** The cluster if it agrees, else U+FFFD, or nothing when it has no width. */
function settle(g: string): string {
	if (agrees(g)) return g;
	return [...g].some((ch) => codePointWidth(ch.codePointAt(0) ?? 0) !== 0) ? REPLACEMENT : '';
}

function drawCluster(g: string): string {
	if (isControl(g) || agrees(g)) return g;
	let out = '';
	for (const { segment: a } of graphemes(plain(g))) {
		if (agrees(a)) out += a;
		else for (const { segment: b } of graphemes(unjoined(a))) out += settle(b);
	}
	return out;
}

function pass(s: string): string {
	let out = '';
	for (const { segment } of graphemes(s)) out += drawCluster(segment);
	return out;
}

/**
 * `s` with every cluster in a form that terminals, Ink and slice-ansi measure
 * alike (see above); most text comes back as it is.
 */
export function drawable(s: string): string {
	if (isSimple(s)) return s;
	let out = pass(s);
	// Leaving a cluster out can join its neighbours into a new one ("क", ZWSP, "्ष").
	for (let i = 0; i < 2 && out !== s; i++) {
		s = out;
		out = pass(s);
	}
	return out;
}

// Code points that are a cluster of their own whatever surrounds them and that
// every measure gives the same width: text made only of these needs no segmenting.
// 0 not looked up yet, 1 simple, 2 not.
const SIMPLE = new Uint8Array(0x10000);
const SIMPLE_ASTRAL = new Map<number, boolean>();
const JOINS =
	/[\p{M}\p{Cf}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f]/u;
// Spacing marks and prepended letters outside \p{M} and \p{Cf} (UAX #29's SpacingMark and Prepend).
const JOINS_TOO = new Set([
	0x0e33, 0x0eb3, 0x0d4e, 0x111c2, 0x111c3, 0x1193f, 0x11941, 0x11a3a, 0x11a84, 0x11a85, 0x11a86, 0x11a87, 0x11a88,
	0x11a89, 0x11d46, 0x11f02,
]);

function simpleCodePoint(cp: number): boolean {
	const ch = String.fromCodePoint(cp);
	return !JOINS.test(ch) && !JOINS_TOO.has(cp) && agrees(ch);
}

export function isSimpleCodePoint(cp: number): boolean {
	if (cp < 0x10000) {
		let k = SIMPLE[cp] ?? 0;
		if (k === 0) {
			k = simpleCodePoint(cp) ? 1 : 2;
			SIMPLE[cp] = k;
		}
		return k === 1;
	}
	let k = SIMPLE_ASTRAL.get(cp);
	if (k === undefined) {
		k = simpleCodePoint(cp);
		SIMPLE_ASTRAL.set(cp, k);
	}
	return k;
}

function isSimple(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) continue;
		if (c === 0x0a) continue;
		const cp = s.codePointAt(i) ?? c;
		if (cp > 0xffff) i++;
		if (!isSimpleCodePoint(cp)) return false;
	}
	return true;
}
