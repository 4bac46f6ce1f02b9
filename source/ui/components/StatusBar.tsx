import { Box, Text } from 'ink';
import { G, ownText } from '../../core/glyphs.js';
import { countBySeverity, type Problem } from '../../core/problems.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate, width } from '../../core/width.js';
import { plural } from '../../core/words.js';
import type { Scope } from '../keymap.js';
import { type Binding, DEFAULT_KEYMAP, type Keymap } from '../keymap.js';
import { keyLabel } from '../keys.js';
import type { Theme } from '../theme.js';

export function StatusBar(props: {
	dir: string;
	/** Said in place of the directory, before the counts get room ("sample data to 2025-12-31"). */
	note?: string;
	counts: string;
	problems: readonly Problem[];
	width: number;
	theme: Theme;
	message?: string | null;
	/** The live dashboard: "12 new · updated 14:05", and what keeps the data from being current. */
	live?: { text?: string; warning?: string };
}) {
	const { theme, problems } = props;
	const { errors, warnings } = countBySeverity(problems);
	const parts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean);
	const badge = parts.length ? ` ${G.warning} ${parts.join(', ')} (!) ` : '';
	const warning = props.live?.warning
		? truncate(sanitizeLine(props.live.warning), Math.max(0, props.width - badge.length - 4))
		: '';
	const free = Math.max(0, props.width - badge.length - 3 - (warning ? width(warning) + 1 : 0));
	const note = props.note ? truncate(props.note, free) : undefined;
	// The note keeps its words whole; what is new comes next, then the counts. Without a note, the directory gives way.
	const right = note ? Math.max(0, free - width(note)) : free;
	const fresh = props.live?.text ? truncate(props.live.text, right) : '';
	const counts =
		note || fresh ? truncate(props.counts, Math.max(0, right - (fresh ? width(fresh) + 3 : 0))) : props.counts;
	const room = Math.max(0, free - width(counts) - (fresh ? width(fresh) + 3 : 0));
	if (props.message) {
		return (
			<Box height={1} flexShrink={0}>
				<Text {...theme.ok} wrap="truncate">
					{truncate(sanitizeLine(props.message), props.width)}
				</Text>
			</Box>
		);
	}
	return (
		<Box height={1} flexShrink={0}>
			{badge ? (
				<Text {...(errors ? theme.error : theme.warning)} inverse>
					{badge}
				</Text>
			) : null}
			{note ? (
				<Text {...theme.heading}> {note} </Text>
			) : (
				<Text {...theme.dim}> {truncate(sanitizeLine(props.dir), room)} </Text>
			)}
			<Box flexGrow={1} />
			{warning ? <Text {...theme.warning}>{warning} </Text> : null}
			{fresh ? <Text {...theme.key}>{fresh}</Text> : null}
			{fresh && counts ? <Text {...theme.dim}>{` ${G.dot} `}</Text> : null}
			<Text {...theme.dim}>{counts}</Text>
		</Box>
	);
}

export function HintLine(props: { scopes: Scope[]; width: number; theme: Theme; keymap?: Keymap }) {
	const { theme } = props;
	const list = [...(props.keymap ?? DEFAULT_KEYMAP).hints(props.scopes)];
	let used = 0;
	const shown: Binding[] = [];
	for (const b of list) {
		const w = keyLabel(b.keys[0] ?? '').length + (b.hint?.length ?? 0) + 3;
		if (used + w > props.width) break;
		used += w;
		shown.push(b);
	}
	return (
		<Box height={1} flexShrink={0}>
			{shown.map((b) => (
				<Text key={b.command}>
					<Text {...theme.key}>{ownText(keyLabel(b.keys[0] ?? ''))}</Text>
					<Text {...theme.dim}>{ownText(` ${b.hint}  `)}</Text>
				</Text>
			))}
		</Box>
	);
}
