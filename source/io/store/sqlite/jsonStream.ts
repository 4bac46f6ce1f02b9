// Records split out of a JSON data file as its bytes stream in: the elements of
// a top-level array, or of the KIND array in an {"KIND": [...]} wrapper. The
// loader splits a file it holds whole (core/jsonSplit.ts); the index reads
// files of any size, so only the record being read is ever held.

/** Where a record starts in the file: 1-based line and column (in characters), its index in the array. */
export interface RecordAt {
	line: number;
	col: number;
	index: number;
	/** The path of the array holding it: [] or [kind]. */
	base: string[];
}

export interface SplitEvents {
	record(bytes: Buffer, at: RecordAt): void;
	/** A syntax error outside any record, or a file that holds no array of records. */
	fault(message: string, line: number, col: number): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function isSpace(b: number): boolean {
	return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

export class RecordSplitter {
	private depth = 0;
	private inString = false;
	private escaped = false;
	private line = 1;
	private col = 0;
	/** The depth whose elements are records, once the records array is open. */
	private recordDepth = 0;
	private done = false;
	private started = false;
	private wrapper = false;
	private expectKey = false;
	private keyBytes: number[] | undefined;
	private lastKey = '';
	private afterColon = false;
	private index = 0;
	/** The record being read: its parts so far, and where it started. */
	private parts: Buffer[] | undefined;
	private partStart = 0;
	private at: RecordAt | undefined;
	private faulted = false;
	private sawArray = false;

	constructor(
		private readonly kind: string,
		private readonly on: SplitEvents,
	) {}

	push(chunk: Buffer): void {
		if (this.faulted) return;
		if (this.parts) this.partStart = 0;
		for (let i = 0; i < chunk.length; i++) {
			const b = chunk[i] as number;
			if (b === NEWLINE) {
				this.line++;
				this.col = 0;
			} else if ((b & 0xc0) !== 0x80) this.col++;
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (b === BACKSLASH) this.escaped = true;
				else if (b === QUOTE) {
					this.inString = false;
					if (this.keyBytes) {
						this.lastKey = Buffer.from(this.keyBytes).toString('utf8');
						this.keyBytes = undefined;
					}
				} else this.keyBytes?.push(b);
				continue;
			}
			if (isSpace(b)) continue;
			if (!this.started) {
				if (!this.begin(b, i)) return;
				continue;
			}
			if (this.done) {
				this.fail(`invalid JSON: expected the end of the file, found ${JSON.stringify(String.fromCharCode(b))}`);
				return;
			}
			const inRecords = this.recordDepth > 0 && this.depth === this.recordDepth;
			if (inRecords && (b === COMMA || b === 0x5d)) {
				this.finishRecord(chunk, i);
				if (b === 0x5d) this.close();
				continue;
			}
			if (inRecords && !this.parts) this.startRecord(i);
			if (b === QUOTE) {
				this.inString = true;
				if (this.wrapper && this.depth === 1 && this.expectKey) {
					this.keyBytes = [];
					this.expectKey = false;
				}
			} else if (b === 0x7b || b === 0x5b) {
				this.depth++;
				if (b === 0x5b && this.wrapper && this.depth === 2 && this.afterColon && this.lastKey === this.kind) {
					this.recordDepth = 2;
				}
			} else if (b === 0x7d || b === 0x5d) {
				this.depth--;
				if (this.depth < 0) {
					this.fail('invalid JSON: unexpected closing bracket');
					return;
				}
				if (this.depth === 0) this.done = true;
			} else if (b === COMMA && this.wrapper && this.depth === 1) this.expectKey = true;
			this.afterColon = b === COLON;
		}
		if (this.parts) this.parts.push(chunk.subarray(this.partStart));
	}

	/** After the last chunk: a file that ended early, or held no records array, is a fault. */
	end(): void {
		if (this.faulted) return;
		if (!this.started) this.fail(`empty file: expected an array of ${this.kind} or an object {"${this.kind}": [...]}`);
		else if (!this.done) this.fail('invalid JSON: unexpected end of file');
		else if (this.wrapper && this.recordDepth === 0 && this.index === 0 && !this.sawArray)
			this.fail(`expected an array of ${this.kind} or an object {"${this.kind}": [...]}, found an object`);
	}

	private begin(b: number, i: number): boolean {
		// A UTF-8 byte order mark before the value.
		if (i < 3 && this.line === 1 && (b === 0xef || b === 0xbb || b === 0xbf)) {
			this.col = 0;
			return true;
		}
		this.started = true;
		if (b === 0x5b) {
			this.depth = 1;
			this.recordDepth = 1;
			return true;
		}
		if (b === 0x7b) {
			this.depth = 1;
			this.wrapper = true;
			this.expectKey = true;
			return true;
		}
		this.fail(`expected an array of ${this.kind} or an object {"${this.kind}": [...]}`);
		return false;
	}

	private startRecord(i: number): void {
		this.parts = [];
		this.partStart = i;
		this.at = { line: this.line, col: this.col, index: this.index, base: this.recordDepth === 2 ? [this.kind] : [] };
	}

	private finishRecord(chunk: Buffer, i: number): void {
		if (!this.parts || !this.at) return;
		this.parts.push(chunk.subarray(this.partStart, i));
		const bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
		this.parts = undefined;
		this.index++;
		this.on.record(bytes, this.at);
	}

	/** The records array closed: the rest of the file is only skipped over. */
	private close(): void {
		this.sawArray = true;
		this.depth--;
		this.recordDepth = 0;
		if (this.depth === 0) this.done = true;
		this.afterColon = false;
	}

	private fail(message: string): void {
		this.faulted = true;
		this.on.fault(message, this.line, Math.max(1, this.col));
	}
}
