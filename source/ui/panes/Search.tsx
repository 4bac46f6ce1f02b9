// The Search pane: the query line, completions or the inline error, and the
// results (title, outlet, date, countries; a snippet with the matches drawn).
import { Box, Text } from 'ink';
import { truncate } from '../../core/width.js';
import { plural } from '../../core/words.js';
import type { Line, Range, Segment, StyleName } from '../../text/lines.js';
import { Lines } from '../components/Lines.js';
import { bodyHeight, SEARCH_ROW_LINES, searchPageSize } from '../layout.js';
import { completions } from '../searchState.js';
import type { AppState, Env } from '../state.js';
import { keepVisible } from '../state.js';
import type { Theme } from '../theme.js';

/** The end of a long query: the part being typed stays in view. */
function tail(text: string, max: number): string {
	return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

/** One line of text with ranges drawn in the match style. */
function marked(text: string, ranges: readonly Range[], style?: StyleName): Segment[] {
	const segs: Segment[] = [];
	let at = 0;
	for (const [a, b] of ranges) {
		if (a > at) segs.push({ text: text.slice(at, a), style });
		if (b > Math.max(a, at)) segs.push({ text: text.slice(Math.max(a, at), b), style: 'match' });
		at = Math.max(at, b);
	}
	if (at < text.length) segs.push({ text: text.slice(at), style });
	return segs;
}

export function Search({
	state,
	env,
	theme,
	indexing,
}: {
	state: AppState;
	env: Env;
	theme: Theme;
	indexing: string | undefined;
}) {
	const s = state.search;
	const out = s.outcome;
	const stale = out !== null && out.query !== s.query;
	const c = s.editing ? completions(s, env.resolver) : undefined;
	const error = s.errors[0];
	let second: Segment[];
	if (error) {
		second = [
			{
				text: `${error.token}: ${error.message}${error.suggestions.length ? ` — ${error.suggestions.join(', ')}` : ''}`,
				style: 'error',
			},
		];
	} else if (c?.candidates.length) {
		second = c.candidates.flatMap((cand, i) => [
			{ text: ` ${cand.label} `, style: i === s.completion ? ('key' as const) : ('dim' as const) },
		]);
		second.unshift({ text: 'Tab: ', style: 'dim' });
	} else {
		second = [
			{
				text: 'filters: country: actor: type: since: until: source: in:articles|incidents · "phrase" · -word',
				style: 'dim',
			},
		];
	}
	const status = indexing
		? indexing
		: !out
			? ''
			: `${plural(out.total, 'match')}${out.partial ? ' (no document has every word: partial matches)' : ''} · ${out.ms.toFixed(1)} ms${stale ? ' · updating' : ''}`;

	const page = searchPageSize(state);
	const results = out?.results ?? [];
	const { cursor, top } = keepVisible(s.pos, results.length, page);
	const lines: Line[] = [];
	for (const r of results.slice(top, top + page)) {
		const title = r.fields.find((f) => f.field === 'title')?.ranges ?? [];
		const meta = [r.kind === 'incident' ? 'incident' : r.source, r.date.slice(0, 10), r.countries.join(',')]
			.filter(Boolean)
			.join(' · ');
		lines.push({ segs: [...marked(r.title, title, 'heading'), { text: `  ${meta}`, style: 'dim' }] });
		lines.push({ segs: [{ text: '   ' }, ...marked(r.snippet.text, r.snippet.ranges, 'dim')] });
	}
	const listLines = Math.max(1, bodyHeight(state) - 3);
	return (
		<Box flexDirection="column">
			<Box height={1} flexShrink={0}>
				<Text {...theme.key}>search› </Text>
				<Text wrap="truncate">{tail(s.query, Math.max(10, state.cols - 12))}</Text>
				{s.editing ? (
					<Text inverse> </Text>
				) : (
					<Text {...theme.dim}>{s.query ? '  (/ to edit)' : '  press / to type a query'}</Text>
				)}
			</Box>
			<Box height={1} flexShrink={0}>
				<Lines lines={[{ segs: second }]} top={0} height={1} width={state.cols} theme={theme} />
			</Box>
			<Box height={1} flexShrink={0}>
				<Text {...theme.accent} wrap="truncate">
					{truncate(status, state.cols)}
				</Text>
			</Box>
			{results.length === 0 && out && !indexing ? (
				<Text {...theme.dim}>
					{s.query.trim() ? 'Nothing matches. Typos are forgiven, but every word must appear somewhere.' : ''}
				</Text>
			) : (
				<Lines
					lines={lines}
					top={0}
					height={Math.min(listLines, page * SEARCH_ROW_LINES)}
					width={state.cols}
					theme={theme}
					sel={(cursor - top) * SEARCH_ROW_LINES}
				/>
			)}
		</Box>
	);
}
