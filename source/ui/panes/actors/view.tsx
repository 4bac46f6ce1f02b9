// The Actors pane: who is active in the window, sortable and filterable,
// with "/" to jump by name or alias.
import { Box, Text } from 'ink';
import { G } from '../../../core/glyphs.js';
import { sanitizeText } from '../../../core/sanitize.js';
import { fit, truncate } from '../../../core/width.js';
import { sparkline } from '../../../present/sparkline.js';
import { Table } from '../../components/Table.js';
import { newBy } from '../../watch.js';
import type { PaneViewProps } from '../pane.js';
import { type ActorsState, listHeight } from './state.js';

const SORT_LABELS = {
	name: 'name',
	kind: 'kind',
	country: 'country',
	perpetrator: 'as perpetrator',
	target: 'as target',
	last: 'last activity',
} as const;

export function ActorsView({ state: a, env, theme, width, height, window, watch }: PaneViewProps<ActorsState>) {
	const w = width - 1;
	// The fixed columns take 38 cells besides the name; the sparkline gets what is left.
	const nameW = Math.max(12, Math.min(28, w - 46));
	const sparkW = Math.max(0, w - nameW - 38);
	const filters = [a.kind && `kind:${a.kind}`, a.country && `country:${a.country}`].filter(Boolean).join(' ');
	const head = `${fit('NAME', nameW)} ${fit('KIND', 12)} ${fit('CC', 2)} ${fit('PERP', 4, true)} ${fit('TGT', 4, true)} ${fit('LAST', 10)} ${sparkW >= 6 ? 'WEEKLY' : ''}`;
	const fresh = newBy(env.data, watch).actors;
	const row = (i: number) => formatRow(a.rows[i]!);
	const formatRow = (r: (typeof a.rows)[number]) => ({
		key: r.id,
		text: `${fit(r.short, nameW)} ${fit(r.kind, 12)} ${fit(r.mainCountry ?? '', 2)} ${fit(String(r.asPerpetrator), 4, true)} ${fit(String(r.asTarget), 4, true)} ${fit(r.lastActivity ?? '-', 10)} ${sparkline(
			r.buckets.map((b) => b.count),
			sparkW,
		)}`,
		style: r.asPerpetrator + r.asTarget === 0 ? theme.dim : undefined,
		...(fresh.has(r.id) ? { mark: G.mark } : {}),
	});
	const summary = `${a.rows.length} of ${a.all.length} actors ${G.dot} ${filters || 'all kinds and countries'} ${G.dot} sorted by ${SORT_LABELS[a.sort]}${a.reverse ? ' (reversed)' : ''} ${G.dot} ${window.days}-day window to ${window.end}`;
	return (
		<Box flexDirection="column">
			<Box height={1} flexShrink={0}>
				<Text {...theme.accent} wrap="truncate">
					{truncate(summary, width)}
				</Text>
			</Box>
			{a.jump ? (
				<Box height={1} flexShrink={0} overflow="hidden">
					<Text wrap="truncate">
						<Text {...theme.key}>jump: </Text>
						{/* Typed text keeps its spaces; what a paste brought in that a terminal acts on is dropped. */}
						<Text>{truncate(sanitizeText(a.jump.query).replace(/\n/g, ' '), Math.max(1, width - 7))}</Text>
						<Text inverse> </Text>
						<Text {...theme.dim}>
							{a.jump.query
								? a.jump.matches.length
									? `  ${a.jump.index + 1} of ${a.jump.matches.length} matches (${G.down}${G.up} next)`
									: '  no match'
								: '  type a name or alias; typos are fine'}
						</Text>
					</Text>
				</Box>
			) : null}
			<Box height={1} flexShrink={0}>
				<Text {...theme.dim}>{fit(` ${head}`, width)}</Text>
			</Box>
			<Table
				count={a.rows.length}
				row={row}
				pos={a.pos}
				height={listHeight(a, height)}
				width={width}
				theme={theme}
				empty="No actors match these filters. Press c to clear them."
			/>
		</Box>
	);
}
