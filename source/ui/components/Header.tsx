import { Box, Text } from 'ink';
import type { PaneId } from '../../config.js';
import { availablePanes, PANE_TITLES } from '../panes.js';
import type { Theme } from '../theme.js';

export function Header(props: { pane: PaneId; theme: Theme; right: string }) {
	const { pane, theme } = props;
	return (
		<Box height={1} flexShrink={0}>
			<Text {...theme.title}>sitrep </Text>
			{availablePanes().map((p, i) => (
				<Text key={p} {...(p === pane ? theme.tabActive : theme.tab)}>
					{` ${i + 1} ${PANE_TITLES[p]} `}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text {...theme.dim} wrap="truncate">
				{props.right}
			</Text>
		</Box>
	);
}
