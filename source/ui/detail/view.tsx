// The detail column: the trail of open views (or the row previewed beside a
// list) and the view's lines, scrolled, with the selected link marked.
import { Box, Text } from 'ink';
import { G } from '../../core/glyphs.js';
import type { RiskWindow } from '../../core/risk.js';
import { truncate } from '../../core/width.js';
import { type Target, targetLabel } from '../../present/target.js';
import { Lines } from '../components/Lines.js';
import type { Env } from '../env.js';
import type { Theme } from '../theme.js';
import { viewLines } from './lines.js';
import type { View } from './state.js';

export function DetailColumn(props: {
	env: Env;
	theme: Theme;
	width: number;
	/** The whole column: the trail's line and the view below it. */
	height: number;
	window: RiskWindow;
	paneTitle: string;
	/** The pane's open views; the last one is shown. */
	stack: readonly View[];
	/** Beside the list: the row under the cursor, shown while no view is open. */
	preview?: Target;
	/** What is drawn for the preview: `preview` once the cursor rests, until then the previous one. */
	shown?: Target;
	/** Keys go to the open view (bold trail) rather than the list beside it. */
	focused: boolean;
	hyperlinks?: boolean;
}) {
	const { env, theme, width, stack } = props;
	const view = stack[stack.length - 1];
	const labels = view ? stack.map((v) => targetLabel(v.target, env.data)) : [];
	const previewing = !view && props.preview !== undefined;
	const trail = [
		props.paneTitle,
		...(previewing && props.preview ? [targetLabel(props.preview, env.data)] : labels),
	].join(` ${G.cursor} `);
	const pending = previewing && props.shown !== props.preview;
	const target = view?.target ?? props.shown;
	return (
		<Box flexDirection="column" width={width} height={props.height} overflow="hidden">
			<Box height={1} flexShrink={0} overflow="hidden">
				<Text {...(props.focused && !previewing ? theme.key : theme.dim)} wrap="truncate">
					{truncate(previewing ? `${trail} ${G.dot} ${pending ? G.ellipsis : 'Enter opens'}` : trail, width)}
				</Text>
			</Box>
			{target ? (
				<Lines
					hyperlinks={props.hyperlinks}
					lines={viewLines(target, width, env, props.window)}
					top={view?.scroll ?? 0}
					height={Math.max(1, props.height - 1)}
					width={width}
					theme={theme}
					sel={view?.sel ?? -1}
				/>
			) : (
				<Text {...theme.dim} wrap="truncate">
					{truncate(
						props.preview ? ` ${G.ellipsis}` : ' Nothing selected: the row under the cursor is shown here.',
						width,
					)}
				</Text>
			)}
		</Box>
	);
}
