// @alcalzone/ansi-tokenize is patched (patches/README.md): the characters of a run of
// one style share one list of codes, and turning them back into a string skips the
// diff between a list and itself. Ink's output pass runs both on every line of every
// frame. What the string comes out as must not change: here it is built both ways,
// the second with a list of its own for every character (what 0.2.5 as published made).
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const SGR = [
	'\u001b[1m',
	'\u001b[22m',
	'\u001b[7m',
	'\u001b[27m',
	'\u001b[31m',
	'\u001b[39m',
	'\u001b[38;5;208m',
	'\u001b[48;2;1;2;3m',
	'\u001b[49m',
	'\u001b[0m',
	'\u001b[2m',
	'\u001b[4m',
	'\u001b[24m',
	'\u001b]8;;https://x.example\u0007',
	'\u001b]8;;\u0007',
];
const piece = fc.oneof(fc.constantFrom(...SGR), fc.constantFrom('a', 'b', ' ', '·', '─', '東', 'é', '👍'));
const line = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

describe('ansi-tokenize styled characters (patched)', () => {
	it('a run of one style shares its list of codes', () => {
		const chars = styledCharsFromTokens(tokenize('\u001b[1mbold\u001b[22m plain'));
		expect(chars[0]?.styles).toBe(chars[3]?.styles);
		expect(chars[4]?.styles).toBe(chars[9]?.styles);
		expect(chars[0]?.styles).not.toBe(chars[4]?.styles);
	});

	it('gives the string a list per character gives', () => {
		fc.assert(
			fc.property(line, (s) => {
				const chars = styledCharsFromTokens(tokenize(s));
				const ownLists = chars.map((c) => ({ ...c, styles: [...c.styles] }));
				return styledCharsToString(chars) === styledCharsToString(ownLists);
			}),
			{ numRuns: 5000, seed: 20261207 },
		);
	});
});
