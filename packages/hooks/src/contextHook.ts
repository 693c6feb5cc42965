import { basename } from 'node:path';
import { formatPeerContext, sessionStartOutput } from './context.js';
import type { PeerContextOptions } from './context.js';
import type { HookStore } from './hookStore.js';
import { parseSessionStartInput } from './input.js';
import type { SessionStartInput } from './input.js';
import type { HookHandler } from './run.js';

/** How far back peer activity is read by default: a day. */
export const LOOKBACK_MS = 24 * 60 * 60 * 1000;

/** What the SessionStart handler needs. */
export interface ContextHookDeps {
  store: HookStore;
  now?: () => Date;
  lookbackMs?: number;
  /** Entries fetched; the formatter then keeps what fits its budget. */
  limit?: number;
  format?: Omit<PeerContextOptions, 'excludeSessionId'>;
}

/**
 * Handles SessionStart: reads other sessions' recent entries and returns the hook's stdout
 * (the `hookSpecificOutput` JSON), or undefined when there is nothing to add.
 */
export async function handleSessionStart(
  input: SessionStartInput,
  deps: ContextHookDeps,
): Promise<string | undefined> {
  const now = deps.now?.() ?? new Date();
  const entries = await deps.store.recentPeerEntries({
    excludeSessionId: input.sessionId,
    project: basename(input.cwd) || input.cwd,
    since: new Date(now.getTime() - (deps.lookbackMs ?? LOOKBACK_MS)),
    limit: deps.limit ?? 20,
  });
  // The store was asked to leave out this session; the formatter checks again, because a
  // resumed session reading its own summary back as "another agent" would mislead it.
  const context = formatPeerContext(entries, { ...deps.format, excludeSessionId: input.sessionId });
  return context === undefined ? undefined : sessionStartOutput(context);
}

/**
 * The SessionStart hook as the runner runs it: parse stdin, open the store, format. What the
 * `spaces-context-hook` executable does, with the store and cwd passed in.
 */
export function sessionStartHook(
  openStore: () => Promise<HookStore>,
  deps: Omit<ContextHookDeps, 'store'> & { fallbackCwd?: string } = {},
): HookHandler {
  return async (stdin) => {
    const input = parseSessionStartInput(stdin, deps.fallbackCwd);
    return { output: await handleSessionStart(input, { ...deps, store: await openStore() }) };
  };
}
