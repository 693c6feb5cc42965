import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { HOOK_ERROR_CODES, HookError } from './errors.js';
import { DEFAULT_HOOK_COMMANDS, mergeHookSettings } from './settings.js';
import type { ClaudeSettings, HookCommands } from './settings.js';

/** Options of {@link installHooks}. */
export interface InstallHooksOptions {
  /** `project`: `<dir>/.claude/settings.json`; `user`: `~/.claude/settings.json`. */
  scope: 'project' | 'user';
  /** The directory holding `.claude`: the project (default: cwd) or home (default: the user's). */
  dir?: string;
  /** Compute and describe the change, write nothing. */
  dryRun?: boolean;
  commands?: Partial<HookCommands>;
}

/** What {@link installHooks} did, or would do. */
export interface InstallHooksResult {
  path: string;
  changed: boolean;
  /** False on a dry run or when there was nothing to change. */
  written: boolean;
  /** For people: the file, then one line per change, or a note that nothing changes. */
  diff: string;
  settings: ClaudeSettings;
}

/** Where the settings file of a scope lives. */
export function settingsPath(scope: InstallHooksOptions['scope'], dir?: string): string {
  return join(dir ?? (scope === 'user' ? homedir() : process.cwd()), '.claude', 'settings.json');
}

async function readSettings(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    // Refuse rather than overwrite: the file may hold settings the user cares about.
    throw new HookError(
      HOOK_ERROR_CODES.badSettings,
      `${path} is not valid JSON (${(error as Error).message}); fix it first, nothing was changed`,
    );
  }
}

/**
 * Installs our two hooks into a Claude Code settings file (created if missing), keeping
 * every other setting and hook. Idempotent. The CLI exposes this as `spaces hooks install`.
 */
export async function installHooks(options: InstallHooksOptions): Promise<InstallHooksResult> {
  const path = settingsPath(options.scope, options.dir);
  const commands = { ...DEFAULT_HOOK_COMMANDS, ...options.commands };
  const merged = mergeHookSettings(await readSettings(path), commands);
  const diff = [
    path,
    ...(merged.changed ? merged.changes : ['  (hooks already installed; nothing to change)']),
  ].join('\n');
  const write = merged.changed && options.dryRun !== true;
  if (write) {
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a crash never leaves a half-written settings file behind.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(merged.settings, null, 2) + '\n', 'utf8');
    await rename(tmp, path);
  }
  return { path, changed: merged.changed, written: write, diff, settings: merged.settings };
}
