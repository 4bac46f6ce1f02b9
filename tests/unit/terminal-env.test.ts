// What the environment says about the terminal: TERM that cannot draw, and
// the locale's character set (LC_ALL, then LC_CTYPE, then LANG).
import { describe, expect, it } from 'vitest';
import { ctypeLocale, dumbTerminal, utf8Locale } from '../../source/core/terminal.js';

describe('dumbTerminal', () => {
	it.each([
		[{ TERM: 'dumb' }, true],
		[{ TERM: '' }, true],
		[{}, true],
		[{ TERM: 'xterm-256color' }, false],
		[{ TERM: 'tmux-256color' }, false],
		[{ TERM: 'linux' }, false],
		[{ TERM: 'vt100' }, false],
	])('%j → %s', (env, dumb) => {
		expect(dumbTerminal(env)).toBe(dumb);
	});
});

describe('utf8Locale', () => {
	it.each([
		[{ LANG: 'C.UTF-8' }, true],
		[{ LANG: 'en_US.UTF-8' }, true],
		[{ LANG: 'de_DE.utf8' }, true],
		// macOS sets LC_CTYPE to the bare codeset.
		[{ LC_CTYPE: 'UTF-8' }, true],
		[{ LANG: 'C' }, false],
		[{ LANG: 'POSIX' }, false],
		[{ LANG: 'en_US.ISO-8859-1' }, false],
		[{ LANG: 'en_US' }, false],
		// Nothing set is the C locale: ASCII.
		[{}, false],
		// LC_ALL overrides the rest, LC_CTYPE overrides LANG; an empty one counts as unset.
		[{ LC_ALL: 'C', LANG: 'en_US.UTF-8' }, false],
		[{ LC_ALL: 'en_US.UTF-8', LANG: 'C' }, true],
		[{ LC_CTYPE: 'C', LANG: 'en_US.UTF-8' }, false],
		[{ LC_CTYPE: 'en_US.UTF-8', LANG: 'C' }, true],
		[{ LC_ALL: '', LC_CTYPE: '', LANG: 'C.UTF-8' }, true],
	])('%j → %s', (env, utf8) => {
		expect(utf8Locale(env)).toBe(utf8);
	});

	it('names the locale in force', () => {
		expect(ctypeLocale({ LC_ALL: 'fr_FR.UTF-8', LC_CTYPE: 'C', LANG: 'C' })).toBe('fr_FR.UTF-8');
		expect(ctypeLocale({})).toBe('C');
	});
});
