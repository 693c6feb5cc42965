import { HOOK_ERROR_CODES, HookError } from './errors.js';

/** The commands Claude Code runs for our two hooks. */
export interface HookCommands {
  /** Run on Stop: posts or updates the session summary. */
  stop: string;
  /** Run on SessionStart: injects peers' recent activity. */
  sessionStart: string;
}

/** The executables this package ships, as named in its `bin` map. */
export const HOOK_BINS = {
  stop: 'spaces-session-hook',
  sessionStart: 'spaces-context-hook',
} as const satisfies HookCommands;

/** Commands used when none are given: the bins, found on PATH. */
export const DEFAULT_HOOK_COMMANDS: HookCommands = HOOK_BINS;

/** Seconds Claude Code waits for our hook; ours stop themselves well before this. */
export const HOOK_TIMEOUT_SECONDS = 10;

/** A Claude Code settings object; we only ever look inside `hooks`. */
export type ClaudeSettings = Record<string, unknown>;

/** The outcome of {@link mergeHookSettings}. */
export interface MergedSettings {
  /** A new object; the input is never changed. */
  settings: ClaudeSettings;
  changed: boolean;
  /** One human-readable line per change, `+` added and `~` updated. */
  changes: string[];
}

const EVENTS = [
  ['Stop', 'stop'],
  ['SessionStart', 'sessionStart'],
] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const badSettings = (field: string, want: string): HookError =>
  new HookError(
    HOOK_ERROR_CODES.badSettings,
    `settings field "${field}" must be ${want}; nothing was changed`,
    field,
  );

/**
 * Whether a configured command is one of ours: the same command, or one that runs our bin
 * (say from another install path), so a reinstall updates it instead of adding a second.
 */
export function isOurCommand(command: unknown, ours: string, bin: string): boolean {
  if (typeof command !== 'string') return false;
  if (command.trim() === ours.trim()) return true;
  const escaped = bin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s/\\\\"'])${escaped}(\\.[cm]?js)?(?=$|[\\s"'])`).test(command);
}

/**
 * Adds our Stop and SessionStart hooks to Claude Code settings. Other settings and other
 * hooks are kept as they are; a hook of ours already present is kept or updated in place,
 * so installing twice changes nothing.
 * @throws HookError when `hooks` or an event's list has a shape we must not overwrite.
 */
export function mergeHookSettings(
  settings: unknown,
  commands: HookCommands = DEFAULT_HOOK_COMMANDS,
): MergedSettings {
  if (settings !== undefined && !isObj(settings)) throw badSettings('(root)', 'an object');
  const next: Obj = structuredClone(settings ?? {});
  if (next['hooks'] !== undefined && !isObj(next['hooks'])) throw badSettings('hooks', 'an object');
  const hooks: Obj = (next['hooks'] as Obj | undefined) ?? {};
  const changes: string[] = [];

  for (const [event, key] of EVENTS) {
    const command = commands[key];
    const groups = hooks[event] ?? [];
    if (!Array.isArray(groups)) throw badSettings(`hooks.${event}`, 'an array');
    let found = false;
    groups.forEach((group: unknown, g) => {
      if (!isObj(group) || !Array.isArray(group['hooks'])) return;
      group['hooks'].forEach((hook: unknown, h) => {
        if (!isObj(hook) || !isOurCommand(hook['command'], command, HOOK_BINS[key])) return;
        found = true;
        if (hook['command'] === command) return;
        changes.push(
          `~ hooks.${event}[${g}].hooks[${h}].command: ${JSON.stringify(hook['command'])} -> ${JSON.stringify(command)}`,
        );
        hook['command'] = command;
      });
    });
    if (!found) {
      // No matcher: SessionStart then fires for every source (startup, resume, clear, compact).
      const group = { hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] };
      changes.push(`+ hooks.${event}[${groups.length}]: ${JSON.stringify(group)}`);
      groups.push(group);
    }
    hooks[event] = groups;
  }
  next['hooks'] = hooks;
  return { settings: next, changed: changes.length > 0, changes };
}
