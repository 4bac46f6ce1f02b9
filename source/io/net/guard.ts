// The SSRF guard: which URLs a fetch may follow and which addresses it may connect to. The
// address is checked where the socket gets it — in the `lookup` given to http.request — so a
// name that resolved to a public address when someone looked and to 10.0.0.5 when we connect
// (DNS rebinding) is still refused. Node calls no lookup for an IP literal: checkHost does.
import * as dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { type AddressKind, addressKind } from './address.js';
import { HttpError } from './httpError.js';

export interface ResolvedAddress {
	address: string;
	family: number;
}
/** Every address a name resolves to. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface Guard {
	/** Connect to any address: the source was marked --allow-private. */
	allowPrivate: boolean;
	/** Addresses connected to although not public (one intranet host rather than all of them). */
	allowAddresses: ReadonlySet<string>;
	resolve: Resolver;
}

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true });

const HINT = '(mark the source --allow-private to fetch it)';

function article(kind: AddressKind): string {
	return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

function bare(host: string): string {
	return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function refusedKind(guard: Guard, address: string): AddressKind | undefined {
	if (guard.allowPrivate) return undefined;
	const kind = addressKind(address);
	if (kind === undefined || guard.allowAddresses.has(bare(address).toLowerCase())) return undefined;
	return kind;
}

function redirectNote(via: string | undefined): string {
	return via ? `, reached by a redirect from ${via}` : '';
}

export function schemeError(url: string, protocol: string, via?: string): HttpError {
	const given = protocol.replace(/:$/, '');
	const what = via ? `a redirect from ${via} to a ${given}: URL` : `a ${given}: URL`;
	return new HttpError('scheme', url, `refused: ${what}; only http and https URLs are fetched`);
}

/** Refuses a URL whose host is an IP literal that may not be connected to (Node calls no lookup for those). */
export function checkHost(url: URL, guard: Guard, via?: string): void {
	const host = bare(url.hostname);
	if (!isIP(host)) return;
	const kind = refusedKind(guard, host);
	if (kind === undefined) return;
	throw new HttpError(
		'blocked',
		url.href,
		`refused: ${host} is ${article(kind)} ${kind} address${redirectNote(via)} ${HINT}`,
	);
}

const DNS_FAILURES: Record<string, string> = {
	ENOTFOUND: 'no such host',
	EAI_AGAIN: 'the name server did not answer in time',
	ENODATA: 'no address for that name',
	ESERVFAIL: 'the name server failed',
};

/**
 * The `lookup` for http.request: resolves every address of the name and refuses the connection
 * when any of them may not be connected to, since the socket may try each in turn.
 */
export function guardedLookup(url: URL, guard: Guard, via?: string): LookupFunction {
	return (hostname, options, callback) => {
		guard.resolve(hostname).then(
			(found) => {
				const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
				const addresses = found.filter((a) => wanted === 0 || a.family === wanted);
				for (const a of addresses) {
					const kind = refusedKind(guard, a.address);
					if (kind === undefined) continue;
					const message = `refused: ${hostname} resolves to ${a.address}, ${article(kind)} ${kind} address${redirectNote(via)} ${HINT}`;
					callback(new HttpError('blocked', url.href, message), '', 0);
					return;
				}
				const first = addresses[0];
				if (!first) {
					const e = Object.assign(new Error(`no address for ${hostname}`), { code: 'ENODATA' });
					callback(dnsError(url, hostname, e), '', 0);
				} else if (options.all) callback(null, addresses);
				else callback(null, first.address, first.family);
			},
			(err: unknown) => callback(dnsError(url, hostname, err), '', 0),
		);
	};
}

function dnsError(url: URL, hostname: string, err: unknown): HttpError {
	const code = (err as { code?: unknown }).code;
	const why = typeof code === 'string' ? (DNS_FAILURES[code] ?? code) : String(err);
	return new HttpError('dns', url.href, `could not resolve ${hostname}: ${why}`, { cause: err });
}
