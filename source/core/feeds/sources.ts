// The sources `sitrep fetch` pulls from, as feeds.json in the data directory
// holds them: one schema gives the type, the checks on read and the published
// JSON Schema (data/schema/feeds.schema.json). Credentials are never here:
// UCDP's token and ACLED's account come from the environment.
import * as z from 'zod';

export const FEED_KINDS = ['rss', 'atom', 'gdelt-events', 'ucdp', 'acled'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** What each kind brings in, for help and `feeds list`. */
export const FEED_KIND_ABOUT: Record<FeedKind, string> = {
	rss: 'an RSS 2.0 or RSS 1.0 (RDF) feed: articles',
	atom: 'an Atom 1.0 feed: articles',
	'gdelt-events': 'GDELT 2.0 Events (lastupdate.txt): machine-coded incidents, not counted in risk unless asked',
	ucdp: 'UCDP GED or Candidate (a CSV file, or the API with UCDP_ACCESS_TOKEN): incidents',
	acled: "the ACLED API with the analyst's own account from the environment: incidents",
};

/** How often a kind is fetched when the source does not say. */
export const DEFAULT_EVERY: Record<FeedKind, string> = {
	rss: '15m',
	atom: '15m',
	'gdelt-events': '15m',
	ucdp: '1d',
	acled: '1d',
};

/** Where GDELT publishes the name of its newest 15-minute files. */
export const GDELT_LASTUPDATE = 'http://data.gdeltproject.org/gdeltv2/lastupdate.txt';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** "15m", "2h", "1d", "90s", "1w" in milliseconds; undefined when not one of those. */
export function parseEvery(text: string): number | undefined {
	const m = /^\s*(\d+)\s*([smhdw])\s*$/.exec(text);
	if (!m) return undefined;
	const n = Number(m[1]);
	const ms = n * UNIT_MS[m[2] as keyof typeof UNIT_MS];
	return n > 0 ? ms : undefined;
}

const name = z
	.string()
	.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
		error: 'a name of up to 40 lowercase letters, digits, "-" or "_", starting with a letter or digit',
	})
	.describe('What the source is called in commands and reports (also its file name: articles/feed-NAME.jsonl).');

const every = z
	.string()
	.refine((s) => parseEvery(s) !== undefined && (parseEvery(s) ?? 0) >= 60_000, {
		error: 'an interval of at least a minute: 15m, 2h, 1d',
	})
	.describe('How often it is due: 15m, 2h, 1d (at least 1m).');

const httpUrl = z
	.string()
	.refine(
		(s) => {
			try {
				const u = new URL(s);
				return u.protocol === 'http:' || u.protocol === 'https:';
			} catch {
				return false;
			}
		},
		{ error: 'an http:// or https:// URL' },
	)
	.describe('Where it is fetched from (http or https only).');

export const feedSourceSchema = z
	.strictObject({
		name,
		kind: z.enum(FEED_KINDS, { error: `one of: ${FEED_KINDS.join(', ')}` }),
		url: httpUrl,
		every: every.optional(),
		countries: z
			.array(z.string().regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 code such as "PK"' }))
			.optional()
			.describe(
				'Keep only what concerns these countries (ISO codes). GDELT: the events placed there (default: the countries in the data).',
			),
		match: z
			.array(z.string().min(1))
			.optional()
			.describe('Keep only items whose title or text has one of these words or phrases (any case, any accents).'),
		outlet: z
			.string()
			.min(1)
			.optional()
			.describe("The outlet named on each article (default: the feed's own title, else the source's name)."),
		full: z
			.boolean()
			.optional()
			.describe("Fetch each new item's page and keep its article text (capped), not only the feed's summary."),
		allowPrivate: z
			.boolean()
			.optional()
			.describe('Allow an address on this machine or a private network (refused otherwise).'),
		rootCodes: z
			.array(z.string().regex(/^\d{2}$/, { error: 'a two-digit CAMEO root code such as "18"' }))
			.optional()
			.describe('GDELT: the CAMEO root codes kept (default 18, 19, 20: assault, fight, mass violence).'),
	})
	.describe('One source sitrep fetch pulls from.');

export type FeedSource = z.output<typeof feedSourceSchema>;

export const feedsFileSchema = z
	.strictObject({
		$schema: z.string().optional().describe('Path to the JSON Schema, for editors.'),
		feeds: z.array(feedSourceSchema).superRefine((list, ctx) => {
			const seen = new Map<string, number>();
			list.forEach((f, i) => {
				const first = seen.get(f.name);
				if (first !== undefined) {
					ctx.addIssue({
						code: 'custom',
						path: [i, 'name'],
						input: f.name,
						message: `a name not used before (feeds[${first}] is "${f.name}" too)`,
					});
				} else seen.set(f.name, i);
			});
		}),
	})
	.describe("The sources of a data directory's feeds.json (managed by sitrep feeds add|remove).");

export type FeedsFile = z.output<typeof feedsFileSchema>;

/** How often a source is due, in ms. */
export function everyMs(source: FeedSource): number {
	return parseEvery(source.every ?? DEFAULT_EVERY[source.kind]) ?? 15 * 60_000;
}

/** When a source is next due, given when it was last tried (ISO); now when never tried. */
export function dueAt(source: FeedSource, lastAttempt: string | undefined): number {
	const last = lastAttempt ? Date.parse(lastAttempt) : Number.NaN;
	return Number.isNaN(last) ? 0 : last + everyMs(source);
}

/** The file new articles of a source go to, relative to the data directory. */
export function articleFileOf(source: FeedSource): string {
	return `articles/feed-${source.name}.jsonl`;
}

/** The file new incidents of a source go to. */
export function incidentFileOf(source: FeedSource): string {
	return `incidents/feed-${source.name}.jsonl`;
}
