// JSON that is safe to print: every --json answer and the JSON exports.

/**
 * JSON for a report printed through the terminal sanitizer: characters the
 * sanitizer would strip or turn into a line break (C1 controls, NEL, U+2028,
 * U+2029, bidi controls) are written as \u escapes, so the output stays valid
 * JSON with the same content and still carries no control sequence (JSON
 * itself escapes C0: ESC, BEL, CR...). `indent` 0 gives one line.
 */
export function terminalJson(value: unknown, indent = 2): string {
	return JSON.stringify(value, null, indent || undefined).replace(
		/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
