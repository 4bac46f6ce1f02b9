// Grapheme clusters, with ICU only where it is needed: the first Intl.Segmenter
// made in a process loads ICU's break-iterator data (~6 ms of start-up). Text
// whose every UTF-16 unit is a cluster of its own (C0 controls but CR, which
// joins a following LF; printable ASCII; Latin-1 without the soft hyphen;
// general punctuation, arrows, box drawing and block elements, none of which
// combines) is split by unit, as the patched slice-ansi and ansi-tokenize do
// (patches/README.md; tests/unit/width.test.ts checks all three against
// Intl.Segmenter). Other text goes to one segmenter, made on first use.

/** Text of units that are each a cluster of their own. */
export const EACH_UNIT_OWN_CLUSTER =
	/^[\u0000-\u000C\u000E-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u259F]*$/;

let segmenter: Intl.Segmenter | undefined;

function* units(s: string): Generator<{ segment: string; index: number }> {
	for (let index = 0; index < s.length; index++) yield { segment: s[index] as string, index };
}

/** The grapheme clusters of `s`, with their offsets. */
export function graphemes(s: string): Iterable<{ segment: string; index: number }> {
	if (EACH_UNIT_OWN_CLUSTER.test(s)) return units(s);
	segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
	return segmenter.segment(s);
}
