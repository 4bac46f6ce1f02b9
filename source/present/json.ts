// JSON that is safe to print: every --json answer and the JSON exports.
import { tollJson } from '../core/fatalities.js';
import { original } from '../core/originals.js';
import type { Incident } from '../core/schema.js';
import { INCIDENT_FIELDS } from '../core/schemaBase.js';

const FIELD_ORDER: readonly string[] = INCIDENT_FIELDS;
const AFTER_TOLL = new Set(FIELD_ORDER.slice(FIELD_ORDER.indexOf('fatalities') + 1));

/**
 * An incident in an answer (not an export: that keeps the record's own form):
 * the text as the data wrote it, and its toll as core/fatalities.ts reads it —
 * `fatalities` the counted figure or null, then `fatalitiesLow` and
 * `fatalitiesHigh` when there is a range and `fatalityReports` when there are
 * reports, in the place the toll has among the fields.
 */
export function incidentJson(inc: Incident): Record<string, unknown> {
	const raw = original(inc) as Incident & Record<string, unknown>;
	const toll = tollJson(raw.fatalities);
	const out: Record<string, unknown> = {};
	let placed = false;
	for (const [key, value] of Object.entries(raw)) {
		if (key === 'fatalities') continue;
		if (!placed && AFTER_TOLL.has(key)) {
			Object.assign(out, toll);
			placed = true;
		}
		out[key] = value;
	}
	if (!placed) Object.assign(out, toll);
	return out;
}

/**
 * JSON for a report printed through the terminal sanitizer: characters the
 * sanitizer would strip or turn into a line break (C1 controls, NEL, U+2028,
 * U+2029, bidi controls) are written as \u escapes, so the output stays valid
 * JSON with the same content and still carries no control sequence (JSON
 * itself escapes C0: ESC, BEL, CR...). `indent` 0 gives one line.
 */
export function terminalJson(value: unknown, indent = 2): string {
	return JSON.stringify(value, null, indent || undefined).replace(
		/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
