// The one terminal-text sanitizer. Data comes from the web: an escape
// sequence in an article could move the cursor, retitle the window, write
// hyperlinks or reorder text. Everything shown goes through here; real
// Unicode (Arabic script with ZWNJ, CJK, emoji with ZWJ) is kept.

// ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL/ST),
// DCS/SOS/PM/APC (ESC P|X|^|_ ... ST), and two-byte escapes (ESC + one char).
// The 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS...) likewise.
const SEQUENCE = new RegExp(
	[
		'(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?',
		'(?:\\u001b[\\]PX^_]|[\\u009d\\u0090\\u0098\\u009e\\u009f])[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|(?=\\n)|$)',
		'\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?',
	].join('|'),
	'g',
);

// Remaining C0 (but \n and \t), DEL, C1, bidi embeddings/overrides/isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/**
 * Multi-line text: keeps line breaks (CR LF, CR, U+2028/2029 become "\n")
 * and turns tabs into spaces.
 */
export function sanitizeText(input: string): string {
	let s = input;
	if (s.includes('\r') || s.includes('\u2028') || s.includes('\u2029') || s.includes('\u0085')) {
		s = s.replace(LINE_BREAKS, '\n');
	}
	if (SUSPECT.test(s)) s = s.replace(SEQUENCE, '').replace(CONTROL, '');
	if (s.includes('\t')) s = s.replace(/\t/g, '    ');
	return s;
}

// Anything sanitizeLine would change: whitespace other than a single inner space, or a control.
const LINE_CLEAN_NEEDED = /[^\S ]| {2}|^ | $|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** One-line text (titles, names, cells): any run of whitespace becomes one space. */
export function sanitizeLine(input: string): string {
	// Loading calls this for every name and label of 100k records: most need nothing.
	if (!LINE_CLEAN_NEEDED.test(input)) return input;
	return sanitizeText(input).replace(/\s+/g, ' ').trim();
}

/** True when sanitizing would change the string (used to warn about data). */
export function hasControl(input: string): boolean {
	return SUSPECT.test(input);
}
