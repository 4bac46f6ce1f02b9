#!/usr/bin/env node
// dist/cli.js, sitrep's command (package.json "bin"), written by scripts/build.mjs from this
// file. It runs the bundle, sitrep.cjs (one CommonJS file), through vm.Script with V8's code
// cache, sitrep.cjs.cache: the functions the dashboard ran up to its first frame, compiled.
// Reading and compiling the bundle was the largest part of start-up; with the cache V8 only
// checks and deserializes.
//
// The build makes the cache (the dashboard on the bundled data in a pseudo-terminal). A cache
// of another build is not used; one V8 rejects (another Node version, other V8 flags) falls
// back to compiling, as does a missing one. Either way the cache is written again after the
// first frame, where the folder is writable (not in an install owned by root: then every
// start compiles, as without a cache).
//
// It is CommonJS, as all of dist/ is (dist/package.json): Node's ES module loader, which
// costs a few ms to set up, is never started.
//
// SITREP_CODE_CACHE: off (neither read nor written), write (written after the first frame
// whatever was read: the build), check (prints whether V8 accepts it, runs nothing).
const { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

/** The build this launcher belongs to (a hash of the bundle): a cache made for another one is not read. */
const BUILD = 'unbuilt';
const bundle = join(__dirname, 'sitrep.cjs');
const cacheFile = `${bundle}.cache`;
const mode = process.env.SITREP_CODE_CACHE;
const header = Buffer.from(`sitrep code cache ${BUILD}\n`);

let cached;
if (mode !== 'off') {
	try {
		const data = readFileSync(cacheFile);
		if (data.subarray(0, header.length).equals(header)) cached = data.subarray(header.length);
	} catch {
		// No cache: compiled as usual, and the cache written after the first frame.
	}
}
// The bundle is ASCII (the build checks): read as Latin-1 it is a one-byte string at once.
const source = readFileSync(bundle, 'latin1');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
	filename: bundle,
	cachedData: cached,
});
const accepted = cached !== undefined && !script.cachedDataRejected;
if (mode === 'check') {
	process.stdout.write(`${cached === undefined ? 'none' : accepted ? 'accepted' : 'rejected'}\n`);
	process.exit(0);
}
if (mode === 'write' || (mode !== 'off' && !accepted)) {
	// The dashboard says when its first frame is on the screen (ui/app/run.tsx).
	process.once('sitrep:first-frame', () => setImmediate(save));
}

function save() {
	const tmp = `${cacheFile}.${process.pid}.tmp`;
	let fd;
	try {
		// Opened first: where dist/ is not writable, no cache is made for nothing.
		fd = openSync(tmp, 'w');
		writeFileSync(fd, Buffer.concat([header, script.createCachedData()]));
		closeSync(fd);
		fd = undefined;
		renameSync(tmp, cacheFile);
	} catch (err) {
		try {
			if (fd !== undefined) closeSync(fd);
			unlinkSync(tmp);
		} catch {
			// Never made.
		}
		// The build must know; a user's start goes on without a cache.
		if (mode === 'write') throw err;
	}
}

const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, __dirname);
