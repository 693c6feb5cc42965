import { homedir } from 'node:os';
import { join } from 'node:path';
import { HOOK_ERROR_CODES, HookError } from './errors.js';
import { readJsonFile, writeJsonFile } from './jsonFile.js';
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

/** The settings file's content; a file that is not JSON is refused, never overwritten. */
function readSettings(path: string): Promise<unknown> {
  return readJsonFile(
    path,
    (reason) =>
      new HookError(
        HOOK_ERROR_CODES.badSettings,
        `${path} is not valid JSON (${reason}); fix it first, nothing was changed`,
      ),
  );
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
  if (write) await writeJsonFile(path, merged.settings);
  return { path, changed: merged.changed, written: write, diff, settings: merged.settings };
}
