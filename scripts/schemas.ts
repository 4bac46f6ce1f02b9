// Writes data/schema/*.json from source/core/schema.ts (tests fail if they drift).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../source/core/schema.js';

const dir = join(import.meta.dirname, '..', 'data', 'schema');
for (const [name, schema] of Object.entries(publishedSchemas())) {
	writeFileSync(join(dir, name), `${JSON.stringify(schema, null, '\t')}\n`);
	console.log(`wrote data/schema/${name}`);
}
