// Turns zod validation issues into "expected X, found Y" messages a person
// can act on, with the pointer of the offending field.
import type { z } from 'zod';
import { describeValue } from './problems.js';

const TYPE_NAMES: Record<string, string> = {
	string: 'a string',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'an array',
	object: 'an object',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let v: unknown = root;
	for (const k of path) {
		if (v === null || typeof v !== 'object') return undefined;
		v = (v as Record<PropertyKey, unknown>)[k];
	}
	return v;
}

export interface IssueReport {
	path: (string | number)[];
	message: string;
	/** Unknown fields are reported but do not reject the record. */
	unknownField: boolean;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], record: unknown): IssueReport[] {
	const out: IssueReport[] = [];
	for (const issue of issues) {
		const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				out.push({ path: [...path, key], message: `unknown field "${key}" (ignored)`, unknownField: true });
			}
			continue;
		}
		// A union whose value had the type of exactly one of its options (an object toll, say): that option's issues say more.
		const matched = issue.code === 'invalid_union' ? matchedOption(issue.errors) : undefined;
		if (matched) {
			out.push(
				...describeIssues(
					matched.map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
					record,
				),
			);
			continue;
		}
		const found = valueAt(record, path);
		out.push({ path, message: messageFor(issue, found, path), unknownField: false });
	}
	return out;
}

/** The one option of a union that rejected the value for what is inside it, not for its type; undefined when not exactly one. */
function matchedOption(options: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
	const typed = options.filter((o) => o.length > 0 && !o.some((i) => i.code === 'invalid_type' && i.path.length === 0));
	return typed.length === 1 ? typed[0] : undefined;
}

function messageFor(issue: z.core.$ZodIssue, found: unknown, path: readonly (string | number)[]): string {
	const shown = describeValue(found);
	switch (issue.code) {
		case 'invalid_type': {
			const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
			if (found === undefined) return `missing required field "${String(path.at(-1))}" (expected ${expected})`;
			if (path.length === 0) return `expected ${expected} (a record), found ${shown}`;
			return `expected ${expected}, found ${shown}`;
		}
		case 'too_small':
			if (issue.origin === 'number') return `expected a number ≥ ${issue.minimum}, found ${shown}`;
			return `expected ${issue.message}, found ${shown}`;
		case 'too_big':
			if (issue.origin === 'number') return `expected a number ≤ ${issue.maximum}, found ${shown}`;
			return `${issue.message}, found ${shown}`;
		default:
			return `expected ${issue.message}, found ${shown}`;
	}
}
