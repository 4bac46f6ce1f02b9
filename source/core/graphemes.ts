// Grapheme clusters through one Intl.Segmenter, made on first use: the first
// one made in a process loads ICU's break-iterator data (~6 ms of start-up),
// and the fast paths in width.ts and drawable.ts leave most text unsegmented.
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `s`. */
export function graphemes(s: string): Intl.Segments {
	segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
	return segmenter.segment(s);
}
