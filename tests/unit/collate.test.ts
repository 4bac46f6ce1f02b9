// compareText must be String.prototype.localeCompare exactly: the dashboard sorts
// names with it before its first frame instead of loading ICU's collator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAscii, compareText, ROOT_ORDER } from '../../source/core/collate.js';
import { bundled } from '../support/helpers.js';

const icu = new Intl.Collator('en');
const sign = (n: number) => Math.sign(n);
const printable: string[] = [];
for (let c = 0x20; c < 0x7f; c++) printable.push(String.fromCharCode(c));

describe('root collation of printable ASCII without ICU', () => {
	it('orders the characters as ICU does, a group per primary weight', () => {
		const base = new Intl.Collator('en', { sensitivity: 'base' });
		const sorted = [...printable].sort(icu.compare);
		const groups: string[] = [];
		for (const c of sorted) {
			const last = groups[groups.length - 1];
			if (last !== undefined && base.compare(last, c) === 0) groups[groups.length - 1] = last + c;
			else groups.push(c);
		}
		expect(groups).toEqual(ROOT_ORDER);
	});

	it('agrees with ICU on every string of up to two characters (adjacent in ICU order, and equal)', () => {
		const all = [''];
		for (const a of printable) {
			all.push(a);
			for (const b of printable) all.push(a + b);
		}
		all.sort(icu.compare);
		for (let i = 1; i < all.length; i++) {
			const [a, b] = [all[i - 1] as string, all[i] as string];
			expect(compareAscii(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(sign(icu.compare(a, b)));
			expect(compareAscii(b, a), `${JSON.stringify(b)} ${JSON.stringify(a)}`).toBe(sign(icu.compare(b, a)));
		}
	});

	it('agrees with ICU on random strings that share prefixes and differ in case', () => {
		const alphabet = fc.constantFrom(...printable, 'a', 'A', 'b', ' ', '-', "'");
		const word = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(''));
		const pair = fc.tuple(word, word, word, fc.boolean()).map(([stem, x, y, flip]) => {
			const b = stem + y;
			return [stem + x, flip ? b.toUpperCase() : b] as const;
		});
		fc.assert(
			fc.property(pair, ([a, b]) => compareAscii(a, b) === sign(icu.compare(a, b))),
			{ numRuns: 200_000, seed: 20261207 },
		);
	});

	it('leaves any other text to localeCompare', () => {
		for (const s of ['é', 'a\u0301', 'Ærø', '\t', 'a\nb', '東京', 'ı']) {
			expect(compareAscii(s, 'a')).toBeUndefined();
			expect(compareAscii('a', s)).toBeUndefined();
		}
	});
});

describe('compareText', () => {
	it('is localeCompare, as -1, 0 or 1: names of the bundled data and mixed text', () => {
		const { store } = bundled();
		const names = [
			...store.actors.flatMap((a) => [a.name, a.id, a.short ?? '', ...a.aliases]),
			...store.countries.map((c) => c.name),
			'Côte d’Ivoire',
			'Ærø',
			'ab',
			'AB',
			'a-b',
		];
		for (const a of names) for (const b of names) expect(compareText(a, b)).toBe(sign(a.localeCompare(b)));
	});

	it('the locales it takes for root collation order printable ASCII as root does', () => {
		const sample = fc.sample(
			fc.array(fc.constantFrom(...printable), { maxLength: 8 }).map((a) => a.join('')),
			{ numRuns: 3000, seed: 7 },
		);
		for (const locale of ['en', 'en-GB', 'en-IN', 'en-001', 'und']) {
			const other = new Intl.Collator(locale);
			for (let i = 1; i < sample.length; i++) {
				const [a, b] = [sample[i - 1] as string, sample[i] as string];
				expect(sign(other.compare(a, b)), `${locale} ${a} ${b}`).toBe(sign(icu.compare(a, b)));
			}
		}
	});
});
