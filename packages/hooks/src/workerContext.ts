import { HOOK_ERROR_CODES, HookError } from './errors.js';
import { appendHookLog } from './hookLog.js';
import type { HubHome } from './hubHome.js';
import type { WorkerMessage } from './protocol.js';
import { redact } from './redact.js';

/** What a worker runs with; all of it replaceable in tests. */
export interface WorkerContext {
  env: Readonly<Record<string, string | undefined>>;
  /** The process's cwd, used when the input has none (older Claude Code versions on Stop). */
  cwd: string;
  /** This machine's name (default `os.hostname()`). */
  host?: string;
  /** Sends a message to the hook process (which may have exited: then it goes nowhere). */
  emit: (message: WorkerMessage) => void;
  /** The clock for log lines and deadlines. */
  now: () => number;
  /** How long the worker may keep trying to post, from its start. */
  lifetimeMs: number;
}

/** The code and message of anything thrown. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof HookError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: HOOK_ERROR_CODES.unexpected, message };
}

/**
 * Reports a diagnostic: redacted, on one line, to the hook process for stderr, and to
 * `hooks.log` when there is a hub (with none, no file is written).
 */
export async function report(
  ctx: WorkerContext,
  place: HubHome | undefined,
  name: string,
  code: string,
  raw: string,
): Promise<void> {
  const message = (await redact(raw)).replace(/\s+/g, ' ').trim();
  ctx.emit({ type: 'diagnostic', code, message });
  if (place !== undefined) {
    await appendHookLog(place, `${new Date(ctx.now()).toISOString()} ${name} ${code} ${message}`);
  }
}
