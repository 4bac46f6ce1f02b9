// The header's Watch line: each watched item with its count of new records
// (● marks them in every pane), and since when; an alert rule that fired and
// is not yet read (`a` lists them) comes first.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Backend } from '../../core/backend/types.js';
import { G } from '../../core/glyphs.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { newCounts, sessionTime, watchLabel } from '../../core/watch.js';
import { truncate, width as widthOf } from '../../core/width.js';
import type { Theme } from '../theme.js';
import { idsFor, items, type WatchUi } from '../watch.js';

const NO_IDS = { incidents: [], articles: [] };

export function watchSummary(data: Backend, watch: WatchUi): { parts: string[]; total: string; fresh: number } {
	// Records that arrived while the dashboard is open are marked new too: the line counts only the watched ones.
	const incidents = new Set<string>();
	const articles = new Set<string>();
	// Nothing new (before what is new is worked out, too): no ids to read; a watched country at 2.5M is 1M of them.
	const any = watch.newIncidents.size > 0 || watch.newArticles.size > 0;
	const parts = items(watch.keys).map((item) => {
		const ids = any ? idsFor(data, item) : NO_IDS;
		const inc = ids.incidents.filter((id) => watch.newIncidents.has(id));
		const art = ids.articles.filter((id) => watch.newArticles.has(id));
		for (const id of inc) incidents.add(id);
		for (const id of art) articles.add(id);
		const n = inc.length + art.length;
		return `${watchLabel(data, item)}${n ? ` ${G.mark}${n}` : ''}`;
	});
	const counts = newCounts(incidents.size, articles.size);
	const total = watch.since ? `${counts} since ${sessionTime(watch.since)}` : counts;
	return { parts, total, fresh: incidents.size + articles.size };
}

export function WatchLine(props: {
	data: Backend;
	watch: WatchUi;
	width: number;
	theme: Theme;
	/** The latest unread alert ("▲ alert: ISKP ≥1 in 24h (2)") and how many more are unread. */
	alert?: { text: string; more: number } | undefined;
}) {
	const { data, watch, width, theme, alert } = props;
	const { parts, total, fresh: n } = useMemo(() => watchSummary(data, watch), [data, watch]);
	const fresh = n > 0;
	const right = watch.keys.length ? ` ${total}` : '';
	const room = Math.max(0, width - 8 - right.length);
	const said = alert ? truncate(sanitizeLine(`${alert.text}${alert.more ? ` +${alert.more} more` : ''}`), room) : '';
	const rest = Math.max(0, room - widthOf(said) - (said && parts.length ? 3 : 0));
	const watched = truncate(sanitizeLine(parts.join(` ${G.dot} `)), rest);
	return (
		<Box height={1} flexShrink={0} overflow="hidden">
			<Text {...theme.key}>Watch: </Text>
			{said ? (
				<Text {...theme.error} bold wrap="truncate">
					{said}
				</Text>
			) : null}
			{said && watched ? <Text {...theme.dim}>{` ${G.dot} `}</Text> : null}
			<Text wrap="truncate">{watched}</Text>
			<Box flexGrow={1} />
			<Text {...(fresh ? theme.warning : theme.dim)} bold={fresh} wrap="truncate">
				{truncate(right, Math.max(0, width - 8))}
			</Text>
		</Box>
	);
}
