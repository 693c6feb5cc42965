import type { PeerEntry } from './peerEntry.js';

/** A message in the agent log, by id. */
export interface StoredMessageRef {
  id: bigint;
  /** Its current text, when the store read it: an edit to the same text is skipped. */
  text?: string;
}

/** Which peer entries the SessionStart hook asks for. */
export interface PeerQuery {
  /** The session starting now; its own entries are not peers. */
  excludeSessionId: string;
  /** The current project's directory name: a store may prefer or filter by it. */
  project: string;
  /**
   * Only entries written at or after this time. A store also starts no earlier than this
   * project's own previous session, so a new session hears what happened since its last one.
   */
  since?: Date;
  /** At most this many entries, the newest ones. */
  limit: number;
}

/**
 * Everything the hooks need from Spaces, and nothing more: the seam between the hook logic
 * (pure, tested here with an in-memory store) and `@spaces/client`, which implements it.
 */
export interface HookStore {
  /** This session's summary message in the agent log, if one was already posted. */
  findSessionMessage(sessionId: string): Promise<StoredMessageRef | undefined>;
  /** Posts this session's summary message (at most 4000 characters). */
  postSessionMessage(sessionId: string, text: string): Promise<StoredMessageRef>;
  /** Replaces the text of this session's summary message. */
  editSessionMessage(id: bigint, text: string): Promise<void>;
  /** Emits a structured event such as `session.summary@1`, with a line of text for people. */
  emitEvent(kind: string, payload: unknown, text?: string): Promise<void>;
  /** The payload of the latest event of this kind this agent emitted for the session, if any. */
  lastSessionEvent(kind: string, sessionId: string): Promise<unknown>;
  /** Other sessions' recent entries, in any order (the formatter sorts them). */
  recentPeerEntries(query: PeerQuery): Promise<PeerEntry[]>;
  /** Releases the connection; the handlers call it when done, and ignore its failure. */
  close?(): Promise<void>;
}

/** Closes a store without letting a failure to close hide the work's own outcome. */
export async function closeQuietly(store: HookStore): Promise<void> {
  try {
    await store.close?.();
  } catch {
    // Everything the hook meant to write is committed by now; a failed close loses nothing.
  }
}
