// The glyph set in force (source/core/glyphs.ts) and the functions that draw
// with it: ownText for sitrep's own text, truncation, sparklines, trends and
// search snippets. Data text and documents keep their characters.
import { afterEach, describe, expect, it } from 'vitest';
import { G, glyphSet, ownText, setGlyphs } from '../../source/core/glyphs.js';
import { TREND_ARROWS, trendArrow } from '../../source/core/risk.js';
import { drawnSnippet } from '../../source/core/search/index.js';
import { makeSnippet } from '../../source/core/search/snippet.js';
import { truncate, width } from '../../source/core/width.js';
import { sparkline } from '../../source/present/sparkline.js';

afterEach(() => setGlyphs('unicode'));

describe('the glyph set in force', () => {
	it('is Unicode until ASCII is asked for, and back', () => {
		expect(glyphSet()).toBe('unicode');
		expect(G.cursor).toBe('›');
		setGlyphs('ascii');
		expect(glyphSet()).toBe('ascii');
		expect([G.cursor, G.ellipsis, G.rule, G.split, G.mark, G.dot, G.warning]).toEqual([
			'>',
			'~',
			'-',
			'|',
			'*',
			'|',
			'!',
		]);
		setGlyphs('unicode');
		expect(G.cursor).toBe('›');
	});

	it('ownText turns the glyphs of sitrep’s own text into ASCII only in ASCII; an arrow stays an arrow', () => {
		const help = 'Shorter activity window (365 → 90 → 30 days) · ↑↓ choose · ⚠ 2';
		expect(ownText(help)).toBe(help);
		setGlyphs('ascii');
		expect(ownText(help)).toBe('Shorter activity window (365 > 90 > 30 days) | ^v choose | ! 2');
		expect(width(ownText(help))).toBe(width(help));
	});

	it('truncation ends with the ellipsis in force, in the same cells', () => {
		expect(truncate('Islamic State Khorasan Province', 10)).toBe('Islamic S…');
		setGlyphs('ascii');
		expect(truncate('Islamic State Khorasan Province', 10)).toBe('Islamic S~');
		expect(truncate('Исламское государство', 10)).toBe('Исламское~');
	});

	it('sparklines use the ramp in force, lowest to highest', () => {
		expect(sparkline([0, 1, 2, 4, 8], 5)).toBe(' ▁▂▄█');
		setGlyphs('ascii');
		expect(sparkline([0, 1, 2, 4, 8], 5)).toBe(' .:=@');
	});

	it('trend arrows: drawn in the set in force; in documents always Unicode', () => {
		setGlyphs('ascii');
		expect([trendArrow('up'), trendArrow('down'), trendArrow('flat')]).toEqual(['^', 'v', '=']);
		expect(TREND_ARROWS).toEqual({ up: '↑', down: '↓', flat: '→' });
	});

	it('a snippet keeps Unicode ellipses (it is JSON too); drawn, its cuts follow the set, its data text does not', () => {
		const text = `${'lead words '.repeat(30)}the match → here${' tail words'.repeat(30)}`;
		const at = text.indexOf('match');
		const snippet = makeSnippet(text, [{ start: at, end: at + 5, unit: 1 }], 60);
		expect(snippet.text.startsWith('… ')).toBe(true);
		expect(snippet.text.endsWith(' …')).toBe(true);
		expect(drawnSnippet(snippet)).toBe(snippet.text);
		setGlyphs('ascii');
		const drawn = drawnSnippet(snippet);
		expect(drawn.startsWith('~ ')).toBe(true);
		expect(drawn.endsWith(' ~')).toBe(true);
		// The data's own arrow is left alone, and the match ranges still point at the match.
		expect(drawn).toContain('match → here');
		const [a, b] = snippet.ranges[0] ?? [0, 0];
		expect(drawn.slice(a, b)).toBe('match');
	});
});
