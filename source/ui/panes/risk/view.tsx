// The Risk pane: one row per country, the level as a word and a score, the
// trend against its baseline (the previous windows), counts, a sparkline and the top tags.
import { Box, Text } from 'ink';
import { G } from '../../../core/glyphs.js';
import { trendArrow } from '../../../core/risk.js';
import { fit, truncate } from '../../../core/width.js';
import { sparkline } from '../../../present/sparkline.js';
import { Table } from '../../components/Table.js';
import { newBy } from '../../watch.js';
import type { PaneViewProps } from '../pane.js';
import { listHeight, type RiskState } from './state.js';

export function RiskView({ state: risk, env, theme, width, height, window, watch }: PaneViewProps<RiskState>) {
	const w = width - 1;
	const nameW = w >= 100 ? 18 : 15;
	// Narrow (the list beside a detail): the sparkline goes first, then the tags; the level stays a word.
	const sparkW = w >= 100 ? 14 : w >= 57 ? 6 : 0;
	const fixed = nameW + 1 + 8 + 1 + 5 + 1 + 7 + 1 + 4 + 1 + 6 + 1 + (sparkW ? sparkW + 1 : 0);
	const tagW = w - fixed >= 8 ? w - fixed : 0;
	const head = `${fit('COUNTRY', nameW)} ${fit('LEVEL', 8)} ${fit('SCORE', 5, true)} ${fit('TREND', 7)} ${fit('INC', 4, true)} ${fit('KILLED', 6, true)}${sparkW ? ` ${fit('WEEKLY', sparkW)}` : ''}${tagW ? ' TAGS' : ''}`;
	const fresh = newBy(env.data, watch).countries;
	const row = (i: number) => formatRow(risk.rows[i]!);
	const formatRow = (r: (typeof risk.rows)[number]) => {
		const change = r.trend.change > 0 ? `+${r.trend.change}` : String(r.trend.change);
		return {
			key: r.code,
			text: `${fit(`${r.code} ${r.name}`, nameW)} ${fit(r.level, 8)} ${fit(String(r.score), 5, true)} ${fit(`${trendArrow(r.trend.direction)} ${change}`, 7)} ${fit(String(r.incidents), 4, true)} ${fit(String(r.fatalities), 6, true)}${
				sparkW
					? ` ${fit(
							sparkline(
								r.buckets.map((b) => b.count),
								sparkW,
							),
							sparkW,
						)}`
					: ''
			}${tagW ? ` ${truncate(r.tags.map((t) => t.label).join(', '), tagW)}` : ''}`,
			style: theme.risk[r.level],
			...(fresh.has(r.code) ? { mark: G.mark } : {}),
		};
	};
	return (
		<Box flexDirection="column">
			<Box height={1} flexShrink={0}>
				<Text {...theme.accent} wrap="truncate">
					{truncate(
						`Risk by country ${G.dot} ${window.days}-day window ${window.start} to ${window.end} ([ ] change) ${G.dot} Enter explains a score`,
						width,
					)}
				</Text>
			</Box>
			<Box height={1} flexShrink={0}>
				<Text {...theme.dim}>{fit(` ${head}`, width)}</Text>
			</Box>
			<Table
				count={risk.rows.length}
				row={row}
				pos={risk.pos}
				height={listHeight(height)}
				width={width}
				theme={theme}
				empty="No countries in the data."
			/>
		</Box>
	);
}
