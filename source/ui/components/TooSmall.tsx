// What a terminal too small for the dashboard shows: the sizes needed and
// how to go on, word-wrapped to the width and cut to the frame height, so
// even a 20×5 terminal gets whole lines and no wrapped garbage.
import { Box, Text } from 'ink';
import { G } from '../../core/glyphs.js';
import { truncate, wrap } from '../../core/width.js';
import { frameHeight, MIN_COLS, MIN_ROWS } from '../layout.js';

/** The message's lines at this size, longest wording that fits first. */
export function tooSmallLines(cols: number, rows: number): string[] {
	const height = frameHeight({ rows });
	const w = Math.max(1, cols);
	const wordings = [
		`sitrep needs at least ${MIN_COLS}${G.times}${MIN_ROWS} (this terminal is ${cols}${G.times}${rows}): enlarge it, or press q to quit.`,
		`sitrep needs ${MIN_COLS}${G.times}${MIN_ROWS} (this is ${cols}${G.times}${rows}): enlarge it, or q quits.`,
		`needs ${MIN_COLS}${G.times}${MIN_ROWS}; q quits`,
	];
	for (const text of wordings) {
		const lines = wrap(text, w);
		if (lines.length <= height) return lines;
	}
	return wrap(wordings[wordings.length - 1] ?? '', w)
		.slice(0, height)
		.map((l) => truncate(l, w));
}

export function TooSmall({ cols, rows }: { cols: number; rows: number }) {
	const lines = tooSmallLines(cols, rows);
	return (
		<Box flexDirection="column" width={Math.max(1, cols)} height={frameHeight({ rows })} overflow="hidden">
			{lines.map((l, i) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
				<Box key={i} height={1} flexShrink={0}>
					<Text wrap="truncate">{l}</Text>
				</Box>
			))}
		</Box>
	);
}
