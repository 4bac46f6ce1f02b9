import { G } from '../core/glyphs.js';
// A one-line bar chart of counts, squeezed to the width by summing neighbours.

/** How many buckets each character sums when `n` buckets are squeezed into `width`. */
export function bucketsPerChar(n: number, width: number): number {
	return Math.max(1, Math.ceil(n / Math.max(1, width)));
}

export function sparkline(counts: readonly number[], width: number): string {
	if (counts.length === 0 || width <= 0) return '';
	const per = bucketsPerChar(counts.length, width);
	const squeezed: number[] = [];
	for (let i = 0; i < counts.length; i += per) {
		squeezed.push(counts.slice(i, i + per).reduce((a, b) => a + b, 0));
	}
	const max = Math.max(...squeezed);
	const bars = [...G.bars];
	return squeezed
		.map((c) => (c === 0 ? ' ' : bars[Math.min(bars.length - 1, Math.ceil((c / max) * bars.length) - 1)]))
		.join('');
}
