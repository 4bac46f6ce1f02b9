// Problems found while loading data: where (file, line:col, JSON pointer),
// what was expected and what was found. Never thrown; always listed.
import { sanitizeLine } from './sanitize.js';

export type Severity = 'error' | 'warning';

export interface Problem {
	severity: Severity;
	/** Path of the file, as given (relative to the working directory when inside it). */
	file: string;
	/** 1-based; absent when the problem concerns the whole file. */
	line?: number;
	col?: number;
	/** RFC 6901 JSON pointer of the record or field ("" for the whole file). */
	pointer: string;
	message: string;
}

export function formatProblem(p: Problem): string {
	const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.col ?? 1}`;
	const pointer = p.pointer === '' ? '' : ` ${p.pointer}`;
	return sanitizeLine(`${where}${pointer}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
}

export function pointerOf(path: readonly (string | number)[]): string {
	return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** A short, safe rendering of a found value for messages. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return `an array of ${value.length}`;
	if (typeof value === 'object') return 'an object';
	const json = JSON.stringify(value);
	return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
	let errors = 0;
	for (const p of problems) if (p.severity === 'error') errors++;
	return { errors, warnings: problems.length - errors };
}

/** A file size for messages, in decimal units: "3.0 GB", "512 MB", "18.4 kB". */
export function formatBytes(bytes: number): string {
	const [unit, size] =
		bytes >= 1e9 ? ['GB', 1e9] : bytes >= 1e6 ? ['MB', 1e6] : bytes >= 1e3 ? ['kB', 1e3] : ['bytes', 1];
	const n = bytes / size;
	return `${unit === 'GB' ? n.toFixed(1) : Number(n.toFixed(1))} ${unit}`;
}
