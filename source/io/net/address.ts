// Which IP addresses a feed fetch may connect to. A feed URL comes from a config file or a
// redirect chosen by someone else, so a request must never be steered at the machine itself,
// the local network or a cloud metadata endpoint (SSRF). Anything that is not a public unicast
// address is refused, and so is anything that cannot be read as an address at all.

/** Why an address is refused ('loopback', 'private'…), or undefined for a public unicast address. */
export type AddressKind =
	| 'unspecified'
	| 'loopback'
	| 'private'
	| 'shared (CGNAT)'
	| 'link-local'
	| 'multicast'
	| 'reserved'
	| 'documentation'
	| 'unreadable';

type V4Range = readonly [base: number, bits: number, kind: AddressKind];

// The IANA special-purpose registry, less the ranges that are ordinary public unicast.
const V4_RANGES: readonly V4Range[] = [
	[v4(0, 0, 0, 0), 8, 'unspecified'],
	[v4(10, 0, 0, 0), 8, 'private'],
	[v4(100, 64, 0, 0), 10, 'shared (CGNAT)'],
	[v4(127, 0, 0, 0), 8, 'loopback'],
	[v4(169, 254, 0, 0), 16, 'link-local'],
	[v4(172, 16, 0, 0), 12, 'private'],
	[v4(192, 0, 0, 0), 24, 'reserved'],
	[v4(192, 0, 2, 0), 24, 'documentation'],
	[v4(192, 88, 99, 0), 24, 'reserved'],
	[v4(192, 168, 0, 0), 16, 'private'],
	[v4(198, 18, 0, 0), 15, 'reserved'],
	[v4(198, 51, 100, 0), 24, 'documentation'],
	[v4(203, 0, 113, 0), 24, 'documentation'],
	[v4(224, 0, 0, 0), 4, 'multicast'],
	[v4(240, 0, 0, 0), 4, 'reserved'],
];

function v4(a: number, b: number, c: number, d: number): number {
	return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseV4(text: string): number | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let n = 0;
	for (const part of parts) {
		// Only the dotted-decimal form: octal or hex parts are what URL parsers disagree on.
		if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
		const octet = Number(part);
		if (octet > 255) return undefined;
		n = n * 256 + octet;
	}
	return n;
}

function v4Kind(n: number): AddressKind | undefined {
	for (const [base, bits, kind] of V4_RANGES) {
		const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
		if ((n & mask) >>> 0 === base) return kind;
	}
	return undefined;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part allowed), or undefined. */
function parseV6(text: string): number[] | undefined {
	let rest = text;
	let tail: number[] = [];
	const lastColon = rest.lastIndexOf(':');
	if (rest.includes('.', lastColon)) {
		const n = parseV4(rest.slice(lastColon + 1));
		if (n === undefined) return undefined;
		tail = [n >>> 16, n & 0xffff];
		rest = `${rest.slice(0, lastColon + 1)}0`;
		// The "0" stands in for the IPv4 part so that the split below sees a last group; it is dropped.
	}
	const halves = rest.split('::');
	if (halves.length > 2) return undefined;
	const groups = (s: string): number[] | undefined => {
		if (s === '') return [];
		const out: number[] = [];
		for (const g of s.split(':')) {
			if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
			out.push(Number.parseInt(g, 16));
		}
		return out;
	};
	const head = groups(halves[0]!);
	const back = halves.length === 2 ? groups(halves[1]!) : [];
	if (!head || !back) return undefined;
	if (tail.length) {
		const list = halves.length === 2 ? back : head;
		list.pop();
		list.push(...tail);
	}
	const total = head.length + back.length;
	if (halves.length === 1) return total === 8 ? head : undefined;
	if (total > 7) return undefined;
	return [...head, ...new Array<number>(8 - total).fill(0), ...back];
}

function v6Kind(g: number[]): AddressKind | undefined {
	const [a, b, c, d, e, f, h, i] = g as [number, number, number, number, number, number, number, number];
	const embedded = (hi: number, lo: number) => ((hi << 16) | lo) >>> 0;
	if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0) {
		// ::ffff:a.b.c.d is an IPv4 address: the socket connects to that one.
		if (f === 0xffff) return v4Kind(embedded(h, i));
		if (f === 0 && h === 0 && i === 0) return 'unspecified';
		if (f === 0 && h === 0 && i === 1) return 'loopback';
		// The deprecated IPv4-compatible ::a.b.c.d and the rest of ::/96 never name a public host.
		return 'reserved';
	}
	// NAT64 (64:ff9b::/96) reaches the IPv4 address in its low 32 bits.
	if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return v4Kind(embedded(h, i));
	if (a === 0x64 && b === 0xff9b && c === 1) return 'private';
	if (a === 0x100 && b === 0 && c === 0 && d === 0) return 'reserved';
	if (a === 0x2001 && b === 0xdb8) return 'documentation';
	// 6to4 (2002::/16) reaches the IPv4 address in its second and third groups.
	if (a === 0x2002) return v4Kind(embedded(b, c));
	if ((a & 0xfe00) === 0xfc00) return 'private';
	if ((a & 0xffc0) === 0xfe80) return 'link-local';
	// Site-local (fec0::/10) is deprecated but still routed as local where it is configured.
	if ((a & 0xffc0) === 0xfec0) return 'private';
	if ((a & 0xff00) === 0xff00) return 'multicast';
	return undefined;
}

/** Why `ip` may not be connected to, or undefined when it is a public unicast address. */
export function addressKind(ip: string): AddressKind | undefined {
	let text = ip.trim();
	if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
	// A zone ("fe80::1%eth0") says which interface, not which address.
	const zone = text.indexOf('%');
	if (zone >= 0) text = text.slice(0, zone);
	if (text.includes(':')) {
		const groups = parseV6(text);
		return groups ? v6Kind(groups) : 'unreadable';
	}
	const n = parseV4(text);
	return n === undefined ? 'unreadable' : v4Kind(n);
}

/** True for every address a fetch refuses without allowPrivate: loopback, private, link-local, CGNAT, multicast, reserved, unreadable. */
export function isPrivateAddress(ip: string): boolean {
	return addressKind(ip) !== undefined;
}
