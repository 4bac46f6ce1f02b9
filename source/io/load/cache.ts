// A start-up cache for big data sets: the incidents, actors and countries of
// a clean load, already checked and cleaned, in V8's serialization format.
// Reading it back skips parsing and checking (about 1.1 s at 100k incidents,
// against 0.3 s to deserialize). It is keyed by sitrep's version and every data
// file's path, size, mtime and inode, so an edited or replaced file misses it;
// only a load without any problem is cached, so what it gives back is exactly
// what loading would. The bundled data and small sets never use it, and do not
// load node:crypto and node:v8 for it (imported when a set is big enough).
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Actor, Country, Incident } from '../../core/schema.js';

/** Bump when loading, checking or cleaning changes what a record becomes. */
const CACHE_FORMAT = 1;

/** Below this many bytes of incident files, loading is fast enough without a cache (tests set it lower). */
const cacheFromBytes = () => Number(process.env.SITREP_CACHE_FROM_BYTES ?? 8_000_000);

export interface Cached {
	incidents: Incident[];
	actors: Actor[];
	countries: Country[];
	files: string[];
}

export function cacheDir(): string | undefined {
	if (process.env.SITREP_CACHE_DIR === '') return undefined;
	return process.env.SITREP_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sitrep');
}

/** The cache file for these data files, or undefined when the set is small (or caching is off). */
export async function cacheFileFor(
	dir: string,
	files: readonly string[],
	version: string,
): Promise<string | undefined> {
	const where = cacheDir();
	if (!where) return undefined;
	let incidentBytes = 0;
	const stats: [string, number, number, number][] = [];
	for (const file of files) {
		try {
			const st = fs.statSync(file);
			stats.push([resolve(file), st.size, st.mtimeMs, st.ino]);
			if (/incidents/.test(file)) incidentBytes += st.size;
		} catch {
			return undefined;
		}
	}
	if (incidentBytes < cacheFromBytes()) return undefined;
	const { createHash } = await import('node:crypto');
	const key = createHash('sha256')
		.update(JSON.stringify({ format: CACHE_FORMAT, version, dir: resolve(dir), stats }))
		.digest('hex')
		.slice(0, 32);
	return join(where, `load-${key}.v8`);
}

/** The cached load, or undefined on a miss or any problem reading it (a cache is never an error). */
export async function readCache(file: string): Promise<Cached | undefined> {
	let buf: Buffer;
	try {
		buf = fs.readFileSync(file);
	} catch {
		return undefined;
	}
	const { Deserializer } = await import('node:v8');
	try {
		const d = new Deserializer(buf);
		d.readHeader();
		const head = d.readValue() as { format: number; counts: Record<'incidents' | 'actors' | 'countries', number> };
		if (head.format !== CACHE_FORMAT) return undefined;
		const files = d.readValue() as string[];
		const actors = d.readValue() as Actor[];
		const countries = d.readValue() as Country[];
		const incidents: Incident[] = [];
		while (incidents.length < head.counts.incidents) incidents.push(...(d.readValue() as Incident[]));
		if (actors.length !== head.counts.actors || countries.length !== head.counts.countries) return undefined;
		return { incidents, actors, countries, files };
	} catch {
		return undefined;
	}
}

const CHUNK = 2000;

/** The cache's bytes: a header, the small lists, then the incidents in chunks (read back one by one). */
export async function serializeCache(data: Cached): Promise<Buffer> {
	const { Serializer } = await import('node:v8');
	const s = new Serializer();
	s.writeHeader();
	s.writeValue({
		format: CACHE_FORMAT,
		counts: { incidents: data.incidents.length, actors: data.actors.length, countries: data.countries.length },
	});
	s.writeValue(data.files);
	s.writeValue(data.actors);
	s.writeValue(data.countries);
	for (let i = 0; i < data.incidents.length; i += CHUNK) s.writeValue(data.incidents.slice(i, i + CHUNK));
	return s.releaseBuffer();
}
