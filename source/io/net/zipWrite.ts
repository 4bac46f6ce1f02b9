// A small zip writer, so that the tests and the bench build real archives (a GDELT export is a
// zip holding one CSV) of whatever content and size they need. Every entry carries the same
// time, 1980-01-01 00:00, so one input always makes the same bytes.
import * as zlib from 'node:zlib';
import { crc32 } from './crc32.js';

export interface ZipInput {
	name: string;
	data: Buffer | string;
	/** Store the bytes as they are instead of deflating them. */
	store?: boolean;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

/** A zip archive of `files`, deflated unless `store`; no ZIP64, so each file and the whole stay under 4 GiB. */
export function zipFiles(files: ZipInput[]): Buffer {
	if (files.length > 0xffff) throw new RangeError('zipFiles writes no ZIP64: more than 65535 files');
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const file of files) {
		const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
		const body = file.store ? data : zlib.deflateRawSync(data);
		const name = Buffer.from(file.name, 'utf8');
		// Bit 11 says the name is UTF-8; a plain-ASCII name reads the same either way.
		const flags = /^[\x20-\x7e]*$/.test(file.name) ? 0 : 0x800;
		const crc = crc32(data);
		if (data.length >= 0xffffffff || body.length >= 0xffffffff || offset >= 0xffffffff) {
			throw new RangeError(`zipFiles writes no ZIP64: ${file.name} does not fit`);
		}
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(file.store ? 0 : 8, 8);
		local.writeUInt16LE(0, 10);
		local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		local.copy(central, 6, 4, 30);
		central.writeUInt16LE(0, 30);
		central.writeUInt16LE(0, 32);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, body);
		centrals.push(central, name);
		offset += local.length + name.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
