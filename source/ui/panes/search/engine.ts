// The search engine behind the pane: the index is built after the first frame,
// in slices between keys, so neither start-up nor typing waits for it; each
// query is searched after the frame that shows it, and a newer key cancels it.
import { type Dispatch, useEffect, useState } from 'react';
import { buildSearchIndexInSlices, parseQuery, type SearchIndex, searchWithInfo } from '../../../core/search/index.js';
import type { Env } from '../../env.js';
import type { SearchOutcomeState, SearchState } from './state.js';

export function useSearchEngine(
	env: Env,
	/** The articles are still loading: the index waits for them (built once, not twice). */
	pending: boolean,
	search: SearchState,
	onResults: Dispatch<SearchOutcomeState>,
): { index: SearchIndex | null; progress: number } {
	const [index, setIndex] = useState<SearchIndex | null>(null);
	const [progress, setProgress] = useState(0);
	useEffect(() => {
		let cancelled = false;
		setIndex(null);
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
			if (built && !cancelled) setIndex(built);
		});
		return () => {
			cancelled = true;
		};
	}, [env, pending]);

	const query = search.query;
	const answered = search.outcome?.query;
	useEffect(() => {
		if (!index || answered === query) return;
		const t = setTimeout(() => {
			const t0 = performance.now();
			const out = searchWithInfo(index, parseQuery(query, env.resolver), { limit: 100 });
			onResults({ query, ...out, ms: performance.now() - t0 });
		}, 0);
		return () => clearTimeout(t);
	}, [index, query, answered, env.resolver, onResults]);
	return { index, progress };
}
