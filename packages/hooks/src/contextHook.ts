import { basename } from 'node:path';
import { formatPeerContext, sessionStartOutput } from './context.js';
import type { PeerContextOptions } from './context.js';
import type { HookStore } from './hookStore.js';
import type { SessionStartInput } from './input.js';

/** What the SessionStart handler needs. */
export interface ContextHookDeps {
  store: HookStore;
  now?: () => Date;
  /**
   * Read no further back than this. Unset by default: the store already starts at this
   * project's previous session, or else returns the last `limit` entries, however old.
   */
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
  const since =
    deps.lookbackMs === undefined
      ? {}
      : { since: new Date((deps.now?.() ?? new Date()).getTime() - deps.lookbackMs) };
  const entries = await deps.store.recentPeerEntries({
    excludeSessionId: input.sessionId,
    project: basename(input.cwd) || input.cwd,
    ...since,
    limit: deps.limit ?? 20,
  });
  // The store was asked to leave out this session; the formatter checks again, because a
  // resumed session reading its own summary back as "another agent" would mislead it.
  const context = await formatPeerContext(entries, {
    ...deps.format,
    excludeSessionId: input.sessionId,
  });
  return context === undefined ? undefined : sessionStartOutput(context);
}
