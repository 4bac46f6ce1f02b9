// Widths against the terminal: tests/fixtures/terminal-widths.json holds
// tricky strings with the columns tmux 3.3a gave them, as written and as
// sitrep draws them (measured by scripts/tmux-widths.ts, never computed here).
import { readFileSync } from 'node:fs';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { drawable, isSimpleCodePoint } from '../../source/core/drawable.js';
import { fit as fitCells, truncate, width } from '../../source/core/width.js';
import { tmuxCells } from '../support/tmux-cells.js';

interface Measured {
	name: string;
	text: string;
	drawn: string;
	tmux: number;
	tmuxDrawn: number;
}

const CORPUS: Measured[] = JSON.parse(
	readFileSync(new URL('../fixtures/terminal-widths.json', import.meta.url), 'utf8'),
);
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clusters = (s: string) => [...segmenter.segment(s)];

describe('the corpus', () => {
	it('covers the scripts and sequences that trip width functions', () => {
		const names = CORPUS.map((e) => e.name).join('\n');
		for (const what of ['Telugu', 'Devanagari', 'Bengali', 'combining', 'Hangul', 'CJK', 'VS16', 'skin tone'])
			expect(names).toContain(what);
		for (const what of ['family', 'flag', 'keycap', 'Dari', 'Pashto', 'Thai', 'ZWNJ']) expect(names).toContain(what);
		expect(CORPUS.length).toBeGreaterThan(60);
	});

	it('is measured for the drawing rule of today (else run scripts/tmux-widths.ts)', () => {
		for (const e of CORPUS) expect(drawable(e.text), e.name).toBe(e.drawn);
	});
});

describe('per code point, as tmux counts', () => {
	it('the wcwidth table and the ZWJ rule give tmux 3.3a its width for every string as written', () => {
		for (const e of CORPUS) expect(tmuxCells(e.text), e.name).toBe(e.tmux);
	});
});

describe('width: what the terminal draws', () => {
	it('is the width tmux gives the text as sitrep draws it', () => {
		for (const e of CORPUS) expect(width(e.text), e.name).toBe(e.tmuxDrawn);
	});

	it('the reported Telugu conjunct with ZWNJ takes the two cells tmux gives it', () => {
		const telugu = CORPUS.find((e) => e.text === '\u0c1c\u0c4d\u0c1e\u200c\u0c3e');
		expect(telugu?.tmux).toBe(2);
		expect(width('\u0c1c\u0c4d\u0c1e\u200c\u0c3e')).toBe(2);
	});

	it('leaves Arabic script with ZWNJ, CJK, Hangul, marks and flags as written', () => {
		for (const e of CORPUS.filter((e) =>
			/Dari|Pashto|Urdu|harakat|CJK|Hangul syllables|\+ combining|three combining|zalgo|flag A/.test(e.name),
		)) {
			expect(e.drawn, e.name).toBe(e.text);
			expect(e.tmuxDrawn, e.name).toBe(e.tmux);
		}
	});
});

describe('Ink measures drawn text as tmux draws it', () => {
	it('string-width (layout), per cluster with a cell at least (placement) and slice-ansi (clipping) agree', () => {
		for (const e of CORPUS) {
			expect(stringWidth(e.drawn), e.name).toBe(e.tmuxDrawn);
			const placed = clusters(e.drawn).reduce((w, { segment }) => w + Math.max(1, stringWidth(segment)), 0);
			expect(placed, e.name).toBe(e.tmuxDrawn);
			expect(sliceAnsi(e.drawn, 0, e.tmuxDrawn), e.name).toBe(e.drawn);
		}
	});
});

describe('fit and truncate', () => {
	it('give exactly the cells asked for, by tmux count, and never cut inside a cluster', () => {
		for (const e of CORPUS) {
			for (let n = 1; n <= e.tmuxDrawn + 2; n++) {
				const f = fitCells(e.text, n);
				expect(tmuxCells(f), `${e.name} at ${n}: ${f}`).toBe(n);
				expect(stringWidth(f), `${e.name} at ${n}`).toBe(n);
				const t = truncate(e.text, n);
				expect(tmuxCells(t), `${e.name} at ${n}`).toBeLessThanOrEqual(n);
				if (t.endsWith('…')) expect(e.drawn.startsWith(t.slice(0, -1)), `${e.name} at ${n}: ${t}`).toBe(true);
			}
		}
	});
});

describe('the fast path', () => {
	it('takes a code point as simple only when it is a cluster of its own beside anything', () => {
		const simple: string[] = [];
		for (let cp = 0xa0; cp < 0x10000; cp++) {
			if (cp >= 0xd800 && cp <= 0xdfff) continue;
			if (isSimpleCodePoint(cp)) simple.push(String.fromCodePoint(cp));
		}
		expect(simple.length).toBeGreaterThan(40_000);
		// In slices: each segment V8 hands out carries a copy of the whole input.
		const count = (parts: string[]) => {
			let n = 0;
			for (let i = 0; i < parts.length; i += 500)
				for (const _ of segmenter.segment(parts.slice(i, i + 500).join(''))) n++;
			return n;
		};
		expect(count(simple)).toBe(simple.length);
		for (const probe of ['a', '\u0915', '\uac00', '\u{1f600}', '\u0e01', '\u0627', '\u4e2d']) {
			expect(isSimpleCodePoint(probe.codePointAt(0) ?? 0), probe).toBe(true);
			expect(count(simple.map((c) => probe + c)), probe).toBe(simple.length * 2);
		}
		for (const c of simple) expect(tmuxCells(c), `U+${c.codePointAt(0)?.toString(16)}`).toBe(stringWidth(c));
	});
});
