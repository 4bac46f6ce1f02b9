// Case- and diacritic-insensitive comparison keys ("Muzammil" = "muzammil",
// "Al-Qaïda" = "al qaida"). Letters of any script are kept.

export function fold(s: string): string {
	return s
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
