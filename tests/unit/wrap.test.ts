// Word wrapping by display cells: CJK (2 cells), emoji ZWJ sequences (drawn
// as their parts, which tmux measures alike in every version:
// core/drawable.ts), combining marks (0 cells) and Dari/Pashto/Urdu text with
// ZWNJ (kept, 0 cells), for both wrap() and wrapSpans().
import { describe, expect, it } from 'vitest';
import { segments, truncate, width, wrap, wrapSpans } from '../../source/core/width.js';

const FAMILY = '👨‍👩‍👧'; // man ZWJ woman ZWJ girl
const THUMB = '👍🏽'; // with a skin-tone modifier
const FLAG = '🇦🇫';
const ZWNJ = '\u200c';
const DARI = `من می${ZWNJ}خواهم به خانه بروم و کتاب${ZWNJ}ها را بخوانم`;
const URDU = `یہ ایک مثال ہے جس میں نیم${ZWNJ}فاصلہ استعمال ہوا ہے`;
const PASHTO = `زه غواړم چې کتاب${ZWNJ}ونه ولولم او کور ته لاړ شم`;

/** Graphemes of a string (a ZWJ sequence, a letter and its marks are one each). */
const graphemes = (s: string) => [...segments(s)];

/** The lines wrap() and wrapSpans() make of `text` at `cols`. */
function both(text: string, cols: number): Record<'wrap' | 'spans', string[]> {
	return { wrap: wrap(text, cols), spans: wrapSpans(text, cols).map((s) => s.text) };
}

/** Checks shared by both wrappers: no line too wide, no grapheme split, no character lost but spaces. */
function expectWrapped(text: string, cols: number) {
	for (const [how, lines] of Object.entries(both(text, cols))) {
		for (const l of lines) expect(width(l), `${how} ${cols}: "${l}"`).toBeLessThanOrEqual(cols);
		const joined = graphemes(lines.join(' ')).filter((g) => g !== ' ');
		expect(joined, `${how} ${cols}`).toEqual(graphemes(text).filter((g) => g !== ' '));
	}
}

describe('cell widths', () => {
	it('measures CJK as 2, a ZWJ family as its people, modified emoji and flags as 2, marks and ZWNJ as 0', () => {
		expect(width('東京')).toBe(4);
		expect(width('한국어')).toBe(6);
		expect(width(FAMILY)).toBe(6);
		expect(width(THUMB)).toBe(2);
		expect(width(FLAG)).toBe(2);
		expect(width('e\u0301')).toBe(1);
		expect(width(ZWNJ)).toBe(0);
		expect(width(`می${ZWNJ}خواهم`)).toBe(7);
	});

	it('truncates by cells, never inside a grapheme', () => {
		// The family is drawn as man, woman, girl: the cut falls between them.
		expect(truncate(`ab${FAMILY}${FAMILY}`, 5)).toBe('ab👨…');
		expect(truncate('東京都庁', 5)).toBe('東京…');
		expect(truncate('Cafe\u0301 au lait', 5)).toBe('Cafe\u0301…');
	});
});

describe('wrap and wrapSpans', () => {
	it('break at word boundaries, also when a word ends exactly at the edge', () => {
		expect(both('aaa bbb ccc', 7)).toEqual({ wrap: ['aaa bbb', 'ccc'], spans: ['aaa bbb', 'ccc'] });
		expect(both('one two three four', 9)).toEqual({
			wrap: ['one two', 'three', 'four'],
			spans: ['one two', 'three', 'four'],
		});
	});

	it('count CJK as two cells and cut a run without spaces between characters', () => {
		const text = '東京都の会議は中止された 東京';
		const expected = ['東京都の', '会議は中', '止された', '東京'];
		expect(both(text, 8)).toEqual({ wrap: expected, spans: expected });
		expect(both('Tokyo 東京 Seoul 서울', 10)).toEqual({
			wrap: ['Tokyo 東京', 'Seoul 서울'],
			spans: ['Tokyo 東京', 'Seoul 서울'],
		});
		expectWrapped('中文字符和English混合的一段比较长的文本，用来测试换行。', 11);
		// Narrower than one character: a character a line, no empty lines.
		expect(both('東京', 1)).toEqual({ wrap: ['東', '京'], spans: ['東', '京'] });
	});

	it('break a ZWJ sequence between the emoji it is drawn as; keep skin-toned emoji and flags whole', () => {
		// wrap() gives the text as drawn; wrapSpans() slices of the input, cut after a ZWJ.
		expect(both(`ab ${FAMILY}${FAMILY}${FAMILY} cd`, 5)).toEqual({
			wrap: ['ab', '👨👩', '👧👨', '👩👧', '👨👩', '👧 cd'],
			spans: ['ab', '👨\u200d👩\u200d', '👧👨\u200d', '👩\u200d👧', '👨\u200d👩\u200d', '👧 cd'],
		});
		expect(both(`x ${THUMB}${THUMB}${THUMB}`, 4)).toEqual({
			wrap: ['x', '👍👍', '👍'],
			spans: ['x', `${THUMB}${THUMB}`, THUMB],
		});
		for (let cols = 2; cols <= 9; cols++) {
			expectWrapped(`family ${FAMILY} thumbs ${THUMB}${THUMB} flag ${FLAG}${FLAG} ${FAMILY}${THUMB}${FLAG}`, cols);
		}
	});

	it('keep combining marks on their letters and count them as zero cells', () => {
		const text = 'Cafe\u0301 re\u0301sume\u0301 na\u0308ive Tie\u0302\u0301ng Vie\u0323\u0302t';
		// "Café résumé" is 11 cells, not 13 code points.
		expect(wrap(text, 11)).toEqual([
			'Cafe\u0301 re\u0301sume\u0301',
			'na\u0308ive Tie\u0302\u0301ng',
			'Vie\u0323\u0302t',
		]);
		expect(wrapSpans(text, 11).map((s) => s.text)).toEqual(wrap(text, 11));
		for (let cols = 1; cols <= 12; cols++) expectWrapped(text, cols);
	});

	it('wrap Dari, Pashto and Urdu at spaces, keeping ZWNJ inside words at zero width', () => {
		expect(both(DARI, 12)).toEqual({
			wrap: [`من می${ZWNJ}خواهم`, 'به خانه بروم', `و کتاب${ZWNJ}ها را`, 'بخوانم'],
			spans: [`من می${ZWNJ}خواهم`, 'به خانه بروم', `و کتاب${ZWNJ}ها را`, 'بخوانم'],
		});
		for (const text of [DARI, URDU, PASHTO]) {
			for (let cols = 4; cols <= 20; cols++) {
				expectWrapped(text, cols);
				for (const lines of Object.values(both(text, cols))) {
					// ZWNJ is never dropped, nor parted from the letter before it (a cut word may end a line with it).
					expect(lines.join('').split(ZWNJ).length).toBe(text.split(ZWNJ).length);
					for (const l of lines) expect(l.startsWith(ZWNJ)).toBe(false);
				}
			}
		}
	});

	it('wrapSpans lines are exact slices of the text at their offsets', () => {
		const text = `First ${FAMILY} paragraph with 東京 and re\u0301sume\u0301.\n\n${DARI}\nend`;
		for (let cols = 3; cols <= 30; cols++) {
			for (const s of wrapSpans(text, cols)) {
				expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
				expect(width(s.text)).toBeLessThanOrEqual(cols);
			}
		}
		expect(wrapSpans('a\n\nb', 10)).toEqual([
			{ text: 'a', start: 0 },
			{ text: '', start: 2 },
			{ text: 'b', start: 3 },
		]);
	});
});
