// The Timeline pane: incidents newest first, grouped by month, with a filter
// bar, a weekly sparkline of the filtered set and an incident detail view.
import { Box, Text } from 'ink';
import type { Backend } from '../../../core/backend/types.js';
import { monthLabel } from '../../../core/dates.js';
import { tollCell } from '../../../core/fatalities.js';
import { G } from '../../../core/glyphs.js';
import { sanitizeLine, sanitizeText } from '../../../core/sanitize.js';
import {
	countDates,
	describeFilter,
	isEmptyFilter,
	parseFilter,
	perpetratorLabel,
	type TimelineFilter,
} from '../../../core/timeline.js';
import { width as cellWidth, fit, truncate } from '../../../core/width.js';
import { bucketsPerChar, sparkline } from '../../../present/sparkline.js';
import type { WatchUi } from '../../watch.js';
import type { PaneViewProps } from '../pane.js';
import { completionsFor, currentField, type FilterForm, FORM_FIELDS, formInput } from './filterForm.js';
import type { Row, TimelineList } from './list.js';
import { FORM_HEIGHT, listHeight, type TimelineState } from './state.js';

type Props = PaneViewProps<TimelineState>;

export function columns(width: number) {
	// "suicide bombing" (15) fits from 55 columns on: the list beside a detail is about that wide.
	const type = width >= 120 ? 18 : width >= 70 ? 16 : width >= 55 ? 15 : 12;
	const perp = width >= 120 ? 24 : width >= 70 ? 16 : 10;
	// Killed: "85 (58–85)" from 100 columns, "19–66" from 62 (the list beside a detail), else "85…" (the detail has the rest).
	const kill = width >= 100 ? 10 : width >= 62 ? 7 : 4;
	const fixed = 10 + 1 + 2 + 1 + type + 1 + perp + 1 + kill + 1;
	return { type, perp, kill, location: Math.max(0, width - fixed) };
}

// The weekly counts come from the Backend's per-date counts, once per list (not per frame or mount:
// switching panes and back must not redo them).
const weekCache = new WeakMap<TimelineList, number[]>();

function weeklyCounts(data: Backend, list: TimelineList): number[] {
	let weeks = weekCache.get(list);
	if (!weeks) {
		const f = list.filter;
		const bounded = f.since && f.until ? f : undefined;
		weeks = countDates(data.incidentDates(f), 'week', bounded).map((b) => b.count);
		weekCache.set(list, weeks);
	}
	return weeks;
}

// The filter bar previews how many incidents a filter selects; typing must not count on every key twice.
const previewCache = new WeakMap<Backend, Map<string, number>>();

function previewCount(data: Backend, filter: TimelineFilter): number {
	let byKey = previewCache.get(data);
	if (!byKey) {
		byKey = new Map();
		previewCache.set(data, byKey);
	}
	const key = JSON.stringify(filter);
	let n = byKey.get(key);
	if (n === undefined) {
		n = data.incidentPage(filter, 'date', 0, 0).total;
		if (byKey.size > 200) byKey.clear();
		byKey.set(key, n);
	}
	return n;
}

function Summary({ state: t, env, theme, width }: Props) {
	const total = env.data.totals().incidents;
	const described = isEmptyFilter(t.filter) ? 'all incidents' : describeFilter(t.filter);
	const filterText = t.sort === 'fatalities' ? `${described}, deadliest first` : described;
	const count = `${t.list.total}${t.list.total === total ? '' : ` of ${total}`}`;
	const weeks = weeklyCounts(env.data, t.list);
	const room = Math.max(0, Math.min(40, width - filterText.length - count.length - 20));
	const per = bucketsPerChar(weeks.length, room);
	const unit = per === 1 ? 'weekly' : `per ${per} weeks`;
	const spark = sparkline(weeks, room);
	return (
		<Box height={1} flexShrink={0}>
			<Text wrap="truncate">
				<Text {...theme.accent}>{truncate(filterText, Math.max(10, width - 30))}</Text>
				<Text {...theme.dim}>{` ${G.dot} ${count} ${G.dot} ${unit} `}</Text>
				<Text {...theme.spark}>{spark}</Text>
			</Text>
		</Box>
	);
}

/** Completion labels, each padded by a space, as many as fit in `width` cells (the last one cut by sitrep's own truncate). */
function fitOptions(labels: readonly string[], width: number): string[] {
	const out: string[] = [];
	let room = width;
	for (const label of labels) {
		if (room <= 0) break;
		const shown = truncate(` ${label} `, room);
		out.push(shown);
		room -= cellWidth(shown);
	}
	return out;
}

function FilterBar({ env, theme, form, width }: Props & { form: FilterForm }) {
	const field = currentField(form);
	const options = completionsFor(form, env.resolver);
	const preview = parseFilter(env.resolver, formInput(form.values));
	const count = preview.errors.length ? undefined : previewCount(env.data, preview.filter);
	const error = form.errors[0];
	const w = width;
	return (
		<Box flexDirection="column" height={FORM_HEIGHT} flexShrink={0}>
			<Text wrap="truncate" {...theme.heading}>
				{fit(
					`Filter${count === undefined ? '' : ` ${G.right} ${count} incidents`}  (Tab complete ${G.dot} ${G.up}${G.down} field ${G.dot} Enter apply ${G.dot} Esc cancel)`,
					w,
				)}
			</Text>
			{FORM_FIELDS.map((f) => {
				const active = f === field;
				const hint =
					f === 'since'
						? 'YYYY, YYYY-MM, YYYY-MM-DD, or 90d / 12w / 6m / 1y back from the newest'
						: f === 'until'
							? 'YYYY, YYYY-MM or YYYY-MM-DD'
							: f === 'country'
								? 'comma-separated, -AF leaves out; a year (2024) here is since and until'
								: 'comma-separated; -X leaves X out';
				return (
					<Box key={f} height={1} flexShrink={0}>
						<Text {...(active ? theme.key : theme.dim)}>{`${active ? G.cursor : ' '} ${f.padEnd(8)}`}</Text>
						<Text wrap="truncate">
							{truncate(sanitizeText(form.values[f]).replace(/\n/g, ' '), w - 12)}
							{active ? <Text inverse> </Text> : null}
							{!form.values[f] && !active ? <Text {...theme.dim}>{truncate(hint, Math.max(1, w - 12))}</Text> : null}
						</Text>
					</Box>
				);
			})}
			<Box height={1} flexShrink={0}>
				{error ? (
					<Text wrap="truncate" {...theme.error}>
						{truncate(
							sanitizeLine(
								`${error.field}: ${error.message}${error.suggestions.length ? ` ${G.dash} ${error.suggestions.join(', ')}` : ''}`,
							),
							w,
						)}
					</Text>
				) : (
					<Text wrap="truncate">
						{fitOptions(
							options.map((o) => o.label),
							w,
						).map((label, i) => (
							<Text key={options[i]?.value ?? i} {...(i === form.completion ? theme.selected : theme.dim)}>
								{label}
							</Text>
						))}
					</Text>
				)}
			</Box>
		</Box>
	);
}

/** The row's first column: ● new on the watchlist (until looked at), › the cursor. */
function marker(watch: WatchUi, id: string, selected: boolean): string {
	return watch.newIncidents.has(id) ? G.mark : selected ? G.cursor : ' ';
}

function List({ state: t, env, theme, width, height: body, watch }: Props) {
	const height = listHeight(t, body);
	const w = width - 1; // one column for the cursor marker
	const col = columns(w);
	if (t.list.total === 0) {
		return (
			<Box height={height} flexDirection="column">
				<Text {...theme.dim} wrap="truncate">
					{truncate('No incidents match this filter. Press c to clear it or f to change it.', width)}
				</Text>
			</Box>
		);
	}
	const visible: Row[] = [];
	for (let r = t.top; r < Math.min(t.list.rowCount, t.top + height); r++) visible.push(t.list.rowAt(r) as Row);
	const selectedRow = t.list.rowOf(t.cursor);
	return (
		<Box height={height} flexDirection="column" overflow="hidden">
			{visible.map((row, i) => {
				const r = t.top + i;
				if (row.kind === 'month') {
					return (
						<Box key={`m${row.month}`} height={1} flexShrink={0}>
							<Text {...theme.heading}>
								{fit(
									`${G.rule.repeat(2)} ${monthLabel(row.month, true)} ${G.dot} ${row.count} ${G.rule.repeat(2)}`,
									width,
								)}
							</Text>
						</Box>
					);
				}
				if (row.kind === 'untolled') {
					return (
						<Box key="untolled" height={1} flexShrink={0}>
							<Text {...theme.heading}>
								{fit(`${G.rule.repeat(2)} toll not reported ${G.dot} ${row.count} ${G.rule.repeat(2)}`, width)}
							</Text>
						</Box>
					);
				}
				const inc = t.list.at(row.index);
				if (!inc) return null;
				const line = [
					fit(inc.date, 10),
					fit(inc.country, 2),
					fit(inc.type, col.type),
					fit(perpetratorLabel(env.data, inc), col.perp),
					fit(tollCell(inc.fatalities, '-', col.kill), col.kill, true),
					fit([inc.location, inc.admin1].filter(Boolean).join(', '), col.location),
				].join(' ');
				return (
					<Box key={inc.id} height={1} flexShrink={0}>
						<Text
							{...(r === selectedRow ? theme.selected : {})}
						>{`${marker(watch, inc.id, r === selectedRow)}${fit(line, w)}`}</Text>
					</Box>
				);
			})}
		</Box>
	);
}

export function TimelineView(props: Props) {
	const { state: t, theme, width } = props;
	const col = columns(width - 1);
	const head = [
		fit('DATE', 10),
		'CC',
		fit('TYPE', col.type),
		fit('PERPETRATOR', col.perp),
		fit(col.kill >= 6 ? 'KILLED' : 'KILL', col.kill, true),
		fit('LOCATION', col.location),
	].join(' ');
	return (
		<Box flexDirection="column" height={props.height}>
			<Summary {...props} />
			{t.form ? <FilterBar {...props} form={t.form} /> : null}
			<Box height={1} flexShrink={0}>
				<Text {...theme.dim}>{fit(` ${head}`, width)}</Text>
			</Box>
			<List {...props} />
		</Box>
	);
}
