// Renders a window of pre-built lines (detail, help, problems): only the
// visible ones, each clipped to the width so nothing wraps.
import { Box, Text } from 'ink';
import { width as cellWidth, truncate } from '../../core/width.js';
import type { Line } from '../content.js';
import type { Theme } from '../theme.js';

export function Lines(props: { lines: Line[]; top: number; height: number; width: number; theme: Theme }) {
	const { lines, top, height, width, theme } = props;
	const visible = lines.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{visible.map((line, i) => {
				let room = width;
				return (
					// biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
					<Box key={i} flexShrink={0} height={1}>
						<Text wrap="truncate">
							{line.length === 0
								? ' '
								: line.map((seg, j) => {
										const text = truncate(seg.text, room);
										room -= cellWidth(text);
										return (
											// biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
											<Text key={j} {...(seg.style ? theme[seg.style] : {})}>
												{text}
											</Text>
										);
									})}
						</Text>
					</Box>
				);
			})}
		</Box>
	);
}
