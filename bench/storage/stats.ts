// Median, p95 and max of a run's timings (bench/storage).
export interface Stats {
	n: number;
	median: number;
	p95: number;
	max: number;
}

export function stats(values: number[]): Stats {
	const s = [...values].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
	return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN };
}
