import type { HookStore, PeerQuery, StoredMessageRef } from '../hookStore.js';
import type { PeerEntry } from '../peerEntry.js';

/** A message held by {@link MemoryHookStore}. */
export interface MemoryMessage extends PeerEntry {
  id: bigint;
  sessionId: string;
  edits: number;
}

/** Options of {@link MemoryHookStore}. */
export interface MemoryHookStoreOptions {
  /** Author of messages this store posts. */
  author?: string;
  /** Clock for message times; tests pin it. */
  now?: () => Date;
  /** Project recorded on posted messages. */
  project?: string;
}

/** An in-memory {@link HookStore} for tests: records every call and can be seeded with peers. */
export class MemoryHookStore implements HookStore {
  readonly messages: MemoryMessage[] = [];
  readonly events: { kind: string; payload: unknown; text?: string }[] = [];
  readonly queries: PeerQuery[] = [];
  private nextId = 1n;

  constructor(private readonly options: MemoryHookStoreOptions = {}) {}

  /** Adds another agent's entry, as if it had been posted elsewhere. */
  seed(entry: PeerEntry & { sessionId: string }): MemoryMessage {
    const message = { ...entry, id: this.nextId++, edits: 0 };
    this.messages.push(message);
    return message;
  }

  async findSessionMessage(sessionId: string): Promise<StoredMessageRef | undefined> {
    const found = this.messages.find((m) => m.sessionId === sessionId);
    return found && { id: found.id, text: found.text };
  }

  async postSessionMessage(sessionId: string, text: string): Promise<StoredMessageRef> {
    const message = this.seed({
      sessionId,
      text,
      author: this.options.author ?? 'me',
      time: (this.options.now?.() ?? new Date(0)).toISOString(),
      ...(this.options.project === undefined ? {} : { project: this.options.project }),
    });
    return { id: message.id };
  }

  async editSessionMessage(id: bigint, text: string): Promise<void> {
    const message = this.messages.find((m) => m.id === id);
    if (!message) throw new Error(`no message ${id}`);
    message.text = text;
    message.edits++;
  }

  async emitEvent(kind: string, payload: unknown, text?: string): Promise<void> {
    this.events.push(text === undefined ? { kind, payload } : { kind, payload, text });
  }

  async lastSessionEvent(kind: string, sessionId: string): Promise<unknown> {
    return this.events.findLast(
      (e) =>
        e.kind === kind && (e.payload as { sessionId?: unknown } | null)?.sessionId === sessionId,
    )?.payload;
  }

  async recentPeerEntries(query: PeerQuery): Promise<PeerEntry[]> {
    this.queries.push(query);
    const since = query.since?.getTime() ?? -Infinity;
    return this.messages
      .filter((m) => m.sessionId !== query.excludeSessionId && Date.parse(m.time) >= since)
      .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))
      .slice(0, query.limit)
      .map(({ id: _id, edits: _edits, ...entry }) => entry);
  }
}
