// Rows for one table gathered in JS and written many to a statement: each
// call into SQLite costs about as much as the insert itself, and a record
// makes several rows (its JSON, its actors, its words, its outlets).
import type { Db } from './open.js';

type Value = string | number | null;

/** Rows per multi-row INSERT: SQLite allows 32,766 bound values. */
const ROWS = 256;

export class RowBuffer {
	private values: Value[] = [];
	private readonly full;
	private readonly one;

	/** `insert`: an INSERT up to and including VALUES, e.g. 'INSERT INTO t (a, b) VALUES'. */
	constructor(
		db: Db,
		insert: string,
		private readonly columns: number,
		suffix = '',
	) {
		const row = `(${Array(columns).fill('?').join(', ')})`;
		this.full = db.prepare(`${insert} ${Array(ROWS).fill(row).join(', ')} ${suffix}`);
		this.one = db.prepare(`${insert} ${row} ${suffix}`);
	}

	push(...row: Value[]): void {
		for (const v of row) this.values.push(v);
		if (this.values.length >= ROWS * this.columns) this.flush();
	}

	/** Writes the rows gathered: before anything reads the table, and before COMMIT. */
	flush(): void {
		const v = this.values;
		const n = this.columns;
		let at = 0;
		for (; v.length - at >= ROWS * n; at += ROWS * n) this.full.run(v.slice(at, at + ROWS * n));
		for (; at < v.length; at += n) this.one.run(v.slice(at, at + n));
		this.values = [];
	}

	/** Forgets the rows gathered (their transaction is rolled back). */
	clear(): void {
		this.values = [];
	}
}
