// sitrep config get|set|unset|path

import {
	ConfigError,
	type ConfigHandle,
	ConfigWriteError,
	SETTING_HELP,
	SETTING_KEYS,
	type SettingKey,
} from '../io/settings/config.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

/** Set from the dashboard (w, s), by `sitrep watch`, or by editing the file; `config get` shows them as JSON. */
const STRUCTURED = ['watchlist', 'alerts', 'views', 'keys'] as const;
type Structured = (typeof STRUCTURED)[number];
const isStructured = (k: string | undefined): k is Structured => (STRUCTURED as readonly string[]).includes(k ?? '');

function isKey(k: string | undefined): k is SettingKey {
	return (SETTING_KEYS as readonly string[]).includes(k ?? '');
}

export async function runConfig(args: string[], config: ConfigHandle, json: boolean, ctx: Ctx): Promise<number> {
	const [action, key, value, ...rest] = args;
	const badKey = () => {
		const also = action === 'get' || action === undefined ? `; read-only here: ${STRUCTURED.join(', ')}` : '';
		ctx.err(`sitrep config: unknown setting "${key ?? ''}"; settings: ${SETTING_KEYS.join(', ')}${also}`);
		return EXIT.usage;
	};
	// Unwritable settings still read (defaults, said once at start); only a change fails.
	if (config.error && (action === 'set' || action === 'unset')) {
		ctx.err(`sitrep config ${action}: nothing saved: ${config.error}`);
		return EXIT.data;
	}
	try {
		switch (action) {
			case 'path':
				ctx.out(config.path);
				return EXIT.ok;
			case 'get':
			case undefined:
				if (key === undefined) {
					if (json) ctx.out(terminalJson(config.settings));
					else {
						for (const k of SETTING_KEYS) ctx.out(`${k}=${config.settings[k] ?? ''}\t# ${SETTING_HELP[k]}`);
						for (const k of STRUCTURED) {
							const v = config.settings[k];
							const n = Array.isArray(v) ? v.length : v ? Object.keys(v).length : 0;
							ctx.out(`${k}=(${n} ${n === 1 ? 'entry' : 'entries'})\t# sitrep config get ${k}`);
						}
					}
					return EXIT.ok;
				}
				if (isStructured(key)) {
					ctx.out(terminalJson(config.settings[key] ?? (key === 'keys' ? {} : [])));
					return EXIT.ok;
				}
				if (!isKey(key)) return badKey();
				ctx.out(json ? terminalJson(config.settings[key] ?? null, 0) : String(config.settings[key] ?? ''));
				return EXIT.ok;
			case 'set':
				if (!isKey(key)) return badKey();
				if (value === undefined || rest.length) {
					ctx.err('sitrep config set: expected KEY VALUE');
					return EXIT.usage;
				}
				await config.set(key, value);
				ctx.out(`${key}=${config.settings[key]}`);
				return EXIT.ok;
			case 'unset':
				if (!isKey(key)) return badKey();
				await config.unset(key);
				return EXIT.ok;
			default:
				ctx.err(`sitrep config: unknown action "${action}"; expected get, set, unset or path`);
				return EXIT.usage;
		}
	} catch (err) {
		if (err instanceof ConfigWriteError) {
			ctx.err(`sitrep config ${action}: nothing saved: ${err.message}`);
			return EXIT.data;
		}
		if (err instanceof ConfigError) {
			ctx.err(`sitrep config: ${err.message}`);
			return EXIT.usage;
		}
		throw err;
	}
}
