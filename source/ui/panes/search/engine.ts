// The search engine behind the pane: the index is built after the first frame,
// in slices between keys, so neither start-up nor typing waits for it; it goes
// to the reducer (keys that need results wait for it there). Each query is
// searched after the frame that shows it, and a newer key cancels it.
import { useEffect, useState } from 'react';
import { buildSearchIndexInSlices, type SearchIndex } from '../../../core/search/index.js';
import type { Env } from '../../env.js';
import { runSearch, type SearchOutcomeState, type SearchState } from './state.js';

export function useSearchEngine(
	env: Env,
	/** The articles are still loading: the index waits for them (built once, not twice). */
	pending: boolean,
	search: SearchState,
	/** The index in force (the reducer's: `searchIndex` in the state). */
	index: SearchIndex | null,
	onIndex: (index: SearchIndex | null) => void,
	onResults: (outcome: SearchOutcomeState) => void,
): { progress: number } {
	const [progress, setProgress] = useState(0);
	useEffect(() => {
		let cancelled = false;
		onIndex(null);
		setProgress(0);
		if (pending) return;
		const { store } = env;
		buildSearchIndexInSlices(
			store.articles,
			store.incidents,
			{ countries: store.countries },
			{
				cancelled: () => cancelled,
				// A frame per 10% is enough to show progress; each costs a render.
				onProgress: (done) => setProgress(Math.floor(done * 10) * 10),
			},
		).then((built) => {
			if (built && !cancelled) onIndex(built);
		});
		return () => {
			cancelled = true;
		};
	}, [env, pending, onIndex]);

	const query = search.query;
	const answered = search.outcome?.query;
	useEffect(() => {
		if (!index || answered === query) return;
		const t = setTimeout(() => onResults(runSearch(index, query, env.resolver)), 0);
		return () => clearTimeout(t);
	}, [index, query, answered, env.resolver, onResults]);
	return { progress };
}
