// io/net/address.ts: which addresses a feed fetch refuses to connect to (the SSRF guard's
// table). Every address that is not public unicast is refused, however it is written.
import { describe, expect, it } from 'vitest';
import { addressKind } from '../../source/io/net/address.js';
import { isPrivateAddress } from '../../source/io/net/http.js';

const REFUSED: [string, string][] = [
	['127.0.0.1', 'loopback'],
	['127.255.255.254', 'loopback'],
	['0.0.0.0', 'unspecified'],
	['0.1.2.3', 'unspecified'],
	['10.0.0.5', 'private'],
	['172.16.0.1', 'private'],
	['172.31.255.255', 'private'],
	['192.168.1.1', 'private'],
	['100.64.0.1', 'shared (CGNAT)'],
	['100.127.255.255', 'shared (CGNAT)'],
	['169.254.169.254', 'link-local'],
	['224.0.0.1', 'multicast'],
	['239.255.255.250', 'multicast'],
	['240.0.0.1', 'reserved'],
	['255.255.255.255', 'reserved'],
	['192.0.0.8', 'reserved'],
	['198.18.0.1', 'reserved'],
	['192.0.2.1', 'documentation'],
	['198.51.100.7', 'documentation'],
	['203.0.113.9', 'documentation'],
	['::1', 'loopback'],
	['0:0:0:0:0:0:0:1', 'loopback'],
	['[::1]', 'loopback'],
	['::', 'unspecified'],
	['::ffff:10.0.0.1', 'private'],
	['::ffff:127.0.0.1', 'loopback'],
	['::ffff:7f00:1', 'loopback'],
	['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local'],
	['::127.0.0.1', 'reserved'],
	['64:ff9b::10.0.0.1', 'private'],
	['64:ff9b:1::1', 'private'],
	['2002:0a00:0001::1', 'private'],
	['2001:db8::1', 'documentation'],
	['fc00::1', 'private'],
	['fd12:3456:789a::1', 'private'],
	['fe80::1', 'link-local'],
	['fe80::1%eth0', 'link-local'],
	['febf::1', 'link-local'],
	['fec0::1', 'private'],
	['ff02::1', 'multicast'],
	['100::1', 'reserved'],
	['localhost', 'unreadable'],
	['', 'unreadable'],
	['1.2.3', 'unreadable'],
	['256.1.1.1', 'unreadable'],
	['010.0.0.1', 'unreadable'],
	['1::2::3', 'unreadable'],
	['1:2:3:4:5:6:7:8:9', 'unreadable'],
	['::ffff:1.2.3.999', 'unreadable'],
];

const PUBLIC = [
	'1.1.1.1',
	'8.8.8.8',
	'93.184.216.34',
	'100.63.255.255',
	'100.128.0.0',
	'172.15.255.255',
	'172.32.0.0',
	'169.253.255.255',
	'192.167.255.255',
	'223.255.255.255',
	'2606:4700:4700::1111',
	'2001:4860:4860::8888',
	'::ffff:8.8.8.8',
	'64:ff9b::8.8.8.8',
	'2002:0808:0808::1',
	'fbff::1',
	'fe7f::1',
];

describe('isPrivateAddress', () => {
	it.each(REFUSED)('%s is refused: %s', (ip, kind) => {
		expect(addressKind(ip)).toBe(kind);
		expect(isPrivateAddress(ip)).toBe(true);
	});

	it.each(PUBLIC)('%s is public', (ip) => {
		expect(addressKind(ip)).toBeUndefined();
		expect(isPrivateAddress(ip)).toBe(false);
	});
});
