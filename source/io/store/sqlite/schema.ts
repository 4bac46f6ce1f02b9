// The SQLite index's tables (docs/dev/storage.md). It is an index of the data
// directory's JSON, never the data itself: deleting it loses nothing, and a
// different SCHEMA_VERSION means it is rebuilt. Records are kept whole as JSON
// (what a detail view or --json shows) in their own tables, apart from the
// narrow rows that queries filter, sort and sum on (all derived by core rules
// when the record is indexed): a scan of 2.5M incidents then reads ~100 bytes
// a row, not the record's kilobyte.

/** Bump on any change below: an index with another version is rebuilt. */
export const SCHEMA_VERSION = 9;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per data file indexed: what changed is found by size and mtime.
CREATE TABLE IF NOT EXISTS files (
	fid INTEGER PRIMARY KEY,
	path TEXT NOT NULL UNIQUE,          -- relative to the data directory, '/' separated
	kind TEXT NOT NULL,                 -- incidents | articles | actors | countries
	size INTEGER NOT NULL,
	mtime_ms REAL NOT NULL,
	records INTEGER NOT NULL,
	problems TEXT NOT NULL DEFAULT '[]', -- JSON array of core Problem records found in it
	duplicates INTEGER NOT NULL DEFAULT 0, -- records skipped as another file's ids: an update then builds anew
	body_tokens INTEGER NOT NULL DEFAULT 0 -- its records' share of search_stats' body_tokens
);

CREATE TABLE IF NOT EXISTS incidents (
	rid INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	fid INTEGER NOT NULL,
	date TEXT NOT NULL,                 -- as recorded: YYYY-MM-DD or YYYY-MM
	first_day TEXT NOT NULL,            -- core/dates firstDay(date)
	last_day TEXT NOT NULL,             -- core/dates lastDay(endDate ?? date)
	day TEXT NOT NULL,                  -- core/risk effectiveDay (a month-only date: its 15th)
	country TEXT NOT NULL,
	type TEXT NOT NULL,
	killed INTEGER,                     -- core/fatalities killed(); NULL when no toll is reported
	base REAL NOT NULL,                 -- core/risk basePoints(): points before recency and scale
	machine INTEGER NOT NULL,           -- 1 when machineCoded
	aset INTEGER NOT NULL               -- actor_sets.sid of its perpetrators and claimant; 0 when none is an actor
);
-- The record as validated, by incidents.rid.
CREATE TABLE IF NOT EXISTS incident_docs (rid INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS incidents_fid ON incidents (fid);

-- Who took part, by role: perpetrator | claimant | target (an actor in two roles: two rows),
-- with the incident's recorded date (an actor's newest incident is the end of its key range).
CREATE TABLE IF NOT EXISTS incident_actors (
	actor TEXT NOT NULL,
	role TEXT NOT NULL,
	rid INTEGER NOT NULL,
	date TEXT NOT NULL,
	PRIMARY KEY (actor, role, date, rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_actors_rid ON incident_actors (rid);

CREATE TABLE IF NOT EXISTS articles (
	rid INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	fid INTEGER NOT NULL,
	published TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_docs (rid INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published DESC, id);
-- Search's filters-only list, newest day first (its exact ORDER BY).
CREATE INDEX IF NOT EXISTS articles_day ON articles (substr(published, 1, 10) DESC, id);
CREATE INDEX IF NOT EXISTS articles_fid ON articles (fid);

-- An article's actors, countries and the incidents it is a source of: kind actor | country | incident;
-- and for search's type: and source: filters, kind tag | outlet with ref = core/fold squash() of the tag or outlet.
CREATE TABLE IF NOT EXISTS article_refs (
	kind TEXT NOT NULL,
	ref TEXT NOT NULL,
	rid INTEGER NOT NULL,
	PRIMARY KEY (kind, ref, rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_refs_rid ON article_refs (rid);

-- The outlets an incident cites by name (not by article id), for search's source: filter and outlets().
CREATE TABLE IF NOT EXISTS incident_outlets (
	key TEXT NOT NULL,                  -- core/fold squash(name)
	name TEXT NOT NULL,
	rid INTEGER NOT NULL,
	PRIMARY KEY (key, rid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_outlets_rid ON incident_outlets (rid);

-- Search's words as core/tokenize cuts them (not as FTS5 does), with the documents holding each,
-- and search_stats' body_tokens: what core's ranking weighs by (core/search/candidates.ts).
CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_stats (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- Core's postings per word, kind (0 article, 1 incident) and data file (io/store/sqlite/searchPostings.ts):
-- a query of words is ranked from these, and only its results' records are read.
CREATE TABLE IF NOT EXISTS search_postings (term TEXT NOT NULL, kind INTEGER NOT NULL, fid INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS search_postings_term ON search_postings (term, kind);
CREATE INDEX IF NOT EXISTS search_postings_fid ON search_postings (fid);
-- Each file's share of search_terms' df: what taking the file out subtracts.
CREATE TABLE IF NOT EXISTS file_terms (
	fid INTEGER NOT NULL,
	term TEXT NOT NULL,
	df INTEGER NOT NULL,
	PRIMARY KEY (fid, term)
) WITHOUT ROWID;

-- Each file's incidents counted by country, location and province ('' when missing): the places
-- the palette offers (core/placeNames.ts), a few thousand rows where the incidents are millions.
CREATE TABLE IF NOT EXISTS incident_places (
	fid INTEGER NOT NULL,
	country TEXT NOT NULL,
	location TEXT NOT NULL,
	admin1 TEXT NOT NULL,
	incidents INTEGER NOT NULL,
	PRIMARY KEY (fid, country, location, admin1)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, fid INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS countries (code TEXT PRIMARY KEY, fid INTEGER NOT NULL, json TEXT NOT NULL);

-- Per country and day (the effective day), kept with every write: what risk scores sum.
CREATE TABLE IF NOT EXISTS country_days (
	country TEXT NOT NULL,
	day TEXT NOT NULL,
	machine INTEGER NOT NULL,
	incidents INTEGER NOT NULL,
	killed INTEGER NOT NULL,            -- sum of killed, NULL counted as 0
	base REAL NOT NULL,                 -- sum of base
	PRIMARY KEY (country, day, machine)
) WITHOUT ROWID;
-- The same per key an incident counts under in a risk row (core/riskPoints riskKeysOf: kind type |
-- actor | mass-casualty | cross-border | officials | foreigners | untolled): a row's tags without its records.
CREATE TABLE IF NOT EXISTS country_keys (
	country TEXT NOT NULL,
	day TEXT NOT NULL,
	machine INTEGER NOT NULL,
	kind TEXT NOT NULL,
	key TEXT NOT NULL,                  -- the type or actor id; '' for the other kinds
	incidents INTEGER NOT NULL,
	killed INTEGER NOT NULL,
	base REAL NOT NULL,
	PRIMARY KEY (country, day, machine, kind, key)
) WITHOUT ROWID;

-- Per country, type, recorded date and last day (incidents' columns), each also summed over every
-- country and over every type (country or type ''): what the Timeline's count and per-date chart of a
-- filter by countries, types and dates read, a few thousand rows where the incidents are millions.
CREATE TABLE IF NOT EXISTS filter_dates (
	country TEXT NOT NULL,
	type TEXT NOT NULL,
	date TEXT NOT NULL,
	last_day TEXT NOT NULL,
	incidents INTEGER NOT NULL,
	killed INTEGER NOT NULL,            -- sum of killed, NULL counted as 0
	untolled INTEGER NOT NULL,          -- incidents with killed NULL
	PRIMARY KEY (country, type, date, last_day)
) WITHOUT ROWID;

-- Each set of actors some incident has as its perpetrators and claimant (those that are actors),
-- as a JSON array sorted by id. An actor filter is the sets holding one of its actors: an incident
-- then counts once however many of them it names, and its rows are those of incidents.aset.
CREATE TABLE IF NOT EXISTS actor_sets (sid INTEGER PRIMARY KEY, actors TEXT NOT NULL UNIQUE);
-- Per actor set (aset > 0), country, recorded date and last day: what the Timeline's count and
-- per-date chart of a filter with actors read — a few thousand rows per set and country, where the
-- actors' incidents are hundreds of thousands. Not per type, which would make it nearly as long as the
-- incidents (a filter with actors and types reads the types' order index), nor summed over countries
-- (a set's countries are few; each cell costs the build).
CREATE TABLE IF NOT EXISTS actor_dates (
	sid INTEGER NOT NULL,
	country TEXT NOT NULL,
	date TEXT NOT NULL,
	last_day TEXT NOT NULL,
	incidents INTEGER NOT NULL,
	killed INTEGER NOT NULL,
	untolled INTEGER NOT NULL,
	PRIMARY KEY (sid, country, date, last_day)
) WITHOUT ROWID;

-- Per actor and effective day, kept with every write: the Actors pane's window (incidents in any
-- role, their dead, and how many as perpetrator or claimant, and as target) without the incidents.
CREATE TABLE IF NOT EXISTS actor_days (
	day TEXT NOT NULL,
	actor TEXT NOT NULL,
	incidents INTEGER NOT NULL,
	killed INTEGER NOT NULL,            -- sum of killed, NULL counted as 0
	perpetrator INTEGER NOT NULL,       -- incidents as perpetrator or claimant (core/store tallyRoles)
	target INTEGER NOT NULL,
	PRIMARY KEY (day, actor)
) WITHOUT ROWID;

-- Full text: rowid = articles.rid / incidents.rid. Contentless (the text is in json), with deletes.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
	title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
-- An incident's title is core/search incidentTitle (type, place, country name): the line search ranks first.
CREATE VIRTUAL TABLE IF NOT EXISTS incidents_fts USING fts5 (
	title, description, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
`;

/**
 * The incidents' order and filter indexes, made after a full build has loaded
 * the rows (faster than keeping them up as rows come in). Each covers the
 * columns the Timeline's filters read (io/store/sqlite/backend.ts), so a
 * filter walks one index and never looks up the table row by row.
 */
export const INCIDENT_INDEXES_SQL = `
-- Newest first: the Timeline's order, and its per-date counts.
CREATE INDEX IF NOT EXISTS incidents_date ON incidents (date DESC, id, killed, country, type, last_day, aset);
-- One country's, newest first: a country filter, a risk window.
CREATE INDEX IF NOT EXISTS incidents_country_date ON incidents (country, date DESC, id, killed, day, machine, type, last_day, aset);
CREATE INDEX IF NOT EXISTS incidents_type_date ON incidents (type, date DESC, id, killed, country, last_day, aset);
-- Search's filters-only list, the first day covered newest first (its exact ORDER BY).
CREATE INDEX IF NOT EXISTS incidents_first_day ON incidents (first_day DESC, id);
-- Deadliest first, the untolled last: the toll sort's exact ORDER BY.
CREATE INDEX IF NOT EXISTS incidents_toll ON incidents (killed IS NULL, killed DESC, date DESC, id, country, type, last_day, aset);
`;
