// Saved views from the command line: `sitrep views` lists them, and
// `--view NAME` gives timeline, export and search the view's filter or query,
// so a view saved with `s` in the dashboard answers from a script too.

import type { Resolver } from '../core/resolve.js';
import { sanitizeLine } from '../core/sanitize.js';
import { parseFilter } from '../core/timeline.js';
import { fit } from '../core/width.js';
import type { ConfigHandle, SavedView } from '../io/settings/config.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export function findView(config: ConfigHandle, name: string): SavedView | string {
	const views = config.settings.views ?? [];
	const want = name.trim().toLowerCase();
	const exact = views.find((v) => v.name.toLowerCase() === want);
	if (exact) return exact;
	const partial = views.filter((v) => v.name.toLowerCase().includes(want));
	if (partial.length === 1 && partial[0]) return partial[0];
	const names = (partial.length ? partial : views).map((v) => `"${v.name}"`).join(', ');
	return partial.length
		? `--view: "${name}" matches several views: ${names}`
		: `--view: no saved view "${name}"${views.length ? `; saved: ${names}` : ' (save one with s in the dashboard)'}`;
}

/** The filter flags as given on the command line. */
export interface FilterFlags {
	country: string[];
	actor: string[];
	type: string[];
	since?: string;
	until?: string;
	view?: string;
}

/**
 * The filter with --view's filled in where no flag was given, and the view
 * itself (search takes its query); the exit status when there is no such view.
 */
export function filterWithView(
	config: ConfigHandle,
	flags: FilterFlags,
	command: string,
	ctx: Ctx,
): { filter: Omit<FilterFlags, 'view'>; view?: SavedView } | number {
	let view: SavedView | undefined;
	if (flags.view !== undefined) {
		const found = findView(config, flags.view);
		if (typeof found === 'string') {
			ctx.err(`sitrep ${command}: ${sanitizeLine(found)}`);
			return EXIT.usage;
		}
		view = found;
	}
	const fromView = view ? viewFilter(view) : {};
	const given = (v: string[]) => (v.length ? v : undefined);
	return {
		filter: {
			country: given(flags.country) ?? fromView.country ?? [],
			actor: given(flags.actor) ?? fromView.actor ?? [],
			type: given(flags.type) ?? fromView.type ?? [],
			since: flags.since ?? fromView.since,
			until: flags.until ?? fromView.until,
		},
		...(view ? { view } : {}),
	};
}

/** The filter flags a view stands for; flags given on the command line win. */
export function viewFilter(view: SavedView): {
	country?: string[];
	actor?: string[];
	type?: string[];
	since?: string;
	until?: string;
} {
	const f = view.filter;
	if (!f) return {};
	return {
		...(f.countries.length ? { country: f.countries } : {}),
		...(f.actors.length ? { actor: f.actors } : {}),
		...(f.types.length ? { type: f.types } : {}),
		...(f.since ? { since: f.since } : {}),
		...(f.until ? { until: f.until } : {}),
	};
}

/**
 * The view's filter in search syntax, dates made absolute (a relative since is
 * read against the data as it is now): `country:AF since:2024-12-12`.
 */
export function viewSearchFilters(view: SavedView, resolver: Resolver): string {
	const f = view.filter;
	if (!f) return '';
	const { filter } = parseFilter(resolver, viewFilter(view));
	const q = (v: string) => (/\s/.test(v) ? `"${v}"` : v);
	return [
		...filter.countries.map((c) => `country:${c}`),
		...filter.actors.map((a) => `actor:${q(a)}`),
		...filter.types.map((t) => `type:${q(t)}`),
		...(filter.notCountries ?? []).map((c) => `-country:${c}`),
		...(filter.notActors ?? []).map((a) => `-actor:${q(a)}`),
		...(filter.notTypes ?? []).map((t) => `-type:${q(t)}`),
		...(filter.since ? [`since:${filter.since}`] : []),
		...(filter.until ? [`until:${filter.until}`] : []),
	].join(' ');
}

function describe(v: SavedView): string {
	const f = v.filter;
	const parts = f
		? [
				...f.countries.map((c) => `country:${c}`),
				...f.actors.map((a) => `actor:${a}`),
				...f.types.map((t) => `type:"${t}"`),
				...(f.since ? [`since:${f.since}`] : []),
				...(f.until ? [`until:${f.until}`] : []),
			]
		: [];
	if (v.query) parts.push(`query "${v.query}"`);
	return `${v.pane}, ${v.days}d${parts.length ? `, ${parts.join(' ')}` : ''}`;
}

export function runViews(config: ConfigHandle, json: boolean, ctx: Ctx): number {
	const views = config.settings.views ?? [];
	if (json) {
		ctx.out(terminalJson({ views }));
		return EXIT.ok;
	}
	for (const v of views) ctx.out(`${fit(sanitizeLine(v.name), 28)}  ${sanitizeLine(describe(v))}`);
	if (!views.length) ctx.err('No saved views: press s in the dashboard to save one.');
	return EXIT.ok;
}
