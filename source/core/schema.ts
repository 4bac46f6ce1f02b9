// The one source of truth for record shapes: zod schemas give the TypeScript
// types, the loader's validation and (via z.toJSONSchema) the published
// JSON Schemas under data/schema/.
import * as z from 'zod';
import { feedsFileSchema } from './feeds/sources.js';
import {
	ACTOR_KINDS,
	AFFILIATION_RELATIONS,
	checkToll,
	incidentTypeLabels,
	isRealDate,
	KINDS,
	type Kind,
	singular,
} from './schemaBase.js';

// The vocabularies and helpers without zod live in schemaBase.ts; imported from here too.
export {
	ACTOR_KINDS,
	type ActorKind,
	AFFILIATION_RELATIONS,
	INCIDENT_TYPES,
	type IncidentType,
	incidentTypeLabels,
	isRealDate,
	KINDS,
	type Kind,
	outletOf,
	singular,
} from './schemaBase.js';

const id = z
	.string()
	.regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'an id of lowercase letters, digits, ".", "_" or "-"' })
	.describe('Stable identifier: lowercase letters, digits, ".", "_" and "-".');

const countryCode = z
	.string()
	.regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 country code such as "AF"' })
	.describe('ISO 3166-1 alpha-2 country code, upper case (AF, PK, IR...).');

const dayOrMonth = z
	.string()
	.regex(/^\d{4}-\d{2}(-\d{2})?$/, { error: 'a date YYYY-MM-DD, or YYYY-MM when only the month is known' })
	.refine(isRealDate, { error: 'a real calendar date (YYYY-MM-DD or YYYY-MM)' })
	.describe('YYYY-MM-DD, or YYYY-MM when only the month is known.');

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, {
		error: 'an ISO date YYYY-MM-DD (optionally with a time)',
	})
	.refine((s) => isRealDate(s.slice(0, 10)), { error: 'a real calendar date YYYY-MM-DD' })
	.describe('ISO 8601 date YYYY-MM-DD, optionally followed by a time.');

const yearMonthOrDay = z
	.string()
	.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: 'a date YYYY, YYYY-MM or YYYY-MM-DD' })
	.refine((s) => (s.length === 4 ? Number(s) >= 1000 : isRealDate(s)), { error: 'a real calendar date' })
	.describe('YYYY, YYYY-MM or YYYY-MM-DD.');

const text = z.string().min(1, { error: 'a non-empty string' });
const tags = z.array(text).default([]).describe('Free-form labels, lower case by convention.');
const schemaRef = z.string().optional().describe('Path to the JSON Schema, for editors.');

export const articleSchema = z
	.strictObject({
		$schema: schemaRef,
		id,
		title: text,
		published: day,
		source: text.describe('The outlet that published the article.'),
		url: z.url({ error: 'an absolute URL' }).optional(),
		author: text.optional(),
		countries: z.array(countryCode).default([]),
		actors: z.array(id).default([]).describe('Ids of actors the article is about.'),
		tags,
		summary: text.optional(),
		body: text.describe('Full text; paragraphs separated by a blank line.'),
	})
	.describe('A news article or analysis piece.');

export const sourceRefSchema = z.union(
	[
		id.describe('Id of an article in this data set.'),
		z.strictObject({
			outlet: text,
			date: day,
			title: text.optional(),
			url: z.url({ error: 'an absolute URL' }).optional(),
		}),
		z
			.strictObject({
				dataset: text.describe('The data set the record was imported from: "ACLED", "UCDP GED"...'),
				ref: text.describe("The record's id in that data set."),
				cited: text.optional().describe('The sources the data set cites, as it gives them.'),
			})
			.describe('A record imported from an event data set.'),
	],
	{ error: 'an article id, an object {"outlet", "date"} or {"dataset", "ref"}' },
);

const toll = z.int().min(0);

export const fatalityReportSchema = z
	.strictObject({
		figure: toll.describe('The number killed this report gave (its lower figure when it gave a range).'),
		upTo: toll.optional().describe('The upper figure, when the report itself gave a range ("12 to 15").'),
		by: text.describe('Who gave the figure: "Pakistani officials", "Amnesty International", "the BLA (claim)".'),
		outlet: text.describe('The outlet or data set that reported it.'),
		date: day,
	})
	.superRefine((r, ctx) => {
		if (r.upTo !== undefined && r.upTo < r.figure) {
			ctx.addIssue({
				code: 'custom',
				path: ['upTo'],
				input: r.upTo,
				message: `"upTo" ≥ "figure" (${r.figure})`,
			});
		}
	})
	.describe('One figure for the killed, and who gave it.');

export const fatalityRangeSchema = z
	.strictObject({
		best: toll.optional().describe('The best estimate: the figure counted in sums and risk.'),
		low: toll.optional().describe('The lowest credible figure; counted when there is no best estimate.'),
		high: toll.optional().describe('The highest credible figure.'),
		reports: z
			.array(fatalityReportSchema)
			.min(1, { error: 'at least one report (or leave "reports" out)' })
			.optional()
			.describe('Who gave which figure.'),
		note: text.optional().describe('Why the figures differ, or what is counted ("attackers not counted").'),
	})
	.superRefine((f, ctx) => {
		checkToll(f, (path, input, message) => ctx.addIssue({ code: 'custom', path: path ? [path] : [], input, message }));
	})
	.describe('Killed, as estimated: a best estimate and/or a low–high range, with who reported which figure.');

/** Killed: one agreed figure, or an estimate with a range and its reports (core/fatalities.ts reads both). */
export const fatalitiesSchema = z
	.union([toll.describe('Killed, one figure the reports agree on (the same as {"best": n}).'), fatalityRangeSchema], {
		error: 'a whole number ≥ 0, or an object {"best", "low", "high", "reports", "note"}',
	})
	.describe('Killed, as reported; leave out when unknown.');

export const incidentSchema = z
	.strictObject({
		$schema: schemaRef,
		id,
		date: dayOrMonth,
		endDate: dayOrMonth.optional(),
		country: countryCode,
		admin1: text.optional().describe('Province or state.'),
		location: text.optional().describe('City, district or place.'),
		lat: z.number().min(-90).max(90).optional(),
		lon: z.number().min(-180).max(180).optional(),
		type: z.enum(incidentTypeLabels, { error: `one of: ${incidentTypeLabels.join(', ')}` }),
		perpetrators: z.array(id).default([]).describe('Actor ids; empty when unknown.'),
		targets: z.array(text).default([]).describe('Actor ids, or a short text for targets that are not actors.'),
		fatalities: fatalitiesSchema.optional(),
		injured: z.int().min(0).optional(),
		claimedBy: id.optional().describe('Actor id of the group that claimed responsibility.'),
		description: text,
		sources: z.array(sourceRefSchema).min(1, { error: 'at least one source' }),
		tags,
		machineCoded: z
			.literal(true, { error: 'true, or leave it out' })
			.optional()
			.describe('Coded by software from news text (GDELT), not by people: not counted in risk scores unless asked'),
	})
	.describe('A dated security incident.');

export const affiliationSchema = z.strictObject({
	actor: id,
	relation: z
		.enum(AFFILIATION_RELATIONS, { error: `one of: ${AFFILIATION_RELATIONS.join(', ')}` })
		.describe('parent: this actor is part of that one; member: a person in that group; ally; rival.'),
	role: text.optional().describe('For members: the role or post held.'),
	since: yearMonthOrDay.optional(),
	until: yearMonthOrDay.optional(),
});

export const actorSchema = z
	.strictObject({
		$schema: schemaRef,
		id,
		name: text,
		short: text.optional().describe('Short name for tables and lists, e.g. "ISKP".'),
		aliases: z.array(text).default([]),
		weakAliases: z
			.array(text)
			.optional()
			.describe(
				'Aliases that are also a family name or otherwise ambiguous ("Haqqani"): they find the actor in filters and lookups, but the linker never links on one alone.',
			),
		kind: z.enum(ACTOR_KINDS, { error: `one of: ${ACTOR_KINDS.join(', ')}` }),
		affiliations: z.array(affiliationSchema).default([]),
		countries: z
			.array(countryCode)
			.default([])
			.describe('Where the actor is based or operates; the first is its main country.'),
		status: text.optional().describe('e.g. active, defunct, deceased, killed 2024-12-11.'),
		summary: text,
		firstActive: yearMonthOrDay.optional(),
		lastActive: yearMonthOrDay.optional(),
	})
	.superRefine((a, ctx) => {
		a.weakAliases?.forEach((w, i) => {
			if (!a.aliases.includes(w)) {
				ctx.addIssue({ code: 'custom', path: ['weakAliases', i], input: w, message: 'one of the actor\'s "aliases"' });
			}
		});
	})
	.describe('A group, person, state or organisation.');

export const countrySchema = z
	.strictObject({
		$schema: schemaRef,
		code: countryCode,
		name: text,
		region: text,
		population: z
			.strictObject({
				count: z.int().min(1),
				year: z.int().min(1900).max(2200),
				source: text,
			})
			.optional()
			.describe('People living there, for rates per 100,000: a count, the year it is for, and who estimated it.'),
		notes: text.optional(),
		tags: z.array(text).default([]).describe('Manual risk tags that analysts want shown.'),
	})
	.describe('A country.');

export type Article = z.output<typeof articleSchema>;
export type Incident = z.output<typeof incidentSchema>;
export type Actor = z.output<typeof actorSchema>;
export type Country = z.output<typeof countrySchema>;
export type SourceRef = z.output<typeof sourceRefSchema>;
export type Fatalities = z.output<typeof fatalitiesSchema>;
export type FatalityRange = z.output<typeof fatalityRangeSchema>;
export type FatalityReport = z.output<typeof fatalityReportSchema>;
export type Affiliation = z.output<typeof affiliationSchema>;

export const recordSchemas = {
	articles: articleSchema,
	incidents: incidentSchema,
	actors: actorSchema,
	countries: countrySchema,
} as const;

/** A data file is a bare array of records, or {"$schema", "<kind>": [...]}. */
export function fileSchema(kind: Kind) {
	const record = recordSchemas[kind];
	return z.union([z.array(record), z.strictObject({ $schema: schemaRef, [kind]: z.array(record) })]);
}

/** The JSON Schemas published under data/schema/ (file name -> schema). */
export function publishedSchemas(): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const kind of KINDS) {
		out[`${singular[kind]}.schema.json`] = z.toJSONSchema(recordSchemas[kind], { io: 'input' });
		out[`${kind}.schema.json`] = z.toJSONSchema(fileSchema(kind), { io: 'input' });
	}
	// Not records: the sources `sitrep fetch` pulls from (feeds.json in the data directory).
	out['feeds.schema.json'] = z.toJSONSchema(feedsFileSchema, { io: 'input' });
	return out;
}
