import { defineCommand } from '../command.js';
import { JSON_FLAG } from '../flags.js';

export const dataIndex = defineCommand({
	name: 'index',
	summary: 'the SQLite index of the data directory: status, build, update, path',
	about: [
		'sitrep keeps an index of the data directory in SQLite: in DIR/.sitrep/index.sqlite, or in the user cache (~/.cache/sitrep) when the directory is not writable; SITREP_INDEX_DIR moves it. It is only an index: deleting it loses nothing. It is brought up to date file by file when the data changes, and built anew when it is damaged or from another version.',
		'`index` (or `index status`) shows where it is, its size, its rows per table, the files it covers and which of them changed since; `index build` builds it anew, with a progress bar on a terminal; `index update` brings it up to date (only the files that changed; built when there is none: what an open dashboard runs when files change); `index path` prints where it is.',
	],
	usage: ['index [status] [--json]', 'index build [--json]', 'index update [--json]', 'index path [--json]'],
	synopsis: 'index [status|build|update|path]',
	flags: { ...JSON_FLAG },
	examples: ['sitrep index', 'sitrep index build --data ./big', 'sitrep index status --json'],
	async run({ args, flags, ctx, dataDir }) {
		const { runIndex } = await import('../dataIndex.js');
		return runIndex(dataDir, args, flags, ctx);
	},
});
