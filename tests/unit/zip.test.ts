// io/net/zip.ts, the in-memory reader of downloaded zips (a GDELT export), against archives
// from io/net/zipWrite.ts and from Info-ZIP (tests/fixtures/net/README.md), and against broken
// and hostile ones: a wrong CRC, a cut file, not a zip, sizes over the cap or lying about
// themselves, names that climb out of their folder.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32ByTable } from '../../source/io/net/crc32.js';
import { cleanEntryName, unzip, ZipError } from '../../source/io/net/zip.js';
import { zipFiles } from '../../source/io/net/zipWrite.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/net/${name}`, import.meta.url));

const CSV = `${'1\t20250101\t202501\t2025\tMLI\tMali\t19\t-1.0\t\n'.repeat(500)}`;

function zipError(f: () => unknown): ZipError {
	try {
		f();
	} catch (err) {
		if (err instanceof ZipError) return err;
		throw err;
	}
	throw new Error('unzip did not fail');
}

/** Where zipFiles put the central directory, and its first entry's header. */
function centralOffset(zip: Buffer): number {
	return zip.readUInt32LE(zip.length - 22 + 16);
}

describe('unzip', () => {
	it('reads back what zipFiles wrote: deflated, stored, a UTF-8 name, an empty file', () => {
		const random = randomBytes(4096);
		const zip = zipFiles([
			{ name: '20250101000000.export.CSV', data: CSV },
			{ name: 'random.bin', data: random, store: true },
			{ name: 'notes/Ségou – Mopti.txt', data: 'Ségou' },
			{ name: 'empty.txt', data: '' },
		]);
		const entries = unzip(zip);
		expect(entries.map((e) => e.name)).toEqual([
			'20250101000000.export.CSV',
			'random.bin',
			'notes/Ségou – Mopti.txt',
			'empty.txt',
		]);
		expect(entries[0]!.data.toString()).toBe(CSV);
		expect(entries[1]!.data.equals(random)).toBe(true);
		expect(entries[2]!.data.toString()).toBe('Ségou');
		expect(entries[3]!.data.length).toBe(0);
	});

	it('zipFiles deflates unless told to store: method 8 or 0 in the local header', () => {
		const zip = zipFiles([{ name: 'a.csv', data: CSV }]);
		expect(zip.readUInt16LE(8)).toBe(8);
		expect(zip.length).toBeLessThan(CSV.length / 10);
		const stored = zipFiles([{ name: 'a.csv', data: CSV, store: true }]);
		expect(stored.readUInt16LE(8)).toBe(0);
		expect(stored.length).toBeGreaterThan(CSV.length);
	});

	it('reads archives Info-ZIP wrote, with a folder entry and with ZIP64 records', () => {
		const expected = [
			{ name: '20250101000000.export.CSV', data: Buffer.from('GLOBALEVENTID\tSQLDATE\n1\t20250101\n') },
			{ name: 'sub/a.txt', data: Buffer.from('hello\n') },
		];
		expect(unzip(fixture('infozip.zip'))).toEqual(expected);
		const zip64 = fixture('infozip-zip64.zip');
		// The end record points at the ZIP64 one: the offset is the 0xffffffff placeholder.
		expect(zip64.readUInt32LE(zip64.length - 22 + 16)).toBe(0xffffffff);
		expect(unzip(zip64)).toEqual(expected);
	});

	it('only: the entries named, the others not even inflated', () => {
		const zip = zipFiles([
			{ name: '20250101000000.export.CSV', data: CSV },
			{ name: 'README', data: 'x' },
		]);
		const entries = unzip(zip, { only: (name) => name.endsWith('.export.CSV') });
		expect(entries.map((e) => e.name)).toEqual(['20250101000000.export.CSV']);
	});

	it('a wrong CRC: ZipError naming the entry', () => {
		const zip = zipFiles([{ name: 'a.csv', data: CSV, store: true }]);
		// One byte of the stored data changed: it still "inflates", only the CRC tells.
		const at = 30 + 'a.csv'.length + 100;
		zip.writeUInt8(zip.readUInt8(at) ^ 0xff, at);
		expect(zipError(() => unzip(zip)).message).toBe('corrupt zip: a.csv fails its CRC-32 check');
		const deflated = zipFiles([{ name: 'b.csv', data: CSV }]);
		deflated.writeUInt32LE(deflated.readUInt32LE(centralOffset(deflated) + 16) ^ 1, centralOffset(deflated) + 16);
		expect(zipError(() => unzip(deflated)).message).toBe('corrupt zip: b.csv fails its CRC-32 check');
	});

	it('a file cut short: truncated', () => {
		const zip = zipFiles([{ name: 'a.csv', data: CSV }]);
		expect(zipError(() => unzip(zip.subarray(0, zip.length >> 1))).message).toBe(
			'truncated: the file starts as a zip but has no end-of-central-directory record',
		);
		const moved = Buffer.from(zip);
		moved.writeUInt32LE(zip.length, moved.length - 22 + 16);
		expect(zipError(() => unzip(moved)).message).toBe('truncated: the central directory runs past the end of the file');
		// The directory intact, the data before it shortened: the entry runs past the end.
		const cut = Buffer.from(zip);
		cut.writeUInt32LE(0x7fffff, centralOffset(cut) + 20);
		expect(zipError(() => unzip(cut)).message).toBe("truncated: a.csv's data runs past the end of the file");
	});

	it('not a zip: ZipError saying so', () => {
		for (const notZip of [Buffer.from(CSV), Buffer.alloc(0), Buffer.from('PK'), zlib.gzipSync(CSV)]) {
			expect(zipError(() => unzip(notZip)).message).toBe('not a zip file: no end-of-central-directory record');
		}
	});

	it('over the cap: refused by the declared sizes, before anything is inflated', () => {
		const zip = zipFiles([
			{ name: 'a.csv', data: CSV },
			{ name: 'b.csv', data: CSV },
		]);
		expect(unzip(zip, { maxBytes: 2 * CSV.length })).toHaveLength(2);
		expect(zipError(() => unzip(zip, { maxBytes: 2 * CSV.length - 1 })).message).toBe(
			`refused: the entries unzip to ${2 * CSV.length} bytes, more than the ${2 * CSV.length - 1} allowed (maxBytes)`,
		);
		expect(unzip(zip, { maxBytes: CSV.length, only: (n) => n === 'b.csv' })).toHaveLength(1);
		// A declared 3 GiB over data that is not deflate at all: the cap answers, inflate never runs.
		const bomb = zipFiles([{ name: 'bomb.csv', data: 'not really' }]);
		bomb.writeUInt32LE(3 * 1024 ** 3, centralOffset(bomb) + 24);
		expect(zipError(() => unzip(bomb)).message).toMatch(/^refused: the entries unzip to 3221225472 bytes/);
	});

	it('an entry that inflates past its declared size is stopped there', () => {
		const zip = zipFiles([{ name: 'a.csv', data: CSV }]);
		zip.writeUInt32LE(1000, centralOffset(zip) + 24);
		expect(zipError(() => unzip(zip)).message).toBe('corrupt zip: a.csv inflates to more than its declared 1000 bytes');
		const short = zipFiles([{ name: 'a.csv', data: CSV, store: true }]);
		short.writeUInt32LE(CSV.length + 1, centralOffset(short) + 24);
		expect(zipError(() => unzip(short)).message).toBe(
			`corrupt zip: a.csv holds ${CSV.length} bytes, its directory says ${CSV.length + 1}`,
		);
	});

	it('methods other than stored and deflate, and encrypted entries: unsupported', () => {
		const bzip = zipFiles([{ name: 'a.csv', data: CSV }]);
		bzip.writeUInt16LE(12, centralOffset(bzip) + 10);
		expect(zipError(() => unzip(bzip)).message).toBe(
			'unsupported zip: a.csv uses compression method 12 (only stored and deflate are read)',
		);
		const locked = zipFiles([{ name: 'a.csv', data: CSV }]);
		locked.writeUInt16LE(1, centralOffset(locked) + 8);
		expect(zipError(() => unzip(locked)).message).toBe('unsupported zip: a.csv is encrypted');
	});

	it('names that climb out of their folder are cleaned; one with nothing left is refused', () => {
		expect(cleanEntryName('../../etc/passwd')).toBe('etc/passwd');
		expect(cleanEntryName('/abs/path.csv')).toBe('abs/path.csv');
		expect(cleanEntryName('C:\\Windows\\..\\x.csv')).toBe('Windows/x.csv');
		expect(cleanEntryName('a/./b//c\u0000.csv')).toBe('a/b/c.csv');
		const zip = zipFiles([
			{ name: '../../../tmp/evil.csv', data: 'x' },
			{ name: 'folder/', data: '' },
		]);
		expect(unzip(zip).map((e) => e.name)).toEqual(['tmp/evil.csv']);
		expect(zipError(() => unzip(zipFiles([{ name: '../..', data: 'x' }]))).message).toBe(
			'corrupt zip: the entry named "../.." has no usable name',
		);
	});
});

describe('crc32', () => {
	it('the check value, and the table agrees with zlib on random data', () => {
		expect(crc32ByTable(Buffer.from('123456789'))).toBe(0xcbf43926);
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
		expect(crc32ByTable(Buffer.alloc(0))).toBe(0);
		const data = randomBytes(10_000);
		expect(crc32ByTable(data)).toBe(crc32(data));
	});
});
