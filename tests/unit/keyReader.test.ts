// The key reader (source/ui/keyReader.ts): the terminal's bytes, as they come
// in reads spaced in time, to key names. Time is vitest's fake clock: a case
// is a list of reads, each after a pause, and the keys expected once every
// wait is over.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ESCAPE_MS, KeyAssembler, type KeyPress, parseKeys } from '../../source/ui/keyReader.js';

const ESC = '\u001b';

/** A read: its bytes, and the milliseconds since the previous read. */
type Read = [after: number, bytes: string | Buffer];

/** Feeds the reads at their times; returns each key's name, with the fake time it came out at. */
function run(reads: readonly Read[], escapeMs = DEFAULT_ESCAPE_MS): { names: string[]; at: number[] } {
	const names: string[] = [];
	const at: number[] = [];
	const t0 = Date.now();
	const keys = new KeyAssembler((ks: KeyPress[]) => {
		for (const k of ks) {
			names.push(k.name);
			at.push(Date.now() - t0);
		}
	}, escapeMs);
	for (const [after, bytes] of reads) {
		vi.advanceTimersByTime(after);
		keys.push(bytes);
	}
	vi.advanceTimersByTime(10 * escapeMs + 1000);
	return { names, at };
}

const names = (reads: readonly Read[], escapeMs?: number) => run(reads, escapeMs).names;

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('key reader: Esc followed by another key (issue 14, item 2)', () => {
	it.each<[string, Read[], string[]]>([
		['Esc then ↓ in one write', [[0, `${ESC}${ESC}[B`]], ['escape', 'down']],
		[
			'Esc then ↓ 100 ms apart',
			[
				[0, ESC],
				[100, `${ESC}[B`],
			],
			['escape', 'down'],
		],
		[
			'Esc then ↓ 10 ms apart',
			[
				[0, ESC],
				[10, `${ESC}[B`],
			],
			['escape', 'down'],
		],
		[
			'Esc then ↓ 500 ms apart',
			[
				[0, ESC],
				[500, `${ESC}[B`],
			],
			['escape', 'down'],
		],
		['Esc Esc in one write', [[0, `${ESC}${ESC}`]], ['escape', 'escape']],
		[
			'Esc Esc 200 ms apart',
			[
				[0, ESC],
				[200, ESC],
			],
			['escape', 'escape'],
		],
		[
			'Esc Esc 20 ms apart',
			[
				[0, ESC],
				[20, ESC],
			],
			['escape', 'escape'],
		],
		['Esc Esc Esc in one write', [[0, `${ESC}${ESC}${ESC}`]], ['escape', 'escape', 'escape']],
		['Esc Esc ↓ in one write (1b 1b 5b 42 after an Esc)', [[0, `${ESC}${ESC}${ESC}[B`]], ['escape', 'escape', 'down']],
		['Esc then j in one write', [[0, `${ESC}j`]], ['escape', 'j']],
		['Esc then Enter in one write', [[0, `${ESC}\r`]], ['escape', 'enter']],
		['Esc then Backspace in one write', [[0, `${ESC}\u007f`]], ['escape', 'backspace']],
		['Esc then a Dari letter in one write', [[0, `${ESC}ک`]], ['escape', 'ک']],
		// tmux (escape-time 500) turns Esc + ↓ into Alt+↓; xterm and others send Alt+key as a modifier.
		['Alt+↓ as a modifier (Esc ↓ through tmux with extended keys)', [[0, `${ESC}[1;3B`]], ['escape', 'down']],
		['Meta+↑ as a modifier', [[0, `${ESC}[1;9A`]], ['escape', 'up']],
		['Alt+PgDn', [[0, `${ESC}[6;3~`]], ['escape', 'pagedown']],
		['Ctrl+↓ is ↓', [[0, `${ESC}[1;5B`]], ['down']],
		['Shift+↓ is ↓', [[0, `${ESC}[1;2B`]], ['down']],
	])('%s', (_what, reads, expected) => {
		expect(names(reads)).toEqual(expected);
	});
});

describe('key reader: escape sequences split between reads (issue 14, item 4)', () => {
	it.each<[string, Read[], string[]]>([
		[
			'ESC and [B 10 ms apart: one ↓',
			[
				[0, ESC],
				[10, '[B'],
			],
			['down'],
		],
		[
			'ESC [ and B 10 ms apart',
			[
				[0, `${ESC}[`],
				[10, 'B'],
			],
			['down'],
		],
		[
			'ESC, [, B a byte at a time',
			[
				[0, ESC],
				[10, '['],
				[10, 'B'],
			],
			['down'],
		],
		[
			'End split as ESC [ 4 ~ in four reads',
			[
				[0, ESC],
				[10, '['],
				[10, '4'],
				[10, '~'],
			],
			['end'],
		],
		[
			'End split as ESC and [4~',
			[
				[0, ESC],
				[10, '[4~'],
			],
			['end'],
		],
		[
			'SS3 ↓ split as ESC O and B',
			[
				[0, `${ESC}O`],
				[10, 'B'],
			],
			['down'],
		],
		[
			'SS3 ↓ split as ESC and OB',
			[
				[0, ESC],
				[10, 'OB'],
			],
			['down'],
		],
		[
			'PgDn split, then j in the same read as the end',
			[
				[0, `${ESC}[6`],
				[30, '~j'],
			],
			['pagedown', 'j'],
		],
		[
			'a split sequence in the middle of a burst',
			[
				[0, `jk${ESC}[`],
				[5, 'Bl'],
			],
			['j', 'k', 'down', 'l'],
		],
		// Each read restarts the wait: a sequence arriving a byte at a time, each within the wait, is kept whole.
		[
			'a slow sequence, each byte within the wait',
			[
				[0, ESC],
				[90, '['],
				[90, '6'],
				[90, '~'],
			],
			['pagedown'],
		],
	])('%s', (_what, reads, expected) => {
		expect(names(reads)).toEqual(expected);
	});

	it.each<[string, Read[], string[]]>([
		['a lone ESC, nothing after', [[0, ESC]], ['escape']],
		[
			'ESC then [ after the wait: Esc, then [',
			[
				[0, ESC],
				[DEFAULT_ESCAPE_MS + 1, '['],
			],
			['escape', '['],
		],
		['ESC [ and nothing more: Esc, [', [[0, `${ESC}[`]], ['escape', '[']],
		['ESC O and nothing more: Esc, O', [[0, `${ESC}O`]], ['escape', 'O']],
		['ESC O then a letter that ends no SS3: Esc, O, j', [[0, `${ESC}Oj`]], ['escape', 'O', 'j']],
		['ESC [ then a control byte: Esc, [, Enter', [[0, `${ESC}[\r`]], ['escape', '[', 'enter']],
	])('%s', (_what, reads, expected) => {
		expect(names(reads)).toEqual(expected);
	});

	it('Esc comes out when the wait is over, not before, and the wait is the setting', () => {
		expect(run([[0, ESC]]).at).toEqual([DEFAULT_ESCAPE_MS]);
		expect(run([[0, ESC]], 25).at).toEqual([25]);
		expect(run([[0, ESC]], 0).at).toEqual([0]);
		// A key that ends the wait early: Esc at once, with it.
		expect(
			run([
				[0, ESC],
				[30, 'j'],
			]).at,
		).toEqual([30, 30]);
	});

	it('a read that leaves the sequence unfinished restarts the wait', () => {
		const { names: n, at } = run([
			[0, ESC],
			[60, '['],
		]);
		expect(n).toEqual(['escape', '[']);
		expect(at).toEqual([60 + DEFAULT_ESCAPE_MS, 60 + DEFAULT_ESCAPE_MS]);
	});

	it('with escapeTime 0, a split sequence is not rejoined (the price of an instant Esc)', () => {
		expect(
			names(
				[
					[0, ESC],
					[10, '[B'],
				],
				0,
			),
		).toEqual(['escape', '[', 'B']);
	});
});

describe('key reader: every key form Ink understood', () => {
	it.each<[string, string, string[]]>([
		['xterm arrows', `${ESC}[A${ESC}[B${ESC}[C${ESC}[D`, ['up', 'down', 'right', 'left']],
		['SS3 (application mode) arrows', `${ESC}OA${ESC}OB${ESC}OC${ESC}OD`, ['up', 'down', 'right', 'left']],
		['rxvt Shift/Ctrl arrows', `${ESC}[a${ESC}[b${ESC}Oc${ESC}Od`, ['up', 'down', 'right', 'left']],
		['xterm Home/End', `${ESC}[H${ESC}[F${ESC}OH${ESC}OF`, ['home', 'end', 'home', 'end']],
		['vt220/tmux Home/End', `${ESC}[1~${ESC}[4~`, ['home', 'end']],
		['rxvt Home/End', `${ESC}[7~${ESC}[8~${ESC}[7$${ESC}[8^`, ['home', 'end', 'home', 'end']],
		[
			'PgUp/PgDn',
			`${ESC}[5~${ESC}[6~${ESC}[[5~${ESC}[[6~${ESC}[5$${ESC}[6^`,
			['pageup', 'pagedown', 'pageup', 'pagedown', 'pageup', 'pagedown'],
		],
		['Shift-Tab and Tab', `${ESC}[Z\t`, ['shift-tab', 'tab']],
		['Enter as CR; LF is Ctrl-J (Enter where unbound)', '\r\n', ['enter', 'ctrl-j']],
		['Backspace as DEL and BS; Delete', `\u007f\b${ESC}[3~`, ['backspace', 'backspace', 'backspace']],
		[
			'Ctrl-letters',
			'\u0003\u0015\u0010\u0017\u0004\u0006',
			['ctrl-c', 'ctrl-u', 'ctrl-p', 'ctrl-w', 'ctrl-d', 'ctrl-f'],
		],
		['space and printable ASCII', 'a Z/:?[]', ['a', 'space', 'Z', '/', ':', '?', '[', ']']],
		['keypad Enter (SS3 M)', `${ESC}OM`, ['enter']],
		['a burst of plain keys', 'jj\r\t\u007fa \u0015', ['j', 'j', 'enter', 'tab', 'backspace', 'a', 'space', 'ctrl-u']],
		[
			'CSI u (kitty; iTerm2 and WezTerm "report keys using CSI u")',
			`${ESC}[27u${ESC}[13u${ESC}[9;2u${ESC}[127u${ESC}[99;5u${ESC}[106u${ESC}[106;2u${ESC}[32u`,
			['escape', 'enter', 'shift-tab', 'backspace', 'ctrl-c', 'j', 'J', 'space'],
		],
		['CSI u with Alt: Esc, then the key', `${ESC}[106;3u`, ['escape', 'j']],
	])('%s', (_what, bytes, expected) => {
		expect(names([[0, bytes]])).toEqual(expected);
	});

	it.each<[string, string]>([
		['F1–F4 (SS3)', `${ESC}OP${ESC}OQ${ESC}OR${ESC}OS`],
		['F5–F12', `${ESC}[15~${ESC}[17~${ESC}[24~`],
		['Linux console F1–F5', `${ESC}[[A${ESC}[[E`],
		['Insert', `${ESC}[2~`],
		['focus reports', `${ESC}[I${ESC}[O`],
		['bracketed-paste markers', `${ESC}[200~${ESC}[201~`],
		['SGR mouse report', `${ESC}[<0;10;5M`],
		['NUL and C1 controls', '\u0000\u009b\u0085'],
		['CSI u key releases and keys that type nothing', `${ESC}[106;1:3u${ESC}[57441u`],
	])('%s name no key and type nothing', (_what, bytes) => {
		expect(names([[0, bytes]])).toEqual([]);
	});

	it('pasted text, Dari, CJK and emoji, one key per character, typing itself', () => {
		const text = 'کابل 喀布尔 🇦🇫👍🏽';
		const keys = parseKeys(text).keys;
		expect(keys.map((k) => k.input).join('')).toBe(text);
		expect(keys.map((k) => k.name)).toEqual([...text].map((c) => (c === ' ' ? 'space' : c)));
	});

	it('UTF-8 split between reads is put back together', () => {
		const bytes = Buffer.from('ک喀👍', 'utf8');
		const reads: Read[] = [...bytes].map((b) => [3, Buffer.from([b])]);
		expect(names(reads)).toEqual(['ک', '喀', '👍']);
	});

	it('parseKeys returns an unfinished sequence as the rest, unless the wait is over', () => {
		expect(parseKeys(`j${ESC}[1;`)).toEqual({ keys: [{ name: 'j', input: 'j' }], rest: `${ESC}[1;` });
		expect(parseKeys(`j${ESC}[1;`, true).keys.map((k) => k.name)).toEqual(['j', 'escape', '[', '1', ';']);
	});
});
