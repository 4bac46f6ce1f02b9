// feeds.json in the data directory: read with errors that say where (line:col
// and JSON pointer) and what was expected, written atomically under the data
// directory's write lock, so two `feeds add` at once both land.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { type FeedSource, type FeedsFile, feedsFileSchema } from '../../core/feeds/sources.js';
import { describeIssues } from '../../core/issues.js';
import { offsetAtPath } from '../../core/jsonSplit.js';
import { formatProblem, pointerOf } from '../../core/problems.js';
import { writeFileAtomic } from '../atomic.js';
import { displayPath } from '../load/loader.js';
import { withDataLock } from '../write.js';

export const FEEDS_FILE = 'feeds.json';
const SCHEMA_REF = 'schema/feeds.schema.json';

/** feeds.json cannot be used; the message says where and why. */
export class FeedsFileError extends Error {}

export function feedsPath(dir: string): string {
	return join(dir, FEEDS_FILE);
}

function lineCol(text: string, offset: number): { line: number; col: number } {
	let line = 1;
	let at = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		at = i + 1;
	}
	return { line, col: offset - at + 1 };
}

/** The sources of a data directory: none when there is no feeds.json yet. */
export function readFeeds(dir: string): FeedsFile {
	const path = feedsPath(dir);
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { feeds: [] };
		throw new FeedsFileError(`cannot read ${displayPath(path)}: ${(err as Error).message}`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		const msg = (err as Error).message;
		const at = /position (\d+)/.exec(msg);
		const where = at ? lineCol(text, Number(at[1])) : undefined;
		throw new FeedsFileError(
			formatProblem({
				severity: 'error',
				file: displayPath(path),
				...(where ?? {}),
				pointer: '',
				message: `not valid JSON (${msg.replace(/^[^:]*JSON[^:]*: /, '')}); expected {"feeds": [...]}`,
			}),
		);
	}
	const parsed = feedsFileSchema.safeParse(json);
	if (!parsed.success) {
		const first = describeIssues(parsed.error.issues, json).filter((i) => !i.unknownField);
		const issues = first.length ? first : describeIssues(parsed.error.issues, json);
		throw new FeedsFileError(
			issues
				.map((i) =>
					formatProblem({
						severity: 'error',
						file: displayPath(path),
						...lineCol(text, offsetAtPath(text, i.path)),
						pointer: pointerOf(i.path),
						message: i.message,
					}),
				)
				.join('\n'),
		);
	}
	return parsed.data;
}

/** Changes the sources under the write lock: read, change, write back whole. */
export function updateFeeds(dir: string, change: (feeds: FeedSource[]) => FeedSource[]): FeedSource[] {
	return withDataLock(dir, () => {
		const now = readFeeds(dir);
		const next = change(now.feeds);
		const out = { $schema: now.$schema ?? SCHEMA_REF, feeds: next };
		writeFileAtomic(feedsPath(dir), `${JSON.stringify(out, null, '\t')}\n`);
		return next;
	});
}
