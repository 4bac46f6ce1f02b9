// The filters the storage bench applies: ~30 a Timeline user would type —
// countries, exclusions, actors ('taliban' takes the groups within it), types,
// date ranges and combinations. Dates count back from the newest recorded one,
// so every data set gets windows that hold incidents.
import { addDays } from '../../source/core/dates.js';
import type { TimelineFilter } from '../../source/core/timeline.js';

export function benchFilters(newest: string): { name: string; filter: TimelineFilter }[] {
	const back = (days: number) => addDays(newest.slice(0, 10), -days);
	const f = (name: string, parts: Partial<TimelineFilter>) => ({
		name,
		filter: { countries: [], actors: [], types: [], ...parts } as TimelineFilter,
	});
	return [
		f('none', {}),
		f('AF', { countries: ['AF'] }),
		f('PK', { countries: ['PK'] }),
		f('AF,PK', { countries: ['AF', 'PK'] }),
		f('IR', { countries: ['IR'] }),
		f('-AF', { notCountries: ['AF'] }),
		f('-AF,-PK', { notCountries: ['AF', 'PK'] }),
		f('taliban (+ subgroups)', { actors: ['taliban'] }),
		f('ttp', { actors: ['ttp'] }),
		f('iskp', { actors: ['iskp'] }),
		f('islamic-state', { actors: ['islamic-state'] }),
		f('bla, jaish-al-adl', { actors: ['bla', 'jaish-al-adl'] }),
		f('-taliban', { notActors: ['taliban'] }),
		f('suicide bombing', { types: ['suicide bombing'] }),
		f('airstrike, rocket attack', { types: ['airstrike', 'rocket attack'] }),
		f('-protest', { notTypes: ['protest'] }),
		f('last 30 days', { since: back(29) }),
		f('last 90 days', { since: back(89) }),
		f('last 365 days', { since: back(364) }),
		f('2020', { since: '2020-01-01', until: '2020-12-31' }),
		f('until 2017', { until: '2017-12-31' }),
		f('AF + taliban', { countries: ['AF'], actors: ['taliban'] }),
		f('PK + ttp + suicide bombing', { countries: ['PK'], actors: ['ttp'], types: ['suicide bombing'] }),
		f('PK + last 365 days', { countries: ['PK'], since: back(364) }),
		f('taliban + last 90 days', { actors: ['taliban'], since: back(89) }),
		f('-AF + iskp', { notCountries: ['AF'], actors: ['iskp'] }),
		f('AF,PK + IED,bombing + since 2022', {
			countries: ['AF', 'PK'],
			types: ['IED', 'bombing'],
			since: '2022-01-01',
		}),
		f('PK + -ttp', { countries: ['PK'], notActors: ['ttp'] }),
		f('KG,TJ + armed clash + 2019', {
			countries: ['KG', 'TJ'],
			types: ['armed clash'],
			since: '2019-01-01',
			until: '2019-12-31',
		}),
		f('al-qaeda, haqqani-network + -protest', { actors: ['al-qaeda', 'haqqani-network'], notTypes: ['protest'] }),
	];
}
