// What a failed fetch says: a code the fetch command can act on (retry later, tell the user to
// mark a source --allow-private, give up) and a message it can print as it is.

export type HttpErrorCode =
	| 'scheme'
	| 'blocked'
	| 'dns'
	| 'network'
	| 'timeout'
	| 'status'
	| 'too-large'
	| 'truncated'
	| 'redirects'
	| 'rate-limited'
	| 'aborted'
	// Added beside the agreed codes: a body whose Content-Encoding it does not decode, or that is not what it says.
	| 'decode';

export class HttpError extends Error {
	override readonly name = 'HttpError';
	readonly code: HttpErrorCode;
	readonly status?: number;
	readonly retryAfterMs?: number;
	readonly url: string;

	constructor(
		code: HttpErrorCode,
		url: string,
		message: string,
		extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
	) {
		super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
		this.code = code;
		this.url = url;
		if (extra.status !== undefined) this.status = extra.status;
		if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
	}
}
