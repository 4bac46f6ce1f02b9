// Scanning without recursion: the helpers the loader falls back on when a
// file is too deeply nested for a recursive parser (the broken-file cases
// themselves are in tests/reliability/).
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findNodeAtLocation, getNodePath, type Node, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { flattenDeep, invalidUtf8, offsetAtPath, pathAtOffset } from '../../source/core/jsonSplit.js';
import { DATA_DIR } from '../support/helpers.js';

describe('scanning without recursion', () => {
	const text = readFileSync(join(DATA_DIR, 'incidents.json'), 'utf8');
	const root = parseTree(text) as Node;

	/** What the loader computes from a tree: the deepest node on the path that exists (its key, for a field). */
	function treeOffset(path: (string | number)[]): number {
		for (let n = path.length; n >= 0; n--) {
			const node = findNodeAtLocation(root, path.slice(0, n));
			if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
		}
		return root.offset;
	}

	it('offsetAtPath finds what the tree finds, present or missing', () => {
		const incidents = findNodeAtLocation(root, ['incidents'])?.children ?? [];
		expect(incidents.length).toBeGreaterThan(10);
		const paths: (string | number)[][] = [[], ['incidents'], ['$schema'], ['incidents', 9999], ['nope', 1]];
		incidents.forEach((inc, i) => {
			for (const prop of inc.children ?? []) paths.push(['incidents', i, String(prop.children?.[0]?.value)]);
			paths.push(['incidents', i, 'sources', 0, 'outlet'], ['incidents', i, 'tags', 1], ['incidents', i, 'nope']);
		});
		for (const path of paths) expect(offsetAtPath(text, path), JSON.stringify(path)).toBe(treeOffset(path));
	});

	it('pathAtOffset names the value at an offset', () => {
		const strings: Node[] = [];
		const visit = (n: Node) => {
			if (n.type === 'string' && n.parent?.type !== 'property') strings.push(n);
			else if (n.type === 'string' && n.parent?.children?.[1] === n) strings.push(n);
			for (const c of n.children ?? []) visit(c);
		};
		visit(root);
		for (const n of strings.filter((_, i) => i % 7 === 0)) {
			expect(pathAtOffset(text, n.offset + 1)).toEqual(getNodePath(n));
		}
	});

	it('works at any depth, and flattenDeep keeps every offset', () => {
		const deep = `{"a": [1, {"b": ${'['.repeat(200_000)}${']'.repeat(200_000)}}, "x"]}`;
		expect(offsetAtPath(deep, ['a', 2])).toBe(deep.lastIndexOf('"x"'));
		expect(offsetAtPath(deep, ['a', 1, 'b', 0, 0, 0])).toBe(deep.indexOf('[[') + 3);
		expect(pathAtOffset(deep, deep.lastIndexOf('"x"') + 1)).toEqual(['a', 2]);
		const flat = flattenDeep(deep, 4);
		expect(flat.length).toBe(deep.length);
		// Depth 1 is the outer object: the arrays inside b (depth 5 on) become a 0.
		expect(JSON.parse(flat)).toEqual({ a: [1, { b: [0] }, 'x'] });
	});

	it('invalidUtf8 counts the U+FFFD a decoder writes, and finds the first', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
				const buf = Buffer.from(bytes);
				fc.pre(!buf.includes(Buffer.from([0xef, 0xbf, 0xbd])));
				const bad = invalidUtf8(buf);
				const replaced = [...buf.toString('utf8')].filter((c) => c === '\uFFFD').length;
				expect(bad?.count ?? 0).toBe(replaced);
				expect(bad === undefined).toBe(isUtf8(buf));
				if (bad) expect(isUtf8(buf.subarray(0, bad.first))).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});
});
