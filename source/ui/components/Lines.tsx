// Renders a window of pre-built lines (detail views, help, problems): only
// the visible ones, each clipped to the width so nothing wraps. The selected
// link line is marked with › and inverse video. With `hyperlinks`, segments
// that show a web address become OSC 8 links (see ui/osc.ts): the text is
// clipped first, so the sequence wraps exactly the cells that are drawn.
import { Box, Text } from 'ink';
import { G } from '../../core/glyphs.js';
import { width as cellWidth, truncate } from '../../core/width.js';
import type { Line } from '../../present/lines.js';
import { hyperlink } from '../osc.js';
import type { Theme } from '../theme.js';

export function Lines(props: {
	lines: Line[];
	top: number;
	height: number;
	width: number;
	theme: Theme;
	sel?: number;
	/** Draw segments with a URL as terminal hyperlinks (OSC 8); off draws plain text. */
	hyperlinks?: boolean;
}) {
	const { lines, top, height, width, theme, sel = -1, hyperlinks = false } = props;
	const visible = lines.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{visible.map((line, i) => {
				const selected = top + i === sel;
				let room = width - 1;
				return (
					// biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
					<Box key={i} flexShrink={0} height={1}>
						<Text wrap="truncate" {...(selected ? theme.selected : {})}>
							{selected ? G.cursor : ' '}
							{line.segs.length === 0
								? ' '
								: line.segs.map((seg, j) => {
										const text = truncate(seg.text, room);
										room -= cellWidth(text);
										return (
											// biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
											<Text key={j} {...(seg.style && !selected ? theme[seg.style] : {})}>
												{hyperlinks && seg.url ? hyperlink(seg.url, text) : text}
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
