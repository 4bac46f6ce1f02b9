// bench/storage.ts's measurements as table rows: each figure beside issue 18's
// target (by how much it is missed), the load average as each process started,
// and how each figure grows from 100k to 2.5M incidents (25 times the data).
import type { DashboardMeasured } from './dashboard.js';
import type { Stats } from './read.js';
import { type SearchFigures, TYPED_QUERIES } from './search.js';

export interface Row {
	section: 'storage';
	name: string;
	value: string;
	target: string;
	met: boolean | null;
}

type Run = Record<string, unknown> & { load: number };
interface Read extends Run {
	firstAnswerMs: number;
	firstAnswerRssMb?: number;
	bootMs: number;
	filter: { pairs: number; all: Stats; top: Stats; deep: Stats };
	risk: Record<string, number>;
	explanationMs: number;
	actorRowsMs: number;
	search?: SearchFigures;
	maxRssMb: number;
}
interface Built extends Run {
	/** Until the update's rows are committed (what an open dashboard then shows). */
	ms: number;
	/** Then the WAL checkpoint the update leaves for after its commit (update.ts), before the command ends. */
	settleMs?: number;
	built: string;
	indexBytes: number;
	jsonBytes: number;
	maxRssMb: number;
}

export interface Measured {
	size: string;
	build: Run;
	index: Run;
	memory?: Run;
	added?: Run;
	removed?: Run;
	/** The dashboard in a pseudo-terminal, per backend (bench/storage/dashboard.ts). */
	dashboard?: Partial<Record<'index' | 'memory', DashboardMeasured & { load: number }>>;
}

const LABEL: Record<string, string> = {
	bundled: 'bundled',
	'10k': '10k + 1k',
	'100k': '100k + 10k',
	'2.5m': '2.5M + 300k',
};

/** Issue 18's targets per data set; absent: none. */
const TARGETS: Record<
	string,
	Partial<Record<'first' | 'rss' | 'filter' | 'risk' | 'build' | 'update' | 'search' | 'jk', number>>
> = {
	bundled: { first: 150, filter: 50, search: 10, jk: 16 },
	'100k': { first: 300, rss: 150, filter: 50, risk: 100, search: 16, jk: 16 },
	'2.5m': { first: 400, rss: 200, filter: 100, risk: 300, build: 300, update: 5, search: 30, jk: 16 },
};

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en')} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0)} MB`;

export function storageRows(measured: readonly Measured[]): Row[] {
	const rows: Row[] = [];
	const push = (name: string, value: string, limit?: number, actual?: number, unit = '') => {
		if (limit === undefined || actual === undefined) {
			rows.push({ section: 'storage', name, value, target: '', met: null });
			return;
		}
		const met = actual <= limit;
		const by = met
			? ''
			: ` (missed by ${(actual - limit).toFixed(actual < 10 ? 1 : 0)}${unit}, ×${(actual / limit).toFixed(1)})`;
		rows.push({ section: 'storage', name, value, target: `≤ ${limit}${unit}${by}`, met });
	};
	for (const m of measured) {
		const l = LABEL[m.size] ?? m.size;
		const t = TARGETS[m.size] ?? {};
		const at = (r: Run) => ` [load ${r.load.toFixed(2)}]`;
		const b = m.build as Built;
		push(`${l}: index build, full${at(b)}`, `${(b.ms / 1000).toFixed(1)} s`, t.build, b.ms / 1000, ' s');
		push(
			`${l}: index file vs incident+article JSON, build peak RSS`,
			`${mb(b.indexBytes)} = ${(b.indexBytes / b.jsonBytes).toFixed(2)}× ${mb(b.jsonBytes)}, ${Math.round(b.maxRssMb)} MB`,
		);
		if (m.added) {
			const a = m.added as Built;
			push(
				`${l}: update, 10k incidents added (${a.built}), to the commit${at(a)}`,
				`${(a.ms / 1000).toFixed(2)} s`,
				t.update,
				a.ms / 1000,
				' s',
			);
			const r = m.removed as Built | undefined;
			const settle = (x: Built) => (x.settleMs === undefined ? '?' : `${(x.settleMs / 1000).toFixed(2)} s`);
			push(`${l}: update added: then its checkpoint, before the command ends`, settle(a));
			if (r)
				push(
					`${l}: update, the same file removed (${r.built}), to the commit; then its checkpoint${at(r)}`,
					`${(r.ms / 1000).toFixed(2)} s; ${settle(r)}`,
				);
		}
		for (const [kind, run] of [
			['index', m.index],
			['memory', m.memory],
		] as const) {
			if (!run) continue;
			const r = run as Read;
			const idx = kind === 'index';
			push(
				`${l} (${kind}): first answer, process start → page 1 + risk table (Node start ${Math.round(r.bootMs)} ms)${at(r)}`,
				ms(r.firstAnswerMs),
				idx ? t.first : undefined,
				r.firstAnswerMs,
				' ms',
			);
			push(
				`${l} (${kind}): filter apply p95, page + dates, ${r.filter.all.n} of ${r.filter.pairs} applies`,
				ms(r.filter.all.p95),
				idx ? t.filter : undefined,
				r.filter.all.p95,
				' ms',
			);
			push(
				`${l} (${kind}): filter apply median; p95 first page / last page`,
				`${ms(r.filter.all.median)}; ${ms(r.filter.top.p95)} / ${ms(r.filter.deep.p95)}`,
			);
			push(
				`${l} (${kind}): risk table, 90 days`,
				ms(r.risk['90'] ?? Number.NaN),
				idx ? t.risk : undefined,
				r.risk['90'],
				' ms',
			);
			push(
				`${l} (${kind}): risk table 30 / 365 days; top country's explanation`,
				`${ms(r.risk['30'] ?? Number.NaN)} / ${ms(r.risk['365'] ?? Number.NaN)}; ${ms(r.explanationMs)}`,
			);
			push(`${l} (${kind}): actor rows, 90 days`, ms(r.actorRowsMs));
			if (r.search) {
				const k = r.search.keys;
				push(
					`${l} (${kind}): search p95 per keystroke, ${k.n} typed prefixes of ${TYPED_QUERIES.length} queries`,
					ms(k.p95),
					idx ? t.search : undefined,
					k.p95,
					' ms',
				);
				const worst = r.search.slowest[0];
				push(
					`${l} (${kind}): search per keystroke median; CPU p95 / median; first keystroke (reads the vocabulary / builds the index); slowest`,
					`${ms(k.median)}; ${ms(r.search.cpu.p95)} / ${ms(r.search.cpu.median)}; ${ms(r.search.firstMs)}; ${worst ? `${ms(worst.ms)} "${worst.query}"` : '-'}`,
				);
			}
			if (r.firstAnswerRssMb)
				push(`${l} (${kind}): peak RSS at the first answer`, `${Math.round(r.firstAnswerRssMb)} MB`);
			push(
				`${l} (${kind}): peak RSS after all of the above`,
				`${Math.round(r.maxRssMb)} MB`,
				idx ? t.rss : undefined,
				r.maxRssMb,
				' MB',
			);
		}
	}
	for (const m of measured) {
		const l = LABEL[m.size] ?? m.size;
		const t = TARGETS[m.size] ?? {};
		for (const kind of ['index', 'memory'] as const) {
			const d = m.dashboard?.[kind];
			if (!d) continue;
			const idx = kind === 'index';
			const head = `${l} (${kind}) dashboard`;
			push(
				`${head}: first frame, spawn → first complete frame (median) [load ${d.load.toFixed(2)}]`,
				ms(d.firstFrame),
				idx ? t.first : undefined,
				d.firstFrame,
				' ms',
			);
			push(`${head}: j/k p95, key → frame (${d.jk.n} keys)`, ms(d.jk.p95), t.jk, d.jk.p95, ' ms');
			push(
				`${head}: filter apply p95, Enter → the filtered frame (${d.filter.n} filters)`,
				ms(d.filter.p95),
				idx ? t.filter : undefined,
				d.filter.p95,
				' ms',
			);
			push(
				`${head}: search p95 per key, key → the frame with its results (${d.searchKey.n} keys)`,
				ms(d.searchKey.p95),
				idx ? t.search : undefined,
				d.searchKey.p95,
				' ms',
			);
			push(
				`${head}: j/k, filter, search medians`,
				`${ms(d.jk.median)}, ${ms(d.filter.median)}, ${ms(d.searchKey.median)}`,
			);
			push(
				`${head}: peak RSS browsing + searching`,
				`${Math.round(d.peakRss / 1e6)} MB`,
				idx ? t.rss : undefined,
				d.peakRss / 1e6,
				' MB',
			);
		}
	}
	const small = measured.find((m) => m.size === '100k');
	const big = measured.find((m) => m.size === '2.5m');
	if (small && big) {
		const s = small.index as Read;
		const g = big.index as Read;
		const sb = small.build as Built;
		const gb = big.build as Built;
		const grow = (name: string, a: number, z: number) =>
			push(`growth 100k → 2.5M (data ×25): ${name}`, `×${(z / a).toFixed(1)}`);
		grow('index build', sb.ms, gb.ms);
		grow('index file', sb.indexBytes, gb.indexBytes);
		if (small.added && big.added) grow('update, 10k added', (small.added as Built).ms, (big.added as Built).ms);
		grow('first answer', s.firstAnswerMs, g.firstAnswerMs);
		grow('filter apply p95', s.filter.all.p95, g.filter.all.p95);
		grow('risk table, 90 days', s.risk['90'] ?? Number.NaN, g.risk['90'] ?? Number.NaN);
		grow('actor rows', s.actorRowsMs, g.actorRowsMs);
		if (s.search && g.search) grow('search p95 per keystroke', s.search.keys.p95, g.search.keys.p95);
		grow('peak RSS', s.maxRssMb, g.maxRssMb);
	}
	return rows;
}
