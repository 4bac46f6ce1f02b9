// What each alert rule has fired for, kept next to the settings as
// alerts.json, one record per data directory ({dirs: {"/abs/dir": {rules:
// {ruleId: {incidents, articles, at}}}}}): a rule fired by one data set has
// not fired for another. Read and written as watch.json is (watchState.ts):
// through conf, atomically; a write is made within the call once conf is
// loaded. A broken file is moved aside as alerts.json.bad-<time> and said
// once; one that cannot be moved is left alone and not written over.
import { resolve } from 'node:path';
import type Conf from 'conf';
import type { Fired, FiredEntry } from '../../core/alerts/evaluate.js';
import {
	detailOf,
	errorText,
	loadConf,
	loadedConf,
	movedAside,
	openStateFile,
	readAsConf,
	settingsPath,
	tolerantReader,
} from './file.js';

interface AlertFile {
	dirs?: Record<string, unknown>;
}

const open = (ConfClass: typeof Conf, deserialize: (text: string) => Record<string, unknown>) =>
	openStateFile<AlertFile>(ConfClass, 'alerts', deserialize);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checked by hand: the file may have been edited, or written by another version. */
function asFired(entry: unknown): Fired | string {
	if (!isObject(entry) || !isObject(entry.rules)) return '"rules" is not an object';
	const out: Fired = {};
	for (const [id, e] of Object.entries(entry.rules)) {
		if (!isObject(e) || !isIdList(e.incidents) || !isIdList(e.articles) || typeof e.at !== 'string')
			return `rule "${id}" needs "incidents" and "articles" lists of ids and "at"`;
		out[id] = { incidents: e.incidents, articles: e.articles, at: e.at };
	}
	return out;
}

/** The record of `dir` in the file's value, or what is wrong with the file. */
function entryOf(value: AlertFile, dir: string): Fired | string {
	if (value.dirs === undefined) return Object.keys(value).length === 0 ? {} : '"dirs" is missing';
	if (!isObject(value.dirs)) return '"dirs" is not an object';
	const entry = value.dirs[resolve(dir)];
	return entry === undefined ? {} : asFired(entry);
}

export interface LoadedFired {
	fired: Fired;
	/** The file could not be read, nor kept aside: it is left alone (saveFired refuses too). */
	error?: string;
	/** The file was unusable and is kept aside as a backup: every rule starts afresh. To be said once. */
	notice?: string;
}

/** A broken file moved aside; undefined when it could not be (then it must be left alone). */
function setAside(path: string, text: string, problem: string, detail = ''): LoadedFired | undefined {
	const notice = movedAside(path, text, problem, 'a rule that holds now fires again', detail);
	return notice === undefined ? undefined : { fired: {}, notice };
}

/** What each rule has fired for in `dir`; nothing when there is no file yet. */
export function loadFired(dir: string): LoadedFired {
	const reader = tolerantReader();
	const path = settingsPath('alerts.json');
	try {
		readAsConf(path, reader.deserialize);
	} catch (err) {
		return { fired: {}, error: `cannot read ${path}: ${errorText(err)}` };
	}
	const read = reader.last();
	if (!read) return { fired: {} };
	let what: string;
	if ('problem' in read.parsed) what = read.parsed.problem;
	else {
		const fired = entryOf(read.parsed.value as AlertFile, dir);
		if (typeof fired !== 'string') return { fired };
		what = `not an alert record (${fired})`;
	}
	return (
		setAside(path, read.text, what, detailOf(read.parsed)) ?? {
			fired: {},
			error: `${path} is ${what} and could not be kept aside: fix or delete it`,
		}
	);
}

const sorted = (e: FiredEntry): FiredEntry => ({
	incidents: [...e.incidents].sort(),
	articles: [...e.articles].sort(),
	at: e.at,
});

/**
 * Applies `change` to the record of `dir` as the file holds it now (another
 * sitrep may have written since this one read it) and writes it; the error,
 * if any. Other directories' records stay as they are.
 */
export async function saveFired(dir: string, change: (onDisk: Fired) => Fired): Promise<string | undefined> {
	const ConfClass = loadedConf() ?? (await loadConf());
	return saveFiredWith(ConfClass, dir, change);
}

function saveFiredWith(ConfClass: typeof Conf, dir: string, change: (onDisk: Fired) => Fired): string | undefined {
	try {
		const reader = tolerantReader();
		const conf = open(ConfClass, reader.deserialize);
		const read = reader.last();
		const parsed = read?.parsed;
		let before: Fired = {};
		let dirs: Record<string, unknown> = {};
		if (read && parsed && 'value' in parsed) {
			const value = parsed.value as AlertFile;
			const entry = entryOf(value, dir);
			if (typeof entry !== 'string') {
				before = entry;
				if (isObject(value.dirs)) dirs = { ...value.dirs };
			} else if (!setAside(conf.path, read.text, `not an alert record (${entry})`))
				return `cannot record fired alerts: ${conf.path} is not an alert record and could not be kept aside`;
		} else if (read && parsed && 'problem' in parsed) {
			if (!setAside(conf.path, read.text, parsed.problem))
				return `cannot record fired alerts: ${conf.path} is ${parsed.problem} and could not be kept aside`;
		}
		const after = change(before);
		const rules: Fired = {};
		for (const id of Object.keys(after).sort()) {
			const e = after[id];
			if (e) rules[id] = sorted(e);
		}
		dirs[resolve(dir)] = { rules };
		conf.store = { dirs };
		return undefined;
	} catch (err) {
		return `cannot record fired alerts: ${errorText(err)}`;
	}
}
