// A data file's records read as a stream, with where each one is: NDJSON line
// by line, JSON arrays and {"KIND": [...]} wrappers record by record
// (jsonStream.ts). No file is read whole, so there is no size limit.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';
import type { Severity } from '../../../core/problems.js';
import { type Kind, singular } from '../../../core/schemaBase.js';
import { RecordSplitter } from './jsonStream.js';

const CHUNK = 1 << 20;

/** A folder's .json may hold one record; up to this size such a file is read whole to see. */
const ONE_RECORD_BYTES = 64_000_000;

export interface RawRecord {
	value: unknown;
	/** Path of the record in the file (for NDJSON, [] in its line). */
	path: (string | number)[];
	/** Line and column of a path inside the record (for a problem's position). */
	where(inner: readonly (string | number)[]): { line: number; col: number };
}

export interface FileFault {
	severity: Severity;
	message: string;
	line?: number;
	col?: number;
	/** The JSON pointer's path, when the fault is about one record. */
	path?: (string | number)[];
}

export interface ReadEvents {
	record(raw: RawRecord): void;
	fault(fault: FileFault): void;
	/** Bytes read so far of this file. */
	bytes(n: number): void;
}

/** Lines and columns of a text's offset, counting from a start position. */
function advance(text: string, offset: number, line: number, col: number): { line: number; col: number } {
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		col = 1 - (i + 1);
	}
	return { line, col: col + offset };
}

/** Offset of the deepest node on the path that exists (a property's key), as the loader points. */
function offsetOf(text: string, path: readonly (string | number)[]): number {
	let root: Node | undefined;
	try {
		root = parseTree(text);
	} catch {
		return 0;
	}
	if (!root) return 0;
	for (let n = path.length; n >= 0; n--) {
		const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
		if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
	}
	return root.offset;
}

/** Where JSON.parse's message says it stopped. */
function parsePosition(err: unknown): number {
	return Number(/at position (\d+)/.exec(String((err as Error).message))?.[1] ?? 0);
}

function parseMessage(err: unknown): string {
	return String((err as Error).message)
		.replace(/ in JSON at position.*$/, '')
		.replace(/ \(line \d+ column \d+\)$/, '');
}

/** A file's records; `inFolder`: a KIND/ folder's .json, which may hold a single record. */
export async function readRecords(file: string, kind: Kind, inFolder: boolean, on: ReadEvents): Promise<void> {
	if (file.endsWith('.json')) return readJson(file, kind, on, inFolder);
	return readNdjson(file, on);
}

async function readNdjson(file: string, on: ReadEvents): Promise<void> {
	let line = 0;
	let rest: Buffer | undefined;
	let read = 0;
	const take = (bytes: Buffer) => {
		line++;
		let text = bytes.toString('utf8');
		if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		if (text.endsWith('\r')) text = text.slice(0, -1);
		if (/^[ \t\r]*$/.test(text)) return;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (err) {
			on.fault({
				severity: 'error',
				message: `invalid JSON: ${parseMessage(err)}; line skipped`,
				line,
				col: parsePosition(err) + 1,
				path: [],
			});
			return;
		}
		const at = line;
		on.record({
			value,
			path: [],
			where: (inner) => ({ line: at, col: advance(text, offsetOf(text, inner), 1, 1).col }),
		});
	};
	for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
		let start = 0;
		for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
			const piece = chunk.subarray(start, nl);
			take(rest ? Buffer.concat([rest, piece]) : piece);
			rest = undefined;
			start = nl + 1;
		}
		if (start < chunk.length) rest = rest ? Buffer.concat([rest, chunk.subarray(start)]) : chunk.subarray(start);
		read += chunk.length;
		on.bytes(read);
	}
	if (rest) take(rest);
}

async function readJson(file: string, kind: Kind, on: ReadEvents, inFolder: boolean): Promise<void> {
	let lost = 0;
	let kept = 0;
	let wholeValue = false;
	const splitter = new RecordSplitter(kind, {
		record(bytes, at) {
			const text = bytes.toString('utf8');
			const path = [...at.base, at.index];
			let value: unknown;
			try {
				value = JSON.parse(text);
			} catch (err) {
				const pos = advance(text, parsePosition(err), at.line, at.col);
				const named = /"(?:id|code)"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
				const key = kind === 'countries' ? 'code' : 'id';
				const note = `; the ${singular[kind]} at /${path.join('/')}${named ? ` (${key} ${named})` : ''} is skipped`;
				on.fault({ severity: 'error', message: `invalid JSON: ${parseMessage(err)}${note}`, ...pos });
				lost++;
				return;
			}
			kept++;
			on.record({ value, path, where: (inner) => advance(text, offsetOf(text, inner), at.line, at.col) });
		},
		fault(message, line, col) {
			// A folder's .json holding a single record, not an array.
			if (inFolder && /found an object$/.test(message) && statSync(file).size <= ONE_RECORD_BYTES) {
				wholeValue = true;
				return;
			}
			on.fault({ severity: 'error', message, line, col });
		},
	});
	let read = 0;
	for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
		splitter.push(chunk);
		read += chunk.length;
		on.bytes(read);
	}
	splitter.end();
	if (wholeValue) {
		let text = readFileSync(file, 'utf8');
		if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (err) {
			on.fault({
				severity: 'error',
				message: `invalid JSON: ${parseMessage(err)}`,
				...advance(text, parsePosition(err), 1, 1),
			});
			return;
		}
		on.record({ value, path: [], where: (inner) => advance(text, offsetOf(text, inner), 1, 1) });
		return;
	}
	if (lost > 0) {
		on.fault({
			severity: 'warning',
			message: `${kept} ${kind} read despite the syntax error; ${lost} touched by it skipped`,
		});
	}
}
