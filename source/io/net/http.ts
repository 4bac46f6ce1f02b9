// One GET for `sitrep fetch`: a feed, a GDELT export, the UCDP or ACLED API. The URL is
// somebody else's and so is the server, so every step is bounded — the schemes followed, the
// addresses connected to (guard.ts), the redirects, the time, the bytes (body.ts), the retries
// (retry.ts) — and every failure comes back as an HttpError with a code to act on.
import * as http from 'node:http';
import * as https from 'node:https';
import { readBody, tooLarge } from './body.js';
import { checkHost, type Guard, guardedLookup, type Resolver, schemeError, systemResolver } from './guard.js';
import { HttpError } from './httpError.js';
import { abortedError, backoffDelay, MAX_TIMER_MS, parseRetryAfter, sleep, worthRetrying } from './retry.js';

export { isPrivateAddress } from './address.js';
export { gunzipIfGzip } from './body.js';
export type { ResolvedAddress, Resolver } from './guard.js';
export { HttpError, type HttpErrorCode } from './httpError.js';

export interface HttpOptions {
	/** Connect to loopback, private, link-local… addresses too; default false. */
	allowPrivate?: boolean;
	/** Addresses that may be connected to although not public, without lifting the guard for all (one intranet host). */
	allowAddresses?: string[];
	/** Deadline for one attempt, the body included; default 30_000. */
	timeoutMs?: number;
	/** Cap on the decoded body (the raw body too); default 50 MiB. */
	maxBytes?: number;
	/** Default 5. */
	maxRedirects?: number;
	/** Extra attempts after a network error, a timeout, a truncated body, a 5xx or a 429; default 2. */
	retries?: number;
	/** The first retry's delay, doubled each time, jittered; default 1000. */
	backoffMs?: number;
	/** A Retry-After longer than this is not waited for: 'rate-limited' with retryAfterMs; default 60_000. */
	maxRetryAfterMs?: number;
	/** Sent as If-None-Match. */
	etag?: string;
	/** Sent as If-Modified-Since. */
	lastModified?: string;
	accept?: string;
	/** Extra headers (auth tokens). Sent to the first URL's origin only: a redirect elsewhere does not get them. */
	headers?: Record<string, string>;
	/** Default 'sitrep'; the caller passes 'sitrep/<version>'. */
	userAgent?: string;
	/** Aborts the request in flight, or the wait before a retry: 'aborted', never retried. */
	signal?: AbortSignal;
	/** Certificates to trust besides the system's (a source behind its own CA). */
	ca?: string | Buffer | (string | Buffer)[];
	/** How host names are resolved; default dns.lookup with every address. */
	resolveHost?: Resolver;
	/** POST these fields as a form (an OAuth token request) instead of a GET; a redirect is then refused. */
	form?: Record<string, string>;
}

export type HttpResult =
	| {
			notModified: false;
			/** The final URL, after redirects. */
			url: string;
			status: number;
			/** Decoded (Content-Encoding undone). */
			body: Buffer;
			contentType?: string;
			etag?: string;
			lastModified?: string;
			/** Each URL redirected to, in order (the last is `url`); empty without redirects. */
			redirects: string[];
	  }
	| { notModified: true; url: string; status: 304; etag?: string; lastModified?: string; redirects: string[] };

interface Settings {
	timeoutMs: number;
	maxBytes: number;
	maxRedirects: number;
	retries: number;
	backoffMs: number;
	maxRetryAfterMs: number;
	signal: AbortSignal | undefined;
	ca: HttpOptions['ca'];
	guard: Guard;
	/** A form to POST (url-encoded), or undefined for a GET. */
	form: string | undefined;
}

type Answer =
	| { kind: 'body'; status: number; headers: http.IncomingHttpHeaders; body: Buffer }
	| { kind: 'not-modified'; headers: http.IncomingHttpHeaders }
	| { kind: 'redirect'; status: number; location: string | undefined }
	| { kind: 'status'; status: number; retryAfterMs: number | undefined };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function statusLine(status: number): string {
	const reason = http.STATUS_CODES[status];
	return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

function seconds(ms: number): string {
	return `${Math.ceil(ms / 1000)} s`;
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

const CONNECT_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	ETIMEDOUT: 'the connection timed out',
	EPIPE: 'the connection was closed',
};

function connectionError(url: URL, err: unknown): HttpError {
	if (err instanceof HttpError) return err;
	const code = (err as { code?: unknown }).code;
	const known = typeof code === 'string' ? CONNECT_FAILURES[code] : undefined;
	const why = known ?? (err instanceof Error ? err.message : String(err));
	return new HttpError('network', url.href, `could not fetch from ${url.host}: ${why}`, { cause: err });
}

/** One request to one URL: its answer, or the HttpError it failed with. */
function request(url: URL, headers: http.OutgoingHttpHeaders, s: Settings, via: string | undefined): Promise<Answer> {
	return new Promise((resolve, reject) => {
		if (s.signal?.aborted) return reject(abortedError(url.href));
		let settled = false;
		let failure: HttpError | undefined;
		let phase = 'waiting for an answer';
		// agent: false — a pooled socket would skip the lookup, and with it the address check.
		const options: https.RequestOptions = {
			headers: s.form === undefined ? headers : { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
			method: s.form === undefined ? 'GET' : 'POST',
			agent: false,
			lookup: guardedLookup(url, s.guard, via),
		};
		if (s.ca !== undefined) options.ca = s.ca;
		const req = (url.protocol === 'https:' ? https : http).request(url, options);
		const finish = (settle: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			s.signal?.removeEventListener('abort', onAbort);
			settle();
		};
		// The first reason wins: destroying the request makes the body's stream fail as well.
		const fail = (error: HttpError) => {
			if (settled || failure) return;
			failure = error;
			req.destroy(error);
		};
		const timer = setTimeout(
			() => fail(new HttpError('timeout', url.href, `timed out after ${s.timeoutMs} ms ${phase}`)),
			Math.min(s.timeoutMs, MAX_TIMER_MS),
		);
		const onAbort = () => fail(abortedError(url.href));
		s.signal?.addEventListener('abort', onAbort, { once: true });

		req.on('error', (err) => finish(() => reject(failure ?? connectionError(url, err))));
		req.on('response', (res) => {
			const status = res.statusCode ?? 0;
			const answered = (answer: Answer) => {
				finish(() => resolve(answer));
				req.destroy();
			};
			if (status === 304) return answered({ kind: 'not-modified', headers: res.headers });
			if (REDIRECTS.has(status)) return answered({ kind: 'redirect', status, location: res.headers.location });
			if (status < 200 || status > 299) {
				const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'), Date.now());
				return answered({ kind: 'status', status, retryAfterMs });
			}
			if (Number(res.headers['content-length']) > s.maxBytes) {
				const error = tooLarge(url.href, s.maxBytes, `the body (Content-Length ${res.headers['content-length']})`);
				finish(() => reject(error));
				req.destroy();
				return;
			}
			phase = 'while reading the body';
			readBody(res, url.href, s.maxBytes).then(
				(body) => finish(() => resolve({ kind: 'body', status, headers: res.headers, body })),
				(err: unknown) => {
					const error = failure ?? connectionError(url, err);
					finish(() => reject(error));
					req.destroy();
				},
			);
		});
		req.end(s.form);
	});
}

/** One URL, tried again while it fails in a way that may pass: an answer that is not an error status. */
async function fetchOne(url: URL, headers: http.OutgoingHttpHeaders, s: Settings, via: string | undefined) {
	for (let attempt = 0; ; attempt += 1) {
		let answer: Answer;
		try {
			answer = await request(url, headers, s, via);
		} catch (err) {
			if (!(err instanceof HttpError) || !worthRetrying(err) || attempt >= s.retries) throw err;
			await sleep(backoffDelay(attempt, s.backoffMs), url.href, s.signal);
			continue;
		}
		if (answer.kind !== 'status') return answer;
		const { status, retryAfterMs } = answer;
		const retryable = status === 429 || status >= 500;
		const line = statusLine(status);
		if (retryable && retryAfterMs !== undefined && retryAfterMs > s.maxRetryAfterMs) {
			const message = `${line}: the server asks to wait ${seconds(retryAfterMs)} (Retry-After), longer than the ${seconds(s.maxRetryAfterMs)} this fetch waits`;
			throw new HttpError('rate-limited', url.href, message, { status, retryAfterMs });
		}
		if (!retryable || attempt >= s.retries) {
			const tries = attempt > 0 ? ` (${attempt + 1} attempts)` : '';
			const code = status === 429 ? 'rate-limited' : 'status';
			throw new HttpError(code, url.href, `${line}${tries}`, { status, retryAfterMs });
		}
		await sleep(retryAfterMs ?? backoffDelay(attempt, s.backoffMs), url.href, s.signal);
	}
}

function settings(opts: HttpOptions): Settings {
	return {
		timeoutMs: opts.timeoutMs ?? 30_000,
		maxBytes: opts.maxBytes ?? 50 * 1024 * 1024,
		maxRedirects: opts.maxRedirects ?? 5,
		retries: opts.retries ?? 2,
		backoffMs: opts.backoffMs ?? 1000,
		maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
		signal: opts.signal,
		ca: opts.ca,
		form: opts.form === undefined ? undefined : new URLSearchParams(opts.form).toString(),
		guard: {
			allowPrivate: opts.allowPrivate ?? false,
			allowAddresses: new Set((opts.allowAddresses ?? []).map((a) => a.replace(/^\[|\]$/g, '').toLowerCase())),
			resolve: opts.resolveHost ?? systemResolver,
		},
	};
}

function requestHeaders(opts: HttpOptions, sameOrigin: boolean): http.OutgoingHttpHeaders {
	// The caller's headers carry tokens for the source they named, not for wherever it redirects.
	const out: http.OutgoingHttpHeaders = sameOrigin ? { ...opts.headers } : {};
	out['user-agent'] = opts.userAgent ?? 'sitrep';
	out.accept = opts.accept ?? '*/*';
	out['accept-encoding'] = 'gzip, deflate, br';
	if (opts.etag !== undefined) out['if-none-match'] = opts.etag;
	if (opts.lastModified !== undefined) out['if-modified-since'] = opts.lastModified;
	return out;
}

function parseUrl(text: string): URL {
	try {
		return new URL(text);
	} catch {
		throw new HttpError('scheme', text, `refused: "${text}" is not a URL; only http and https URLs are fetched`);
	}
}

function isHttp(url: URL): boolean {
	return url.protocol === 'http:' || url.protocol === 'https:';
}

/** Where a redirect leads, refused when it leaves http(s), drops TLS, loops or goes on too long. */
function redirectTarget(
	from: URL,
	answer: { status: number; location: string | undefined },
	seen: Set<string>,
	s: Settings,
) {
	if (!answer.location) {
		throw new HttpError('status', from.href, `${statusLine(answer.status)} without a Location to go to`, {
			status: answer.status,
		});
	}
	let to: URL;
	try {
		to = new URL(answer.location, from);
	} catch {
		throw new HttpError('redirects', from.href, `${from.href} redirects to "${answer.location}", which is not a URL`);
	}
	if (!isHttp(to)) throw schemeError(to.href, to.protocol, from.href);
	if (from.protocol === 'https:' && to.protocol === 'http:') {
		throw new HttpError(
			'scheme',
			to.href,
			`refused: ${from.href} redirects to ${to.href}, from https down to plain http`,
		);
	}
	if (seen.has(to.href))
		throw new HttpError('redirects', to.href, `redirect loop: ${from.href} leads back to ${to.href}`);
	if (seen.size > s.maxRedirects) {
		throw new HttpError('redirects', to.href, `more than ${s.maxRedirects} redirects (the last from ${from.href})`);
	}
	return to;
}

export async function httpGet(url: string, opts: HttpOptions = {}): Promise<HttpResult> {
	const s = settings(opts);
	let current = parseUrl(url);
	if (!isHttp(current)) throw schemeError(current.href, current.protocol);
	const origin = current.origin;
	const seen = new Set([current.href]);
	const redirects: string[] = [];
	let via: string | undefined;
	for (;;) {
		checkHost(current, s.guard, via);
		const answer = await fetchOne(current, requestHeaders(opts, current.origin === origin), s, via);
		if (answer.kind === 'body') {
			return {
				notModified: false,
				url: current.href,
				status: answer.status,
				body: answer.body,
				contentType: header(answer.headers, 'content-type'),
				etag: header(answer.headers, 'etag'),
				lastModified: header(answer.headers, 'last-modified'),
				redirects,
			};
		}
		if (answer.kind === 'not-modified') {
			return {
				notModified: true,
				url: current.href,
				status: 304,
				// A 304 need not repeat the validators; the ones sent are still the current ones.
				etag: header(answer.headers, 'etag') ?? opts.etag,
				lastModified: header(answer.headers, 'last-modified') ?? opts.lastModified,
				redirects,
			};
		}
		if (s.form !== undefined) {
			// A form carries credentials: it goes to the address given, never on to another.
			throw new HttpError(
				'redirects',
				current.href,
				`${current.href} redirects a form post; refused (the form is not sent on)`,
				{
					status: answer.status,
				},
			);
		}
		const next = redirectTarget(current, answer, seen, s);
		seen.add(next.href);
		redirects.push(next.href);
		via = current.href;
		current = next;
	}
}
