// Reading a downloaded zip in memory (a GDELT .export.CSV.zip holds one CSV). The archive is
// somebody else's, so it is read from its central directory with every offset checked against
// the buffer, entries are refused by their declared sizes before any is inflated, inflating
// stops at the declared size, and each entry's CRC-32 is checked.
import * as zlib from 'node:zlib';
import { crc32 } from './crc32.js';

export class ZipError extends Error {
	override readonly name = 'ZipError';
}

export interface ZipEntry {
	name: string;
	data: Buffer;
}

export interface UnzipOptions {
	/** Cap on the uncompressed size of the entries read, together; default 200 MiB. */
	maxBytes?: number;
	/** Which entries to read, by their (cleaned) name; the others are not inflated. */
	only?: (name: string) => boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;
const U16 = 0xffff;

interface Directory {
	count: number;
	offset: number;
	size: number;
}

interface Central {
	name: string;
	flags: number;
	method: number;
	crc: number;
	compressed: number;
	size: number;
	local: number;
}

function u64(buf: Buffer, at: number, what: string): number {
	const n = buf.readBigUInt64LE(at);
	if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`unsupported zip: ${what} is too large`);
	return Number(n);
}

/** The end-of-central-directory record: the last one in the file, after which only its comment may follow. */
function findEnd(buf: Buffer): number {
	const last = buf.length - 22;
	const first = Math.max(0, last - 0xffff);
	for (let at = last; at >= first; at -= 1) {
		if (buf.readUInt32LE(at) === EOCD && at + 22 + buf.readUInt16LE(at + 20) <= buf.length) return at;
	}
	if (buf.length >= 4 && buf.readUInt32LE(0) === LOCAL) {
		throw new ZipError('truncated: the file starts as a zip but has no end-of-central-directory record');
	}
	throw new ZipError('not a zip file: no end-of-central-directory record');
}

function directory(buf: Buffer): Directory {
	const end = findEnd(buf);
	if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0) {
		throw new ZipError('unsupported zip: an archive split over several files');
	}
	let count = buf.readUInt16LE(end + 10);
	let size = buf.readUInt32LE(end + 12);
	let offset = buf.readUInt32LE(end + 16);
	if (count === U16 || size === U32 || offset === U32) {
		const locator = end - 20;
		if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) {
			throw new ZipError('unsupported zip: ZIP64 sizes without a ZIP64 end-of-central-directory locator');
		}
		const at = u64(buf, locator + 8, 'the ZIP64 record offset');
		if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) {
			throw new ZipError('truncated: the ZIP64 end-of-central-directory record is missing');
		}
		count = u64(buf, at + 32, 'the entry count');
		size = u64(buf, at + 40, 'the central directory size');
		offset = u64(buf, at + 48, 'the central directory offset');
	}
	if (offset + size > buf.length) throw new ZipError('truncated: the central directory runs past the end of the file');
	return { count, offset, size };
}

/** The ZIP64 extended-information field: the 64-bit values of the 32-bit fields set to 0xffffffff, in order. */
function applyZip64(extra: Buffer, entry: Central): void {
	for (let at = 0; at + 4 <= extra.length; ) {
		const id = extra.readUInt16LE(at);
		const length = extra.readUInt16LE(at + 2);
		const body = at + 4;
		if (body + length > extra.length) break;
		if (id === 0x0001) {
			let p = body;
			const take = (): number => {
				if (p + 8 > body + length) throw new ZipError(`corrupt zip: ${entry.name}'s ZIP64 field is too short`);
				const n = u64(extra, p, `${entry.name}'s size`);
				p += 8;
				return n;
			};
			if (entry.size === U32) entry.size = take();
			if (entry.compressed === U32) entry.compressed = take();
			if (entry.local === U32) entry.local = take();
			return;
		}
		at = body + length;
	}
}

/** A name with no way out of a folder: no absolute path, drive, "..", "." or control characters. */
export function cleanEntryName(raw: string): string {
	const parts = raw
		.replace(/\\/g, '/')
		.split('/')
		.map((p) => p.replace(/[\u0000-\u001f\u007f]/g, ''))
		.filter((p) => p !== '' && p !== '.' && p !== '..');
	if (parts[0] && /^[a-z]:$/i.test(parts[0])) parts.shift();
	return parts.join('/');
}

function centralEntries(buf: Buffer, dir: Directory): Central[] {
	const out: Central[] = [];
	const end = dir.offset + dir.size;
	let at = dir.offset;
	for (let i = 0; i < dir.count; i += 1) {
		if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) {
			throw new ZipError(`corrupt zip: central directory entry ${i + 1} of ${dir.count} is missing`);
		}
		const flags = buf.readUInt16LE(at + 8);
		const nameLength = buf.readUInt16LE(at + 28);
		const extraLength = buf.readUInt16LE(at + 30);
		const commentLength = buf.readUInt16LE(at + 32);
		const next = at + 46 + nameLength + extraLength + commentLength;
		if (next > end) throw new ZipError(`corrupt zip: central directory entry ${i + 1} runs past the directory`);
		// Bit 11: the name is UTF-8; otherwise it is CP437, of which latin1 reads the ASCII part right.
		const rawName = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
		const entry: Central = {
			name: rawName,
			flags,
			method: buf.readUInt16LE(at + 10),
			crc: buf.readUInt32LE(at + 16),
			compressed: buf.readUInt32LE(at + 20),
			size: buf.readUInt32LE(at + 24),
			local: buf.readUInt32LE(at + 42),
		};
		applyZip64(buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
		out.push(entry);
		at = next;
	}
	return out;
}

function inflateEntry(buf: Buffer, entry: Central, name: string): Buffer {
	if (entry.flags & 0x1) throw new ZipError(`unsupported zip: ${name} is encrypted`);
	const at = entry.local;
	if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) {
		throw new ZipError(`corrupt zip: ${name}'s local header is missing`);
	}
	// The local header's own name and extra lengths, which may differ from the central directory's.
	const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
	if (start + entry.compressed > buf.length)
		throw new ZipError(`truncated: ${name}'s data runs past the end of the file`);
	const raw = buf.subarray(start, start + entry.compressed);
	let data: Buffer;
	if (entry.method === 0) {
		// A copy, so that an entry kept does not keep the whole archive in memory.
		data = Buffer.from(raw);
	} else if (entry.method === 8) {
		try {
			data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
		} catch (err) {
			if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
				throw new ZipError(`corrupt zip: ${name} inflates to more than its declared ${entry.size} bytes`);
			}
			throw new ZipError(`corrupt zip: ${name} does not inflate (${(err as Error).message})`);
		}
	} else {
		throw new ZipError(
			`unsupported zip: ${name} uses compression method ${entry.method} (only stored and deflate are read)`,
		);
	}
	if (data.length !== entry.size) {
		throw new ZipError(`corrupt zip: ${name} holds ${data.length} bytes, its directory says ${entry.size}`);
	}
	if (crc32(data) !== entry.crc) throw new ZipError(`corrupt zip: ${name} fails its CRC-32 check`);
	return data;
}

/** The files in a zip (folders left out), read from memory. Throws ZipError with the reason. */
export function unzip(buf: Buffer, opts: UnzipOptions = {}): ZipEntry[] {
	const maxBytes = opts.maxBytes ?? 200 * 1024 * 1024;
	const wanted: { entry: Central; name: string }[] = [];
	for (const entry of centralEntries(buf, directory(buf))) {
		if (entry.name.endsWith('/') || entry.name.endsWith('\\')) continue;
		const name = cleanEntryName(entry.name);
		if (name === '')
			throw new ZipError(`corrupt zip: the entry named ${JSON.stringify(entry.name)} has no usable name`);
		if (opts.only && !opts.only(name)) continue;
		wanted.push({ entry, name });
	}
	const total = wanted.reduce((sum, w) => sum + w.entry.size, 0);
	if (total > maxBytes) {
		throw new ZipError(`refused: the entries unzip to ${total} bytes, more than the ${maxBytes} allowed (maxBytes)`);
	}
	return wanted.map(({ entry, name }) => ({ name, data: inflateEntry(buf, entry, name) }));
}
