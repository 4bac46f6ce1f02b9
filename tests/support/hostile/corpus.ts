// Text that must never act on the terminal (HOSTILE), and text that must come
// through untouched at the right width (LEGIT). The reliability check
// (reliability/hostile.ts) puts each one into every field that reaches the
// screen; tests/hostile.test.tsx runs it.

export interface HostileText {
	name: string;
	text: string;
}

export interface LegitText {
	name: string;
	text: string;
	/** Terminal cells it takes as drawn (CJK and emoji two, marks and joiners none; tmux 3.3a's count). */
	width: number;
	/** How it is drawn when terminals measure the text as written differently (core/drawable.ts). */
	drawn?: string;
}

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** Every 8-bit C1 control, U+0080 to U+009F. */
const ALL_C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('');

export const HOSTILE: HostileText[] = [
	// CSI: cursor moves, clears, modes.
	{ name: 'CSI clear screen', text: `before${ESC}[2Jafter` },
	{ name: 'CSI cursor home', text: `${ESC}[Hhome` },
	{ name: 'CSI cursor up 10', text: `up${ESC}[10Aten` },
	{ name: 'CSI clear, home, up together', text: `${ESC}[2J${ESC}[H${ESC}[10A${ESC}[2Kwiped` },
	{
		name: 'CSI private modes (alt screen, hide cursor, mouse, paste)',
		text: `${ESC}[?1049h${ESC}[?25l${ESC}[?1000h${ESC}[?2004hmodes`,
	},
	{ name: 'CSI device status report (answerback)', text: `ask${ESC}[6n${ESC}[>c${ESC}[21t` },
	{ name: 'CSI unterminated at end', text: `cut${ESC}[1;2` },
	// SGR.
	{ name: 'SGR flood', text: `${`${ESC}[31m${ESC}[41m${ESC}[5m${ESC}[38;5;196;48;2;1;2;3m`.repeat(8)}flood` },
	{ name: 'SGR never reset (inverse, conceal)', text: `${ESC}[7m${ESC}[8mhidden forever` },
	// OSC: window title, clipboard, hyperlink.
	{ name: 'OSC 0 title, BEL', text: `t${ESC}]0;pwned title${BEL}x` },
	{ name: 'OSC 0 title, ST', text: `t${ESC}]0;pwned title${ST}x` },
	{ name: 'OSC 2 title, BEL', text: `t${ESC}]2;pwned title${BEL}x` },
	{ name: 'OSC 2 title, ST', text: `t${ESC}]2;pwned title${ST}x` },
	{ name: 'OSC 52 clipboard write', text: `copy${ESC}]52;c;cm0gLXJmIH4vKgo=${BEL}me` },
	{ name: 'OSC 8 hyperlink', text: `${ESC}]8;;https://evil.example/x${ST}click me${ESC}]8;;${ST}` },
	{ name: 'OSC unterminated', text: `open${ESC}]0;this title never ends` },
	// String controls: DCS, APC, PM, SOS.
	{ name: 'DCS (DECRQSS)', text: `d${ESC}P$qm${ST}cs` },
	{ name: 'DCS sixel', text: `pic${ESC}Pq#0;2;0;0;0#0~~@@vv@@~~${ST}` },
	{ name: 'APC (kitty graphics)', text: `a${ESC}_Gf=24,s=1,v=1;AAAA${ST}pc` },
	{ name: 'PM', text: `p${ESC}^privacy message${ST}m` },
	{ name: 'SOS', text: `s${ESC}Xstart of string${ST}os` },
	// Two-byte escapes.
	{
		name: 'ESC c full reset, ESC 7/8, DECALN, charset',
		text: `${ESC}c${ESC}7${ESC}#8${ESC}(0lqqk${ESC}(B${ESC}8reset`,
	},
	{ name: 'lone ESC inside', text: `lone ${ESC} escape` },
	{ name: 'ESC at end of string', text: `trailing escape${ESC}` },
	// 8-bit C1.
	{ name: 'C1 CSI U+009B', text: `c1\u009b2J\u009b31mcsi` },
	{ name: 'C1 OSC U+009D with BEL', text: `c1\u009d0;pwned title${BEL}osc` },
	{ name: 'C1 OSC U+009D with U+009C', text: `c1\u009d2;pwned title\u009cosc` },
	{ name: 'C1 DCS U+0090', text: `c1\u0090$qm\u009cdcs` },
	{ name: 'every C1 control U+0080-U+009F', text: `all${ALL_C1}c1` },
	// C0 and DEL.
	{ name: 'BEL', text: `ding${BEL}${BEL}dong` },
	{ name: 'backspace overwrite', text: 'safe\b\b\b\bEVIL' },
	{ name: 'carriage-return overwrite', text: 'ok\rEVIL' },
	{ name: 'tabs', text: 'col\tcol\t\tend' },
	{ name: 'NUL', text: 'nul\u0000byte' },
	{ name: 'DEL', text: 'del\u007fete' },
	{ name: 'vertical tab, form feed, other C0', text: 'v\u000bf\u000c\u0001\u0002\u001a\u001c\u001fc0' },
	// Unicode that reorders or breaks lines.
	{ name: 'bidi override RLO (file name spoof)', text: 'invoice\u202egpj.exe' },
	{ name: 'bidi embeddings and overrides U+202A-U+202E', text: '\u202aL\u202bR\u202cP\u202dO\u202eE bidi' },
	{ name: 'bidi isolates U+2066-U+2069', text: '\u2066L\u2067R\u2068F\u2069 isolates' },
	{ name: 'line and paragraph separators U+2028/U+2029', text: 'one\u2028two\u2029three' },
	// Nested and mixed.
	{ name: 'CSI inside OSC title', text: `${ESC}]0;${ESC}[31mred${BEL}title` },
	{ name: 'OSC inside OSC 8', text: `${ESC}]8;;${ESC}]0;t${BEL}u${ST}link` },
	{ name: 'mixed 7-bit, 8-bit, bidi, BS, CR', text: `${ESC}[1m\u009b31m${ESC}]2;x\u009c\u202e\b\rmixed` },
	{ name: 'only controls', text: `${ESC}[2J${ESC}]0;t${BEL}\u009b1m\u202e` },
];

export const LEGIT: LegitText[] = [
	{ name: 'Dari with ZWNJ', text: 'خلیل‌الرحمن حقانی', width: 16 },
	{ name: 'Dari verb with ZWNJ', text: 'می‌خواهم', width: 7 },
	{ name: 'Pashto', text: 'د پښتونخوا ځوانان', width: 17 },
	{ name: 'Urdu', text: 'پاکستان میں', width: 11 },
	{ name: 'Urdu with ZWNJ', text: 'ذمہ‌داری', width: 7 },
	{ name: 'Arabic with harakat (combining)', text: 'مُحَمَّد', width: 4 },
	{ name: 'CJK', text: '中文新闻', width: 8 },
	{ name: 'Japanese and Korean', text: '東京 한국어', width: 11 },
	{ name: 'Latin with CJK', text: 'Kabul 喀布尔', width: 12 },
	// tmux 3.3a, 3.4 and xterm count these differently: they are drawn as their parts.
	{ name: 'emoji ZWJ family', text: '👨‍👩‍👧‍👦', width: 8, drawn: '👨👩👧👦' },
	{ name: 'emoji skin tones', text: '👍🏽 👋🏿', width: 5, drawn: '👍 👋' },
	{ name: 'emoji ZWJ with skin tone', text: '👩🏽‍💻', width: 4, drawn: '👩💻' },
	{ name: 'flags', text: '🇦🇫 🇵🇰', width: 5 },
	{ name: 'rainbow flag (ZWJ, VS16)', text: '🏳️‍🌈', width: 3, drawn: '🏳🌈' },
	{ name: 'combining marks (decomposed Latin)', text: 'Zoe\u0308 Nguye\u0302\u0303n', width: 10 },
	// One cluster of two letters: tmux gives it 2 cells, string-width 1; drawn with the virama ended by a ZWNJ.
	{
		name: 'Telugu conjunct with ZWNJ',
		text: '\u0c1c\u0c4d\u0c1e\u200c\u0c3e',
		width: 2,
		drawn: '\u0c1c\u0c4d\u200c\u0c1e\u200c\u0c3e',
	},
	{ name: 'Devanagari conjunct', text: '\u0915\u094d\u0937\u093f', width: 3, drawn: '\u0915\u094d\u200c\u0937\u093f' },
	{
		name: 'Persian with a right-to-left mark',
		text: '\u06a9\u0627\u0628\u0644\u200f',
		width: 4,
		drawn: '\u06a9\u0627\u0628\u0644',
	},
];

/** The characters that must never reach the terminal from data: C0 but \n, DEL, C1, bidi controls, U+2028/9. */
export const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
export const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

/** A visible name for the characters found, for failure messages. */
export function describeChars(s: string): string {
	return [...new Set(s.match(FORBIDDEN_ALL) ?? [])]
		.map((c) => `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`)
		.join(' ');
}
