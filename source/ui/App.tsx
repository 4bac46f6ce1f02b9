// Layout, the one key dispatcher, side effects (brief files, exit). Every
// state change is the reducer's.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { PaneId } from '../config.js';
import type { Problem } from '../core/problems.js';
import { Resolver } from '../core/resolve.js';
import type { RiskDays } from '../core/risk.js';
import { buildSearchIndexInSlices, parseQuery, type SearchIndex, searchWithInfo } from '../core/search.js';
import type { Store } from '../core/store.js';
import type { TimelineFilter } from '../core/timeline.js';
import { truncate } from '../core/width.js';
import { plural } from '../core/words.js';
import { briefFileName, briefMarkdown } from '../io/brief.js';
import { targetLabel } from '../text/target.js';
import { Header } from './components/Header.js';
import { Lines } from './components/Lines.js';
import { HintLine, StatusBar } from './components/StatusBar.js';
import { overlayLines, viewLines } from './content.js';
import { startIdleWork } from './idle.js';
import { keyName, splitBurst } from './keys.js';
import { bodyHeight, detailHeight, frameHeight, MIN_COLS, MIN_ROWS } from './layout.js';
import { Actors } from './panes/Actors.js';
import { Risk } from './panes/Risk.js';
import { Search } from './panes/Search.js';
import { Timeline } from './panes/Timeline.js';
import { PANE_TITLES } from './panes.js';
import { type AppState, activeScopes, currentView, type Env, initialState, reducer } from './state.js';
import { pickTheme, type Theme } from './theme.js';
import { windowOf } from './window.js';

export interface AppProps {
	store: Store;
	problems: readonly Problem[];
	/** Terminal size; when absent, read from stdout (tests pass it). */
	cols?: number;
	rows?: number;
	pane?: PaneId;
	filter?: TimelineFilter;
	days?: RiskDays;
	asOf?: string;
	/** The articles are still loading (a big data set shows its first frame without them). */
	articlesPending?: boolean;
	/** Where `b` writes briefs (default: the working directory). */
	briefDir?: string;
	onPane?: (pane: PaneId) => void;
	onExit?: (code: number) => void;
}

function Breadcrumb({ state, env, theme }: { state: AppState; env: Env; theme: Theme }) {
	const trail = [PANE_TITLES[state.pane], ...state.stacks[state.pane].map((v) => targetLabel(v.target, env.store))];
	return (
		<Box height={1} flexShrink={0}>
			<Text {...theme.dim} wrap="truncate">
				{truncate(trail.join(' › '), state.cols)}
			</Text>
		</Box>
	);
}

function Body({
	state,
	env,
	theme,
	indexing,
}: {
	state: AppState;
	env: Env;
	theme: Theme;
	/** What the search index is doing while it is not ready ("indexing 40%…"). */
	indexing: string | undefined;
}) {
	if (state.overlay) {
		return (
			<Lines
				lines={overlayLines(state, env)}
				top={state.overlay.scroll}
				height={bodyHeight(state)}
				width={state.cols}
				theme={theme}
			/>
		);
	}
	const view = currentView(state);
	if (view) {
		const lines = viewLines(view.target, state.cols, env, windowOf(env.store, state.days, state.asOf));
		return (
			<Box flexDirection="column" height={bodyHeight(state)}>
				<Breadcrumb state={state} env={env} theme={theme} />
				<Lines
					lines={lines}
					top={view.scroll}
					height={detailHeight(state)}
					width={state.cols}
					theme={theme}
					sel={view.sel}
				/>
			</Box>
		);
	}
	const pane = {
		timeline: <Timeline state={state} env={env} theme={theme} />,
		actors: <Actors state={state} env={env} theme={theme} />,
		risk: <Risk state={state} env={env} theme={theme} />,
		search: <Search state={state} env={env} theme={theme} indexing={indexing} />,
	}[state.pane];
	return (
		<Box flexDirection="column" height={bodyHeight(state)} overflow="hidden">
			{pane}
		</Box>
	);
}

export function App(props: AppProps) {
	const { stdout } = useStdout();
	const { exit } = useApp();
	const env: Env = useMemo(
		() => ({ store: props.store, resolver: new Resolver(props.store), problems: props.problems }),
		[props.store, props.problems],
	);
	const theme = useMemo(() => pickTheme(), []);
	const [state, dispatch] = useReducer(reducer(env), undefined, () =>
		initialState(env, {
			cols: props.cols ?? stdout.columns ?? 80,
			rows: props.rows ?? stdout.rows ?? 24,
			pane: props.pane,
			filter: props.filter,
			days: props.days,
			asOf: props.asOf,
		}),
	);

	useEffect(() => {
		if (props.cols !== undefined) return;
		const onResize = () => dispatch({ type: 'resize', cols: stdout.columns, rows: stdout.rows });
		// Before Ink's own handler: the tree is re-rendered at the new size (legacy
		// roots update synchronously) before Ink redraws, so no frame is drawn at
		// the old width into a narrower terminal (it would wrap and misplace rows).
		stdout.prependListener('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, props.cols]);

	const { onExit, onPane, briefDir } = props;
	useEffect(() => {
		if (state.exit !== null) {
			onExit?.(state.exit);
			exit();
		}
	}, [state.exit, exit, onExit]);

	useEffect(() => {
		onPane?.(state.pane);
	}, [state.pane, onPane]);

	// Writing a brief is the one side effect a key can ask for; each request is a new object.
	const brief = state.brief;
	useEffect(() => {
		if (!brief) return;
		const file = resolve(briefDir ?? process.cwd(), briefFileName(brief.target, brief.window));
		try {
			writeFileSync(file, briefMarkdown(env.store, brief.target, brief.window));
			dispatch({ type: 'message', text: `brief written to ${file}` });
		} catch (err) {
			dispatch({ type: 'message', text: `could not write the brief: ${(err as Error).message}` });
		}
	}, [brief, briefDir, env.store]);

	// The search index is built after the first frame, in slices between keys, so neither
	// start-up nor typing waits for it; the Search pane shows how far it has got.
	const [index, setIndex] = useState<SearchIndex | null>(null);
	const [indexed, setIndexed] = useState(0);
	const pending = props.articlesPending === true;
	useEffect(() => {
		let cancelled = false;
		setIndex(null);
		setIndexed(0);
		// Built once, with the articles: not first without them and again with them.
		if (pending) return;
		const { store } = env;
		buildSearchIndexInSlices(
			store.articles,
			store.incidents,
			{ countries: store.countries },
			{
				cancelled: () => cancelled,
				// A frame per 10% is enough to show progress; each costs a render.
				onProgress: (done) => setIndexed(Math.floor(done * 10) * 10),
			},
		).then((built) => {
			if (built && !cancelled) setIndex(built);
		});
		return () => {
			cancelled = true;
		};
	}, [env, pending]);

	// Once the index is built the dashboard is idle: work out what later keys will need (idle.ts).
	const latest = useRef(state);
	latest.current = state;
	const lastKeyAt = useRef(0);
	useEffect(() => {
		if (!index) return;
		return startIdleWork({
			store: env.store,
			asOf: () => latest.current.asOf,
			warmShown: () => void latest.current.risk.rows.length,
			lastKeyAt: () => lastKeyAt.current,
		});
	}, [index, env.store]);

	// Search after the frame that shows the new query; a newer key cancels it.
	const query = state.search.query;
	const answered = state.search.outcome?.query;
	useEffect(() => {
		if (!index || answered === query) return;
		const t = setTimeout(() => {
			const t0 = performance.now();
			const out = searchWithInfo(index, parseQuery(query, env.resolver), { limit: 100 });
			dispatch({ type: 'searchResults', outcome: { query, ...out, ms: performance.now() - t0 } });
		}, 0);
		return () => clearTimeout(t);
	}, [index, query, answered, env.resolver]);

	useInput((input, key) => {
		lastKeyAt.current = performance.now();
		// Esc followed at once by a key (fast typing, SSH, tmux) arrives as one
		// Alt+key sequence; sitrep binds no Alt keys, so it is Esc, then the key.
		if (key.meta && !key.escape && input.length === 1 && !key.ctrl) {
			dispatch({ type: 'key', name: 'escape', input: '' });
			dispatch({ type: 'key', name: keyName(input, { ...key, meta: false }), input });
			return;
		}
		const name = keyName(input, key);
		if (name === input && input.length > 1 && !key.ctrl && !key.meta) {
			for (const k of splitBurst(input)) dispatch({ type: 'key', ...k });
			return;
		}
		dispatch({ type: 'key', name, input });
	});

	if (state.cols < MIN_COLS || state.rows < MIN_ROWS) {
		return (
			<Box height={frameHeight(state)}>
				<Text>{`sitrep needs at least ${MIN_COLS}×${MIN_ROWS}; this terminal is ${state.cols}×${state.rows}. Enlarge it, or press q.`}</Text>
			</Box>
		);
	}
	const { incidents, articles, actors } = props.store;
	const counts = `${plural(incidents.length, 'incident')} · ${pending ? 'loading articles…' : plural(articles.length, 'article')} · ${plural(actors.length, 'actor')}`;
	const overlay = state.overlay;
	return (
		<Box flexDirection="column" width={state.cols} height={frameHeight(state)} overflow="hidden">
			<Header pane={state.pane} theme={theme} width={state.cols} right={overlay ? overlay.kind : `${state.days}d`} />
			<Body
				state={state}
				env={env}
				theme={theme}
				indexing={pending ? 'loading articles…' : index === null ? `indexing ${indexed}%…` : undefined}
			/>
			<StatusBar
				dir={props.store.dir}
				counts={counts}
				problems={props.problems}
				width={state.cols}
				theme={theme}
				message={state.message}
			/>
			<HintLine scopes={activeScopes(state)} width={state.cols} theme={theme} />
		</Box>
	);
}
