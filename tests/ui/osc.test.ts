// OSC 52 (copy) and OSC 8 (hyperlinks): the bytes, hostile input, the size
// cap, terminal detection, what `y` copies, and hyperlinks through Ink.
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { createElement as h } from 'react';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { riskWindow } from '../../source/core/risk.js';
import { withArticles } from '../../source/core/store.js';
import { articleCitation, copyFor, incidentCopy, longDate } from '../../source/present/copy.js';
import type { Line } from '../../source/present/lines.js';
import { articleLines } from '../../source/present/views/article.js';
import { incidentLines } from '../../source/present/views/incident.js';
import { Lines } from '../../source/ui/components/Lines.js';
import {
	CopyTooLongError,
	copySequence,
	hyperlink,
	hyperlinksSupported,
	linkableUrl,
	OSC52_MAX_BYTES,
	osc52,
} from '../../source/ui/osc.js';
import { pickTheme } from '../../source/ui/theme.js';
import { incident, store as smallStore } from '../support/fixtures.js';
import { bundled } from '../support/helpers.js';

const ESC = '\u001b';
const BEL = '\u0007';
const OSC52 = /^\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007$/;
const OSC_ANY = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const stripOsc = (s: string) => s.replace(OSC_ANY, '');

function decoded(seq: string): string {
	const m = OSC52.exec(seq);
	if (!m) throw new Error(`not an OSC 52 sequence: ${JSON.stringify(seq.slice(0, 40))}`);
	return Buffer.from(m[1]!, 'base64').toString('utf8');
}

describe('osc52', () => {
	it('is ESC ] 52 ; c ; base64(UTF-8) BEL and decodes back to the text', () => {
		const text = 'Crocus City Hall — Красногорск\nکابل · 北京 · 👩‍👩‍👧';
		const seq = osc52(text);
		expect(seq.startsWith(`${ESC}]52;c;`)).toBe(true);
		expect(seq.endsWith(BEL)).toBe(true);
		expect(decoded(seq)).toBe(text);
		expect(osc52('')).toBe(`${ESC}]52;c;${BEL}`);
	});

	it('sanitizes hostile text: no ESC, BEL or C1 control reaches the payload', () => {
		const hostile = [
			'before',
			`${ESC}]52;c;${Buffer.from('rm -rf ~').toString('base64')}${BEL}`,
			`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
			`${ESC}[2J${ESC}[H`,
			'\u009b31m\u009d0;title\u009c',
			`bell${BEL}`,
			'\u202eevil\u202c',
			'after\r\nend\ttab',
		].join(' ');
		const text = decoded(osc52(hostile));
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		expect(text).toContain('before');
		expect(text).toContain('click');
		expect(text).not.toContain('evil.example');
		expect(text).toContain('after\nend    tab');
	});

	it('refuses a payload over the cap, with a message giving the size', () => {
		// 75,000 bytes of ASCII are exactly 100,000 of base64; one more is over.
		expect(decoded(osc52('a'.repeat(75_000)))).toHaveLength(75_000);
		expect(() => osc52('a'.repeat(75_003))).toThrow(CopyTooLongError);
		const ok = copySequence('short');
		expect('seq' in ok && decoded(ok.seq)).toBe('short');
		const big = copySequence('é'.repeat(60_000)); // 120,000 bytes of UTF-8, 160,000 of base64
		expect(big).toEqual({ error: 'too long to copy (160 KB; terminals accept ~100 KB)' });
		expect(OSC52_MAX_BYTES).toBe(100_000);
	});
});

describe('hyperlinksSupported', () => {
	const tty = true;
	const cases: [string, NodeJS.ProcessEnv, boolean | undefined, boolean][] = [
		['iTerm 3.1', { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.1.0' }, tty, true],
		['iTerm 3.5', { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.2' }, tty, true],
		['iTerm 3.0', { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.0.15' }, tty, false],
		['WezTerm', { TERM_PROGRAM: 'WezTerm', TERM_PROGRAM_VERSION: '20240203-110809-5046fc22' }, tty, true],
		['VS Code 1.72', { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.72.0' }, tty, true],
		['VS Code 1.95', { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.3' }, tty, true],
		['VS Code 1.71', { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.71.2' }, tty, false],
		['kitty', { TERM: 'xterm-kitty' }, tty, true],
		['VTE 0.50', { TERM: 'xterm-256color', VTE_VERSION: '5000' }, tty, true],
		['VTE 0.76', { TERM: 'xterm-256color', VTE_VERSION: '7600' }, tty, true],
		['VTE 0.48', { TERM: 'xterm-256color', VTE_VERSION: '4800' }, tty, false],
		['Windows Terminal', { WT_SESSION: 'e4f1c1e2' }, tty, true],
		['foot', { TERM: 'foot' }, tty, true],
		['ghostty', { TERM_PROGRAM: 'ghostty', TERM: 'xterm-ghostty' }, tty, true],
		['alacritty', { TERM: 'alacritty' }, tty, true],
		['plain xterm', { TERM: 'xterm-256color' }, tty, false],
		['Apple Terminal', { TERM_PROGRAM: 'Apple_Terminal', TERM: 'xterm-256color' }, tty, false],
		['no TTY', { TERM: 'xterm-kitty' }, false, false],
		['TTY unknown', { TERM: 'xterm-kitty' }, undefined, false],
		['CI', { TERM: 'xterm-kitty', CI: 'true' }, tty, false],
		['CI=false', { TERM: 'xterm-kitty', CI: 'false' }, tty, true],
		['GitLab CI_ variable', { TERM: 'xterm-kitty', CI_JOB_ID: '1' }, tty, false],
		['TERM=dumb', { TERM: 'dumb', WT_SESSION: 'x' }, tty, false],
		['tmux in kitty', { TERM: 'tmux-256color', TMUX: '/tmp/tmux-1000/default,1,0', KITTY_WINDOW_ID: '1' }, tty, false],
		['tmux in VTE', { TERM: 'screen-256color', TMUX: '/tmp/t', VTE_VERSION: '7600' }, tty, false],
		['screen in WT', { TERM: 'screen', STY: '1234.pts-0', WT_SESSION: 'x' }, tty, false],
		['FORCE_HYPERLINK=1 in tmux', { TMUX: '/tmp/t', TERM: 'tmux', FORCE_HYPERLINK: '1' }, tty, true],
		['FORCE_HYPERLINK=1, no TTY', { FORCE_HYPERLINK: '1' }, false, true],
		['FORCE_HYPERLINK=0 in kitty', { TERM: 'xterm-kitty', FORCE_HYPERLINK: '0' }, tty, false],
		['FORCE_HYPERLINK empty is unset', { TERM: 'xterm-kitty', FORCE_HYPERLINK: '' }, tty, true],
	];
	it.each(cases)('%s', (_name, env, isTTY, expected) => {
		expect(hyperlinksSupported(env, isTTY)).toBe(expected);
		expect(hyperlinksSupported(env, isTTY, 'auto')).toBe(expected);
	});

	it('the setting overrides detection; FORCE_HYPERLINK overrides the setting', () => {
		expect(hyperlinksSupported({ TERM: 'xterm-256color' }, true, 'on')).toBe(true);
		expect(hyperlinksSupported({ TERM: 'xterm-256color', TMUX: '/tmp/t' }, false, 'on')).toBe(true);
		expect(hyperlinksSupported({ TERM: 'xterm-kitty' }, true, 'off')).toBe(false);
		expect(hyperlinksSupported({ TERM: 'xterm-kitty', FORCE_HYPERLINK: '0' }, true, 'on')).toBe(false);
		expect(hyperlinksSupported({ FORCE_HYPERLINK: '1' }, false, 'off')).toBe(true);
	});
});

describe('hyperlink', () => {
	it('wraps the text in OSC 8 (BEL-terminated by default, ST on request)', () => {
		expect(hyperlink('https://example.com/a?b=1#c', 'the text')).toBe(
			`${ESC}]8;;https://example.com/a?b=1#c${BEL}the text${ESC}]8;;${BEL}`,
		);
		expect(hyperlink('http://example.com/', 'x', 'st')).toBe(
			`${ESC}]8;;http://example.com/${ESC}\\x${ESC}]8;;${ESC}\\`,
		);
	});

	it('gives the text alone for a URL it will not link', () => {
		const bad = [
			'javascript:alert(1)',
			'file:///etc/passwd',
			'mailto:a@example.com',
			'ftp://example.com/',
			'example.com/no-scheme',
			'/relative/path',
			'',
			'https://example.com/a b',
			' https://example.com/',
			'https://example.com/\n',
			'https://example.com/\t',
			`https://example.com/${ESC}]8;;https://evil.example${BEL}`,
			`https://example.com/${BEL}`,
			'https://example.com/\u009c',
			'https://example.com/\u009d8;;x',
			'https://example.com/\u202egnp.exe',
			`https://example.com/${'a'.repeat(2100)}`,
		];
		for (const url of bad) {
			expect(hyperlink(url, 'text'), JSON.stringify(url)).toBe('text');
			expect(linkableUrl(url), JSON.stringify(url)).toBeUndefined();
		}
	});

	it('sanitizes the text and puts it on one line', () => {
		const out = hyperlink('https://example.com/', `a${ESC}]8;;https://evil.example${BEL}b${ESC}[31mc\nd\u202e`);
		expect(out).toBe(`${ESC}]8;;https://example.com/${BEL}abc d${ESC}]8;;${BEL}`);
		expect(hyperlink('javascript:x', `a${ESC}[2Jb`)).toBe('ab');
		expect(hyperlink('https://example.com/', '')).toBe('');
	});

	it('emits printable ASCII only: non-ASCII addresses are percent-encoded', () => {
		expect(linkableUrl('https://fa.wikipedia.org/wiki/کابل')).toBe(
			'https://fa.wikipedia.org/wiki/%DA%A9%D8%A7%D8%A8%D9%84',
		);
		expect(linkableUrl('https://bücher.example/')).toBe('https://xn--bcher-kva.example/');
	});

	it('is measured at its visible width, also by the patched string-width’s fast path', () => {
		// Once its escapes are stripped the text is all characters the fast path
		// (patches/string-width+8.3.0.patch) claims, so this measures through it.
		const link = hyperlink('https://example.com/path', 'example.com/path · →');
		expect(stringWidth(link)).toBe(20);
		expect(stringWidth(hyperlink('https://example.com/', 'x', 'st'))).toBe(1);
	});
});

describe('what y copies', () => {
	const { store } = bundled();
	const window = riskWindow(store, { days: 90 });
	const crocus = 'art-iskp-central-asia-crocus';

	it('an incident as one line', () => {
		expect(incidentCopy(store, 'inc-2024-03-22-crocus-city-hall')).toBe(
			'2024-03-22 · RU · armed assault · Crocus City Hall, Krasnogorsk, Moscow Oblast · 144 killed · ISKP (claimed by Islamic State)',
		);
		expect(copyFor(store, { kind: 'incident', id: 'inc-2024-03-22-crocus-city-hall' }, window)?.what).toBe(
			'incident line',
		);
		expect(incidentCopy(store, 'no-such-incident')).toBeUndefined();
	});

	it('an incident line: toll, claims, no perpetrator, hostile text', () => {
		const s = smallStore({
			incidents: [
				incident({
					id: 'a',
					date: '2024-03-22',
					country: 'RU',
					type: 'armed assault',
					location: 'Crocus City Hall',
					fatalities: 145,
					perpetrators: ['iskp'],
					claimedBy: 'iskp',
				}),
				incident({ id: 'b', date: '2024-05', endDate: '2024-06', country: 'XX', claimedBy: 'x' }),
				incident({ id: 'c', date: '2024-01-01', location: `Evil${ESC}]52;c;AAAA${BEL}\nTown`, fatalities: 0 }),
			],
		});
		expect(incidentCopy(s, 'a')).toBe(
			'2024-03-22 · RU · armed assault · Crocus City Hall · 145 killed · iskp (claimed)',
		);
		expect(incidentCopy(s, 'b')).toBe('2024-05 to 2024-06 · XX · other · XX · toll not reported · claimed by x');
		expect(incidentCopy(s, 'c')).toBe('2024-01-01 · XX · other · Evil Town · 0 killed · perpetrator unknown');
	});

	it('an article as a citation, with the URL only when it has one', () => {
		expect(articleCitation(store, crocus)).toBe(
			'ISKP looks north: from rockets at Termez to Crocus City Hall. sitrep sample, 11 April 2024.',
		);
		const url = 'https://example.org/analysis/iskp-looks-north';
		const withUrl = withArticles(
			store,
			store.articles.map((a) => (a.id === crocus ? { ...a, url } : a)),
		);
		expect(articleCitation(withUrl, crocus)).toBe(
			`ISKP looks north: from rockets at Termez to Crocus City Hall. sitrep sample, 11 April 2024. ${url}`,
		);
		expect(copyFor(withUrl, { kind: 'article', id: crocus }, window)).toEqual({
			what: 'citation',
			text: articleCitation(withUrl, crocus),
		});
		expect(articleCitation(store, 'no-such-article')).toBeUndefined();
	});

	it('dates as "22 March 2024", and no doubled full stop after a question', () => {
		expect(longDate('2024-03-22')).toBe('22 March 2024');
		expect(longDate('2024-03-02T10:00:00Z')).toBe('2 March 2024');
		const s = withArticles(
			store,
			store.articles.map((a) => (a.id === crocus ? { ...a, title: 'Who runs ISKP?', source: 'Wire\nService' } : a)),
		);
		expect(articleCitation(s, crocus)).toBe('Who runs ISKP? Wire Service, 11 April 2024.');
	});

	it('an actor or a country as the Markdown brief', () => {
		const actor = copyFor(store, { kind: 'actor', id: 'iskp' }, window);
		expect(actor?.what).toBe('brief');
		expect(actor?.text).toMatch(/^# Actor brief: /);
		const country = copyFor(store, { kind: 'country', code: 'AF' }, window);
		expect(country?.what).toBe('brief');
		expect(country?.text).toMatch(/^# Security brief: Afghanistan \(AF\)/);
		// Its source is the store's directory unless one is given.
		expect(country?.text).toContain(`Generated by sitrep from ${store.dir},`);
		expect(copyFor(store, { kind: 'actor', id: 'nobody' }, window)).toBeUndefined();
		expect(copyFor(store, { kind: 'country', code: 'ZZ' }, window)).toBeUndefined();
		expect(copySequence(country!.text)).toHaveProperty('seq');
	});
});

describe('hyperlinks through Ink', () => {
	const { store } = bundled();
	const crocus = 'art-iskp-central-asia-crocus';
	const url = 'https://example.org/analysis/2024/04/iskp-looks-north-from-termez-to-crocus-city-hall?ref=sitrep';
	const withUrl = withArticles(
		store,
		store.articles.map((a) => (a.id === crocus ? { ...a, url } : a)),
	);
	const theme = pickTheme({ name: 'default' });
	const WIDTH = 60;
	const lines = articleLines(withUrl, crocus, WIDTH - 2);
	const urlRows = lines.filter((l) => l.segs.some((s) => s.url));

	function frame(ls: Line[], hyperlinks: boolean, right?: string): string {
		const pane = h(Lines, { lines: ls, top: 0, height: 12, width: WIDTH, theme, hyperlinks });
		const tree = right
			? h(
					Box,
					{ flexDirection: 'row', width: WIDTH + 20 },
					h(Box, { width: WIDTH, flexDirection: 'column', overflow: 'hidden' }, pane),
					h(Box, { width: 20, flexDirection: 'column' }, h(Text, null, right)),
				)
			: h(Box, { width: WIDTH, flexDirection: 'column' }, pane);
		const r = render(tree);
		const out = r.lastFrame() ?? '';
		r.unmount();
		return out;
	}

	it('the article view marks its URL lines, wrapped, each piece with the whole URL', () => {
		expect(urlRows.length).toBeGreaterThan(1);
		for (const l of urlRows) expect(l.segs[1]).toMatchObject({ url });
		expect(
			urlRows
				.map((l) => l.segs[1]!.text)
				.join('')
				.replace(/…$/, ''),
		).toBe(url);
	});

	it('off by default: the frame has no OSC 8', () => {
		const pane = h(Lines, { lines, top: 0, height: 12, width: WIDTH, theme });
		const r = render(h(Box, { width: WIDTH }, pane));
		expect(r.lastFrame()).not.toContain(`${ESC}]8;`);
		r.unmount();
	});

	it('on: the URL cells are wrapped in OSC 8 and the visible frame is unchanged', () => {
		const plain = frame(lines, false);
		const linked = frame(lines, true);
		expect(linked).toContain(`${ESC}]8;;${url}${BEL}`);
		for (const l of urlRows) expect(linked).toContain(`${ESC}]8;;${url}${BEL}${l.segs[1]!.text}`);
		expect(stripOsc(linked)).toBe(plain);
		const plainRows = plain.split('\n');
		stripOsc(linked)
			.split('\n')
			.forEach((row, i) => expect(stringWidth(row)).toBe(stringWidth(plainRows[i]!)));
	});

	it('on, with a pane to the right: the sequence stays whole and nothing shifts, on a terminal too', async () => {
		// Text on every row, so a sequence taken for cells would be overwritten by the pane (as ST-terminated ones are).
		const right = Array.from({ length: 12 }, (_, i) => `RIGHT PANE ${i}`).join('\n');
		const plain = frame(lines, false, right);
		const linked = frame(lines, true, right);
		expect(stripOsc(linked)).toBe(plain);
		const linkRows = linked.split('\n').filter((row) => row.includes(`${ESC}]8;;h`));
		expect(linkRows).toHaveLength(urlRows.length);
		// Each OSC 8 opens, covers the URL text, closes, and the pane follows on the same row.
		const open = `${ESC}]8;;${url}${BEL}`;
		const close = `${ESC}]8;;${BEL}`;
		for (const row of linkRows) {
			const from = row.indexOf(open) + open.length;
			const to = row.indexOf(close, from);
			expect(to).toBeGreaterThan(from);
			expect(row.slice(from, to)).toMatch(/^[!-~]+$/);
			expect(row.slice(to)).toMatch(/RIGHT PANE \d+$/);
		}
		// What a terminal shows: the same screen with and without the links.
		const mod = (await import('@xterm/headless')) as unknown as { default?: typeof import('@xterm/headless') };
		const { Terminal } = mod.default ?? (mod as unknown as typeof import('@xterm/headless'));
		const screen = async (s: string) => {
			const t = new Terminal({ cols: WIDTH + 20, rows: 12, allowProposedApi: true });
			await new Promise<void>((done) => t.write(s.replace(/\n/g, '\r\n'), done));
			const rows = Array.from({ length: 12 }, (_, y) => t.buffer.active.getLine(y)?.translateToString(true) ?? '');
			t.dispose();
			return rows;
		};
		const shown = await screen(linked);
		expect(shown).toEqual(await screen(plain));
		expect(shown.some((r) => /https:\/\/example\.org\/an.* RIGHT PANE \d+$/.test(r))).toBe(true);
	});

	it('on, clipped narrower than the URL and on the selected line: still whole, still the same text', () => {
		const sel = lines.indexOf(urlRows[0]!);
		const render2 = (hyperlinks: boolean) => {
			const r = render(
				h(Box, { width: 30 }, h(Lines, { lines, top: 0, height: 8, width: 30, theme, sel, hyperlinks })),
			);
			const out = r.lastFrame() ?? '';
			r.unmount();
			return out;
		};
		const plain = render2(false);
		const linked = render2(true);
		expect(linked).toContain(`${ESC}]8;;${url}${BEL}`);
		expect(stripOsc(linked)).toBe(plain);
		expect(plain.split('\n').find((r) => r.startsWith('›'))).toMatch(/^›URL\s+https:/);
	});

	it('incident sources with a URL get a URL line; without hyperlinks it is plain text', () => {
		const src = 'https://www.reuters.com/world/europe/crocus-2024-03-22/';
		const inc = store.incidentById.get('inc-2024-03-22-crocus-city-hall')!;
		const s = smallStore({
			incidents: [{ ...inc, sources: [{ outlet: 'Reuters', date: '2024-03-22', url: src }] }],
		});
		const ls = incidentLines(s, inc.id, 78);
		const row = ls.find((l) => l.segs.some((x) => x.url));
		expect(row?.segs.map((x) => x.text).join('')).toBe(`    ${src}`);
		expect(row?.segs[1]).toMatchObject({ url: src, style: 'dim' });
		const at = ls.indexOf(row!);
		const r = render(h(Box, { width: 80 }, h(Lines, { lines: ls, top: at - 1, height: 2, width: 80, theme })));
		expect(r.lastFrame()).toBe(`   2024-03-22 Reuters\n     ${src}`);
		r.unmount();
	});
});
