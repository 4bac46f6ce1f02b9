// Ink's Output grid (patches/ink+6.8.0.patch, build/output.js): a line inside its clip is drawn
// without slicing, a cut line's slice is kept, and a row made of the same cells as the last
// frame's reuses its text. Each must draw exactly what Ink drew before.
import { describe, expect, it } from 'vitest';
import Output from '../../node_modules/ink/build/output.js';

interface Op {
	x: number;
	y: number;
	text: string;
	clip?: { x1: number; x2: number };
}

function frame(width: number, height: number, ops: readonly Op[]): string {
	const out = new Output({ width, height });
	for (const op of ops) {
		if (op.clip) out.clip({ x1: op.clip.x1, x2: op.clip.x2, y1: undefined, y2: undefined });
		out.write(op.x, op.y, op.text, { transformers: [] });
		if (op.clip) out.unclip();
	}
	return out.get().output;
}

const RED = '\u001b[31m';
const OFF = '\u001b[39m';

describe('the Output grid', () => {
	it('cuts a line at its clip on both sides, with its styles, and leaves a line inside the clip whole', () => {
		const long = `${RED}abcdefghij${OFF}klmno`;
		expect(frame(12, 1, [{ x: 0, y: 0, text: long, clip: { x1: 2, x2: 8 } }])).toBe(`  ${RED}cdefgh${OFF}`);
		// Asked again (the slice now kept): the same.
		expect(frame(12, 1, [{ x: 0, y: 0, text: long, clip: { x1: 2, x2: 8 } }])).toBe(`  ${RED}cdefgh${OFF}`);
		expect(frame(12, 1, [{ x: 3, y: 0, text: `${RED}ab${OFF}c`, clip: { x1: 0, x2: 12 } }])).toBe(`   ${RED}ab${OFF}c`);
	});

	it('a row is drawn from its cells of this frame, whatever the last frame had there', () => {
		const a = frame(10, 2, [
			{ x: 0, y: 0, text: 'first' },
			{ x: 0, y: 1, text: 'second' },
		]);
		expect(a).toBe('first\nsecond');
		// Row 0 the same, row 1 changed, then both back: each frame's own text.
		expect(
			frame(10, 2, [
				{ x: 0, y: 0, text: 'first' },
				{ x: 2, y: 1, text: 'other' },
			]),
		).toBe('first\n  other');
		expect(frame(10, 2, [{ x: 0, y: 0, text: 'first' }])).toBe('first\n');
		expect(
			frame(10, 2, [
				{ x: 0, y: 0, text: 'first' },
				{ x: 0, y: 1, text: 'second' },
			]),
		).toBe(a);
		// A frame of another height in between.
		expect(frame(10, 1, [{ x: 0, y: 0, text: 'x' }])).toBe('x');
		expect(frame(10, 3, [{ x: 0, y: 2, text: 'third' }])).toBe('\n\nthird');
	});
});
