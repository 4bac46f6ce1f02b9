// The I/O that briefing-room keys ask for, done by the App after the reducer
// has decided: brief files, the clipboard (OSC 52 on the terminal's own
// stream), export files, and telling the caller about changed views and
// watchlists.
import { basename, resolve } from 'node:path';
import { type Dispatch, useEffect, useRef } from 'react';
import type { Alert } from '../../core/alerts/evaluate.js';
import type { Backend } from '../../core/backend/types.js';
import { plural } from '../../core/words.js';
import { FileWriteError, writeFileAtomic } from '../../io/atomic.js';
import type { SavedView } from '../../io/settings/config.js';
import { briefFileName, briefMarkdown } from '../../present/brief.js';
import type { Env } from '../env.js';
import { copySequence } from '../osc.js';
import type { WatchUi } from '../watch.js';
import type { Action, AppState } from './state.js';

export interface BriefingCallbacks {
	/** Where exports are written when no file is named (default: the working directory). */
	outDir?: string;
	/** Where `b` writes briefs (default: the working directory). */
	briefDir?: string;
	/** Each resolves to an error message when the settings could not be written. */
	onViews?: (views: SavedView[]) => Promise<string | undefined>;
	onWatchlist?: (keys: string[]) => Promise<string | undefined>;
	/** At exit: the watch state to remember (what is still new stays new). */
	onWatchExit?: (watch: WatchUi) => void;
	/** Alert rules fired (once per firing): what they fired for, to record; resolves to an error message. */
	onAlerts?: (alerts: readonly Alert[], data: Backend, now: Date) => Promise<string | undefined>;
}

/** Writes atomically; `exclusive` never replaces a file. Returns 'exists', why it failed, or undefined. */
function saveFile(file: string, text: string, exclusive: boolean): string | undefined {
	try {
		writeFileAtomic(file, text, { exclusive });
		return undefined;
	} catch (err) {
		if (!(err instanceof FileWriteError)) throw err;
		return err.code === 'EEXIST' ? 'exists' : err.message;
	}
}

function stamp(d = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Calls `fn` when `value` changes after the first render; an error it resolves to is shown. */
function useOnChange<T>(
	value: T,
	fn: ((v: T) => Promise<string | undefined>) | undefined,
	say: (text: string) => void,
): void {
	const first = useRef(value);
	// biome-ignore lint/correctness/useExhaustiveDependencies: runs per new value only
	useEffect(() => {
		if (value === first.current || !fn) return;
		void fn(value).then((err) => {
			if (err) say(`${err} (kept for this session only)`);
		});
	}, [value, fn]);
}

export function useBriefingEffects(
	state: AppState,
	dispatch: Dispatch<Action>,
	env: Env,
	write: (s: string) => void,
	cb: BriefingCallbacks,
): void {
	const say = (text: string) => dispatch({ type: 'message', text });
	const copy = state.copy;
	// biome-ignore lint/correctness/useExhaustiveDependencies: one write per request object
	useEffect(() => {
		if (!copy) return;
		const out = copySequence(copy.text);
		if ('error' in out) {
			say(`not copied: the ${copy.what} is ${out.error}`);
			return;
		}
		write(out.seq);
		const lines = copy.text.split('\n');
		const size = lines.length > 1 ? ` (${plural(lines.length, 'line')})` : `: ${copy.text}`;
		// Whether the terminal (or a tmux in between) puts it on the clipboard, nothing tells: say what was done.
		say(`sent the ${copy.what} to the terminal's clipboard (needs OSC 52 support)${size}`);
	}, [copy]);

	const req = state.exportReq;
	// biome-ignore lint/correctness/useExhaustiveDependencies: one write per request object
	useEffect(() => {
		if (!req) return;
		// Loaded on the first export, not at start-up: CSV columns come from the zod schemas.
		void Promise.all([import('../../io/export.js'), import('../../present/exportFile.js')]).then(
			([{ formatOfPath, selectRecords }, { serialize }]) => {
				const selected = selectRecords(env.store ?? env.data, env.resolver, req.what, req.input);
				if (!selected.records) {
					say(`export: ${selected.errors.map((e) => `${e.what}: ${e.message}`).join('; ')}`);
					return;
				}
				const file = resolve(cb.outDir ?? process.cwd(), req.file ?? `sitrep-${req.what}-${stamp()}.csv`);
				// Never replace a file from a keypress (the check and the write are one step): name another one.
				const failed = saveFile(file, serialize(req.what, selected.records, formatOfPath(file) ?? 'csv'), true);
				if (failed === 'exists') say(`export: ${file} exists; give another name ("export ${req.what} FILE")`);
				else if (failed) say(`export: cannot write ${file}: ${failed}`);
				else say(`${plural(selected.records.length, req.what.slice(0, -1))} exported to ${file}`);
			},
		);
	}, [req]);

	// A brief may have been edited since it was written: it is replaced only when asked.
	const brief = state.brief;
	// biome-ignore lint/correctness/useExhaustiveDependencies: one write per request object
	useEffect(() => {
		if (!brief) return;
		const file = resolve(cb.briefDir ?? process.cwd(), briefFileName(brief.target, brief.window));
		const failed = saveFile(
			file,
			briefMarkdown(env.store ?? env.data, brief.target, brief.window, { source: env.dir ?? '' }),
			!brief.overwrite,
		);
		if (failed === 'exists') {
			dispatch({
				type: 'ask',
				confirm: { question: `Replace ${basename(file)} (it exists)?`, action: { kind: 'overwriteBrief', brief } },
			});
		} else say(failed ? `could not write the brief: ${failed}` : `brief written to ${file}`);
	}, [brief]);

	useOnChange(state.views, cb.onViews, say);
	useOnChange(state.watch.keys, cb.onWatchlist, say);
	const { onWatchExit } = cb;
	const watch = useRef(state.watch);
	watch.current = state.watch;
	useEffect(() => {
		if (state.exit !== null) onWatchExit?.(watch.current);
	}, [state.exit, onWatchExit]);
}
