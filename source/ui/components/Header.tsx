import { Box, Text } from 'ink';
import type { PaneId } from '../../io/settings/config.js';
import { availablePanes, PANE_TITLES } from '../panes/registry.js';
import type { Theme } from '../theme.js';

export function Header(props: { pane: PaneId; theme: Theme; right: string; width: number }) {
	const { pane, theme } = props;
	// Narrow terminals get numbered tabs with only the current pane named.
	const compact = props.width < 56;
	return (
		<Box height={1} flexShrink={0} overflow="hidden">
			<Text {...theme.title}>sitrep </Text>
			{availablePanes().map((p, i) => (
				<Text key={p} {...(p === pane ? theme.tabActive : theme.tab)}>
					{compact && p !== pane ? ` ${i + 1} ` : ` ${i + 1} ${PANE_TITLES[p]} `}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text {...theme.dim} wrap="truncate">
				{props.right}
			</Text>
		</Box>
	);
}
