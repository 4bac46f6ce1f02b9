// The Timeline's filter bar: five text fields with completion for country,
// actor and type. Pure state; the reducer drives it.
import type { Resolver } from '../../../core/resolve.js';
import {
	type FilterError,
	type FilterField,
	filterValues,
	parseFilter,
	type TimelineFilter,
} from '../../../core/timeline.js';

export const FORM_FIELDS: readonly FilterField[] = ['country', 'actor', 'type', 'since', 'until'];

export interface FilterForm {
	values: Record<FilterField, string>;
	field: number;
	/** Index of the highlighted completion. */
	completion: number;
	errors: FilterError[];
}

export function formFromFilter(f: TimelineFilter): FilterForm {
	const v = filterValues(f);
	return {
		values: {
			country: v.country.join(', '),
			actor: v.actor.join(', '),
			type: v.type.join(', '),
			since: f.sinceRel ?? f.since ?? '',
			until: f.until ?? '',
		},
		field: 0,
		completion: 0,
		errors: [],
	};
}

export function currentField(form: FilterForm): FilterField {
	return FORM_FIELDS[form.field] ?? 'country';
}

/** The comma-separated token being typed in a multi-value field, without the minus that leaves it out. */
function lastToken(value: string): { token: string; minus: boolean } {
	const raw = value.slice(value.lastIndexOf(',') + 1).trim();
	return raw.startsWith('-') ? { token: raw.slice(1).trim(), minus: true } : { token: raw, minus: false };
}

export function completionsFor(form: FilterForm, resolver: Resolver): { value: string; label: string }[] {
	const field = currentField(form);
	if (field === 'since' || field === 'until') return [];
	const value = form.values[field];
	const { token } = lastToken(value);
	const taken = new Set(
		value
			.split(',')
			.slice(0, -1)
			.map((s) => s.trim().replace(/^-\s*/, '')),
	);
	return resolver.complete(field, token, 8).filter((c) => !taken.has(c.value));
}

export function setValue(form: FilterForm, value: string): FilterForm {
	return { ...form, values: { ...form.values, [currentField(form)]: value }, completion: 0, errors: [] };
}

export function typeText(form: FilterForm, text: string): FilterForm {
	return setValue(form, form.values[currentField(form)] + text);
}

export function deleteChar(form: FilterForm): FilterForm {
	return setValue(form, [...form.values[currentField(form)]].slice(0, -1).join(''));
}

export function moveField(form: FilterForm, delta: number): FilterForm {
	const n = FORM_FIELDS.length;
	return { ...form, field: (form.field + delta + n) % n, completion: 0 };
}

export function cycleCompletion(form: FilterForm, delta: number, count: number): FilterForm {
	if (count === 0) return form;
	return { ...form, completion: (form.completion + delta + count) % count };
}

/**
 * Tab: accept the highlighted completion when it differs from what is typed,
 * otherwise move to the next field.
 */
export function complete(form: FilterForm, resolver: Resolver): FilterForm {
	const field = currentField(form);
	const value = form.values[field];
	const { token, minus } = lastToken(value);
	const options = completionsFor(form, resolver);
	const pick = options[form.completion] ?? options[0];
	if (token !== '' && pick && pick.value !== token) {
		// -afg Tab is -AF: the completion keeps the minus.
		const head = value.slice(0, value.lastIndexOf(',') + 1);
		return setValue(form, `${head}${head ? ' ' : ''}${minus ? '-' : ''}${pick.value}`);
	}
	return moveField(form, 1);
}

const PERIOD = /^\d{4}(-\d{2})?$/;

/**
 * What the fields say, as filter input. The bar opens on the country field, and no country is
 * written in digits: a year (or YYYY-MM) typed there is the period, since and until both, so
 * "the deadliest of 2024" is f 2024 and a key, not a walk down to two date fields.
 */
export function formInput(values: Record<FilterField, string>): Record<FilterField, string> {
	if (values.since.trim() || values.until.trim()) return values;
	const tokens = values.country
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
	const periods = tokens.filter((t) => PERIOD.test(t));
	const period = periods[0];
	if (period === undefined || periods.length > 1) return values;
	const country = tokens.filter((t) => t !== period).join(', ');
	return { ...values, country, since: period, until: period };
}

/** Enter: the filter, or the form with its errors shown (and the first bad field focused). */
export function applyForm(form: FilterForm, resolver: Resolver): { filter?: TimelineFilter; form: FilterForm } {
	const { filter, errors } = parseFilter(resolver, formInput(form.values));
	if (errors.length === 0) return { filter, form };
	const first = FORM_FIELDS.indexOf(errors[0]?.field ?? 'country');
	return { form: { ...form, errors, field: first, completion: 0 } };
}
