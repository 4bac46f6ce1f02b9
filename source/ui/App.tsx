// Layout, the one key dispatcher, side effects (brief files, exit). Every
// state change is the reducer's.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { PaneId, SavedView } from '../config.js';
import type { Problem } from '../core/problems.js';
import { Resolver } from '../core/resolve.js';
import type { RiskDays } from '../core/risk.js';
import { buildSearchIndexInSlices, parseQuery, type SearchIndex, searchWithInfo } from '../core/search.js';
import type { Store } from '../core/store.js';
import type { TimelineFilter } from '../core/timeline.js';
import { truncate } from '../core/width.js';
import { plural } from '../core/words.js';
import { briefFileName, briefMarkdown } from '../io/brief.js';
import { type Target, targetKey, targetLabel } from '../text/target.js';
import { paletteEntries } from './actions.js';
import { Header } from './components/Header.js';
import { Lines } from './components/Lines.js';
import { Palette } from './components/Palette.js';
import { PromptLine } from './components/PromptLine.js';
import { Split } from './components/Split.js';
import { HintLine, StatusBar } from './components/StatusBar.js';
import { TooSmall } from './components/TooSmall.js';
import { WatchLine } from './components/WatchLine.js';
import { overlayLines, viewLines } from './content.js';
import { type BriefingCallbacks, useBriefingEffects } from './effects.js';
import { startIdleWork } from './idle.js';
import type { Keymap } from './keymap.js';
import { keyName, splitBurst } from './keys.js';
import { bodyHeight, detailCols, detailHeight, frameHeight, isSplit, listCols, tooSmall } from './layout.js';
import { Actors } from './panes/Actors.js';
import { Risk } from './panes/Risk.js';
import { Search } from './panes/Search.js';
import { Timeline } from './panes/Timeline.js';
import { PANE_TITLES } from './panes.js';
import { type AppState, activeScopes, currentView, type Env, initialState, reducer, selectedTarget } from './state.js';
import { pickTheme, type Theme, type ThemeName } from './theme.js';
import type { WatchUi } from './watchUi.js';
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
	/** Colour theme (NO_COLOR still forces mono). */
	theme?: ThemeName;
	/** The key bindings in force (default: the built-in table). */
	keymap?: Keymap;
	/** Saved views and the watchlist as read from the settings. */
	views?: SavedView[];
	watch?: WatchUi;
	/** URLs as OSC 8 hyperlinks (the terminal supports them). */
	hyperlinks?: boolean;
	/** Shown in the status bar until the first key (settings warnings, what is new). */
	startMessage?: string;
	/** Settings warnings, kept for the `!` list after the start message is gone. */
	settingsNotes?: readonly string[];
	/** Settings changes and the watch state at exit, for the caller to store. */
	briefing?: BriefingCallbacks;
}

/**
 * The trail of open views above a detail, or, for the live preview beside a
 * list, the pane and the row under the cursor.
 */
function Breadcrumb({
	state,
	env,
	theme,
	width,
	preview,
	pending,
}: {
	state: AppState;
	env: Env;
	theme: Theme;
	width: number;
	preview?: Target;
	/** The preview below is still the previous row's: the cursor has not rested yet. */
	pending?: boolean;
}) {
	const labels = preview
		? [targetLabel(preview, env.store)]
		: state.stacks[state.pane].map((v) => targetLabel(v.target, env.store));
	const trail = [PANE_TITLES[state.pane], ...labels].join(' › ');
	// Beside the list, a bold trail says the keys go to the detail; a preview only follows the cursor.
	const style = isSplit(state) && !preview ? theme.key : theme.dim;
	return (
		<Box height={1} flexShrink={0} overflow="hidden">
			<Text {...style} wrap="truncate">
				{truncate(preview ? `${trail} · ${pending ? '…' : 'Enter opens'}` : trail, width)}
			</Text>
		</Box>
	);
}

/** How long the cursor rests on an actor or a country before its preview is built. */
export const PREVIEW_REST_MS = 120;

function Body({
	state,
	env,
	theme,
	indexing,
	hyperlinks,
}: {
	state: AppState;
	env: Env;
	theme: Theme;
	/** What the search index is doing while it is not ready ("indexing 40%…"). */
	indexing: string | undefined;
	/** URLs as OSC 8 hyperlinks. */
	hyperlinks?: boolean;
}) {
	const height = bodyHeight(state);
	// Beside the list (wide terminals), the row under the cursor. An actor's profile or a country's
	// explanation can take long on big data (an actor's article mentions are scanned until the idle
	// pass has done them all): those are built once the cursor rests, not for every row passed.
	const cursorTarget = isSplit(state) && !state.overlay ? selectedTarget(state) : undefined;
	const cursorKey = cursorTarget ? targetKey(cursorTarget) : '';
	const slow = cursorTarget?.kind === 'actor' || cursorTarget?.kind === 'country';
	// The last preview built: shown (with "…" in its trail) while the cursor moves on, so passing
	// rows rewrites only the list and the trail, and the detail column changes once, when it rests.
	const [rested, setRested] = useState<Target | undefined>(slow ? undefined : cursorTarget);
	// biome-ignore lint/correctness/useExhaustiveDependencies: keyed by cursorKey, the target's identity
	useEffect(() => {
		if (!slow) return;
		const t = setTimeout(() => setRested(cursorTarget), PREVIEW_REST_MS);
		return () => clearTimeout(t);
	}, [cursorKey, slow]);
	if (state.overlay) {
		return (
			<Lines
				lines={overlayLines(state, env)}
				top={state.overlay.scroll}
				height={height}
				width={state.cols}
				theme={theme}
			/>
		);
	}
	// An open view, or beside the list (wide terminals) a preview of the row under the cursor.
	const split = isSplit(state);
	const view = currentView(state);
	const restedKey = rested ? targetKey(rested) : '';
	const ready = view !== undefined || !slow || restedKey === cursorKey;
	// Not rested yet: the previous preview of the same kind stays up rather than a blank column.
	const stale = !ready && rested && cursorTarget && rested.kind === cursorTarget.kind ? rested : undefined;
	const target = view?.target ?? (ready ? cursorTarget : stale);
	const dw = detailCols(state);
	const detail = (
		<Box flexDirection="column" width={dw} height={height} overflow="hidden">
			<Breadcrumb
				state={state}
				env={env}
				theme={theme}
				width={dw}
				preview={view ? undefined : cursorTarget}
				pending={!view && !ready}
			/>
			{target ? (
				<Lines
					hyperlinks={hyperlinks}
					lines={viewLines(target, dw, env, windowOf(env.store, state.days, state.asOf))}
					top={view?.scroll ?? 0}
					height={detailHeight(state)}
					width={dw}
					theme={theme}
					sel={view?.sel ?? -1}
				/>
			) : (
				<Text {...theme.dim} wrap="truncate">
					{truncate(cursorTarget ? ' …' : ' Nothing selected: the row under the cursor is shown here.', dw)}
				</Text>
			)}
		</Box>
	);
	if (view && !split) return detail;
	const lw = listCols(state);
	const pane = {
		timeline: <Timeline state={state} env={env} theme={theme} width={lw} />,
		actors: <Actors state={state} env={env} theme={theme} width={lw} />,
		risk: <Risk state={state} env={env} theme={theme} width={lw} />,
		search: <Search state={state} env={env} theme={theme} indexing={indexing} width={lw} />,
	}[state.pane];
	const list = (
		<Box flexDirection="column" width={lw} height={height} overflow="hidden">
			{pane}
		</Box>
	);
	if (!split) return list;
	return <Split left={list} right={detail} leftWidth={lw} rightWidth={dw} height={height} theme={theme} />;
}

export function App(props: AppProps) {
	const { stdout } = useStdout();
	const { exit } = useApp();
	const env: Env = useMemo(
		() => ({
			store: props.store,
			resolver: new Resolver(props.store),
			problems: props.problems,
			...(props.keymap ? { keymap: props.keymap } : {}),
			...(props.settingsNotes?.length ? { settingsNotes: props.settingsNotes } : {}),
		}),
		[props.store, props.problems, props.keymap, props.settingsNotes],
	);
	const theme = useMemo(() => pickTheme({ name: props.theme }), [props.theme]);
	const [state, dispatch] = useReducer(reducer(env), undefined, () =>
		initialState(env, {
			cols: props.cols ?? stdout.columns ?? 80,
			rows: props.rows ?? stdout.rows ?? 24,
			pane: props.pane,
			filter: props.filter,
			days: props.days,
			asOf: props.asOf,
			views: props.views,
			watch: props.watch,
			message: props.startMessage,
		}),
	);
	useBriefingEffects(state, dispatch, env, (seq) => stdout.write(seq), props.briefing ?? {});
	const firstWatch = useRef(props.watch);
	useEffect(() => {
		if (props.watch && props.watch !== firstWatch.current) dispatch({ type: 'watchData', watch: props.watch });
	}, [props.watch]);

	useEffect(() => {
		if (props.cols !== undefined) return;
		const onResize = () => dispatch({ type: 'resize', cols: stdout.columns, rows: stdout.rows });
		// The re-render this asks for is not synchronous (React 19 schedules it), so Ink's own
		// 'resize' handler always redraws the old tree first, whichever listener runs first:
		// the bundle clips that frame to the terminal's width so it cannot wrap (scripts/build.mjs).
		stdout.on('resize', onResize);
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
		// A brief may have been edited since it was written: replace it only when asked.
		if (!brief.overwrite && existsSync(file)) {
			dispatch({
				type: 'ask',
				confirm: { question: `Replace ${basename(file)} (it exists)?`, action: { kind: 'overwriteBrief', brief } },
			});
			return;
		}
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

	if (tooSmall(state)) return <TooSmall cols={state.cols} rows={state.rows} />;
	const { incidents, articles, actors } = props.store;
	const counts = `${plural(incidents.length, 'incident')} · ${pending ? 'loading articles…' : plural(articles.length, 'article')} · ${plural(actors.length, 'actor')}`;
	const overlay = state.overlay;
	return (
		<Box flexDirection="column" width={state.cols} height={frameHeight(state)} overflow="hidden">
			<Header
				pane={state.pane}
				theme={theme}
				width={state.cols}
				right={state.palette ? 'palette' : overlay ? overlay.kind : `${state.days}d`}
			/>
			{state.watch.keys.length ? (
				<WatchLine store={props.store} watch={state.watch} width={state.cols} theme={theme} />
			) : null}
			{state.palette ? (
				<Palette
					input={state.palette.input}
					title={state.palette.title}
					entries={paletteEntries(state, env)}
					cursor={state.palette.cursor}
					width={state.cols}
					height={bodyHeight(state)}
					theme={theme}
				/>
			) : (
				<Body
					state={state}
					env={env}
					theme={theme}
					hyperlinks={props.hyperlinks}
					indexing={pending ? 'loading articles…' : index === null ? `indexing ${indexed}%…` : undefined}
				/>
			)}
			{state.confirm ? (
				<PromptLine label={`${state.confirm.question} (y/n)`} width={state.cols} theme={theme} />
			) : state.prompt ? (
				<PromptLine label="Save view as:" value={state.prompt.value} width={state.cols} theme={theme} />
			) : (
				<StatusBar
					dir={props.store.dir}
					counts={counts}
					problems={props.problems}
					width={state.cols}
					theme={theme}
					message={state.message}
				/>
			)}
			<HintLine scopes={activeScopes(state)} width={state.cols} theme={theme} keymap={env.keymap} />
		</Box>
	);
}
