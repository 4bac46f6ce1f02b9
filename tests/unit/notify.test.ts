// The terminal notification for a fired alert: which sequence for which
// terminal, the multiplexers, the setting, and text from the data that cannot
// break out of the sequence.
import { describe, expect, it } from 'vitest';
import { notification, notifyVia } from '../../source/core/notify.js';

const ESC = '\u001b';
const BEL = '\u0007';

describe('how a terminal is told', () => {
	it('auto: OSC 9 or 777 for the terminals known to show them, BEL elsewhere', () => {
		const cases: [NodeJS.ProcessEnv, string][] = [
			[{ TERM_PROGRAM: 'iTerm.app', TERM: 'xterm-256color' }, 'osc9'],
			[{ TERM_PROGRAM: 'WezTerm' }, 'osc9'],
			[{ TERM: 'xterm-kitty' }, 'osc9'],
			[{ TERM: 'xterm-256color', KITTY_WINDOW_ID: '1' }, 'osc9'],
			[{ TERM_PROGRAM: 'ghostty', TERM: 'xterm-ghostty' }, 'osc777'],
			[{ TERM: 'xterm-ghostty' }, 'osc777'],
			[{ TERM: 'foot' }, 'osc777'],
			[{ TERM: 'foot-extra' }, 'osc777'],
			[{ TERM: 'rxvt-unicode-256color' }, 'osc777'],
			[{ TERM: 'xterm-256color', WT_SESSION: 'x' }, 'bell'],
			[{ TERM: 'xterm-256color', VTE_VERSION: '7200' }, 'bell'],
			[{ TERM_PROGRAM: 'Apple_Terminal' }, 'bell'],
			[{ TERM: 'alacritty' }, 'bell'],
			[{}, 'bell'],
		];
		for (const [env, kind] of cases) expect(notifyVia(env, 'auto'), JSON.stringify(env)).toEqual({ kind });
	});

	it('inside tmux or screen, auto is BEL; a sequence asked for by name is passed through', () => {
		const tmux = { TMUX: '/tmp/tmux-1/default,1,0', TERM_PROGRAM: 'tmux', TERM: 'tmux-256color' };
		expect(notifyVia({ ...tmux, KITTY_WINDOW_ID: '1' }, 'auto')).toEqual({ kind: 'bell' });
		expect(notifyVia({ TERM: 'screen-256color', STY: '1.pts' }, 'auto')).toEqual({ kind: 'bell' });
		expect(notifyVia(tmux, 'osc9')).toEqual({ kind: 'osc9', wrap: 'tmux' });
		expect(notifyVia({ STY: '1.pts' }, 'osc777')).toEqual({ kind: 'osc777', wrap: 'screen' });
	});

	it('the setting beats the terminal', () => {
		expect(notifyVia({ TERM_PROGRAM: 'iTerm.app' }, 'off')).toEqual({ kind: 'off' });
		expect(notifyVia({ TERM_PROGRAM: 'iTerm.app' }, 'bell')).toEqual({ kind: 'bell' });
		expect(notifyVia({}, 'osc777')).toEqual({ kind: 'osc777' });
		expect(notifyVia({ TERM_PROGRAM: 'ghostty' }, 'osc9')).toEqual({ kind: 'osc9' });
	});
});

describe('the bytes written', () => {
	it('OSC 9 carries one text; OSC 777 a title and a body; BEL is one byte; off is nothing', () => {
		expect(notification({ kind: 'osc9' }, 'sitrep alert', 'ISKP ≥1 in 24h (2)')).toBe(
			`${ESC}]9;sitrep alert: ISKP ≥1 in 24h (2)${BEL}`,
		);
		expect(notification({ kind: 'osc777' }, 'sitrep alert', 'ISKP ≥1 in 24h (2)')).toBe(
			`${ESC}]777;notify;sitrep alert;ISKP ≥1 in 24h (2)${BEL}`,
		);
		expect(notification({ kind: 'bell' }, 't', 'b')).toBe(BEL);
		expect(notification({ kind: 'off' }, 't', 'b')).toBe('');
	});

	it('tmux passthrough doubles every ESC inside; screen wraps it as it is', () => {
		const inner = `${ESC}]9;t: b${BEL}`;
		expect(notification({ kind: 'osc9', wrap: 'tmux' }, 't', 'b')).toBe(
			`${ESC}Ptmux;${ESC}${ESC}]9;t: b${BEL}${ESC}\\`,
		);
		expect(notification({ kind: 'osc9', wrap: 'screen' }, 't', 'b')).toBe(`${ESC}P${inner}${ESC}\\`);
	});

	it('text from the data cannot end the sequence, start another, or split OSC 777 fields', () => {
		const hostile = `Evil\u0007${ESC}]0;owned${BEL}\u009d52;c;x\u009c${ESC}[2J; rm -rf\nnext`;
		for (const kind of ['osc9', 'osc777'] as const) {
			const seq = notification({ kind }, 'sitrep alert', hostile);
			const body = seq.slice(seq.indexOf(';') + 1, -1);
			expect(body, kind).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
			expect(seq.endsWith(BEL)).toBe(true);
			expect(seq.match(/\u001b/g)).toHaveLength(1);
		}
		const fields = notification({ kind: 'osc777' }, 'a;b', 'c;d').split(';');
		expect(fields).toEqual([`${ESC}]777`, 'notify', 'a,b', `c,d${BEL}`]);
		expect(notification({ kind: 'osc9' }, 't', 'x'.repeat(1000)).length).toBeLessThan(220);
	});
});
