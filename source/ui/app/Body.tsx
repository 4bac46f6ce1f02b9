// Between the header and the status bar: a text overlay, or the focused pane's
// list, its open view, or both side by side on wide terminals.
import { Box } from 'ink';
import { useEffect, useState } from 'react';
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

/** How long the cursor rests on an actor or a country before its preview is built (tests pass 0). */
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
	// pass has done them all): those are built once the cursor rests, not for every row passed.
	const split = isSplit(state);
	const cursorTarget = split && !state.overlay ? selectedTarget(state) : undefined;
	const cursorKey = cursorTarget ? targetKey(cursorTarget) : '';
	const slow = cursorTarget?.kind === 'actor' || cursorTarget?.kind === 'country';
	// The last preview built: shown (with "…" in its trail) while the cursor moves on, so passing
	// rows rewrites only the list and the trail, and the detail column changes once, when it rests.
	const [rested, setRested] = useState<Target | undefined>(slow ? undefined : cursorTarget);
	// biome-ignore lint/correctness/useExhaustiveDependencies: keyed by cursorKey, the target's identity
	useEffect(() => {
		if (!slow) return;
		const t = setTimeout(() => setRested(cursorTarget), restMs);
		return () => clearTimeout(t);
	}, [cursorKey, slow, restMs]);
	if (state.overlay) {
		return (
			<Lines
				lines={overlayLines(state.overlay, env, state.cols, availablePanes().length)}
				top={state.overlay.scroll}
				height={height}
				width={state.cols}
				theme={theme}
			/>
		);
	}
	const view = currentView(state);
	const ready = view !== undefined || !slow || (rested !== undefined && targetKey(rested) === cursorKey);
	// Not rested yet: the previous preview of the same kind stays up rather than a blank column.
	const stale = !ready && rested && cursorTarget && rested.kind === cursorTarget.kind ? rested : undefined;
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
