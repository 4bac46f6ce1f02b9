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

// A key's frame is drawn at once (patches/ink+6.8.0.patch, `renderNow`): Ink otherwise draws at
// most one frame per 34 ms, and a key pressed just after any other frame (a status line, a
// progress step, the first frame) waited for the throttle's trailing edge.
let keyPending = false;

/** A key was read: the next frame is the key's. */
export function keyArrived(): void {
	keyPending = true;
}

/** Ink's `renderNow` option: true once per key read, for the first commit after it. */
export function renderNow(): boolean {
	const now = keyPending;
	keyPending = false;
	return now;
}
