// Terminal sequences sitrep writes on purpose: OSC 52 (set the clipboard;
// works over SSH, as the terminal on the user's side does it) and OSC 8
// (hyperlinks). Both carry data from the web, so both are built only from
// sanitized text and checked URLs, never from raw strings.
import { sanitizeText } from '../core/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** Terminals drop larger OSC 52 payloads (xterm, tmux and others cap them near here). */
export const OSC52_MAX_BYTES = 100_000;

/** The text is too big for an OSC 52 sequence. */
export class CopyTooLongError extends RangeError {
	readonly bytes: number;
	constructor(bytes: number) {
		super(`too long to copy (${Math.ceil(bytes / 1000)} KB; terminals accept ~100 KB)`);
		this.name = 'CopyTooLongError';
		this.bytes = bytes;
	}
}

/**
 * `ESC ] 52 ; c ; <base64 of UTF-8> BEL`: puts the text on the clipboard.
 * The text is sanitized first (line breaks kept). Throws CopyTooLongError
 * when the base64 payload is over OSC52_MAX_BYTES.
 */
export function osc52(text: string): string {
	const payload = Buffer.from(sanitizeText(text), 'utf8').toString('base64');
	if (payload.length > OSC52_MAX_BYTES) throw new CopyTooLongError(payload.length);
	return `${ESC}]52;c;${payload}${BEL}`;
}

/**
 * The OSC 52 sequence, or a message saying why there is none. Write the
 * sequence straight to the terminal: it prints nothing and moves no cursor.
 */
export function copySequence(text: string): { seq: string } | { error: string } {
	try {
		return { seq: osc52(text) };
	} catch (e) {
		if (e instanceof CopyTooLongError) return { error: e.message };
		throw e;
	}
}

export type HyperlinkSetting = 'auto' | 'on' | 'off';

function version(s: string | undefined): [number, number] {
	const [major = 0, minor = 0] = (s ?? '').split('.').map((n) => Number.parseInt(n, 10) || 0);
	return [major, minor];
}

function atLeast(s: string | undefined, major: number, minor: number): boolean {
	const [a, b] = version(s);
	return a > major || (a === major && b >= minor);
}

function inCI(env: NodeJS.ProcessEnv): boolean {
	if (env.CI === '0' || env.CI === 'false') return false;
	return 'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((k) => k.startsWith('CI_'));
}

/**
 * Whether to draw OSC 8 hyperlinks. Order: FORCE_HYPERLINK (set and not
 * empty: "0" means no, anything else yes; like NO_COLOR, the environment
 * beats the setting), then the setting ('on'/'off'), then detection like the
 * supports-hyperlinks package: no when not a TTY, in CI, with TERM=dumb or
 * inside tmux/screen (they do not pass OSC 8 on reliably); yes for iTerm.app
 * 3.1+, WezTerm, VS Code 1.72+, kitty, VTE 0.50+, Windows Terminal, foot,
 * ghostty and alacritty; no otherwise.
 */
export function hyperlinksSupported(
	env: NodeJS.ProcessEnv = process.env,
	isTTY: boolean | undefined = process.stdout.isTTY,
	setting: HyperlinkSetting = 'auto',
): boolean {
	const force = env.FORCE_HYPERLINK;
	if (force !== undefined && force !== '') return !(Number.parseInt(force, 10) === 0 || force === 'false');
	if (setting === 'on') return true;
	if (setting === 'off') return false;
	if (!isTTY || inCI(env)) return false;
	const term = env.TERM ?? '';
	if (term === 'dumb') return false;
	if (env.TMUX || env.STY || /^(screen|tmux)/.test(term) || env.TERM_PROGRAM === 'tmux') return false;
	switch (env.TERM_PROGRAM) {
		case 'iTerm.app':
			return atLeast(env.TERM_PROGRAM_VERSION, 3, 1);
		case 'WezTerm':
		case 'ghostty':
			return true;
		case 'vscode':
			return atLeast(env.TERM_PROGRAM_VERSION, 1, 72);
	}
	if (term === 'xterm-kitty' || env.KITTY_WINDOW_ID) return true;
	if (term === 'xterm-ghostty' || term === 'foot' || term.startsWith('foot-')) return true;
	if (term === 'alacritty' || env.ALACRITTY_WINDOW_ID || env.ALACRITTY_SOCKET) return true;
	if (env.WT_SESSION) return true;
	if (env.VTE_VERSION && Number.parseInt(env.VTE_VERSION, 10) >= 5000) return true;
	return false;
}

// Whitespace, C0, DEL, C1 and bidi controls: none belongs in a URL we emit.
const URL_UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** VTE's limit; longer URIs are not linked by some terminals. */
const URL_MAX = 2083;

/** The URL as it goes into OSC 8 (absolute http(s), printable ASCII), or undefined. */
export function linkableUrl(url: string): string | undefined {
	if (url.length > URL_MAX || URL_UNSAFE.test(url)) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
	// The parser percent-encodes non-ASCII paths and punycodes hosts; check anyway.
	const href = parsed.href;
	return href.length <= URL_MAX && /^[\u0021-\u007e]+$/.test(href) ? href : undefined;
}

/**
 * `ESC ] 8 ; ; URL <t> TEXT ESC ] 8 ; ; <t>`: the text, clickable. The text
 * is sanitized (on one line); an unusable URL (not http(s), controls,
 * spaces) gives the text alone.
 *
 * The terminator <t> is BEL by default, not ST (ESC \): Ink 6.8 lays out
 * cells with @alcalzone/ansi-tokenize, which reads an OSC 8 only up to a
 * BEL. With ST it takes every byte of the sequence for a visible cell, so
 * whatever Ink draws to the right lands inside the sequence. Terminals
 * accept both; use 'st' only for text that does not go through Ink.
 */
export function hyperlink(url: string, text: string, terminator: 'bel' | 'st' = 'bel'): string {
	const shown = sanitizeText(text).replace(/\n/g, ' ');
	const href = linkableUrl(url);
	if (!href || shown === '') return shown;
	const t = terminator === 'st' ? ST : BEL;
	return `${ESC}]8;;${href}${t}${shown}${ESC}]8;;${t}`;
}
