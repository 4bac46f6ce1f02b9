// How the dashboard draws its frames: Ink's incremental renderer (only the lines that changed),
// and with it, where the terminal can, the terminal's own scrolling for a list that scrolled
// (delete/insert line: CSI M, CSI L; patches/ink+6.8.0.patch). SITREP_RENDER=full draws whole
// frames; SITREP_RENDER=lines rewrites changed lines without the terminal's scrolling.

export interface RenderMode {
	incrementalRendering: boolean;
	incrementalScrolling: boolean;
}

/**
 * Terminals without insert/delete line: no TERM at all, `dumb`, `unknown`, and the VT52 and
 * VT100 (whose terminfo entries have no il/dl; the VT102 was the first with them).
 */
export function hasLineScrolling(term: string | undefined): boolean {
	if (!term) return false;
	return !/^(dumb|unknown|vt52|vt100)(\W|$)/i.test(term);
}

export function renderMode(env: Record<string, string | undefined>): RenderMode {
	const mode = env.SITREP_RENDER;
	const incrementalRendering = mode !== 'full';
	return {
		incrementalRendering,
		incrementalScrolling: incrementalRendering && mode !== 'lines' && hasLineScrolling(env.TERM),
	};
}
