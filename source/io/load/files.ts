// The files a data directory holds for each kind, in the order they are read:
// KIND.json, KIND.jsonl, then a KIND/ folder's .json, .jsonl and .ndjson files by name.
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { Kind } from '../../core/schemaBase.js';

/** The files the loader would read for a kind, in its order. */
export function kindFiles(dir: string, kind: Kind): string[] {
	const files: string[] = [];
	for (const name of [`${kind}.json`, `${kind}.jsonl`]) {
		if (fs.existsSync(join(dir, name))) files.push(join(dir, name));
	}
	const folder = join(dir, kind);
	if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
		for (const name of fs.readdirSync(folder).sort()) {
			if (/\.(json|jsonl|ndjson)$/.test(name)) files.push(join(folder, name));
		}
	}
	return files;
}
