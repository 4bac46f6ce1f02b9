// Drives the real dashboard (App) with ink-testing-library over the hostile
// data, at 80 columns: every list, the detail view of every hostile record, the problems
// list, help, and hostile text typed into the search query, the Actors jump,
// the filter form, the palette and the save-view prompt. Returns every frame
// Ink wrote: the exact text a terminal would have been sent (Ink writes no
// colour codes in tests, FORCE_COLOR=0, so any escape in a frame is data).
import { render } from 'ink-testing-library';
import type { Problem } from '../../../source/core/problems.js';
import type { Store } from '../../../source/core/store.js';
import { App } from '../../../source/ui/app/App.js';
import { FORBIDDEN, HOSTILE, LEGIT } from './corpus.js';
import { mark, WORD } from './dataset.js';

export const COLS = 80;
export const ROWS = 36;
/** The status tour is wide: a settings message names the key it could not read. */
export const STATUS_COLS = 200;

const settle = async () => {
	await new Promise((r) => setImmediate(r));
	await new Promise((r) => setTimeout(r, 1));
};

interface Session {
	write(keys: string): Promise<void>;
	last(): string;
	/** Every frame, including those of sessions that quit and were restarted. */
	frames: string[];
	notes: string[];
	unmount(): void;
}

function start(
	store: Store,
	problems: readonly Problem[],
	briefDir: string,
	props: Record<string, unknown> = {},
): Session {
	const frames: string[] = [];
	const notes: string[] = [];
	let exited = false;
	const mount = () => {
		exited = false;
		return render(
			<App
				escapeMs={0}
				store={store}
				problems={problems}
				cols={COLS}
				rows={ROWS}
				briefDir={briefDir}
				onExit={() => {
					exited = true;
				}}
				{...props}
			/>,
		);
	};
	let r = mount();
	let taken = 0;
	const collect = () => {
		for (; taken < r.frames.length; taken++) frames.push(r.frames[taken] as string);
	};
	return {
		async write(keys) {
			// Until Ink has drawn the keys' frame (or a while, for keys that change nothing).
			const before = r.frames.length;
			r.stdin.write(keys);
			for (let t = 0; t < 25 && r.frames.length === before; t++) await settle();
			collect();
			if (exited) {
				notes.push(`the dashboard quit after ${JSON.stringify(keys)}; restarted`);
				r.unmount();
				r = mount();
				taken = 0;
				await settle();
				collect();
			}
		},
		last: () => r.lastFrame() ?? '',
		frames,
		notes,
		unmount: () => {
			collect();
			r.unmount();
		},
	};
}

/** Waits until the frame shows `text` (the search index is built after the first frame). */
async function until(s: Session, test: (frame: string) => boolean, tries = 200): Promise<boolean> {
	for (let i = 0; i < tries; i++) {
		if (test(s.last())) return true;
		await s.write('');
		await new Promise((r) => setTimeout(r, 5));
	}
	return test(s.last());
}

/**
 * Moves down a list with `step` until every marker in `want` has been on the
 * screen (or `max` steps): each step is one burst of keys, one frame.
 */
async function walk(s: Session, step: string, want: string[], max: number): Promise<void> {
	const missing = new Set(want);
	const see = () => {
		const f = s.last();
		for (const m of missing) if (f.includes(m)) missing.delete(m);
	};
	see();
	for (let i = 0; i < max && missing.size > 0; i++) {
		await s.write(step);
		see();
	}
}

/**
 * What a paste can put into a line editor: Ink reads ESC as the start of a
 * key, and C0 and DEL are keys (Enter, Tab, Backspace...), so neither reaches
 * the text. At most 24 characters: the query line shows the end of a long
 * query, which would hide the marker before it.
 */
export function typeable(text: string): string {
	return [...text.replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, 24).join('');
}

/** The strings that still carry a control character once typed (the others cannot test a line editor). */
export function typedStrings(): number[] {
	return HOSTILE.flatMap((h, i) => (FORBIDDEN.test(typeable(h.text)) ? [i] : []));
}

export interface TuiRun {
	frames: string[];
	notes: string[];
}

/** Pages down a list to its end (space), then back to the top: every row drawn once. */
async function pageThrough(s: Session, max = 12): Promise<void> {
	for (let i = 0; i < max; i++) {
		const before = s.last();
		await s.write(' ');
		if (s.last() === before) break;
	}
	await s.write('g');
}

/**
 * The whole tour over a store loaded from hostileDataDir(), at 80 columns (one
 * pane at a time: a detail view is drawn alone, which keeps frames cheap).
 */
export async function tourDashboard(store: Store, problems: readonly Problem[], briefDir: string): Promise<TuiRun> {
	const s = start(store, problems, briefDir, { hyperlinks: true });
	const n = HOSTILE.length;
	const all = (code: string, count = n) => Array.from({ length: count }, (_, i) => mark(code, i));
	await settle();
	// Each list paged through, then every record opened: Backspace (back), j, Enter in one burst, one frame each.
	const step = '\u007fj\r';
	await pageThrough(s);
	await s.write('\r');
	await walk(s, step, [...all('ID'), ...all('LD', LEGIT.length)], store.incidents.length);
	await s.write('\u007f');
	await s.write('2');
	await pageThrough(s);
	await s.write('\r');
	await walk(s, step, [...all('NA'), ...all('LS', LEGIT.length)], store.actors.length);
	await s.write('\u007f');
	await s.write('3');
	await pageThrough(s);
	await s.write('\r');
	await walk(s, step, all('CO'), store.countries.length + 5);
	await s.write('\u007f');
	// Search: every hostile article has the word.
	await s.write('4');
	await s.write('/');
	await s.write(WORD);
	await until(s, (f) => /\d+ match/.test(f));
	await s.write('\u001b');
	await pageThrough(s);
	await s.write('\r');
	await walk(s, step, [...all('AB'), ...all('LB', LEGIT.length)], n + LEGIT.length + 20);
	await s.write('\u007f');
	// The problems list (file names), paged through; help.
	await s.write('!');
	for (let i = 0; i < 60; i++) {
		const before = s.last();
		await s.write(' ');
		if (s.last() === before) break;
	}
	await s.write('\u001b');
	await s.write('?');
	await s.write(' ');
	await s.write('\u001b');
	// Typed text: the search query, the Actors jump, the filter form, the palette, the save-view prompt.
	const typed = typedStrings();
	const each = async (code: string, clear: (prev: string) => string) => {
		let prev = '';
		for (const i of typed) {
			const text = `${mark(code, i)} ${typeable(HOSTILE[i]?.text ?? '')}`;
			await s.write(clear(prev) + text);
			prev = text;
		}
		await s.write('\u001b');
	};
	const ctrlU = () => '\u0015';
	await s.write('4');
	await s.write('/');
	await each('QT', ctrlU);
	await s.write('2');
	await s.write('/');
	// The jump line has no "clear": Backspace as many times as there are characters.
	await each('QJ', (prev) => '\u007f'.repeat([...prev].length));
	await s.write('1');
	await s.write('f');
	await each('QF', ctrlU);
	await s.write(':');
	await each('QP', ctrlU);
	await s.write('s');
	await each('QV', ctrlU);
	s.unmount();
	return { frames: s.frames, notes: s.notes };
}

/**
 * The status bar: a settings message (startMessage) until the first key, then
 * the data directory. One short session per string.
 */
export async function tourStatus(
	store: Store,
	problems: readonly Problem[],
	cases: { dir: string; message: string | undefined }[],
	briefDir: string,
): Promise<TuiRun> {
	const frames: string[] = [];
	const notes: string[] = [];
	for (const c of cases) {
		const s = start({ ...store, dir: c.dir }, problems, briefDir, {
			cols: STATUS_COLS,
			rows: 16,
			...(c.message ? { startMessage: c.message } : {}),
		});
		await settle();
		await s.write('j');
		s.unmount();
		frames.push(...s.frames);
		notes.push(...s.notes);
	}
	return { frames, notes };
}
