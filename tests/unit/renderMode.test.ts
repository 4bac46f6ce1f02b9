// Which renderer the dashboard asks Ink for, from SITREP_RENDER and TERM.
import { describe, expect, it } from 'vitest';
import { hasLineScrolling, renderMode } from '../../source/ui/app/renderMode.js';

describe('renderMode', () => {
	it.each([
		['xterm-256color', true],
		['xterm', true],
		['screen', true],
		['tmux-256color', true],
		['xterm-kitty', true],
		['vt102', true],
		['vt220', true],
		['linux', true],
		['dumb', false],
		['unknown', false],
		['vt100', false],
		['vt100-am', false],
		['vt52', false],
		['', false],
		[undefined, false],
	])('TERM=%s: insert/delete line %s', (term, expected) => {
		expect(hasLineScrolling(term)).toBe(expected);
	});

	it('is incremental with the terminal scrolling by default, where TERM has it', () => {
		expect(renderMode({ TERM: 'xterm-256color' })).toEqual({ incrementalRendering: true, incrementalScrolling: true });
		expect(renderMode({ TERM: 'dumb' })).toEqual({ incrementalRendering: true, incrementalScrolling: false });
	});

	it('SITREP_RENDER=lines rewrites lines without scrolling; full draws whole frames', () => {
		expect(renderMode({ TERM: 'xterm', SITREP_RENDER: 'lines' })).toEqual({
			incrementalRendering: true,
			incrementalScrolling: false,
		});
		expect(renderMode({ TERM: 'xterm', SITREP_RENDER: 'full' })).toEqual({
			incrementalRendering: false,
			incrementalScrolling: false,
		});
	});
});
