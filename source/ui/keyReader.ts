// The terminal's bytes → key names (the keymap's vocabulary), across reads.
// Ink's parser keeps an unfinished sequence only until the next turn of the
// event loop, so a key cut between two reads became separate keys; and it
// read Esc + key in one read as one Alt+key. sitrep reads the keys itself
// (app/useKeys.ts), here:
// - an escape sequence split between reads (ESC, then `[B` a few ms later:
//   a slow link, a proxy, a relay) is put back together: one ↓;
// - a lone ESC waits `escapeMs` for the rest of a sequence before it is Esc
//   (tmux's escape-time, vim's ttimeoutlen); the wait restarts with every
//   read that leaves a sequence unfinished;
// - ESC followed by anything that cannot start a sequence — another ESC, a
//   letter, a complete sequence — is Esc, then that key: sitrep binds no Alt
//   keys, and over SSH or in tmux (which turns Esc + ↓ into Alt+↓, sent as
//   `ESC ESC [B`) that is what an Esc typed just before another key becomes.
//   Alt as a modifier of a sequence (`ESC [1;3B`) is read the same way;
// - a complete sequence that names no key sitrep knows (F-keys, focus
//   reports, Insert) is dropped whole: its bytes never become typed text.
import { StringDecoder } from 'node:string_decoder';
import { ESCAPE_TIME_DEFAULT } from '../io/settings/config.js';

export interface KeyPress {
	/** The key's name as the keymap writes it: "j", "down", "ctrl-u", "shift-tab", "escape". */
	name: string;
	/** The text it types (printable keys and space); '' for the others. */
	input: string;
}

/**
 * How long a lone ESC waits for the rest of a sequence, in milliseconds: 100
 * unless the `escapeTime` setting says otherwise (0–1000). Long enough to
 * rejoin a key's bytes split on the way (a relay or a congested link delays
 * the second part by a few ms, rarely tens); short enough that Esc does not
 * feel late, and it only delays Esc pressed alone — Esc followed by another
 * key acts at once. vim's defaults.vim waits 100 ms (ttimeoutlen), Neovim 50,
 * tmux 500 before 3.5 and 10 since (escape-time, for the terminal beside it);
 * a sequence whose parts are further apart than a retransmission (200 ms and
 * more) cannot be told from Esc then `[` without making every Esc that slow.
 */
export const DEFAULT_ESCAPE_MS = ESCAPE_TIME_DEFAULT;

const ESC = '\u001b';

const key = (name: string, input = ''): KeyPress => ({ name, input });
const ESCAPE = key('escape');

/** One character outside any escape sequence; undefined for what names no key (NUL, C1 controls). */
function plainKey(ch: string): KeyPress | undefined {
	const code = ch.codePointAt(0) ?? 0;
	if (ch === '\r') return key('enter');
	// LF is Ctrl-J; it is Enter wherever Ctrl-J is not bound (lookupNames in keys.ts).
	if (ch === '\n') return key('ctrl-j');
	if (ch === '\t') return key('tab');
	// DEL (most terminals) and BS (some, and Ctrl-H) are Backspace.
	if (ch === '\u007f' || ch === '\b') return key('backspace');
	if (ch === ESC) return ESCAPE;
	if (code >= 1 && code <= 26) return key(`ctrl-${String.fromCharCode(code + 96)}`);
	if (code < 32 || (code >= 0x80 && code <= 0x9f)) return undefined;
	if (ch === ' ') return key('space', ' ');
	return key(ch, ch);
}

/**
 * A key in the `CSI code ; modifiers u` form (the kitty keyboard protocol, and
 * terminals set to report keys "using CSI u": iTerm2, WezTerm, foot), which some
 * send for Esc, Enter, Tab or Ctrl-letters even to programs that did not ask.
 */
function csiUKey(params: string): KeyPress | undefined {
	const [codeField = '', modField = '1'] = params.split(';');
	const code = Number(codeField.split(':')[0]);
	const [mod = 1, event = 1] = modField.split(':').map(Number);
	// A key's release (event type 3) is not a key press.
	if (!Number.isInteger(code) || event === 3) return undefined;
	const bits = mod - 1;
	const shift = (bits & 1) !== 0;
	const ctrl = (bits & 4) !== 0;
	if (code === 13) return key('enter');
	if (code === 9) return key(shift ? 'shift-tab' : 'tab');
	if (code === 27) return ESCAPE;
	if (code === 127 || code === 8) return key('backspace');
	if (ctrl && code >= 97 && code <= 122) return key(`ctrl-${String.fromCharCode(code)}`);
	// Kitty's codes for keys that type nothing (F13…, media, modifiers alone) are in the Private Use Area.
	if (code < 32 || (code >= 0xe000 && code <= 0xf8ff) || code > 0x10ffff) return undefined;
	const ch = String.fromCodePoint(code);
	return plainKey(shift ? ch.toUpperCase() : ch);
}

/** The key a CSI sequence names (`ESC [` params final), or undefined for one sitrep does not use. */
function csiKey(params: string, final: string, doubled: boolean): KeyPress | undefined {
	if (doubled) {
		// PuTTY's PgUp/PgDn; the Linux console's F1–F5 (`ESC [ [ A`) name no key here.
		if (final === '~' && params === '5') return key('pageup');
		if (final === '~' && params === '6') return key('pagedown');
		return undefined;
	}
	const first = Number(params.split(';')[0] || '1');
	switch (final) {
		case 'A':
		case 'a': // rxvt: Shift+arrow
			return key('up');
		case 'B':
		case 'b':
			return key('down');
		case 'C':
		case 'c':
			return key('right');
		case 'D':
		case 'd':
			return key('left');
		case 'H':
			return key('home');
		case 'F':
			return key('end');
		case 'Z':
			return key('shift-tab');
		case 'u':
			return csiUKey(params);
		// vt220 / xterm / tmux `ESC [ n ~`; rxvt adds `$` (Shift), `^` (Ctrl), `@` (Ctrl+Shift).
		case '~':
		case '$':
		case '^':
		case '@':
			switch (first) {
				case 1:
				case 7:
					return key('home');
				case 4:
				case 8:
					return key('end');
				case 5:
					return key('pageup');
				case 6:
					return key('pagedown');
				// Delete: sitrep's text fields are edited at their end, where it can only remove the last character.
				case 3:
					return key('backspace');
				default:
					return undefined;
			}
		default:
			return undefined;
	}
}

/** SS3 (`ESC O` final): arrows, Home and End in the terminal's application mode; F1–F4; keypad Enter. */
const SS3: Record<string, KeyPress | null> = {
	A: key('up'),
	B: key('down'),
	C: key('right'),
	D: key('left'),
	a: key('up'), // rxvt: Ctrl+arrow
	b: key('down'),
	c: key('right'),
	d: key('left'),
	H: key('home'),
	F: key('end'),
	M: key('enter'),
	P: null, // F1–F4: known, name no key
	Q: null,
	R: null,
	S: null,
};

/** xterm's modifier parameter (1 + Shift 1 | Alt 2 | Ctrl 4 | Meta 8): is Alt or Meta in it? */
function altIn(params: string): boolean {
	const mod = Number((params.split(';')[1] ?? '1').split(':')[0]);
	return Number.isInteger(mod) && mod > 1 && ((mod - 1) & 10) !== 0;
}

type Sequence =
	/** Ends past the text so far: wait for more bytes. */
	| { kind: 'incomplete' }
	/** Not a sequence after all: ESC is Esc, the bytes after it are keys of their own. */
	| { kind: 'none' }
	/** A complete sequence, up to `end`; `keys` may be empty (a sequence that names no key). */
	| { kind: 'keys'; keys: KeyPress[]; end: number };

const isParam = (c: number) => c >= 0x30 && c <= 0x3f;
const isIntermediate = (c: number) => c >= 0x20 && c <= 0x2f;
const isFinal = (c: number) => c >= 0x40 && c <= 0x7e;

/** The CSI sequence whose `ESC [` is at `at`. */
function readCsi(text: string, at: number): Sequence {
	let i = at + 2;
	const doubled = text[i] === '[';
	if (doubled) i++;
	const paramsFrom = i;
	while (i < text.length && isParam(text.charCodeAt(i))) i++;
	const params = text.slice(paramsFrom, i);
	// rxvt ends Shift+key with `$`, which ECMA-48 counts as an intermediate byte.
	const rxvtDollar = text[i] === '$' && /^\d+$/.test(params);
	if (!rxvtDollar) while (i < text.length && isIntermediate(text.charCodeAt(i))) i++;
	if (i >= text.length) return { kind: 'incomplete' };
	const final = text[i] as string;
	if (!rxvtDollar && !isFinal(text.charCodeAt(i))) return { kind: 'none' };
	const named = csiKey(params, final, doubled);
	const keys = named ? (altIn(params) ? [ESCAPE, named] : [named]) : [];
	return { kind: 'keys', keys, end: i + 1 };
}

/** The SS3 sequence whose `ESC O` is at `at` (xterm may put a modifier between: `ESC O 5 A`). */
function readSs3(text: string, at: number): Sequence {
	let i = at + 2;
	while (i < text.length && /[\d;]/.test(text[i] as string)) i++;
	if (i >= text.length) return { kind: 'incomplete' };
	const named = SS3[text[i] as string];
	if (named === undefined) return { kind: 'none' };
	const mod = text.slice(at + 2, i);
	return { kind: 'keys', keys: named ? (altIn(`1;${mod}`) ? [ESCAPE, named] : [named]) : [], end: i + 1 };
}

function readSequence(text: string, at: number): Sequence {
	const next = text[at + 1];
	if (next === undefined) return { kind: 'incomplete' };
	if (next === '[') return readCsi(text, at);
	if (next === 'O') return readSs3(text, at);
	return { kind: 'none' };
}

/**
 * Splits `text` into keys. An escape sequence still unfinished at the end is
 * returned as `rest` (to be completed by the next read) — unless `final`
 * (the ESC wait is over): then its ESC is Esc and its other bytes are keys.
 */
export function parseKeys(text: string, final = false): { keys: KeyPress[]; rest: string } {
	const keys: KeyPress[] = [];
	let i = 0;
	while (i < text.length) {
		const cp = text.codePointAt(i) ?? 0;
		const ch = String.fromCodePoint(cp);
		if (ch !== ESC) {
			const k = plainKey(ch);
			if (k) keys.push(k);
			i += ch.length;
			continue;
		}
		const seq = readSequence(text, i);
		if (seq.kind === 'incomplete' && !final) return { keys, rest: text.slice(i) };
		if (seq.kind === 'keys') {
			keys.push(...seq.keys);
			i = seq.end;
			continue;
		}
		// A lone ESC whose wait is over, or ESC before something that starts no sequence: Esc, then the rest.
		keys.push(ESCAPE);
		i++;
	}
	return { keys, rest: '' };
}

/**
 * Reads keys from a terminal's raw bytes as they come: UTF-8 and escape
 * sequences are completed across reads, and a lone ESC is Esc after
 * `escapeMs` without more bytes (at 0, at once: the end of the read). Keys go
 * to `onKeys` in order, a read's keys together.
 */
export class KeyAssembler {
	private pending = '';
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly utf8 = new StringDecoder('utf8');

	constructor(
		private readonly onKeys: (keys: KeyPress[]) => void,
		private readonly escapeMs = DEFAULT_ESCAPE_MS,
	) {}

	/** One read's bytes (a string when the stream decodes, as test stdins do). */
	push(chunk: Buffer | string): void {
		this.stopTimer();
		const text = this.pending + (typeof chunk === 'string' ? chunk : this.utf8.write(chunk));
		// No wait at all (escapeTime 0): what this read leaves unfinished is read as it stands, now.
		const { keys, rest } = parseKeys(text, this.escapeMs <= 0);
		this.pending = rest;
		if (rest) this.timer = setTimeout(() => this.flush(), this.escapeMs);
		if (keys.length) this.onKeys(keys);
	}

	/** The wait is over: what is pending is read as it stands (ESC is Esc). */
	flush(): void {
		this.stopTimer();
		if (!this.pending) return;
		const { keys } = parseKeys(this.pending, true);
		this.pending = '';
		if (keys.length) this.onKeys(keys);
	}

	/** Bytes held back, waiting for the rest of a sequence. */
	get waiting(): string {
		return this.pending;
	}

	/** Stops waiting and forgets what was pending (the reader is being detached). */
	dispose(): void {
		this.stopTimer();
		this.pending = '';
	}

	private stopTimer(): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = undefined;
	}
}
