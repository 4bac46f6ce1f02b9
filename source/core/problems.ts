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
