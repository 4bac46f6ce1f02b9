import { describe, expect, it } from 'vitest';
import { hasControl, sanitizeLine, sanitizeText } from '../../source/core/sanitize.js';

describe('sanitize', () => {
	it.each([
		['CSI colour', 'a\u001b[31mred\u001b[0m b', 'ared b'],
		['CSI cursor movement', 'x\u001b[2J\u001b[1;1Hy', 'xy'],
		['OSC title with BEL', 'x\u001b]0;pwned\u0007y', 'xy'],
		['OSC 8 hyperlink with ST', 'x\u001b]8;;http://e.test\u001b\\link\u001b]8;;\u001b\\y', 'xlinky'],
		['DCS', '\u001bP1$r\u001b\\dcs', 'dcs'],
		['8-bit CSI', 'c1\u009b31mz', 'c1z'],
		['8-bit OSC', 'a\u009d0;t\u009cb', 'ab'],
		['other C1', 'a\u0085b\u008dc', 'a\nbc'],
		['bidi override and isolate', 'bidi\u202eevil\u2066x\u2069', 'bidievilx'],
		['BEL, DEL, NUL', 'bell\u0007 del\u007f nul\u0000', 'bell del nul'],
		['lone ESC', 'a\u001bb', 'a'],
	])('strips %s', (_name, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
		expect(hasControl(input)).toBe(true);
	});

	it('keeps real Unicode: Dari with ZWNJ, Urdu, CJK, emoji with ZWJ and skin tones', () => {
		const s = 'خلیل‌الرحمن حقانی · کرمان · پاکستان · 中文 · 👨‍👩‍👧 👍🏽';
		expect(sanitizeText(s)).toBe(s);
		expect(sanitizeLine(s)).toBe(s);
		expect(hasControl(s)).toBe(false);
	});

	it('normalises line breaks in text and folds whitespace in lines', () => {
		expect(sanitizeText('a\r\nb\u2028c\rd\te')).toBe('a\nb\nc\nd    e');
		expect(sanitizeLine('  a\n\nb\t c  ')).toBe('a b c');
	});

	it('an unterminated OSC stops at the end of its line instead of eating the text', () => {
		expect(sanitizeText('start \u001b]0;title\nrest of the article')).toBe('start \nrest of the article');
	});
});

describe('sanitizeLine fast path', () => {
	it('returns exactly what the full clean-up returns, for random mixes of spaces, controls and text', () => {
		const alphabet = [
			'a',
			'ب',
			'字',
			' ',
			'  ',
			'\t',
			'\n',
			'\u00a0',
			'\u2028',
			'\u001b[31m',
			'\u0085',
			'\u202e',
			'x y',
		];
		let seed = 7;
		const next = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed;
		};
		for (let i = 0; i < 5000; i++) {
			const s = Array.from({ length: next() % 8 }, () => alphabet[next() % alphabet.length]).join('');
			expect(sanitizeLine(s), JSON.stringify(s)).toBe(sanitizeText(s).replace(/\s+/g, ' ').trim());
		}
	});
});
