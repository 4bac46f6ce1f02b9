// String order for names, as String.prototype.localeCompare gives it, without
// ICU's collator when it can: the first localeCompare in a process loads the
// collation data (~10 ms of start-up), and the dashboard sorts actor and
// country names before its first frame. For text of printable ASCII, in the
// root collation that English uses, the order is simple and is computed here:
// characters compare by their primary weight (case aside: space and
// punctuation, then digits, then letters, in the order below), a string that
// is a prefix of another comes first, and only when all of that is equal does
// case decide, lower case first, at the first letter that differs. Any other
// text, or another default locale (a Danish "aa", a Czech "ch", a Turkish
// dotless i), goes to localeCompare itself. tests/unit/collate.test.ts checks
// this against ICU.

/** Printable ASCII in root collation order, one group of equal primary weight per entry. */
export const ROOT_ORDER: readonly string[] = [
	...' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789',
	...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `${c}${c.toUpperCase()}`),
];

/** Primary weight per code unit (0: not printable ASCII), and 1 for upper case. */
const PRIMARY = new Uint8Array(128);
const UPPER = new Uint8Array(128);
ROOT_ORDER.forEach((group, i) => {
	for (const ch of group) PRIMARY[ch.charCodeAt(0)] = i + 1;
	if (group.length === 2) UPPER[group.charCodeAt(1)] = 1;
});

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The root collation's order of two strings of printable ASCII (-1, 0 or 1); undefined for any other text. */
export function compareAscii(a: string, b: string): number | undefined {
	if (!PRINTABLE_ASCII.test(a) || !PRINTABLE_ASCII.test(b)) return undefined;
	const n = Math.min(a.length, b.length);
	let byCase = 0;
	for (let i = 0; i < n; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x === y) continue;
		const px = PRIMARY[x] as number;
		const py = PRIMARY[y] as number;
		if (px !== py) return px < py ? -1 : 1;
		if (byCase === 0) byCase = (UPPER[x] as number) - (UPPER[y] as number);
	}
	if (a.length !== b.length) return a.length < b.length ? -1 : 1;
	return byCase;
}

let rootLocale: boolean | undefined;

/**
 * Whether the default locale collates printable ASCII as the root collation does: English, or
 * the root itself. Asked of Intl.PluralRules, which resolves the same default locale as
 * localeCompare and is cheap to make (a Collator would load what this avoids).
 */
function defaultIsRoot(): boolean {
	rootLocale ??= /^(en(-[A-Z]{2}|-\d{3})?|und)$/.test(new Intl.PluralRules().resolvedOptions().locale);
	return rootLocale;
}

/** `a.localeCompare(b)`, as -1, 0 or 1 (what V8's returns). */
export function compareText(a: string, b: string): number {
	if (defaultIsRoot()) {
		const fast = compareAscii(a, b);
		if (fast !== undefined) return fast;
	}
	return Math.sign(a.localeCompare(b));
}
