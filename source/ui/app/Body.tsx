// Between the header and the status bar: a text overlay, or the focused pane's
// list, its open view, or both side by side on wide terminals.
import { Box } from 'ink';
import { useLayoutEffect, useRef, useState } from 'react';
import type { PaneId } from '../../io/settings/config.js';
import { type Target, targetKey } from '../../present/target.js';
import { Lines } from '../components/Lines.js';
import { Split } from '../components/Split.js';
import { DetailColumn } from '../detail/view.js';
import type { Env } from '../env.js';
import { bodyHeight, detailCols, isSplit, listCols } from '../layout.js';
import { overlayLines } from '../overlays/text.js';
import { availablePanes, PANE_TITLES, paneDef } from '../panes/registry.js';
import type { Theme } from '../theme.js';
import { type AppState, currentView, selectedTarget, windowOfState } from './state.js';

/**
 * How long the cursor rests before the detail column beside the list catches up with it: on an
 * actor or a country always (their previews can be slow to build on big data), on any row while
 * keys repeat (the cursor moved again less than this long after it last moved). Tests fake the
 * clock.
 */
export const PREVIEW_REST_MS = 120;

export function Body({
	state,
	env,
	theme,
	busy,
	hyperlinks,
	restMs = PREVIEW_REST_MS,
}: {
	state: AppState;
	env: Env;
	theme: Theme;
	/** What the focused pane waits for ("indexing 40%…"). */
	busy: string | undefined;
	/** URLs as OSC 8 hyperlinks. */
	hyperlinks?: boolean;
	restMs?: number;
}) {
	const height = bodyHeight(state);
	const window = windowOfState(state, env);
	// Beside the list (wide terminals), the row under the cursor. An actor's profile or a country's
	// explanation can take long on big data (an actor's article mentions are scanned until the idle
	// pass has done them all): those are built once the cursor rests, the previous one kept up
	// meanwhile with "…" in its trail. Any other row's preview is drawn at once for a single key.
	// While keys repeat (a held j: the cursor moved again less than restMs after it last moved) the
	// column holds only the trail and "…" until the cursor rests: the terminal's insert and delete
	// line that scroll the list move whole lines, so anything drawn beside the list would have to be
	// drawn again at every row passed.
	const split = isSplit(state);
	const cursorTarget = split && !state.overlay ? selectedTarget(state) : undefined;
	const cursorKey = cursorTarget ? targetKey(cursorTarget) : '';
	const slow = cursorTarget?.kind === 'actor' || cursorTarget?.kind === 'country';
	// The last preview built: drawn while it is the cursor's row.
	const [rested, setRested] = useState<Target | undefined>(slow ? undefined : cursorTarget);
	// Keys are repeating: no preview until the cursor rests.
	const [held, setHeld] = useState(false);
	// The cursor's row and pane at the previous render, to see it move while rendering (so that no
	// frame draws a preview the move then takes back).
	const [seen, setSeen] = useState({ key: cursorKey, pane: state.pane });
	// The cursor moved less than restMs ago: set by the effect below, cleared by its timer.
	const moving = useRef(false);
	if (seen.key !== cursorKey || seen.pane !== state.pane) {
		setSeen({ key: cursorKey, pane: state.pane });
		// A repeat: from one row to another of the same pane, soon after the last move (not the
		// list coming back after an overlay, or the detail column after a narrower terminal).
		const repeat = moving.current && seen.pane === state.pane && seen.key !== '' && cursorTarget !== undefined;
		setHeld(repeat);
		if (!slow && !repeat) setRested(cursorTarget);
	}
	// The cursor's row opened (Enter): it is built, so Esc comes back to it drawn, not to "…".
	const opened = state.stacks[state.pane][0]?.target;
	if (opened && cursorTarget && targetKey(opened) === cursorKey && (!rested || targetKey(rested) !== cursorKey)) {
		setRested(cursorTarget);
	}
	const mounted = useRef(false);
	// A layout effect: the timer of the row before is cleared in the same commit that moves the
	// cursor on (a passive effect's cleanup comes later, and the old timer could fire in between).
	// biome-ignore lint/correctness/useExhaustiveDependencies: keyed by cursorKey, the target's identity
	useLayoutEffect(() => {
		const first = !mounted.current;
		mounted.current = true;
		// The first frame is not a move (only a slow preview waits for the rest).
		if (first && !slow) return;
		if (!first) moving.current = true;
		const t = setTimeout(() => {
			moving.current = false;
			setHeld(false);
			setRested((r) => (r && cursorTarget && targetKey(r) === targetKey(cursorTarget) ? r : cursorTarget));
		}, restMs);
		return () => clearTimeout(t);
	}, [cursorKey, state.pane, restMs]);
	if (state.overlay) {
		return (
			<Lines
				lines={overlayLines(state.overlay, env, state.cols, availablePanes().length, state)}
				top={state.overlay.scroll}
				height={height}
				width={state.cols}
				theme={theme}
			/>
		);
	}
	const view = currentView(state);
	const ready = view !== undefined || (rested !== undefined && targetKey(rested) === cursorKey);
	// A single key on a slow row: the previous preview of the same kind stays up until it rests.
	const stale = !ready && !held && rested && cursorTarget && rested.kind === cursorTarget.kind ? rested : undefined;
	const dw = detailCols(state);
	const detail = (
		<DetailColumn
			env={env}
			theme={theme}
			width={dw}
			height={height}
			window={window}
			paneTitle={PANE_TITLES[state.pane]}
			stack={state.stacks[state.pane]}
			{...(view || !cursorTarget ? {} : { preview: cursorTarget })}
			{...((ready ? cursorTarget : stale) ? { shown: ready ? cursorTarget : stale } : {})}
			focused={split}
			hyperlinks={hyperlinks}
		/>
	);
	if (view && !split) return detail;
	const lw = listCols(state);
	const list = (
		<Box flexDirection="column" width={lw} height={height} overflow="hidden">
			<PaneView id={state.pane} state={state} env={env} theme={theme} width={lw} busy={busy} />
		</Box>
	);
	if (!split) return list;
	return <Split left={list} right={detail} leftWidth={lw} rightWidth={dw} height={height} theme={theme} />;
}

/** The focused pane's own view, given its part of the state. */
function PaneView(props: { id: PaneId; state: AppState; env: Env; theme: Theme; width: number; busy?: string }) {
	const { id, state, env } = props;
	const View = paneDef(id).View;
	return (
		<View
			state={state.panes[id]}
			env={env}
			theme={props.theme}
			width={props.width}
			height={bodyHeight(state)}
			window={windowOfState(state, env)}
			watch={state.watch}
			{...(props.busy ? { busy: props.busy } : {})}
		/>
	);
}
