// A scriptable HTTP(S) server on 127.0.0.1 for the tests of fetching: each path answers as its
// route says — a body, a status, validators (answering 304 by itself), an encoding, a delay, a
// stall, a truncated body, a redirect, a Retry-After, or a different answer for each hit. The
// content is the caller's; nothing here knows about feeds. Every request is recorded, so a test
// can tell that a refused fetch never reached the server.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import * as zlib from 'node:zlib';

/** Answers the request itself; `hit` counts the requests to this path, from 1. */
export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface Route {
	/** Default 200, or 302 with `redirect`. */
	status?: number;
	body?: string | Buffer;
	headers?: Record<string, string>;
	/** Sent as ETag; a request whose If-None-Match names it gets 304. */
	etag?: string;
	/** Sent as Last-Modified; a request whose If-Modified-Since is not earlier gets 304. */
	lastModified?: string;
	/** The body is sent compressed so, with its Content-Encoding. */
	encoding?: 'gzip' | 'deflate' | 'br';
	/** Milliseconds before the status line is sent. */
	delayMs?: number;
	/** Sends the headers and half of the body, then nothing more until the client leaves or the server closes. */
	stall?: boolean;
	/** Declares the whole body's Content-Length, sends this many bytes of it, then closes the connection. */
	truncate?: number;
	/** The Location, relative or absolute, as it is. */
	redirect?: string;
	/** Sent as Retry-After (seconds, or an HTTP-date). */
	retryAfter?: string | number;
	/** One answer per hit, in order; the last answers every hit after. */
	sequence?: (Route | Handler)[];
}

export interface RecordedRequest {
	path: string;
	headers: IncomingHttpHeaders;
}

export interface FeedServer {
	/** The server's origin, e.g. http://127.0.0.1:41234. */
	origin: string;
	port: number;
	url(path: string): string;
	/** How many requests reached `path` (the path and query as requested). */
	hits(path: string): number;
	requests: RecordedRequest[];
	/** Stops listening and drops every open connection, stalled ones included. */
	close(): Promise<void>;
}

export interface FeedServerOptions {
	/** Serve https with this key and certificate. */
	tls?: { key: string | Buffer; cert: string | Buffer };
}

function encode(body: Buffer, encoding: Route['encoding']): Buffer {
	if (encoding === 'gzip') return zlib.gzipSync(body);
	if (encoding === 'deflate') return zlib.deflateSync(body);
	if (encoding === 'br') return zlib.brotliCompressSync(body);
	return body;
}

function notModified(req: IncomingMessage, route: Route): boolean {
	const match = req.headers['if-none-match'];
	if (route.etag !== undefined && match !== undefined) {
		return match.split(',').some((tag) => tag.trim() === route.etag || tag.trim() === '*');
	}
	const since = req.headers['if-modified-since'];
	if (route.lastModified !== undefined && since !== undefined) {
		return Date.parse(since) >= Date.parse(route.lastModified);
	}
	return false;
}

export async function startFeedServer(
	routes: Record<string, Handler | Route>,
	opts: FeedServerOptions = {},
): Promise<FeedServer> {
	const counts = new Map<string, number>();
	const requests: RecordedRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const later = (ms: number, f: () => void) => {
		const t = setTimeout(() => {
			timers.delete(t);
			f();
		}, ms);
		timers.add(t);
	};

	const answer = (req: IncomingMessage, res: ServerResponse, route: Route | Handler, hit: number): void => {
		if (typeof route === 'function') {
			route(req, res, hit);
			return;
		}
		const step = route.sequence?.[Math.min(hit, route.sequence.length) - 1];
		if (step) {
			answer(req, res, step, hit);
			return;
		}
		if (route.delayMs) {
			const { delayMs, ...rest } = route;
			later(delayMs, () => answer(req, res, rest, hit));
			return;
		}
		const headers: Record<string, string | number> = { ...route.headers };
		if (route.etag !== undefined) headers.etag = route.etag;
		if (route.lastModified !== undefined) headers['last-modified'] = route.lastModified;
		if (route.retryAfter !== undefined) headers['retry-after'] = String(route.retryAfter);
		if (notModified(req, route)) {
			res.writeHead(304, headers).end();
			return;
		}
		if (route.redirect !== undefined) {
			headers.location = route.redirect;
			res.writeHead(route.status ?? 302, headers).end();
			return;
		}
		const raw = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
		const body = encode(raw, route.encoding);
		if (route.encoding) headers['content-encoding'] = route.encoding;
		headers['content-length'] = body.length;
		res.writeHead(route.status ?? 200, headers);
		if (route.stall) {
			res.write(body.subarray(0, body.length >> 1));
			return;
		}
		if (route.truncate !== undefined) {
			res.write(body.subarray(0, route.truncate), () => res.socket?.destroy());
			return;
		}
		res.end(body);
	};

	const listener = (req: IncomingMessage, res: ServerResponse) => {
		const path = req.url ?? '/';
		requests.push({ path, headers: req.headers });
		const hit = (counts.get(path) ?? 0) + 1;
		counts.set(path, hit);
		const route = routes[path] ?? routes[new URL(path, 'http://x').pathname];
		if (!route) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${path}`);
			return;
		}
		answer(req, res, route, hit);
	};

	const server: NetServer = opts.tls ? createTlsServer(opts.tls, listener) : createServer(listener);
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
	return {
		origin,
		port,
		url: (path) => `${origin}${path}`,
		hits: (path) => counts.get(path) ?? 0,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const t of timers) clearTimeout(t);
				timers.clear();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}),
	};
}
