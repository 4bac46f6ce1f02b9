// search_terms and search_stats (schema.ts) kept with every write: the words
// of the records added, cut by core's own search build, so the index's
// vocabulary and document frequencies are the in-memory engine's. Each file's
// share is kept too (file_terms, files.body_tokens): taking a file out
// subtracts it, where cutting its records up again cost an update seconds.
import type { Article, Country, Incident } from '../../../core/schema.js';
import { buildSteps } from '../../../core/search/build.js';
import { drain } from '../../../core/slices.js';
import type { Db } from './open.js';
import { RowBuffer } from './rowBuffer.js';
import { PostingWriter } from './searchPostings.js';

/** Records tokenized at once: a small index each, freed before the next. */
const CHUNK = 4096;

/** Words counted from the records a file adds, written by flush(). */
export class TermCounts {
	private readonly df = new Map<string, number>();
	private bodyTokens = 0;
	private articles: Article[] = [];
	private incidents: Incident[] = [];
	private articleRids: number[] = [];
	private incidentRids: number[] = [];
	private fid = 0;
	private readonly postings: PostingWriter | undefined;

	constructor(
		private readonly countries: () => readonly Country[],
		/** The database records added have their postings written to (search_postings). */
		db?: () => Db,
	) {
		this.postings = db ? new PostingWriter(db) : undefined;
	}

	/** `rid` and `fid`: the record's row and file, when its postings are written (records added). */
	add(rec: Article | Incident, rid = 0, fid = 0): void {
		if (fid !== this.fid) {
			this.count();
			this.fid = fid;
		}
		if ('published' in rec) {
			this.articles.push(rec);
			this.articleRids.push(rid);
		} else {
			this.incidents.push(rec);
			this.incidentRids.push(rid);
		}
		if (this.articles.length + this.incidents.length >= CHUNK) this.count();
	}

	private count(): void {
		if (this.articles.length + this.incidents.length === 0) return;
		const steps = buildSteps(
			this.articles,
			this.incidents,
			{ countries: this.countries() },
			Number.POSITIVE_INFINITY,
			false,
		);
		const ix = drain(steps);
		ix.vocab.terms.forEach((term, id) => {
			const n = ix.df[id] ?? 0;
			if (n > 0) this.df.set(term, (this.df.get(term) ?? 0) + n);
		});
		for (const n of ix.bodyTokens) this.bodyTokens += n;
		this.postings?.add(ix, [...this.articleRids, ...this.incidentRids], this.fid);
		this.articles = [];
		this.incidents = [];
		this.articleRids = [];
		this.incidentRids = [];
	}

	/** Adds file `fid`'s words to the totals, and keeps them as its own so removeTerms() can take them out. */
	flush(db: Db, fid: number): void {
		this.count();
		this.postings?.write();
		const terms = new RowBuffer(
			db,
			'INSERT INTO search_terms (term, df) VALUES',
			2,
			'ON CONFLICT (term) DO UPDATE SET df = df + excluded.df',
		);
		const own = new RowBuffer(db, 'INSERT INTO file_terms (fid, term, df) VALUES', 3);
		for (const [word, n] of this.df) {
			terms.push(word, n);
			own.push(fid, word, n);
		}
		terms.flush();
		own.flush();
		db.prepare(
			`INSERT INTO search_stats (key, value) VALUES ('body_tokens', ?)
			 ON CONFLICT (key) DO UPDATE SET value = value + excluded.value`,
		).run(this.bodyTokens);
		db.prepare('UPDATE files SET body_tokens = ? WHERE fid = ?').run(this.bodyTokens, fid);
		this.df.clear();
		this.bodyTokens = 0;
	}
}

/** Takes file `fid`'s words out of the totals: what flush() kept, not its records cut up again. */
export function removeTerms(db: Db, fid: number): void {
	db.prepare(
		`UPDATE search_terms SET df = search_terms.df - f.df FROM file_terms f
		 WHERE f.fid = ? AND f.term = search_terms.term`,
	).run(fid);
	db.prepare('DELETE FROM search_terms WHERE df <= 0 AND term IN (SELECT term FROM file_terms WHERE fid = ?)').run(fid);
	db.prepare(
		`UPDATE search_stats SET value = value - (SELECT body_tokens FROM files WHERE fid = ?) WHERE key = 'body_tokens'`,
	).run(fid);
	db.prepare('DELETE FROM file_terms WHERE fid = ?').run(fid);
}
