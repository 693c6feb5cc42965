import { HOOK_ERROR_CODES, HookError } from './errors.js';

/** Where a session came from; Claude Code may add sources, so unknown strings are kept. */
export type SessionStartSource =
  'startup' | 'resume' | 'clear' | 'compact' | 'fork' | (string & {});

/** Fields Claude Code sends to every hook. */
export interface CommonHookInput {
  sessionId: string;
  /** May point at a file that lags behind, is cut mid-line, or does not exist. */
  transcriptPath: string;
  cwd: string;
}

/** What a SessionStart hook receives on stdin. */
export interface SessionStartInput extends CommonHookInput {
  event: 'SessionStart';
  source: SessionStartSource;
  model?: string;
}

/** What a Stop hook receives on stdin; it fires after every turn, not once per session. */
export interface StopInput extends CommonHookInput {
  event: 'Stop';
  stopHookActive: boolean;
  /** Sent by recent Claude Code versions; fresher than the transcript, which may lag. */
  lastAssistantMessage?: string;
}

/** Either input this package handles. */
export type HookInput = SessionStartInput | StopInput;

type Json = Record<string, unknown>;

const badField = (field: string, want: string, got: unknown): HookError =>
  new HookError(
    HOOK_ERROR_CODES.badField,
    `hook input field "${field}" must be ${want}, got ${describe(got)}`,
    field,
  );

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : `a ${typeof value}`;
}

function requireString(obj: Json, field: string, allowEmpty = false): string {
  const value = obj[field];
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    throw badField(field, allowEmpty ? 'a string' : 'a non-empty string', value);
  }
  return value;
}

function optionalString(obj: Json, field: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badField(field, 'a string when present', value);
  return value;
}

/** Options for {@link parseHookInput}. */
export interface ParseHookInputOptions {
  /** The event this executable handles; any other event is rejected. */
  expect?: HookInput['event'];
  /** Used when `cwd` is absent: older Claude Code versions omit it on Stop. */
  fallbackCwd?: string;
}

/**
 * Parses and validates the JSON a hook reads on stdin.
 * @throws HookError naming the field at fault.
 */
export function parseHookInput(raw: string, options: ParseHookInputOptions = {}): HookInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    const detail = raw.trim() === '' ? 'stdin was empty' : (error as Error).message;
    throw new HookError(HOOK_ERROR_CODES.badJson, `hook input is not JSON: ${detail}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HookError(HOOK_ERROR_CODES.badJson, `hook input must be a JSON object`);
  }
  const obj = parsed as Json;
  const event = requireString(obj, 'hook_event_name');
  if (event !== 'SessionStart' && event !== 'Stop') {
    throw badField('hook_event_name', '"SessionStart" or "Stop"', event);
  }
  if (options.expect !== undefined && event !== options.expect) {
    throw badField('hook_event_name', `"${options.expect}"`, event);
  }
  const cwd =
    obj['cwd'] === undefined && options.fallbackCwd !== undefined
      ? options.fallbackCwd
      : requireString(obj, 'cwd');
  const common: CommonHookInput = {
    sessionId: requireString(obj, 'session_id'),
    // An empty path is tolerated: the transcript is optional evidence, never required.
    transcriptPath: requireString(obj, 'transcript_path', true),
    cwd,
  };
  if (event === 'SessionStart') {
    const model = optionalString(obj, 'model');
    return {
      ...common,
      event,
      source: requireString(obj, 'source'),
      ...(model === undefined ? {} : { model }),
    };
  }
  const active = obj['stop_hook_active'] ?? false;
  if (typeof active !== 'boolean') throw badField('stop_hook_active', 'a boolean', active);
  const last = optionalString(obj, 'last_assistant_message');
  return {
    ...common,
    event,
    stopHookActive: active,
    ...(last === undefined ? {} : { lastAssistantMessage: last }),
  };
}

/** Parses stdin that must be a SessionStart input. */
export const parseSessionStartInput = (raw: string, fallbackCwd?: string): SessionStartInput =>
  parseHookInput(raw, {
    expect: 'SessionStart',
    ...(fallbackCwd === undefined ? {} : { fallbackCwd }),
  }) as SessionStartInput;

/** Parses stdin that must be a Stop input. */
export const parseStopInput = (raw: string, fallbackCwd?: string): StopInput =>
  parseHookInput(raw, {
    expect: 'Stop',
    ...(fallbackCwd === undefined ? {} : { fallbackCwd }),
  }) as StopInput;

/** Where a hook runs, as the executables know it from the environment. */
export interface ProjectDirDeps {
  /** Used when the input has no `cwd`: older Claude Code versions omit it on Stop. */
  fallbackCwd?: string;
  /**
   * The project's root (`CLAUDE_PROJECT_DIR`, set by Claude Code for hooks). When given it is
   * used in place of `cwd`, which follows the session into subfolders: the project, and so
   * the agent that posts and the message it keeps, must not change when the session `cd`s.
   */
  projectDir?: string | undefined;
}

/** The input with `cwd` set to the project's root, when one is known. */
export function atProjectDir<T extends CommonHookInput>(input: T, projectDir?: string): T {
  return projectDir === undefined || projectDir.trim() === ''
    ? input
    : { ...input, cwd: projectDir };
}
