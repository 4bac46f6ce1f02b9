// The command palette: the typed line, then a window of matching entries
// with their group and the key that does the same.
import { Box, Text } from 'ink';
import { G, ownText } from '../../../core/glyphs.js';
import { sanitizeLine } from '../../../core/sanitize.js';
import { width as cellWidth, fit, truncate } from '../../../core/width.js';
import type { Theme } from '../../theme.js';
import type { PaletteItem } from './items.js';

export function Palette(props: {
	input: string;
	title?: string;
	entries: PaletteItem[];
	cursor: number;
	width: number;
	height: number;
	theme: Theme;
}) {
	const { entries, cursor, width, height, theme } = props;
	const rows = Math.max(1, height - 2);
	const top = Math.max(0, Math.min(cursor - rows + 1, entries.length - rows));
	const visible = entries.slice(Math.max(0, top), Math.max(0, top) + rows);
	const prompt = props.title ? `${props.title} ` : ': ';
	const line = truncate(sanitizeLine(props.input), Math.max(1, width - cellWidth(prompt) - 2));
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Box height={1} flexShrink={0}>
				<Text {...theme.key}>{prompt}</Text>
				<Text>{line}</Text>
				<Text inverse> </Text>
			</Box>
			<Box height={1} flexShrink={0}>
				<Text {...theme.dim} wrap="truncate">
					{truncate(
						entries.length
							? ownText(
									`${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} · Enter runs · ↑↓ choose · Esc closes · try "brief AF", "window 365", "watch iskp", "filter country:AF since:90d", "export incidents"`,
								)
							: // Said rather than left blank, so a weak match is never mistaken for none offered.
								`nothing matches "${sanitizeLine(props.input.trim())}"${ownText(' · try "brief AF", "window 365", "watch iskp", "filter country:AF since:90d", "search kabul", "save NAME"')}`,
						width,
					)}
				</Text>
			</Box>
			{visible.map((item, i) => {
				const selected = top + i === cursor;
				const group = fit(item.group, 8);
				const key = item.key ? ` ${item.key}` : '';
				const room = Math.max(1, width - 2 - 9 - cellWidth(key));
				return (
					<Box key={`${item.group}:${item.label}`} height={1} flexShrink={0}>
						<Text {...(selected ? theme.selected : {})} wrap="truncate">
							{selected ? G.cursor : ' '}
							<Text {...(selected ? {} : theme.dim)}>{group} </Text>
							{fit(sanitizeLine(item.label), room)}
							<Text {...(selected ? {} : theme.key)}>{key}</Text>
						</Text>
					</Box>
				);
			})}
		</Box>
	);
}
