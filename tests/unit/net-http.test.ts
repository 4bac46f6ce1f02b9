// io/net/http.ts against a real server on 127.0.0.1 (tests/support/feedServer.ts): what a feed
// fetch gets, when it tries again, and everything it refuses — other schemes, private
// addresses (before any request is made), redirect loops and downgrades, bodies over the cap
// (a compression bomb stopped while it streams), bodies cut short, servers that stall.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { gunzipIfGzip, HttpError, type HttpOptions, type HttpResult, httpGet } from '../../source/io/net/http.js';
import { backoffDelay, parseRetryAfter } from '../../source/io/net/retry.js';
import {
	type FeedServer,
	type FeedServerOptions,
	type Handler,
	type Route,
	startFeedServer,
} from '../support/feedServer.js';

const servers: FeedServer[] = [];
async function serve(routes: Record<string, Handler | Route>, opts?: FeedServerOptions): Promise<FeedServer> {
	const server = await startFeedServer(routes, opts);
	servers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

// The test server is on loopback, which only allowPrivate reaches; small waits between retries.
const LOCAL: HttpOptions = { allowPrivate: true, backoffMs: 10 };

async function failure(pending: Promise<unknown>): Promise<HttpError> {
	try {
		await pending;
	} catch (err) {
		if (err instanceof HttpError) return err;
		throw err;
	}
	throw new Error('the fetch did not fail');
}

function fetched(result: HttpResult): Extract<HttpResult, { notModified: false }> {
	if (result.notModified) throw new Error('expected a body, got 304');
	return result;
}

const FEED = '<rss version="2.0"><channel><title>Sahel</title></channel></rss>';

describe('httpGet: answers', () => {
	it('200: the body, its type and validators, the final URL; the headers sent', async () => {
		const server = await serve({
			'/feed.xml': {
				body: FEED,
				etag: '"v1"',
				lastModified: 'Wed, 01 Oct 2025 10:00:00 GMT',
				headers: { 'content-type': 'application/rss+xml' },
			},
		});
		const r = fetched(
			await httpGet(server.url('/feed.xml'), {
				...LOCAL,
				userAgent: 'sitrep/1.2.3',
				accept: 'application/rss+xml',
				headers: { authorization: 'Bearer t0ken' },
			}),
		);
		expect(r.status).toBe(200);
		expect(r.body.toString()).toBe(FEED);
		expect(r.contentType).toBe('application/rss+xml');
		expect(r.etag).toBe('"v1"');
		expect(r.lastModified).toBe('Wed, 01 Oct 2025 10:00:00 GMT');
		expect(r.url).toBe(server.url('/feed.xml'));
		expect(r.redirects).toEqual([]);
		const sent = server.requests[0]!.headers;
		expect(sent['user-agent']).toBe('sitrep/1.2.3');
		expect(sent.accept).toBe('application/rss+xml');
		expect(sent['accept-encoding']).toBe('gzip, deflate, br');
		expect(sent.authorization).toBe('Bearer t0ken');
		expect(sent['if-none-match']).toBeUndefined();
	});

	it("the User-Agent is plain 'sitrep' unless one is given", async () => {
		const server = await serve({ '/': { body: 'x' } });
		await httpGet(server.url('/'), LOCAL);
		expect(server.requests[0]!.headers['user-agent']).toBe('sitrep');
	});

	it('304 by ETag: If-None-Match sent, notModified with the validator', async () => {
		const server = await serve({ '/feed.xml': { body: FEED, etag: '"v1"' } });
		const first = fetched(await httpGet(server.url('/feed.xml'), LOCAL));
		const again = await httpGet(server.url('/feed.xml'), { ...LOCAL, etag: first.etag });
		expect(again).toEqual({
			notModified: true,
			url: server.url('/feed.xml'),
			status: 304,
			etag: '"v1"',
			redirects: [],
		});
		expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
		// A changed validator is no match: the body again.
		const changed = await httpGet(server.url('/feed.xml'), { ...LOCAL, etag: '"v0"' });
		expect(fetched(changed).body.toString()).toBe(FEED);
	});

	it('304 by Last-Modified: If-Modified-Since sent, notModified with the date', async () => {
		const lastModified = 'Wed, 01 Oct 2025 10:00:00 GMT';
		const server = await serve({ '/feed.xml': { body: FEED, lastModified } });
		const again = await httpGet(server.url('/feed.xml'), { ...LOCAL, lastModified });
		expect(again.notModified).toBe(true);
		expect(again.lastModified).toBe(lastModified);
		expect(server.requests[0]!.headers['if-modified-since']).toBe(lastModified);
		const older = await httpGet(server.url('/feed.xml'), { ...LOCAL, lastModified: 'Tue, 30 Sep 2025 10:00:00 GMT' });
		expect(older.notModified).toBe(false);
	});
});

describe('httpGet: statuses and retries', () => {
	it('404 is not tried again: one request, "HTTP 404 Not Found"', async () => {
		const server = await serve({});
		const e = await failure(httpGet(server.url('/gone.xml'), { ...LOCAL, retries: 3 }));
		expect(e.code).toBe('status');
		expect(e.status).toBe(404);
		expect(e.message).toBe('HTTP 404 Not Found');
		expect(e.url).toBe(server.url('/gone.xml'));
		expect(server.hits('/gone.xml')).toBe(1);
	});

	it('500 then 200: tried again, the body of the second answer', async () => {
		const server = await serve({ '/feed.xml': { sequence: [{ status: 500 }, { body: FEED }] } });
		const r = fetched(await httpGet(server.url('/feed.xml'), LOCAL));
		expect(r.body.toString()).toBe(FEED);
		expect(server.hits('/feed.xml')).toBe(2);
	});

	it('a 5xx every time: 1 + retries requests, then the status', async () => {
		const server = await serve({ '/feed.xml': { status: 502 } });
		const e = await failure(httpGet(server.url('/feed.xml'), { ...LOCAL, retries: 2 }));
		expect(e.code).toBe('status');
		expect(e.status).toBe(502);
		expect(e.message).toBe('HTTP 502 Bad Gateway (3 attempts)');
		expect(server.hits('/feed.xml')).toBe(3);
	});

	it('429 with Retry-After: 0, then 200', async () => {
		const server = await serve({ '/api': { sequence: [{ status: 429, retryAfter: 0 }, { body: '{}' }] } });
		// A backoff this long would outlast the test: only Retry-After: 0 lets it pass.
		const r = fetched(await httpGet(server.url('/api'), { ...LOCAL, backoffMs: 600_000 }));
		expect(r.body.toString()).toBe('{}');
		expect(server.hits('/api')).toBe(2);
	});

	it('a Retry-After beyond maxRetryAfterMs fails at once: rate-limited, with the wait asked for', async () => {
		const server = await serve({ '/api': { status: 429, retryAfter: 120 } });
		const e = await failure(httpGet(server.url('/api'), LOCAL));
		expect(e.code).toBe('rate-limited');
		expect(e.status).toBe(429);
		expect(e.retryAfterMs).toBe(120_000);
		expect(e.message).toContain('120 s');
		expect(server.hits('/api')).toBe(1);
	});

	it('503 with an HTTP-date Retry-After far ahead: rate-limited', async () => {
		const server = await serve({ '/api': { status: 503, retryAfter: 'Fri, 31 Dec 2100 23:59:59 GMT' } });
		const e = await failure(httpGet(server.url('/api'), { ...LOCAL, maxRetryAfterMs: 1000 }));
		expect(e.code).toBe('rate-limited');
		expect(e.status).toBe(503);
		expect(e.retryAfterMs).toBeGreaterThan(1000);
		expect(server.hits('/api')).toBe(1);
	});

	it('429 every time, no Retry-After: rate-limited once the retries are spent', async () => {
		const server = await serve({ '/api': { status: 429 } });
		const e = await failure(httpGet(server.url('/api'), { ...LOCAL, retries: 1 }));
		expect(e.code).toBe('rate-limited');
		expect(e.retryAfterMs).toBeUndefined();
		expect(server.hits('/api')).toBe(2);
	});

	it('a connection refused: network, and tried again', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const e = await failure(httpGet(`http://127.0.0.1:${port}/`, { ...LOCAL, retries: 1 }));
		expect(e.code).toBe('network');
		expect(e.message).toBe(`could not fetch from 127.0.0.1:${port}: the connection was refused`);
	});

	it('backoff doubles from backoffMs, less up to half at random', () => {
		expect(backoffDelay(0, 1000, () => 0)).toBe(500);
		expect(backoffDelay(0, 1000, () => 1)).toBe(1000);
		expect(backoffDelay(2, 1000, () => 0)).toBe(2000);
		expect(backoffDelay(2, 1000, () => 1)).toBe(4000);
	});

	it('Retry-After: seconds, an HTTP-date, one in the past, nonsense', () => {
		const now = Date.parse('Wed, 01 Oct 2025 10:00:00 GMT');
		expect(parseRetryAfter('120', now)).toBe(120_000);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter('Wed, 01 Oct 2025 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 01 Oct 2025 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('-5', now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});
});

/** A route that redirects to an absolute URL of `server`, known only once it listens. */
const redirectTo =
	(target: () => string, status = 302): Handler =>
	(_req, res) => {
		res.writeHead(status, { location: target() }).end();
	};

describe('httpGet: redirects', () => {
	it('relative Locations, then an absolute one: each URL listed, the last is the final URL', async () => {
		const server: FeedServer = await serve({
			'/old/feed': { status: 301, redirect: 'moved' },
			'/old/moved': { status: 308, redirect: '/new/feed' },
			'/new/feed': redirectTo(() => server.url('/final'), 303),
			'/final': { body: FEED },
		});
		const r = fetched(await httpGet(server.url('/old/feed'), LOCAL));
		expect(r.body.toString()).toBe(FEED);
		expect(r.url).toBe(server.url('/final'));
		expect(r.redirects).toEqual([server.url('/old/moved'), server.url('/new/feed'), server.url('/final')]);
	});

	it('a 304 after a redirect keeps the redirects', async () => {
		const server = await serve({ '/a': { status: 307, redirect: '/b' }, '/b': { body: FEED, etag: '"e"' } });
		const r = await httpGet(server.url('/a'), { ...LOCAL, etag: '"e"' });
		expect(r).toEqual({
			notModified: true,
			url: server.url('/b'),
			status: 304,
			etag: '"e"',
			redirects: [server.url('/b')],
		});
	});

	it('a form is POSTed url-encoded, and never sent on by a redirect', async () => {
		let got = '';
		const server = await serve({
			'/token': (req, res) => {
				let body = '';
				req.on('data', (d: Buffer) => {
					body += d.toString();
				});
				req.on('end', () => {
					got = `${req.method} ${req.headers['content-type']} ${body}`;
					res.end('{"access_token":"t"}');
				});
			},
			'/moved': { status: 307, redirect: '/token' },
		});
		const ok = fetched(await httpGet(server.url('/token'), { ...LOCAL, form: { user: 'a b', pass: 'p&q' } }));
		expect(ok.body.toString()).toBe('{"access_token":"t"}');
		expect(got).toBe('POST application/x-www-form-urlencoded user=a+b&pass=p%26q');
		const e = await failure(httpGet(server.url('/moved'), { ...LOCAL, form: { pass: 'secret' } }));
		expect(e.code).toBe('redirects');
		expect(server.hits('/token')).toBe(1);
	});

	it('a loop: redirects, naming the URL it came back to', async () => {
		const server = await serve({ '/a': { redirect: '/b' }, '/b': { redirect: '/a' } });
		const e = await failure(httpGet(server.url('/a'), LOCAL));
		expect(e.code).toBe('redirects');
		expect(e.message).toBe(`redirect loop: ${server.url('/b')} leads back to ${server.url('/a')}`);
		expect(server.hits('/a')).toBe(1);
	});

	it('more than maxRedirects: redirects', async () => {
		const routes: Record<string, Route> = {};
		for (let i = 0; i < 4; i += 1) routes[`/${i}`] = { redirect: `/${i + 1}` };
		routes['/4'] = { body: 'end' };
		const server = await serve(routes);
		expect(fetched(await httpGet(server.url('/0'), { ...LOCAL, maxRedirects: 4 })).body.toString()).toBe('end');
		const e = await failure(httpGet(server.url('/0'), { ...LOCAL, maxRedirects: 3 }));
		expect(e.code).toBe('redirects');
		expect(e.message).toContain('more than 3 redirects');
		expect(server.hits('/4')).toBe(1);
	});

	it('a redirect without a Location: status', async () => {
		const server = await serve({ '/a': { status: 302 } });
		const e = await failure(httpGet(server.url('/a'), LOCAL));
		expect(e.code).toBe('status');
		expect(e.message).toBe('HTTP 302 Found without a Location to go to');
	});

	it('a redirect to another scheme: scheme, before anything is read', async () => {
		const server = await serve({ '/a': { redirect: 'file:///etc/passwd' } });
		const e = await failure(httpGet(server.url('/a'), LOCAL));
		expect(e.code).toBe('scheme');
		expect(e.message).toBe(
			`refused: a redirect from ${server.url('/a')} to a file: URL; only http and https URLs are fetched`,
		);
	});

	it('a redirect to a private address is refused even when the first host was let through', async () => {
		// allowAddresses lets the test server (127.0.0.1) through and nothing else: 127.0.0.2 and
		// localhost's ::1 are loopback too, so nothing leaves the machine if the guard failed.
		const server = await serve({
			'/to-literal': { redirect: 'http://127.0.0.2/latest/meta-data' },
			'/to-v6': { redirect: 'http://[::1]/' },
		});
		const opts: HttpOptions = { backoffMs: 10, allowAddresses: ['127.0.0.1'] };
		const literal = await failure(httpGet(server.url('/to-literal'), opts));
		expect(literal.code).toBe('blocked');
		expect(literal.message).toBe(
			`refused: 127.0.0.2 is a loopback address, reached by a redirect from ${server.url('/to-literal')} (mark the source --allow-private to fetch it)`,
		);
		const v6 = await failure(httpGet(server.url('/to-v6'), opts));
		expect(v6.code).toBe('blocked');
		expect(server.hits('/to-literal')).toBe(1);
	});

	it('a redirect to a name that resolves to a private address: blocked', async () => {
		const server = await serve({ '/a': { redirect: 'http://intranet.example/' } });
		const resolveHost = async (host: string) =>
			host === 'intranet.example' ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
		const e = await failure(httpGet(server.url('/a'), { allowAddresses: ['127.0.0.1'], resolveHost }));
		expect(e.code).toBe('blocked');
		expect(e.message).toBe(
			`refused: intranet.example resolves to 10.1.2.3, a private address, reached by a redirect from ${server.url('/a')} (mark the source --allow-private to fetch it)`,
		);
	});

	it("the caller's headers (tokens) go to the first origin only, not where it redirects", async () => {
		const other = await serve({ '/data': { body: 'elsewhere' } });
		const first = await serve({ '/api': redirectTo(() => other.url('/data')) });
		const r = fetched(await httpGet(first.url('/api'), { ...LOCAL, headers: { 'x-ucdp-access-token': 'secret' } }));
		expect(r.body.toString()).toBe('elsewhere');
		expect(first.requests[0]!.headers['x-ucdp-access-token']).toBe('secret');
		expect(other.requests[0]!.headers['x-ucdp-access-token']).toBeUndefined();
	});
});

describe('httpGet: https', () => {
	const tls = {
		key: readFileSync(new URL('../fixtures/net/localhost-key.pem', import.meta.url)),
		cert: readFileSync(new URL('../fixtures/net/localhost-cert.pem', import.meta.url)),
	};

	it('fetches over TLS with the CA given; without it the certificate is refused, once', async () => {
		const server = await serve({ '/feed.xml': { body: FEED } }, { tls });
		expect(server.url('/')).toMatch(/^https:/);
		const r = fetched(await httpGet(server.url('/feed.xml'), { ...LOCAL, ca: tls.cert }));
		expect(r.body.toString()).toBe(FEED);
		const e = await failure(httpGet(server.url('/feed.xml'), { ...LOCAL, retries: 3 }));
		expect(e.code).toBe('network');
		expect(e.message).toMatch(/self[- ]signed certificate/);
		expect(server.hits('/feed.xml')).toBe(1);
	});

	it('a redirect from https down to http is refused, saying so', async () => {
		const plain = await serve({ '/feed.xml': { body: FEED } });
		const secure = await serve({ '/feed.xml': redirectTo(() => plain.url('/feed.xml'), 301) }, { tls });
		const e = await failure(httpGet(secure.url('/feed.xml'), { ...LOCAL, ca: tls.cert }));
		expect(e.code).toBe('scheme');
		expect(e.message).toBe(
			`refused: ${secure.url('/feed.xml')} redirects to ${plain.url('/feed.xml')}, from https down to plain http`,
		);
		expect(plain.hits('/feed.xml')).toBe(0);
	});
});

describe('httpGet: bodies', () => {
	const text = `${'Sahel, Lake Chad, Liptako-Gourma. '.repeat(2000)}`;

	it.each(['gzip', 'deflate', 'br'] as const)('Content-Encoding %s is decoded', async (encoding) => {
		const server = await serve({ '/feed.xml': { body: text, encoding } });
		const r = fetched(await httpGet(server.url('/feed.xml'), LOCAL));
		expect(r.body.toString()).toBe(text);
	});

	it('"deflate" sent as raw deflate (no zlib header) is decoded too', async () => {
		const server = await serve({
			'/feed.xml': (_req, res) => {
				res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(text));
			},
		});
		expect(fetched(await httpGet(server.url('/feed.xml'), LOCAL)).body.toString()).toBe(text);
	});

	it('an encoding it does not know, or a body that is not what its encoding says: decode', async () => {
		const server = await serve({
			'/zstd': { body: 'x', headers: { 'content-encoding': 'zstd' } },
			'/not-gzip': { body: 'plain text, not gzip', headers: { 'content-encoding': 'gzip' } },
		});
		const zstd = await failure(httpGet(server.url('/zstd'), LOCAL));
		expect(zstd.code).toBe('decode');
		expect(zstd.message).toBe('refused: the body is encoded as "zstd", which sitrep does not decode');
		const bad = await failure(httpGet(server.url('/not-gzip'), { ...LOCAL, retries: 2 }));
		expect(bad.code).toBe('decode');
		expect(server.hits('/not-gzip')).toBe(1);
	});

	it('a gzip bomb is stopped at the cap while it streams: too-large, and the server was cut off', async () => {
		// 16 MiB of zeros gzip to 16 KiB; gzip allows members one after another, so the same member
		// sent MEMBERS times is a 256 GiB body. Fully inflated it could not fit in memory.
		const member = gzipSync(Buffer.alloc(16 << 20));
		const MEMBERS = 16_384;
		let sent = 0;
		let served!: () => void;
		const over = new Promise<void>((resolve) => {
			served = resolve;
		});
		const server = await serve({
			'/bomb.gz': (_req, res) => {
				res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
				let closed = false;
				res.on('close', () => {
					closed = true;
					served();
				});
				const pump = () => {
					while (!closed && sent < MEMBERS) {
						sent += 1;
						if (!res.write(member)) return void res.once('drain', pump);
					}
					if (!closed) res.end();
				};
				pump();
			},
		});
		const e = await failure(httpGet(server.url('/bomb.gz'), { ...LOCAL, maxBytes: 1 << 20 }));
		expect(e.code).toBe('too-large');
		expect(e.message).toBe('refused: the decoded body is larger than the 1 MiB allowed (maxBytes)');
		await over;
		expect(sent).toBeLessThan(MEMBERS);
	});

	it('a Content-Length over the cap: too-large before the body is read', async () => {
		const server = await serve({ '/big': { body: Buffer.alloc(5000, 'a') } });
		const e = await failure(httpGet(server.url('/big'), { ...LOCAL, maxBytes: 4096 }));
		expect(e.code).toBe('too-large');
		expect(e.message).toBe('refused: the body (Content-Length 5000) is larger than the 4096 bytes allowed (maxBytes)');
		expect(server.hits('/big')).toBe(1);
	});

	it('a chunked body (no Content-Length) over the cap: too-large', async () => {
		const server = await serve({
			'/chunked': (_req, res) => {
				res.writeHead(200);
				for (let i = 0; i < 10; i += 1) res.write(Buffer.alloc(1000, 'a'));
				res.end();
			},
		});
		const e = await failure(httpGet(server.url('/chunked'), { ...LOCAL, maxBytes: 4096 }));
		expect(e.code).toBe('too-large');
		expect(e.message).toBe('refused: the body is larger than the 4096 bytes allowed (maxBytes)');
	});

	it('a body cut short of its Content-Length: truncated, and tried again', async () => {
		const server = await serve({
			'/cut': { body: FEED, truncate: 10 },
			'/cut-once': { sequence: [{ body: FEED, truncate: 10 }, { body: FEED }] },
			// Chunked: no length to fall short of, but the last (empty) chunk never comes.
			'/cut-chunked': (_req, res) => {
				res.writeHead(200);
				res.write(FEED, () => res.socket?.destroy());
			},
		});
		const e = await failure(httpGet(server.url('/cut'), { ...LOCAL, retries: 1 }));
		expect(e.code).toBe('truncated');
		expect(e.message).toBe('the connection closed before the whole body arrived');
		expect(server.hits('/cut')).toBe(2);
		expect(fetched(await httpGet(server.url('/cut-once'), LOCAL)).body.toString()).toBe(FEED);
		expect((await failure(httpGet(server.url('/cut-chunked'), { ...LOCAL, retries: 0 }))).code).toBe('truncated');
	});

	it('gunzipIfGzip: a .gz body served as it is is gunzipped, under the same cap; anything else is left', () => {
		expect(gunzipIfGzip(gzipSync(text), 1 << 20).toString()).toBe(text);
		const plain = Buffer.from(text);
		expect(gunzipIfGzip(plain, 10)).toBe(plain);
		const bomb = gzipSync(Buffer.alloc(64 << 20));
		let e: unknown;
		try {
			gunzipIfGzip(bomb, 1 << 20, 'https://data.example/x.gz');
		} catch (err) {
			e = err;
		}
		expect(e).toBeInstanceOf(HttpError);
		expect((e as HttpError).code).toBe('too-large');
		expect((e as HttpError).url).toBe('https://data.example/x.gz');
		expect(() => gunzipIfGzip(gzipSync(text).subarray(0, 100), 1 << 20)).toThrow(
			expect.objectContaining({ code: 'truncated' }),
		);
		// The gzip magic, then compression method 9, which does not exist.
		const notGzip = Buffer.from([0x1f, 0x8b, 9, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(() => gunzipIfGzip(notGzip, 100)).toThrow(expect.objectContaining({ code: 'decode' }));
	});

	it('brotli over the cap, decoded size checked as it streams: too-large', async () => {
		const server = await serve({ '/big.br': { body: Buffer.alloc(8 << 20), encoding: 'br' } });
		const e = await failure(httpGet(server.url('/big.br'), { ...LOCAL, maxBytes: 1 << 20 }));
		// The compressed body is far under the cap: it is the decoded size that is refused.
		expect(e.message).toBe('refused: the decoded body is larger than the 1 MiB allowed (maxBytes)');
	});
});

describe('httpGet: time', () => {
	it('a server that sends its headers and stalls in the body: timeout', async () => {
		const server = await serve({ '/slow': { body: FEED, stall: true } });
		const e = await failure(httpGet(server.url('/slow'), { ...LOCAL, timeoutMs: 200, retries: 0 }));
		expect(e.code).toBe('timeout');
		// The headers come at once; on a loaded machine they may still come after 200 ms.
		expect(e.message).toMatch(/^timed out after 200 ms (while reading the body|waiting for an answer)$/);
		expect(server.hits('/slow')).toBe(1);
	});

	it('a server that never answers: timeout; tried again, the second answer is taken', async () => {
		const server = await serve({
			'/silent': { body: FEED, delayMs: 600_000 },
			'/once': { sequence: [{ body: FEED, stall: true }, { body: FEED }] },
		});
		const e = await failure(httpGet(server.url('/silent'), { ...LOCAL, timeoutMs: 200, retries: 0 }));
		expect(e.code).toBe('timeout');
		expect(e.message).toBe('timed out after 200 ms waiting for an answer');
		// Long enough for the second answer on a loaded machine; the first never completes.
		const r = fetched(await httpGet(server.url('/once'), { ...LOCAL, timeoutMs: 2000 }));
		expect(r.body.toString()).toBe(FEED);
		expect(server.hits('/once')).toBe(2);
	});

	it('abort while the request is in flight: aborted, not tried again', async () => {
		const controller = new AbortController();
		const server = await serve({ '/feed': () => controller.abort() });
		const e = await failure(httpGet(server.url('/feed'), { ...LOCAL, retries: 3, signal: controller.signal }));
		expect(e.code).toBe('aborted');
		expect(server.hits('/feed')).toBe(1);
	});

	it('abort during the wait before a retry: aborted without waiting it out', async () => {
		const controller = new AbortController();
		const server = await serve({
			'/feed': (_req, res) => {
				res.writeHead(500).end();
				controller.abort();
			},
		});
		// A backoff this long would outlast the test: only the abort ends the wait.
		const e = await failure(
			httpGet(server.url('/feed'), { ...LOCAL, retries: 3, backoffMs: 600_000, signal: controller.signal }),
		);
		expect(e.code).toBe('aborted');
		expect(server.hits('/feed')).toBe(1);
	});

	it('a signal aborted before the call: no request at all', async () => {
		const server = await serve({ '/feed': { body: FEED } });
		const e = await failure(httpGet(server.url('/feed'), { ...LOCAL, signal: AbortSignal.abort() }));
		expect(e.code).toBe('aborted');
		expect(server.requests).toEqual([]);
	});
});

describe('httpGet: refused before any request', () => {
	it.each([
		['file:///etc/passwd', 'file'],
		['ftp://ftp.example/feed.xml', 'ftp'],
		['javascript:alert(1)', 'javascript'],
		['data:text/plain,hello', 'data'],
	])('%s: scheme', async (url, scheme) => {
		const e = await failure(httpGet(url, LOCAL));
		expect(e.code).toBe('scheme');
		expect(e.message).toBe(`refused: a ${scheme}: URL; only http and https URLs are fetched`);
	});

	it('not a URL at all: scheme', async () => {
		const e = await failure(httpGet('feeds.example/rss', LOCAL));
		expect(e.code).toBe('scheme');
		expect(e.message).toBe('refused: "feeds.example/rss" is not a URL; only http and https URLs are fetched');
	});

	it('127.0.0.1 without allowPrivate: blocked, and the server never sees a request', async () => {
		const server = await serve({ '/feed.xml': { body: FEED } });
		const e = await failure(httpGet(server.url('/feed.xml')));
		expect(e.code).toBe('blocked');
		expect(e.message).toBe('refused: 127.0.0.1 is a loopback address (mark the source --allow-private to fetch it)');
		expect(server.hits('/feed.xml')).toBe(0);
		expect(server.requests).toEqual([]);
	});

	it.each([
		'http://[::1]:9/',
		'http://0.0.0.0:9/',
		'http://[::ffff:127.0.0.1]:9/',
		'http://0x7f.1:9/',
		'http://2130706433:9/',
	])('%s (loopback however written): blocked', async (url) => {
		const e = await failure(httpGet(url));
		expect(e.code).toBe('blocked');
	});

	it('localhost resolves to loopback: blocked, no request', async () => {
		const server = await serve({ '/feed.xml': { body: FEED } });
		const e = await failure(httpGet(`http://localhost:${server.port}/feed.xml`));
		expect(e.code).toBe('blocked');
		expect(e.message).toMatch(
			/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(mark the source --allow-private to fetch it\)$/,
		);
		expect(server.requests).toEqual([]);
	});

	it('a name that resolves to a private address: blocked with the name and the address', async () => {
		const resolveHost = async () => [{ address: '10.0.0.5', family: 4 }];
		const e = await failure(httpGet('https://feeds.example/rss', { resolveHost }));
		expect(e.code).toBe('blocked');
		expect(e.url).toBe('https://feeds.example/rss');
		expect(e.message).toBe(
			'refused: feeds.example resolves to 10.0.0.5, a private address (mark the source --allow-private to fetch it)',
		);
	});

	it('one private address among those a name resolves to is enough to refuse it', async () => {
		const server = await serve({ '/feed.xml': { body: FEED } });
		const resolveHost = async () => [
			{ address: '127.0.0.1', family: 4 },
			{ address: '10.0.0.5', family: 4 },
		];
		const url = `http://feeds.example:${server.port}/feed.xml`;
		const e = await failure(httpGet(url, { allowAddresses: ['127.0.0.1'], resolveHost }));
		expect(e.code).toBe('blocked');
		expect(e.message).toContain('10.0.0.5');
		expect(server.requests).toEqual([]);
		// The same name resolving to the allowed address alone is fetched, under its own name.
		const ok = fetched(
			await httpGet(url, {
				allowAddresses: ['127.0.0.1'],
				resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
			}),
		);
		expect(ok.body.toString()).toBe(FEED);
		expect(server.requests[0]!.headers.host).toBe(`feeds.example:${server.port}`);
	});

	it('a name that does not resolve: dns, tried again only when the failure is temporary', async () => {
		let calls = 0;
		const fails = (code: string) => async () => {
			calls += 1;
			throw Object.assign(new Error(`getaddrinfo ${code} feeds.example`), { code });
		};
		const missing = await failure(
			httpGet('http://feeds.example/', { retries: 2, backoffMs: 10, resolveHost: fails('ENOTFOUND') }),
		);
		expect(missing.code).toBe('dns');
		expect(missing.message).toBe('could not resolve feeds.example: no such host');
		expect(calls).toBe(1);
		calls = 0;
		const flaky = await failure(
			httpGet('http://feeds.example/', { retries: 2, backoffMs: 10, resolveHost: fails('EAI_AGAIN') }),
		);
		expect(flaky.code).toBe('dns');
		expect(calls).toBe(3);
	});
});
