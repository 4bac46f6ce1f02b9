// The search engine behind the pane: the index is built after the first frame,
// in slices between keys, so neither start-up nor typing waits for it; it goes
// to the reducer (keys that need results wait for it there). When the data
// changes under an index (the directory reloaded), the index is brought up to
// date in slices while the old one keeps answering: no "indexing" in between.
// Each query is searched after the frame that shows it (once the pane is on screen), and a
// newer key cancels it.
// Over the SQLite index there is nothing to build: the Backend's search answers at once.
// Once Search is shown, a search no one sees warms it (warmSearch), so the first key does not
// pay for reading the vocabulary and compiling the ranking.
import { useEffect, useRef, useState } from 'react';
import { buildSearchIndexInSlices, updateSearchIndexInSlices } from '../../../core/search/index.js';
import type { Env } from '../../env.js';
import {
	RESULT_LIMIT,
	runSearch,
	type Searcher,
	type SearchOutcomeState,
	type SearchState,
	warmSearch,
} from './state.js';

export function useSearchEngine(
	env: Env,
	/** The articles are still loading: the index waits for them (built once, not twice). */
	pending: boolean,
	search: SearchState,
	/** The index in force (the reducer's: `searchIndex` in the state). */
	index: Searcher | null,
	onIndex: (index: Searcher | null) => void,
	onResults: (outcome: SearchOutcomeState) => void,
	/** The Search pane is on screen: its query is answered then, not at start-up for a pane not shown; its searcher is warmed. */
	shown: boolean,
	/** Results asked for per typed query (state.ts firstLimit). */
	limit: number,
	/** Keys are arriving (idle.ts keysBusy): while Search is not shown, the build waits for them to stop. */
	keysBusy: () => boolean = () => false,
): { progress: number; current: boolean } {
	const [progress, setProgress] = useState(0);
	// The progress is drawn only on the Search pane: elsewhere a frame per 10% would take the
	// render throttle's leading edge from the next key's frame (up to 34 ms later).
	const progressNow = useRef(0);
	const shownNow = useRef(shown);
	shownNow.current = shown;
	const busyNow = useRef(keysBusy);
	busyNow.current = keysBusy;
	// A build waiting for keys to stop goes on at once when Search is shown.
	const wake = useRef<{ now?: (() => void) | undefined }>({});
	useEffect(() => {
		if (!shown) return;
		setProgress(progressNow.current);
		wake.current.now?.();
	}, [shown]);
	// The env the index in force was made for: until it is this one, the data is newer than the index.
	const [madeFor, setMadeFor] = useState<Env | null>(null);
	const latest = useRef(index);
	latest.current = index;
	useEffect(() => {
		let cancelled = false;
		const paused = () => !shownNow.current && busyNow.current();
		const { store } = env;
		if (!store) {
			setMadeFor(env);
			onIndex(env.data);
			return;
		}
		const before = latest.current && !('search' in latest.current) ? latest.current : null;
		if (before && !pending) {
			updateSearchIndexInSlices(before, store.articles, store.incidents, store, {
				cancelled: () => cancelled,
				paused,
				wake: wake.current,
			}).then((built) => {
				if (!built || cancelled) return;
				setMadeFor(env);
				onIndex(built);
			});
			return () => {
				cancelled = true;
			};
		}
		onIndex(null);
		progressNow.current = 0;
		setProgress(0);
		if (pending) return;
		buildSearchIndexInSlices(
			store.articles,
			store.incidents,
			{ countries: store.countries },
			{
				cancelled: () => cancelled,
				paused,
				wake: wake.current,
				// A frame per 10% is enough to show progress; each costs a render.
				onProgress: (done) => {
					progressNow.current = Math.floor(done * 10) * 10;
					if (shownNow.current) setProgress(progressNow.current);
				},
			},
		).then((built) => {
			if (!built || cancelled) return;
			setMadeFor(env);
			onIndex(built);
		});
		return () => {
			cancelled = true;
		};
	}, [env, pending, onIndex]);

	const warmed = useRef<Searcher | null>(null);
	useEffect(() => {
		if (!shown || !index || warmed.current === index) return;
		// After the frame that shows the pane: the user's first key comes later.
		const t = setTimeout(() => {
			warmed.current = index;
			warmSearch(index, env.resolver);
		}, 0);
		return () => clearTimeout(t);
	}, [shown, index, env.resolver]);

	const query = search.query;
	const answered = search.outcome?.query;
	const rerun = search.rerun === true;
	useEffect(() => {
		// Over the index at 2.5M the pane's first list (the newest of every kind) takes a second:
		// asked for at start-up it held the keys pressed in the Timeline.
		if (!index || !shown || (answered === query && !rerun)) return;
		// Results searched again (new data) keep as many as were shown.
		const n = rerun ? Math.max(limit, search.outcome?.limit ?? RESULT_LIMIT) : limit;
		const t = setTimeout(() => onResults(runSearch(index, query, env.resolver, n)), 0);
		return () => clearTimeout(t);
	}, [index, shown, query, answered, rerun, env.resolver, onResults, limit, search.outcome?.limit]);
	return { progress, current: index !== null && madeFor === env };
}
