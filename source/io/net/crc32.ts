// CRC-32 (the zip and gzip one). zlib.crc32 is native but only from Node 20.15; before that,
// the table below computes the same value.
import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function makeTable(): Uint32Array {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n += 1) {
		let c = n;
		for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
}

/** CRC-32 by table, for the Nodes without zlib.crc32 (and to check one against the other). */
export function crc32ByTable(data: Uint8Array): number {
	table ??= makeTable();
	let c = 0xffffffff;
	for (let i = 0; i < data.length; i += 1) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(data: Uint8Array): number {
	return typeof native === 'function' ? native(data) >>> 0 : crc32ByTable(data);
}
