// jsonc-parser puts an error inside a string or a number at the token's first
// character, and names only the last thing wrong in it. A reader (and an
// editor jumping to line:col) needs the character that is wrong: the token is
// read again to find the first such character, as JSON.parse would.
import { type ParseError, printParseErrorCode } from 'jsonc-parser';

/** A syntax error: its offset in the text, how many characters it spans, and its code (jsonc-parser's name, or one of ours). */
export interface Located {
	offset: number;
	length: number;
	code: string;
}

const STRING_CODES = new Set(['UnexpectedEndOfString', 'InvalidCharacter', 'InvalidEscapeCharacter', 'InvalidUnicode']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]$/;
const DIGIT = /^[0-9]$/;

export function pinpoint(text: string, e: ParseError): Located {
	const code = printParseErrorCode(e.error);
	let found: Located | undefined;
	if (STRING_CODES.has(code) && text[e.offset] === '"') found = inString(text, e.offset);
	else if (code === 'UnexpectedEndOfNumber' || (code === 'InvalidSymbol' && loneMinus(text, e.offset))) {
		found = inNumber(text, e.offset);
	}
	return found ?? { offset: e.offset, length: e.length, code };
}

/** A "-" with no digit after it (but not -NaN or -Infinity, which the loader names whole). */
function loneMinus(text: string, offset: number): boolean {
	return (
		text[offset] === '-' &&
		!DIGIT.test(text[offset + 1] ?? '') &&
		!/^-(NaN|Infinity)/.test(text.slice(offset, offset + 9))
	);
}

/** Characters of the code point at the offset (0 at the end of the text): a found character is never half an emoji. */
function charLength(text: string, offset: number): number {
	const c = text.codePointAt(offset);
	return c === undefined ? 0 : c > 0xffff ? 2 : 1;
}

const fault = (text: string, offset: number, code: string): Located => ({
	offset,
	length: charLength(text, offset),
	code,
});

/** The first fault in the string opening at `start`; undefined when it only runs to the end of the file (the quote that opens it is the place to look). */
function inString(text: string, start: number): Located | undefined {
	for (let i = start + 1; i < text.length; i++) {
		const c = text[i] as string;
		if (c === '"') return undefined;
		if (c === '\n' || c === '\r') return fault(text, i, 'LineBreakInString');
		if (c < ' ') return fault(text, i, 'InvalidCharacter');
		if (c !== '\\') continue;
		const next = text[i + 1];
		if (next === undefined) return undefined;
		if (next === 'u') {
			for (let k = i + 2; k < i + 6; k++) if (!HEX.test(text[k] ?? '')) return fault(text, k, 'InvalidUnicode');
			i += 5;
		} else if (ESCAPES.has(next)) i++;
		else return fault(text, i + 1, 'InvalidEscapeCharacter');
	}
	return undefined;
}

/** Where the number starting at `start` lacks a digit (after its "-" or ".", or in its exponent). */
function inNumber(text: string, start: number): Located | undefined {
	let i = start;
	if (text[i] === '-') i++;
	if (!DIGIT.test(text[i] ?? '')) return fault(text, i, 'DigitExpected');
	if (text[i] === '0') i++;
	else while (DIGIT.test(text[i] ?? '')) i++;
	if (text[i] === '.') {
		i++;
		if (!DIGIT.test(text[i] ?? '')) return fault(text, i, 'DigitExpected');
		while (DIGIT.test(text[i] ?? '')) i++;
	}
	if (text[i] === 'e' || text[i] === 'E') {
		i++;
		if (text[i] === '+' || text[i] === '-') i++;
		if (!DIGIT.test(text[i] ?? '')) return fault(text, i, 'DigitExpected');
	}
	return undefined;
}
