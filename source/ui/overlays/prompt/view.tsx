// The status bar's place while a name is typed or a yes/no is asked.
import { Box, Text } from 'ink';
import { sanitizeLine } from '../../../core/sanitize.js';
import { width as cellWidth, truncate } from '../../../core/width.js';
import type { Theme } from '../../theme.js';

export function PromptLine(props: { label: string; value?: string; width: number; theme: Theme }) {
	const { width, theme } = props;
	// The question can quote a view or file name from the settings or the disk.
	const label = sanitizeLine(props.label);
	const room = Math.max(1, width - cellWidth(label) - 2);
	return (
		<Box height={1} flexShrink={0} overflow="hidden">
			<Text {...theme.key}>{truncate(label, width)}</Text>
			{props.value !== undefined ? (
				<>
					<Text> {truncate(sanitizeLine(props.value), room - 1)}</Text>
					<Text inverse> </Text>
				</>
			) : null}
		</Box>
	);
}
