// Two columns side by side, a │ column between them. Each side is clipped to
// its width and the body height, so neither can push or wrap into the other.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { G } from '../../core/glyphs.js';
import type { Theme } from '../theme.js';

export function Split(props: {
	left: ReactNode;
	right: ReactNode;
	leftWidth: number;
	rightWidth: number;
	height: number;
	theme: Theme;
}) {
	const { height, theme } = props;
	return (
		<Box flexDirection="row" height={height} overflow="hidden">
			<Box flexDirection="column" width={props.leftWidth} height={height} flexShrink={0} overflow="hidden">
				{props.left}
			</Box>
			<Box flexDirection="column" width={1} height={height} flexShrink={0} overflow="hidden">
				{Array.from({ length: height }, (_, i) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
					<Box key={i} height={1} flexShrink={0}>
						<Text {...theme.dim}>{G.split}</Text>
					</Box>
				))}
			</Box>
			<Box flexDirection="column" width={props.rightWidth} height={height} flexShrink={0} overflow="hidden">
				{props.right}
			</Box>
		</Box>
	);
}
