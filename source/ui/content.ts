// Scrollable text views as plain data (lines of styled segments): the
// reducer uses their length to clamp scrolling, the views render them.
import { monthLabel } from '../core/dates.js';
import { countBySeverity, formatProblem } from '../core/problems.js';
import { actorLabel } from '../core/resolve.js';
import { sanitizeLine } from '../core/sanitize.js';
import { INCIDENT_TYPES, type Incident } from '../core/schema.js';
import { wrap } from '../core/width.js';
import { KEYMAP, SCOPE_TITLES, type Scope } from './keymap.js';
import { keyLabel } from './keys.js';
import type { AppState, Env } from './state.js';
import { AVAILABLE_PANES } from './state.js';
import type { Theme } from './theme.js';

export interface Segment {
	text: string;
	style?: keyof Theme;
}
export type Line = Segment[];

const plain = (text: string, style?: keyof Theme): Line => [{ text, style }];

function wrapped(text: string, cols: number, indent = 0, style?: keyof Theme): Line[] {
	const pad = ' '.repeat(indent);
	return wrap(text, Math.max(10, cols - indent)).map((l) => plain(pad + l, style));
}

function field(label: string, value: string, cols: number): Line[] {
	const lines = wrap(value, Math.max(10, cols - 14));
	return lines.map((l, i) => [
		{ text: i === 0 ? label.padEnd(14) : ' '.repeat(14), style: 'dim' as const },
		{ text: l },
	]);
}

export function placeOf(inc: Incident, env: Env): string {
	const country = env.store.countryByCode.get(inc.country)?.name ?? inc.country;
	return [inc.location, inc.admin1, `${country} (${inc.country})`].filter(Boolean).join(', ');
}

function actorNames(ids: readonly string[], env: Env): string {
	return ids
		.map((id) => {
			const a = env.store.actorById.get(id);
			return a ? actorLabel(a) : id;
		})
		.join('; ');
}

export function detailLines(id: string, cols: number, env: Env): Line[] {
	const inc = env.store.incidentById.get(id);
	if (!inc) return [plain(`Incident ${id} is not in the data.`, 'error')];
	const w = cols - 2;
	const out: Line[] = [];
	const when = inc.endDate
		? `${inc.date} to ${inc.endDate}`
		: inc.date.length === 7
			? `${monthLabel(inc.date, true)} (day unknown)`
			: inc.date;
	out.push([
		{ text: when, style: 'heading' },
		{ text: ` · ${inc.type}`, style: 'heading' },
	]);
	out.push(...wrapped(placeOf(inc, env), w));
	const toll = `Killed: ${inc.fatalities ?? 'no figure recorded'} · Injured: ${inc.injured ?? 'no figure recorded'}`;
	out.push(plain(toll, 'dim'));
	out.push([]);
	out.push(...wrapped(inc.description, w));
	out.push([]);
	out.push(...field('Perpetrators', inc.perpetrators.length ? actorNames(inc.perpetrators, env) : 'unknown', w));
	if (inc.claimedBy) out.push(...field('Claimed by', actorNames([inc.claimedBy], env), w));
	if (inc.targets.length) out.push(...field('Targets', actorNames(inc.targets, env), w));
	if (inc.tags.length) out.push(...field('Tags', inc.tags.join(', '), w));
	if (inc.lat !== undefined && inc.lon !== undefined) out.push(...field('Coordinates', `${inc.lat}, ${inc.lon}`, w));
	out.push(...field('Id', inc.id, w));
	out.push([]);
	out.push(plain('Sources', 'heading'));
	for (const src of inc.sources) {
		if (typeof src === 'string') {
			const art = env.store.articleById.get(src);
			out.push(
				...wrapped(
					art ? `${art.published.slice(0, 10)}  ${art.title} — ${art.source}` : `${src} (article not in the data)`,
					w,
					2,
				),
			);
		} else {
			out.push(...wrapped(`${src.date}  ${src.outlet}${src.title ? ` — ${src.title}` : ''}`, w, 2));
		}
	}
	const linked = env.store.articlesByIncident.get(inc.id) ?? [];
	if (linked.length) {
		out.push([]);
		out.push(plain('Linked articles', 'heading'));
		for (const art of linked) out.push(...wrapped(`${art.published.slice(0, 10)}  ${art.title}`, w, 2));
	}
	return out;
}

export function helpLines(cols: number): Line[] {
	const out: Line[] = [plain('sitrep keys', 'heading'), []];
	const scopes: Scope[] = ['global', 'list', 'timeline', 'detail', 'form', 'overlay'];
	for (const scope of scopes) {
		const bindings = KEYMAP.filter((b) => b.scope === scope).filter((b) => {
			const pane = /^pane\.(\d)$/.exec(b.command);
			return !pane || AVAILABLE_PANES[Number(pane[1]) - 1] !== undefined;
		});
		if (!bindings.length) continue;
		out.push(plain(SCOPE_TITLES[scope], 'heading'));
		for (const b of bindings) {
			const keys = b.keys.map(keyLabel).join(' ');
			out.push([{ text: `  ${keys.padEnd(24)}`, style: 'key' }, { text: b.help }]);
		}
		out.push([]);
	}
	out.push(plain('Incident types', 'heading'));
	for (const [label, desc] of INCIDENT_TYPES) out.push(...wrapped(`${label}: ${desc}`, cols - 2, 2));
	return out;
}

export function problemLines(env: Env, cols: number): Line[] {
	const { errors, warnings } = countBySeverity(env.problems);
	const out: Line[] = [
		plain(`Data problems: ${errors} errors, ${warnings} warnings (sitrep validate lists them too)`, 'heading'),
		[],
	];
	if (env.problems.length === 0) out.push(plain('No problems: every record loaded.', 'ok'));
	for (const p of env.problems) {
		for (const [i, l] of wrap(formatProblem(p), cols - 4).entries()) {
			out.push(plain(`${i === 0 ? '' : '    '}${sanitizeLine(l)}`, p.severity === 'error' ? 'error' : 'warning'));
		}
	}
	return out;
}

export function overlayLines(state: AppState, env: Env): Line[] {
	if (state.overlay?.kind === 'problems') return problemLines(env, state.cols);
	return helpLines(state.cols);
}
