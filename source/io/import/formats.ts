// The CSV layouts sitrep imports and how a row of each becomes an incident.
// Columns are looked up by header name, so older exports with extra or
// reordered columns work; a missing required column stops the import before
// any row is read.

import { tollFromEstimates } from '../../core/fatalities.js';
import type { Incident } from '../../core/schema.js';
import type { ActorMerger, Resolved } from './actors.js';
import { countryCode } from './countries.js';
import type { CsvRow } from './csvRows.js';
import { parseCoordinate, parseCount, parseEventDate, RowError, splitList, textCell } from './fields.js';
import { acledType, ucdpType, VIOLENCE } from './types.js';

export interface MapContext {
	merger: ActorMerger;
	/** Countries seen, with the region the file gives them (for new country records). */
	countries: Map<string, string | undefined>;
}

export interface Format {
	name: 'acled' | 'ucdp';
	dataset: string;
	/** Where new incidents go, relative to the data dir. */
	newFile: string;
	/** Columns without which no row can be mapped (any one of each group). */
	required: string[][];
	detect(header: Set<string>): boolean;
	map(row: CsvRow, ctx: MapContext): Record<string, unknown>;
}

function need(row: CsvRow, ...columns: string[]): string {
	for (const c of columns) {
		const v = textCell(row.get(c));
		if (v !== undefined) return v;
	}
	throw new RowError(`${columns.join(' / ')} is empty`);
}

function country(row: CsvRow, hints: Parameters<typeof countryCode>[0], ctx: MapContext): string {
	const code = countryCode(hints);
	if (!code) {
		const shown = hints.name ?? hints.alpha3 ?? hints.numeric ?? hints.gw ?? '';
		throw new RowError(`country "${shown}" is not one sitrep knows (expected a country name or code)`);
	}
	if (!ctx.countries.has(code)) ctx.countries.set(code, textCell(row.get('region')));
	return code;
}

function ids(list: (Resolved | undefined)[]): { ids: string[]; labels: string[] } {
	const out = { ids: [] as string[], labels: [] as string[] };
	for (const r of list) {
		if (!r) continue;
		if ('id' in r) {
			if (!out.ids.includes(r.id)) out.ids.push(r.id);
		} else if (!out.labels.includes(r.label)) out.labels.push(r.label);
	}
	return out;
}

/** Optional fields are left out rather than written as empty. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
	for (const [k, v] of Object.entries(record)) {
		if (v === undefined || (Array.isArray(v) && v.length === 0 && k !== 'perpetrators' && k !== 'targets')) {
			delete record[k];
		}
	}
	return record;
}

export const ACLED: Format = {
	name: 'acled',
	dataset: 'ACLED',
	newFile: 'incidents/acled.jsonl',
	required: [['event_id_cnty'], ['event_date'], ['event_type'], ['country', 'iso', 'iso3'], ['actor1']],
	detect: (h) => h.has('event_id_cnty') || (h.has('event_type') && h.has('actor1')),
	map(row, ctx) {
		const ref = need(row, 'event_id_cnty');
		const date = parseEventDate(row.get('event_date'), 'event_date');
		const code = country(
			row,
			{ name: textCell(row.get('country')), numeric: textCell(row.get('iso')), alpha3: textCell(row.get('iso3')) },
			ctx,
		);
		const fatalities = parseCount(row.get('fatalities'), 'fatalities');
		const lat = parseCoordinate(row.get('latitude'), 'latitude', 90);
		const lon = parseCoordinate(row.get('longitude'), 'longitude', 180);
		const eventType = textCell(row.get('event_type'));
		const type = acledType(eventType, textCell(row.get('sub_event_type')));
		const where = { country: code, date, dataset: 'ACLED', ref };
		const side = (n: 1 | 2) =>
			ids(
				[textCell(row.get(`actor${n}`)), ...splitList(row.get(`assoc_actor_${n}`))].map((name) =>
					name ? ctx.merger.resolve(name, where) : undefined,
				),
			);
		const a = side(1);
		const b = side(2);
		// In a battle both sides fight; elsewhere actor1 acts on actor2.
		const battle = eventType?.toLowerCase() === 'battles';
		const perpetrators = battle ? [...a.ids, ...b.ids.filter((id) => !a.ids.includes(id))] : a.ids;
		const targets = battle ? [] : [...b.ids, ...b.labels];
		const notes = textCell(row.get('notes'));
		const location = textCell(row.get('location'));
		const admin2 = textCell(row.get('admin2'));
		const place = [location, admin2 !== location ? admin2 : undefined].filter(Boolean).join(', ');
		const tags = [
			'acled',
			...a.labels.filter((l) => l !== 'civilians'),
			...(row.get('civilian_targeting')?.trim() ? ['civilian targeting'] : []),
			...(Number(row.get('time_precision')) >= 2 ? ['approximate date'] : []),
			...(Number(row.get('geo_precision')) >= 3 ? ['approximate location'] : []),
		];
		return compact({
			id: `acled-${ref.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`,
			date,
			country: code,
			admin1: textCell(row.get('admin1')),
			location: place || undefined,
			lat,
			lon,
			type,
			perpetrators,
			targets,
			fatalities,
			description:
				notes ?? `${eventType ?? 'Event'}: ${textCell(row.get('sub_event_type')) ?? ''} (no notes in the file)`,
			sources: [
				{ dataset: 'ACLED', ref, ...(textCell(row.get('source')) ? { cited: textCell(row.get('source')) } : {}) },
			],
			tags: [...new Set(tags)],
		});
	},
};

export const UCDP: Format = {
	name: 'ucdp',
	dataset: 'UCDP GED',
	newFile: 'incidents/ucdp.jsonl',
	required: [['id'], ['date_start'], ['type_of_violence'], ['country', 'country_id', 'iso3'], ['side_a']],
	detect: (h) => h.has('type_of_violence') || (h.has('relid') && h.has('side_a')),
	map(row, ctx) {
		const ref = need(row, 'id');
		if (!/^\d+(\.\d+)?$/.test(ref)) throw new RowError(`id "${ref}" is not a UCDP event id (a number)`);
		const date = parseEventDate(row.get('date_start'), 'date_start');
		const endCell = textCell(row.get('date_end'));
		const endDate = endCell ? parseEventDate(endCell, 'date_end') : undefined;
		if (endDate && endDate < date) throw new RowError(`date_end ${endDate} is before date_start ${date}`);
		const code = country(
			row,
			{ name: textCell(row.get('country')), alpha3: textCell(row.get('iso3')), gw: textCell(row.get('country_id')) },
			ctx,
		);
		// UCDP's best estimate with its low and high ends (UCDP GED: best, low, high; the older API: *_est).
		const estimate = (name: string) =>
			parseCount(row.get(name) ?? row.get(`${name}_est`), row.get(name) !== undefined ? name : `${name}_est`);
		let fatalities: Incident['fatalities'];
		try {
			fatalities = tollFromEstimates(estimate('best'), estimate('low'), estimate('high'));
		} catch (err) {
			throw new RowError((err as Error).message);
		}
		const lat = parseCoordinate(row.get('latitude'), 'latitude', 90);
		const lon = parseCoordinate(row.get('longitude'), 'longitude', 180);
		const violence = textCell(row.get('type_of_violence')) ?? '';
		const kind = VIOLENCE[violence as keyof typeof VIOLENCE];
		if (!kind) throw new RowError(`type_of_violence "${violence}" is not 1, 2 or 3`);
		const headline = textCell(row.get('source_headline'));
		const where = { country: code, date, dataset: 'UCDP GED', ref };
		const a = ids([ctx.merger.resolve(row.get('side_a') ?? '', where)]);
		const b = ids([ctx.merger.resolve(row.get('side_b') ?? '', where)]);
		// State-based and non-state violence has two fighting sides; one-sided violence has a perpetrator and victims.
		const perpetrators = kind === 'one-sided' ? a.ids : [...a.ids, ...b.ids.filter((id) => !a.ids.includes(id))];
		const targets = kind === 'one-sided' ? [...b.ids, ...b.labels] : [];
		const placeName = textCell(row.get('where_coordinates'));
		const dyad = textCell(row.get('dyad_name')) ?? textCell(row.get('conflict_name'));
		const whereText = textCell(row.get('where_description'));
		const description =
			headline ??
			`${dyad ?? 'UCDP event'} (${kind} violence)${whereText ? `: ${whereText}` : placeName ? ` at ${placeName}` : ''}.`;
		const office = textCell(row.get('source_office'));
		let officeDate: string | undefined;
		try {
			officeDate = office ? parseEventDate(row.get('source_date'), 'source_date') : undefined;
		} catch {
			officeDate = undefined;
		}
		const sources: Record<string, unknown>[] = [
			{
				dataset: 'UCDP GED',
				ref,
				...(textCell(row.get('source_article')) ? { cited: textCell(row.get('source_article')) } : {}),
			},
		];
		if (office && officeDate)
			sources.push({ outlet: office, date: officeDate, ...(headline ? { title: headline } : {}) });
		const tags = [
			'ucdp',
			`${kind} violence`,
			...(Number(row.get('date_prec')) >= 4 ? ['approximate date'] : []),
			...(Number(row.get('where_prec')) >= 4 ? ['approximate location'] : []),
		];
		return compact({
			id: `ucdp-${ref.replace(/\./g, '-')}`,
			date,
			endDate: endDate && endDate !== date ? endDate : undefined,
			country: code,
			admin1: textCell(row.get('adm_1')),
			location: placeName,
			lat,
			lon,
			type: ucdpType(violence, headline),
			perpetrators,
			targets,
			fatalities,
			description,
			sources,
			tags,
		});
	},
};

export const FORMATS = [ACLED, UCDP];
