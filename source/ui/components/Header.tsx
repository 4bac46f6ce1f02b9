import { Box, Text } from 'ink';
import type { Theme } from '../theme.js';

export function Header(props: {
	tabs: readonly { id: string; title: string }[];
	pane: string;
	theme: Theme;
	right: string;
	width: number;
}) {
	const { pane, theme } = props;
	// Narrow terminals get numbered tabs with only the current pane named.
	const compact = props.width < 56;
	return (
		<Box height={1} flexShrink={0} overflow="hidden">
			<Text {...theme.title}>sitrep </Text>
			{props.tabs.map(({ id, title }, i) => (
				<Text key={id} {...(id === pane ? theme.tabActive : theme.tab)}>
					{compact && id !== pane ? ` ${i + 1} ` : ` ${i + 1} ${title} `}
				</Text>
			))}
			<Box flexGrow={1} />
			<Text {...theme.dim} wrap="truncate">
				{props.right}
			</Text>
		</Box>
	);
}
