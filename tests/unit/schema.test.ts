import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentSchema, KINDS, publishedSchemas, singular } from '../../source/core/schema.js';
import { INCIDENT_FIELDS } from '../../source/core/schemaBase.js';
import { DATA_DIR } from '../support/helpers.js';

describe('published JSON Schemas', () => {
	const published = publishedSchemas();

	it('data/schema/ matches the zod source exactly (run `npm run schemas` after changing schema.ts)', () => {
		const dir = join(DATA_DIR, 'schema');
		expect(readdirSync(dir).sort()).toEqual(Object.keys(published).sort());
		for (const [name, schema] of Object.entries(published)) {
			expect(JSON.parse(readFileSync(join(dir, name), 'utf8')), name).toEqual(schema);
		}
	});

	it('every bundled data file points editors at its schema', () => {
		for (const kind of KINDS) {
			const file = JSON.parse(readFileSync(join(DATA_DIR, `${kind}.json`), 'utf8'));
			expect(file.$schema).toBe(`./schema/${kind}.schema.json`);
			expect(Array.isArray(file[kind])).toBe(true);
		}
	});

	it('record schemas forbid unknown fields so editors flag typos', () => {
		for (const kind of KINDS) {
			const schema = published[`${singular[kind]}.schema.json`] as { additionalProperties?: boolean };
			expect(schema.additionalProperties).toBe(false);
		}
	});
});

describe('schemaBase, the vocabularies without zod', () => {
	it("INCIDENT_FIELDS is the incident schema's field order (the fast check and --json answers rely on it)", () => {
		expect([...INCIDENT_FIELDS]).toEqual(Object.keys(incidentSchema.shape));
	});
});
