// When to try a request again and how long to wait first. Feeds are polled by many clients at
// once: the waits double and are jittered so that clients refused together do not come back
// together, and a server's Retry-After is obeyed rather than guessed at.
import { HttpError } from './httpError.js';

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// An HTTP-date names a weekday and a month; a bare number that is not all digits is not one.
	if (!/[a-z]/i.test(text)) return undefined;
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before retry number `retry` (0 for the first): `base` doubled each time, less up to half of it at random. */
export function backoffDelay(retry: number, base: number, random: () => number = Math.random): number {
	const full = base * 2 ** retry;
	return full / 2 + (full / 2) * random();
}

const TLS_FAILURES = /^(CERT_|ERR_TLS_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|ERR_SSL_)/;

/** Whether a failed attempt may succeed if tried again (a status answer is decided by its status). */
export function worthRetrying(error: HttpError): boolean {
	const cause = (error.cause as { code?: unknown } | undefined)?.code;
	switch (error.code) {
		case 'timeout':
		case 'truncated':
			return true;
		case 'network':
			// A certificate that failed to verify fails the same way the next time.
			return !(typeof cause === 'string' && TLS_FAILURES.test(cause));
		case 'dns':
			return cause === 'EAI_AGAIN';
		default:
			return false;
	}
}

/** The longest delay setTimeout keeps (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function abortedError(url: string): HttpError {
	return new HttpError('aborted', url, 'the fetch was aborted');
}

/** Resolves after `ms`, or rejects with 'aborted' as soon as `signal` fires. */
export function sleep(ms: number, url: string, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortedError(url));
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortedError(url));
		};
		// setTimeout turns anything past 2^31-1 ms into 1 ms: a huge Retry-After must not mean "now".
		const timer = setTimeout(
			() => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			},
			Math.min(ms, MAX_TIMER_MS),
		);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
