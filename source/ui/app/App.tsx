// The root component: the frame (header, watch line, body, status and hint
// lines), the one key dispatcher, and the side effects a state asks for
// (brief files, the search engine, idle work, exit). Every state change is
// the reducer's.
import { Box, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { backendOf } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { G } from '../../core/glyphs.js';
import type { NotifyVia } from '../../core/notify.js';
import type { Problem } from '../../core/problems.js';
import { Resolver } from '../../core/resolve.js';
import type { RiskDays } from '../../core/risk.js';
import type { Store } from '../../core/store.js';
import type { TimelineFilter } from '../../core/timeline.js';
import { clockTime } from '../../core/watch.js';
import { plural } from '../../core/words.js';
import type { PaneId, SavedView } from '../../io/settings/config.js';
import { type AlertsUi, barAlert } from '../alerts.js';
import { Header } from '../components/Header.js';
import { HintLine, StatusBar } from '../components/StatusBar.js';
import { TooSmall } from '../components/TooSmall.js';
import { WatchLine } from '../components/WatchLine.js';
import type { Env } from '../env.js';
import type { Keymap } from '../keymap.js';
import { DEFAULT_ESCAPE_MS, type KeyPress } from '../keyReader.js';
import { bodyHeight, frameHeight, tooSmall, watchLineShown } from '../layout.js';
import { Palette } from '../overlays/palette/view.js';
import { PromptLine } from '../overlays/prompt/view.js';
import { availablePanes, PANE_TITLES } from '../panes/registry.js';
import { useSearchEngine } from '../panes/search/engine.js';
import { firstLimit, pageSize, type Searcher, type SearchOutcomeState } from '../panes/search/state.js';
import { pickTheme, type ThemeName } from '../theme.js';
import type { WatchUi } from '../watch.js';
import { useAlertEffects } from './alertEffects.js';
import { Body } from './Body.js';
import { type BriefingCallbacks, useBriefingEffects } from './effects.js';
import { keysBusy, startIdleWork, whenQuiet } from './idle.js';
import { entriesOf } from './paletteRun.js';
import { reducer } from './reducer.js';
import { keyArrived } from './renderMode.js';
import { activeScopes, type DataAction, initialState } from './state.js';
import { useKeys } from './useKeys.js';

/** The dashboard kept current with its data directory (io/load/live.ts, run.tsx). */
export interface LiveStatus {
	/** Incidents and articles that arrived since the dashboard opened and are still in the data. */
	arrived: number;
	/** When the last reload was shown. */
	updatedAt?: Date;
	/** What keeps the data shown from being current: the directory gone, a file that does not read. */
	warning?: string;
	/** The last reload, given with the store it made: `seq` tells one from the next. */
	merge?: { seq: number } & Omit<DataAction, 'type'>;
}

export interface AppProps {
	/** The records in memory (the bundled data, a small directory). */
	store?: Store;
	/** What the panes read; given without a store for the SQLite index. Default: the store's memory backend. */
	data?: Backend;
	/** The data directory, for the status bar (default: the store's). */
	dir?: string;
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
	/** The alert rules and what they have fired for (alerts.json), with the `alertBar` setting. */
	alerts?: AlertsUi;
	/** How a fired alert is told of on the terminal (default: not at all). */
	notify?: NotifyVia;
	/** The time alert rules are checked at (tests pin it). */
	now?: () => Date;
	/** URLs as OSC 8 hyperlinks (the terminal supports them). */
	hyperlinks?: boolean;
	/** The data is the bundled sample: the status bar says this ("sample data to 2025-12-31") in place of the directory. */
	sample?: string;
	/** Shown in the status bar until the first key (settings warnings, what is new). */
	startMessage?: string;
	/** Settings warnings, kept for the `!` list after the start message is gone. */
	settingsNotes?: readonly string[];
	/** Settings changes and the watch state at exit, for the caller to store. */
	briefing?: BriefingCallbacks;
	/**
	 * Given once, after the first frame: reads the pane and the watch state as they are
	 * now, for a way out that is not a key (a signal, a hang-up) to save them.
	 */
	onCurrent?: (now: () => { pane: PaneId; watch: WatchUi }) => void;
	/** Called once, at the first moment no key has arrived for a while after start (idle.ts whenQuiet). */
	onQuiet?: () => void;
	/** How long a lone Esc waits for the rest of a key's bytes, in ms (the `escapeTime` setting; keyReader.ts). */
	escapeMs?: number;
	/** Machine-coded (GDELT) incidents count in risk scores (the `riskMachineCoded` setting). */
	riskMachineCoded?: boolean;
	/** The data directory is watched: what is new, when it was last reloaded, what is wrong. */
	live?: LiveStatus;
}

export function App(props: AppProps) {
	const { stdout } = useStdout();
	const { exit } = useApp();
	const env: Env = useMemo(() => {
		let resolver: Resolver | undefined;
		const { store } = props;
		const data = props.data ?? (store && backendOf(store));
		if (!data) throw new TypeError('App: give the data (a store or a backend)');
		return {
			data,
			...(store ? { store } : {}),
			dir: props.dir ?? store?.dir ?? '',
			// Built when first asked for (a name typed, the palette, idle time): not for the first frame.
			get resolver() {
				resolver ??= new Resolver(store ?? data);
				return resolver;
			},
			problems: props.problems,
			...(props.keymap ? { keymap: props.keymap } : {}),
			...(props.settingsNotes?.length ? { settingsNotes: props.settingsNotes } : {}),
			...(props.riskMachineCoded ? { riskMachineCoded: true } : {}),
		};
	}, [props.store, props.data, props.problems, props.keymap, props.settingsNotes, props.riskMachineCoded, props]);
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
			alerts: props.alerts,
			message: props.startMessage,
		}),
	);
	// A reload's store comes with the reload: the panes are fitted to it in this same render
	// (not in an effect after it), so no frame draws the new store with the old lists.
	const merge = props.live?.merge;
	const [merged, setMerged] = useState(merge?.seq ?? 0);
	if (merge && merge.seq !== merged) {
		setMerged(merge.seq);
		dispatch({ type: 'data', added: merge.added, removed: merge.removed, changed: merge.changed });
	}
	useBriefingEffects(state, dispatch, env, (seq) => stdout.write(seq), {
		...props.briefing,
		...(props.briefDir ? { briefDir: props.briefDir } : {}),
	});
	// The rules are checked against each store the App is given, once it has its articles.
	const pending = props.articlesPending === true;
	const clock = props.now;
	// biome-ignore lint/correctness/useExhaustiveDependencies: once per store given (data arrived), never per key
	useEffect(() => {
		if (!pending) dispatch({ type: 'alertsCheck', now: (clock?.() ?? new Date()).getTime() });
	}, [env, pending, clock]);
	useAlertEffects(
		state.alerts,
		env.data,
		(seq) => stdout.write(seq),
		props.notify ?? { kind: 'off' },
		props.briefing?.onAlerts,
		(text) => dispatch({ type: 'message', text }),
	);
	const firstWatch = useRef(props.watch);
	useEffect(() => {
		if (props.watch && props.watch !== firstWatch.current) dispatch({ type: 'watchData', watch: props.watch });
	}, [props.watch]);

	useEffect(() => {
		if (props.cols !== undefined) return;
		const onResize = () => dispatch({ type: 'resize', cols: stdout.columns, rows: stdout.rows });
		// The re-render this asks for is not synchronous (React 19 schedules it), so Ink's own
		// 'resize' handler always redraws the old tree first, whichever listener runs first:
		// Ink clips that frame to the terminal's width so it cannot wrap (patches/ink+6.8.0.patch).
		stdout.on('resize', onResize);
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

	const onResults = useCallback((outcome: SearchOutcomeState) => {
		// A query's results answer the key that typed it: drawn at once, not at the render throttle's trailing edge.
		keyArrived();
		dispatch({ type: 'searchResults', outcome });
	}, []);
	const onIndex = useCallback((index: Searcher | null) => dispatch({ type: 'searchIndex', index }), []);
	const index = state.searchIndex;
	// No key yet: not busy (performance.now() counts from the process start, 0 would read as a key then).
	const lastKeyAt = useRef(Number.NEGATIVE_INFINITY);
	const { progress, current } = useSearchEngine(
		env,
		pending,
		state.panes.search,
		index,
		onIndex,
		onResults,
		state.pane === 'search',
		firstLimit(pageSize(bodyHeight(state))),
		() => keysBusy(lastKeyAt.current),
	);

	// Once the index is built the dashboard is idle: work out what later keys will need (idle.ts).
	const latest = useRef(state);
	latest.current = state;
	const { onCurrent } = props;
	useEffect(() => {
		onCurrent?.(() => ({ pane: latest.current.pane, watch: latest.current.watch }));
	}, [onCurrent]);
	const { onQuiet } = props;
	// biome-ignore lint/correctness/useExhaustiveDependencies: once, after the first frame
	useEffect(() => (onQuiet ? whenQuiet(onQuiet, () => lastKeyAt.current) : undefined), []);
	// After a reload, not before the index has the new records: the two would share the frames.
	useEffect(() => {
		if (!index || !current) return;
		return startIdleWork({
			data: env.data,
			store: env.store,
			asOf: () => latest.current.asOf,
			machineCoded: env.riskMachineCoded === true,
			warmShown: () => {
				void latest.current.panes.risk.rows.length;
				void env.resolver;
			},
			lastKeyAt: () => lastKeyAt.current,
		});
	}, [index, current, env]);

	// The one key dispatcher: the keys of each read, in order, to the reducer.
	useKeys((keys: KeyPress[]) => {
		lastKeyAt.current = performance.now();
		keyArrived();
		dispatch({ type: 'keys', keys });
	}, props.escapeMs ?? DEFAULT_ESCAPE_MS);

	if (tooSmall(state)) return <TooSmall cols={state.cols} rows={state.rows} />;
	const totals = env.data.totals();
	const counts = `${plural(totals.incidents, 'incident')} ${G.dot} ${pending ? `loading articles${G.ellipsis}` : plural(totals.articles, 'article')} ${G.dot} ${plural(env.data.actors.length, 'actor')}`;
	const live = props.live;
	const updated = live?.updatedAt ? `updated ${clockTime(live.updatedAt)}` : undefined;
	const liveText = updated && live?.arrived ? `${live.arrived} new ${G.dot} ${updated}` : updated;
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
			{watchLineShown(state) ? (
				<WatchLine
					data={env.data}
					watch={state.watch}
					width={state.cols}
					theme={theme}
					alert={barAlert(state.alerts)}
				/>
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
					busy={
						pending
							? `loading articles${G.ellipsis}`
							: index === null
								? `indexing ${progress}%${G.ellipsis}`
								: undefined
					}
				/>
			)}
			{state.confirm ? (
				<PromptLine label={`${state.confirm.question} (y/n)`} width={state.cols} theme={theme} />
			) : state.prompt ? (
				<PromptLine label="Save view as:" value={state.prompt.value} width={state.cols} theme={theme} />
			) : (
				<StatusBar
					dir={env.dir ?? ''}
					{...(props.sample ? { note: props.sample } : {})}
					counts={counts}
					problems={props.problems}
					width={state.cols}
					theme={theme}
					message={state.message}
					{...(liveText || live?.warning ? { live: { text: liveText, warning: live?.warning } } : {})}
				/>
			)}
			<HintLine scopes={activeScopes(state)} width={state.cols} theme={theme} keymap={env.keymap} />
		</Box>
	);
}
