// A windowed list: only the rows on screen are formatted and rendered; the
// cursor row is marked with › and inverse video.
import { Box, Text } from 'ink';
import { G } from '../../core/glyphs.js';
import { fit, truncate } from '../../core/width.js';
import { keepVisible, type ListPos } from '../list.js';
import type { Style, Theme } from '../theme.js';

export interface TableRow {
	key: string;
	text: string;
	style?: Style;
	/** Shown in the cursor column when set (● new on the watchlist). */
	mark?: string;
}

export function Table(props: {
	count: number;
	/** Formats row i; called only for the rows on screen. */
	row: (i: number) => TableRow;
	pos: ListPos;
	height: number;
	width: number;
	theme: Theme;
	empty: string;
}) {
	const { count, height, width, theme } = props;
	if (count === 0) {
		return (
			<Box height={height} overflow="hidden">
				<Text {...theme.dim} wrap="truncate">
					{truncate(props.empty, width)}
				</Text>
			</Box>
		);
	}
	const { cursor, top } = keepVisible(props.pos, count, height);
	const visible: TableRow[] = [];
	for (let i = top; i < Math.min(count, top + height); i++) visible.push(props.row(i));
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{visible.map((r, i) => {
				const selected = top + i === cursor;
				return (
					<Box key={r.key} height={1} flexShrink={0}>
						<Text
							{...(selected ? theme.selected : (r.style ?? {}))}
						>{`${r.mark ?? (selected ? G.cursor : ' ')}${fit(r.text, width - 1)}`}</Text>
					</Box>
				);
			})}
		</Box>
	);
}
