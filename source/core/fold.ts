// Case- and diacritic-insensitive comparison keys ("Muzammil" = "muzammil",
// "Al-Qaïda" = "al qaida"). Letters of any script are kept.
//
// Every lookup compares fold() of what was typed with fold() of the data, and
// the loader has already put the data through the sanitizer. Folding cleans
// its input the same way, so a query carrying an escape sequence or a bidi
// control ("\e[31mhaqqani\e[0m" pasted from coloured output) finds what the
// same text finds in the data, wherever it was typed.
import { sanitizeLine } from './sanitize.js';

export function fold(s: string): string {
	return sanitizeLine(s)
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Like fold, without spaces: "al qaeda" = "alqaeda". */
export function squash(s: string): string {
	return fold(s).replace(/ /g, '');
}
