// A windowed list of pre-formatted rows: only visible rows are rendered, the
// cursor row is marked with › and inverse video.
import { Box, Text } from 'ink';
import { fit } from '../../core/width.js';
import { keepVisible, type ListPos } from '../state.js';
import type { Style, Theme } from '../theme.js';

export interface TableRow {
	key: string;
	text: string;
	style?: Style;
}

export function Table(props: {
	rows: TableRow[];
	pos: ListPos;
	height: number;
	width: number;
	theme: Theme;
	empty: string;
}) {
	const { rows, height, width, theme } = props;
	if (rows.length === 0) {
		return (
			<Box height={height}>
				<Text {...theme.dim}>{props.empty}</Text>
			</Box>
		);
	}
	const { cursor, top } = keepVisible(props.pos, rows.length, height);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{rows.slice(top, top + height).map((r, i) => {
				const selected = top + i === cursor;
				return (
					<Box key={r.key} height={1} flexShrink={0}>
						<Text
							{...(selected ? theme.selected : (r.style ?? {}))}
						>{`${selected ? '›' : ' '}${fit(r.text, width - 1)}`}</Text>
					</Box>
				);
			})}
		</Box>
	);
}
