// The root component: the frame (header, watch line, body, status and hint
// lines), the one key dispatcher, and the side effects a state asks for
// (brief files, the search engine, idle work, exit). Every state change is
// the reducer's.
import { Box, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Problem } from '../../core/problems.js';
import { Resolver } from '../../core/resolve.js';
import type { RiskDays } from '../../core/risk.js';
import type { Store } from '../../core/store.js';
import type { TimelineFilter } from '../../core/timeline.js';
import { plural } from '../../core/words.js';
import type { PaneId, SavedView } from '../../io/settings/config.js';
import { Header } from '../components/Header.js';
import { HintLine, StatusBar } from '../components/StatusBar.js';
import { TooSmall } from '../components/TooSmall.js';
import { WatchLine } from '../components/WatchLine.js';
import type { Env } from '../env.js';
import type { Keymap } from '../keymap.js';
import { keyName, splitBurst } from '../keys.js';
import { bodyHeight, frameHeight, tooSmall } from '../layout.js';
import { Palette } from '../overlays/palette/view.js';
import { PromptLine } from '../overlays/prompt/view.js';
import { availablePanes, PANE_TITLES } from '../panes/registry.js';
import { useSearchEngine } from '../panes/search/engine.js';
import type { SearchOutcomeState } from '../panes/search/state.js';
import { pickTheme, type ThemeName } from '../theme.js';
import type { WatchUi } from '../watch.js';
import { Body } from './Body.js';
import { type BriefingCallbacks, useBriefingEffects } from './effects.js';
import { startIdleWork } from './idle.js';
import { entriesOf } from './paletteRun.js';
import { reducer } from './reducer.js';
import { activeScopes, initialState } from './state.js';

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

export function App(props: AppProps) {
	const { stdout } = useStdout();
	const { exit } = useApp();
	const env: Env = useMemo(() => {
		let resolver: Resolver | undefined;
		return {
			store: props.store,
			// Built when first asked for (a name typed, the palette, idle time): not for the first frame.
			get resolver() {
				resolver ??= new Resolver(props.store);
				return resolver;
			},
			problems: props.problems,
			...(props.keymap ? { keymap: props.keymap } : {}),
			...(props.settingsNotes?.length ? { settingsNotes: props.settingsNotes } : {}),
		};
	}, [props.store, props.problems, props.keymap, props.settingsNotes]);
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
	useBriefingEffects(state, dispatch, env, (seq) => stdout.write(seq), {
		...props.briefing,
		...(props.briefDir ? { briefDir: props.briefDir } : {}),
	});
	const firstWatch = useRef(props.watch);
	useEffect(() => {
		if (props.watch && props.watch !== firstWatch.current) dispatch({ type: 'watchData', watch: props.watch });
	}, [props.watch]);

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

	const { onExit, onPane } = props;
	useEffect(() => {
		if (state.exit !== null) {
			onExit?.(state.exit);
			exit();
		}
	}, [state.exit, exit, onExit]);

	useEffect(() => {
		onPane?.(state.pane);
	}, [state.pane, onPane]);

	const pending = props.articlesPending === true;
	const onResults = useCallback((outcome: SearchOutcomeState) => dispatch({ type: 'searchResults', outcome }), []);
	const { index, progress } = useSearchEngine(env, pending, state.panes.search, onResults);

	// Once the index is built the dashboard is idle: work out what later keys will need (idle.ts).
	const latest = useRef(state);
	latest.current = state;
	const lastKeyAt = useRef(0);
	useEffect(() => {
		if (!index) return;
		return startIdleWork({
			store: env.store,
			asOf: () => latest.current.asOf,
			warmShown: () => {
				void latest.current.panes.risk.rows.length;
				void env.resolver;
			},
			lastKeyAt: () => lastKeyAt.current,
		});
	}, [index, env]);

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
				tabs={availablePanes().map((id) => ({ id, title: PANE_TITLES[id] }))}
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
					entries={entriesOf(state, env)}
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
					busy={pending ? 'loading articles…' : index === null ? `indexing ${progress}%…` : undefined}
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
