// A one-line text prompt in the status bar's place (the name of a view being saved).
import type { Command } from '../../keymap.js';

export interface PromptState {
	kind: 'saveView';
	value: string;
}

/** Editing; `prompt.accept` and `prompt.cancel` are the app's. */
export function promptEdit(p: PromptState, cmd: Command): PromptState {
	switch (cmd) {
		case 'prompt.deleteChar':
			return { ...p, value: [...p.value].slice(0, -1).join('') };
		case 'prompt.clear':
			return { ...p, value: '' };
		default:
			return p;
	}
}

export const promptType = (p: PromptState, input: string): PromptState => ({ ...p, value: p.value + input });
