// Layout, the one key dispatcher, and exit. Everything else is the reducer's.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import type { PaneId } from '../config.js';
import type { Problem } from '../core/problems.js';
import { Resolver } from '../core/resolve.js';
import type { Store } from '../core/store.js';
import type { TimelineFilter } from '../core/timeline.js';
import { plural } from '../core/words.js';
import { Header } from './components/Header.js';
import { Lines } from './components/Lines.js';
import { HintLine, StatusBar } from './components/StatusBar.js';
import { overlayLines } from './content.js';
import { keyName, splitBurst } from './keys.js';
import { bodyHeight, frameHeight, MIN_COLS, MIN_ROWS } from './layout.js';
import { Timeline } from './panes/Timeline.js';
import { activeScopes, type Env, initialState, reducer } from './state.js';
import { pickTheme } from './theme.js';

export interface AppProps {
	store: Store;
	problems: readonly Problem[];
	/** Terminal size; when absent, read from stdout (tests pass it). */
	cols?: number;
	rows?: number;
	pane?: PaneId;
	filter?: TimelineFilter;
	onPane?: (pane: PaneId) => void;
	onExit?: (code: number) => void;
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
		}),
	);

	useEffect(() => {
		if (props.cols !== undefined) return;
		const onResize = () => dispatch({ type: 'resize', cols: stdout.columns, rows: stdout.rows });
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, props.cols]);

	useEffect(() => {
		if (state.exit !== null) {
			props.onExit?.(state.exit);
			exit();
		}
	}, [state.exit, exit, props.onExit]);

	const { onPane } = props;
	useEffect(() => {
		onPane?.(state.pane);
	}, [state.pane, onPane]);

	useInput((input, key) => {
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
	const counts = `${plural(incidents.length, 'incident')} · ${plural(articles.length, 'article')} · ${plural(actors.length, 'actor')}`;
	const overlay = state.overlay;
	return (
		<Box flexDirection="column" width={state.cols} height={frameHeight(state)} overflow="hidden">
			<Header pane={state.pane} theme={theme} right={overlay ? (overlay.kind === 'help' ? 'help' : 'problems') : ''} />
			{overlay ? (
				<Lines
					lines={overlayLines(state, env)}
					top={overlay.scroll}
					height={bodyHeight(state)}
					width={state.cols}
					theme={theme}
				/>
			) : (
				<Timeline state={state} env={env} theme={theme} />
			)}
			<StatusBar dir={props.store.dir} counts={counts} problems={props.problems} width={state.cols} theme={theme} />
			<HintLine scopes={activeScopes(state)} width={state.cols} theme={theme} />
		</Box>
	);
}
