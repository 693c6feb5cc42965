import type { RowChange } from '@spaces/core';
import { primaryKeyOf, tables } from '@spaces/core';
import type { Change, Subscription, SubscriptionFilter } from '../api.js';
import { subscribedTables } from '../reads.js';

/** What `commit_head` says of the commit a transaction update carries. */
export interface CommitInfo {
  readonly seq: bigint;
  readonly reducer: string;
  readonly sender: string;
  readonly timestamp: bigint;
}

/** Receives each change, and each commit's seq (also commits with nothing it follows). */
interface Listener {
  change(change: Change): void;
  commit(seq: bigint): void;
}

/**
 * Turns the SDK's row callbacks into numbered changes. The callbacks of one transaction update
 * arrive together (one SDK event); among them is the update of `commit_head`, which gives the
 * commit's seq, reducer, sender and time. Changes are held until their event's callbacks are
 * all in, then tagged and delivered in order, so every change carries its commit's durable seq.
 */
export class ChangeFeed {
  private seq = 0n;
  private event: string | undefined;
  private pending: RowChange[] = [];
  private commit: CommitInfo | undefined;
  private scheduled = false;
  private readonly listeners = new Set<Listener>();

  /** The seq of the latest commit seen. */
  get latest(): bigint {
    return this.seq;
  }

  /** Starts from the head the first subscription found. */
  start(seq: bigint): void {
    if (seq > this.seq) this.seq = seq;
  }

  /** A row change of the SDK event `eventId`. */
  row(eventId: string, change: RowChange): void {
    this.enter(eventId);
    this.pending.push(change);
  }

  /** The `commit_head` of the SDK event `eventId`. */
  head(eventId: string, commit: CommitInfo): void {
    this.enter(eventId);
    this.commit = commit;
  }

  private enter(eventId: string): void {
    if (this.event !== eventId) this.flush();
    this.event = eventId;
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Delivers the held event: its changes tagged with its commit. */
  private flush(): void {
    this.scheduled = false;
    const changes = this.pending;
    const commit = this.commit;
    this.pending = [];
    this.commit = undefined;
    this.event = undefined;
    if (commit && commit.seq > this.seq) this.seq = commit.seq;
    const extra = commit
      ? {
          seq: commit.seq,
          reducer: commit.reducer,
          sender: commit.sender,
          timestamp: commit.timestamp,
        }
      : { seq: this.seq };
    for (const change of changes) {
      const tagged = { ...extra, ...change } as Change;
      for (const listener of this.listeners) listener.change(tagged);
    }
    if (commit) for (const listener of this.listeners) listener.commit(commit.seq);
  }

  /**
   * A subscription: changes from now on (or after `filter.since`, starting with `replay`'s
   * changes), once `prepared` has resolved (the rows it needs are subscribed), in seq order.
   */
  subscribe(
    filter: SubscriptionFilter,
    handler: (change: Change) => void,
    prepared: Promise<Change[]>,
    onClose: () => void,
  ): Subscription {
    const wanted = subscribedTables(filter.tables);
    const matches = (change: Change) =>
      wanted.has(change.table) &&
      (filter.channelId === undefined ||
        !('channelId' in tables[change.table].columns) ||
        (change.row as { channelId?: bigint }).channelId === filter.channelId);
    // Changes at or below the floor were seen before (or are older than the resume point).
    const floor = filter.since ?? this.seq;
    let position = floor;
    const seen = new Set<string>();
    let queued: Change[] | undefined = [];
    let open = true;
    const deliver = (change: Change) => {
      if (!open || change.seq <= floor) return;
      // A message can reach a resuming subscriber twice: replayed, and as the live insert.
      const pk = (change.row as Record<string, unknown>)[primaryKeyOf(tables[change.table])];
      const key = `${change.seq}:${change.table}:${change.op}:${String(pk)}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (change.seq > position) position = change.seq;
      if (matches(change)) handler(change);
    };
    const listener: Listener = {
      change: (change) => {
        if (queued) queued.push(change);
        else deliver(change);
      },
      // A commit with nothing this subscription follows still moves its position: resuming
      // from there misses nothing.
      commit: (seq) => {
        if (!queued && open && seq > position) position = seq;
      },
    };
    this.listeners.add(listener);
    const ready = prepared.then((replay) => {
      const all = [...replay, ...(queued ?? [])].sort((a, b) =>
        a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0,
      );
      queued = undefined;
      for (const change of all) deliver(change);
    });
    const listeners = this.listeners;
    return {
      get seq() {
        return position;
      },
      ready,
      close: () => {
        if (!open) return;
        open = false;
        listeners.delete(listener);
        onClose();
      },
    };
  }

  close(): void {
    this.listeners.clear();
  }
}
