import { Box, Text } from 'ink';
import type { PaneId } from '../../config.js';
import { AVAILABLE_PANES } from '../state.js';
import type { Theme } from '../theme.js';

const TITLES: Record<PaneId, string> = { timeline: 'Timeline', actors: 'Actors', risk: 'Risk', search: 'Search' };

export function Header(props: { pane: PaneId; theme: Theme; right: string }) {
	const { pane, theme } = props;
	return (
		<Box height={1} flexShrink={0}>
			<Text {...theme.title}>sitrep </Text>
			{AVAILABLE_PANES.map((p, i) => (
				<Text key={p} {...(p === pane ? theme.tabActive : theme.tab)}>
					{` ${i + 1} ${TITLES[p]} `}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text {...theme.dim} wrap="truncate">
				{props.right}
			</Text>
		</Box>
	);
}
