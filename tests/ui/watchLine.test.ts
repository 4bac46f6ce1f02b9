// The Watch line reads a watched item's ids only to count its new records: with nothing new (and
// before what is new is worked out, over the index) it reads none — a watched country at 2.5M
// incidents is a million ids, read before the first frame otherwise.
import { describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import type { Backend } from '../../source/core/backend/types.js';
import { watchSummary } from '../../source/ui/components/WatchLine.js';
import { noWatch } from '../../source/ui/watch.js';
import { bundled } from '../support/helpers.js';

function counting(): { data: Backend; reads: () => number } {
	const data = backendOf(bundled().store);
	let n = 0;
	return {
		data: {
			...data,
			watchIds: (w) => {
				n++;
				return data.watchIds(w);
			},
		},
		reads: () => n,
	};
}

describe('the Watch line', () => {
	it('with nothing new, reads no ids and counts nothing', () => {
		const { data, reads } = counting();
		const out = watchSummary(data, { ...noWatch, keys: ['country:PK', 'actor:ttp'] });
		expect(reads()).toBe(0);
		expect(out.fresh).toBe(0);
		expect(out.parts).toEqual(['Pakistan', 'TTP']);
	});

	it('with new records, counts each watched item’s own', () => {
		const { data, reads } = counting();
		const pk = data.watchIds({ country: 'PK' });
		const before = reads();
		const [first, second] = pk.incidents;
		if (!first || !second) throw new Error('the bundled data has Pakistani incidents');
		const out = watchSummary(data, {
			...noWatch,
			keys: ['country:PK'],
			newIncidents: new Set([first, second, 'not-watched']),
		});
		expect(reads()).toBe(before + 1);
		expect(out.fresh).toBe(2);
		expect(out.parts).toEqual(['Pakistan ●2']);
	});
});
