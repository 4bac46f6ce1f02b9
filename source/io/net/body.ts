// Reading a response body under a cap. The cap is on the decoded bytes and is checked as they
// come out of the decoder, so a gzip or brotli bomb stops the request at the cap instead of
// inflating gigabytes first; the raw bytes are capped too.
import type { IncomingMessage } from 'node:http';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { HttpError } from './httpError.js';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

function mib(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes} bytes`;
}

export function tooLarge(url: string, maxBytes: number, what: string): HttpError {
	return new HttpError('too-large', url, `refused: ${what} is larger than the ${mib(maxBytes)} allowed (maxBytes)`);
}

// "deflate" should be zlib-wrapped, but some servers send raw deflate: the first byte tells
// them apart (a zlib header's low nibble is 8, the deflate method).
function inflateEither(): Transform {
	let inner: zlib.Inflate | zlib.InflateRaw | undefined;
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			if (!inner) {
				inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate() : zlib.createInflateRaw();
				inner.on('data', (out: Buffer) => this.push(out));
				inner.on('error', (err) => this.destroy(err));
			}
			if (inner.write(chunk)) callback();
			else inner.once('drain', () => callback());
		},
		flush(callback) {
			if (!inner) return callback();
			inner.once('end', () => callback());
			inner.end();
		},
		destroy(err, callback) {
			inner?.destroy();
			callback(err);
		},
	});
}

/** The decoders for a Content-Encoding header, in the order the body goes through them. */
export function decodersFor(contentEncoding: string | undefined, url: string): Transform[] {
	if (!contentEncoding) return [];
	const codings = contentEncoding
		.split(',')
		.map((c) => c.trim().toLowerCase())
		.filter((c) => c !== '' && c !== 'identity');
	// Codings are listed in the order they were applied: undo them from the last.
	return codings.reverse().map((coding): Transform => {
		if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip();
		if (coding === 'deflate') return inflateEither();
		if (coding === 'br') return zlib.createBrotliDecompress();
		throw new HttpError('decode', url, `refused: the body is encoded as "${coding}", which sitrep does not decode`);
	});
}

function counter(limit: number, onOver: () => HttpError): Transform {
	let seen = 0;
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			seen += chunk.length;
			if (seen > limit) callback(onOver());
			else callback(null, chunk);
		},
	});
}

function truncated(url: string, cause?: unknown): HttpError {
	return new HttpError('truncated', url, 'the connection closed before the whole body arrived', { cause });
}

/** zlib's errors: a stream cut short, or data that is not what the header said. */
function decodeError(err: unknown, url: string): HttpError | undefined {
	const code = (err as { code?: unknown }).code;
	if (typeof code !== 'string' || !code.startsWith('Z_') || code === 'Z_OK') return undefined;
	if (code === 'Z_BUF_ERROR') return new HttpError('truncated', url, 'the compressed body ended early', { cause: err });
	return new HttpError('decode', url, `the body could not be decoded: ${(err as Error).message}`, { cause: err });
}

/**
 * The decoded body of `res`. Rejects with 'too-large' past `maxBytes` (raw or decoded),
 * 'decode' for a body that is not in its Content-Encoding, 'truncated' for one that ends early;
 * other errors (the connection's, or the reason the request was destroyed) come through as they are.
 */
export async function readBody(res: IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
	const decoders = decodersFor(res.headers['content-encoding'], url);
	const chunks: Buffer[] = [];
	let length = 0;
	const sink = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			length += chunk.length;
			if (length > maxBytes) return callback(tooLarge(url, maxBytes, 'the decoded body'));
			chunks.push(chunk);
			callback();
		},
	});
	try {
		await pipeline([res, counter(maxBytes, () => tooLarge(url, maxBytes, 'the body')), ...decoders, sink]);
	} catch (err) {
		if (err instanceof HttpError) throw err;
		const code = (err as { code?: unknown }).code;
		if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') throw truncated(url, err);
		throw decodeError(err, url) ?? err;
	}
	return Buffer.concat(chunks, length);
}

/**
 * `buf` gunzipped when it is a .gz file by its magic bytes (a server that sends a .gz file as
 * it is, without Content-Encoding), otherwise `buf` itself; no more than `maxBytes` decoded.
 */
export function gunzipIfGzip(buf: Buffer, maxBytes: number, url = ''): Buffer {
	if (buf.length < 2 || buf[0] !== 0x1f || buf[1] !== 0x8b) return buf;
	let out: Buffer;
	try {
		// maxOutputLength stops inflating there, so a bomb never allocates more than the cap.
		out = zlib.gunzipSync(buf, { maxOutputLength: Math.max(1, maxBytes) });
	} catch (err) {
		if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
			throw tooLarge(url, maxBytes, 'the gunzipped body');
		throw decodeError(err, url) ?? new HttpError('decode', url, `the body could not be gunzipped: ${String(err)}`);
	}
	if (out.length > maxBytes) throw tooLarge(url, maxBytes, 'the gunzipped body');
	return out;
}
