// The Search pane: the query line, completions or the inline error, and the
// results (title, outlet, date, countries; a snippet with the matches drawn).
import { Box, Text } from 'ink';
import { G } from '../../../core/glyphs.js';
import { sanitizeLine, sanitizeText } from '../../../core/sanitize.js';
import { drawnSnippet, synonymNote } from '../../../core/search/index.js';
import { width as cellWidth, segments, truncate } from '../../../core/width.js';
import { plural } from '../../../core/words.js';
import type { Line, Range, Segment, StyleName } from '../../../present/lines.js';
import { resultMeta } from '../../../present/resultMeta.js';
import { Lines } from '../../components/Lines.js';
import { keepVisible } from '../../list.js';
import type { PaneViewProps } from '../pane.js';
import { completions, pageSize, SEARCH_ROW_LINES, type SearchState } from './state.js';

/** The end of a long query, at most `max` cells: the part being typed stays in view. */
function tail(text: string, max: number): string {
	if (cellWidth(text) <= max) return truncate(text, max);
	const graphemes = [...segments(text)];
	let out = '';
	let w = 1;
	for (let i = graphemes.length - 1; i >= 0; i--) {
		const g = graphemes[i] ?? '';
		const gw = cellWidth(g);
		if (w + gw > max) break;
		out = g + out;
		w += gw;
	}
	return `${G.ellipsis}${out}`;
}

/** The segments cut to `max` cells (at least a readable 20), the last one ending in "…". */
function clip(segs: Segment[], max: number): Segment[] {
	const room = Math.max(20, max);
	const out: Segment[] = [];
	let left = room;
	for (const seg of segs) {
		const w = cellWidth(seg.text);
		if (w <= left) {
			out.push(seg);
			left -= w;
			continue;
		}
		if (left > 0) out.push({ ...seg, text: truncate(seg.text, left) });
		break;
	}
	return out;
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

export function SearchView({ state: s, env, theme, busy: indexing, width, height, watch }: PaneViewProps<SearchState>) {
	const out = s.outcome;
	const stale = out !== null && out.query !== s.query;
	const c = s.editing ? completions(s, env.resolver) : undefined;
	const error = s.errors[0];
	let second: Segment[];
	if (error) {
		second = [
			{
				text: sanitizeLine(
					`${error.token}: ${error.message}${error.suggestions.length ? ` ${G.dash} ${error.suggestions.join(', ')}` : ''}`,
				),
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
				text: `filters: country: actor: type: since: until: source: in:articles|incidents ${G.dot} "phrase" ${G.dot} -word`,
				style: 'dim',
			},
		];
	}
	const status = indexing
		? indexing
		: !out
			? ''
			: `${plural(out.total, 'match')}${out.partial ? ' (no document has every word: partial matches)' : ''}${out.synonyms.length ? ` (${synonymNote(out.synonyms, G.right)})` : ''} ${G.dot} ${out.ms.toFixed(1)} ms${stale ? ` ${G.dot} updating` : ''}`;

	const page = pageSize(height);
	const results = out?.results ?? [];
	const { cursor, top } = keepVisible(s.pos, results.length, page);
	const lines: Line[] = [];
	for (const r of results.slice(top, top + page)) {
		const title = r.fields.find((f) => f.field === 'title')?.ranges ?? [];
		const meta = resultMeta(env.data, r).join(` ${G.dot} `);
		const fresh = (r.kind === 'article' ? watch.newArticles : watch.newIncidents).has(r.id);
		lines.push({
			segs: [
				...(fresh ? [{ text: `${G.mark} `, style: 'warning' as const }] : []),
				// A long title gives way so the outlet and date stay on the line.
				...clip(marked(r.title, title, 'heading'), width - 2 - (fresh ? 2 : 0) - cellWidth(meta) - 2),
				{ text: `  ${meta}`, style: 'dim' },
			],
		});
		lines.push({ segs: [{ text: '   ' }, ...marked(drawnSnippet(r.snippet), r.snippet.ranges, 'dim')] });
	}
	const listLines = Math.max(1, height - 3);
	return (
		<Box flexDirection="column">
			<Box height={1} flexShrink={0} overflow="hidden">
				<Text wrap="truncate">
					<Text {...theme.key}>{`search${G.cursor} `}</Text>
					<Text>{tail(sanitizeText(s.query).replace(/\n/g, ' '), Math.max(10, width - 12))}</Text>
					{s.editing ? (
						<Text inverse> </Text>
					) : (
						<Text {...theme.dim}>{s.query ? '  (/ to edit)' : '  press / to type a query'}</Text>
					)}
				</Text>
			</Box>
			<Box height={1} flexShrink={0}>
				<Lines lines={[{ segs: second }]} top={0} height={1} width={width} theme={theme} />
			</Box>
			<Box height={1} flexShrink={0}>
				<Text {...theme.accent} wrap="truncate">
					{truncate(status, width)}
				</Text>
			</Box>
			{results.length === 0 && out && !indexing ? (
				<Text {...theme.dim} wrap="truncate">
					{s.query.trim()
						? truncate('Nothing matches. Typos are forgiven, but every word must appear somewhere.', width)
						: ''}
				</Text>
			) : (
				<Lines
					lines={lines}
					top={0}
					height={Math.min(listLines, page * SEARCH_ROW_LINES)}
					width={width}
					theme={theme}
					sel={(cursor - top) * SEARCH_ROW_LINES}
				/>
			)}
		</Box>
	);
}
