import type { RowChange } from '@spaces/core';
import { tables } from '@spaces/core';
import type { Change, Subscription, SubscriptionFilter } from '../api.js';
import { subscribedTables } from '../reads.js';

/** How many recent changes a connection keeps for subscribers resuming with `since`. */
export const FEED_KEEP = 10_000;

/**
 * Numbers the row changes one connection receives (seq 1, 2, … per connection) and fans them
 * out to subscriptions. Keeps the last {@link FEED_KEEP} so a subscriber can resume within a
 * connection's lifetime; a `since` older than that, or from another connection, is refused.
 */
export class ChangeFeed {
  private seq = 0n;
  private readonly recent: Change[] = [];
  private readonly handlers = new Set<(change: Change) => void>();

  /** Records a change and delivers it. */
  push(change: RowChange, extra: Partial<Change> = {}): void {
    this.seq += 1n;
    const tagged = { ...extra, ...change, seq: this.seq } as Change;
    this.recent.push(tagged);
    if (this.recent.length > FEED_KEEP) this.recent.splice(0, this.recent.length - FEED_KEEP);
    for (const handler of this.handlers) handler(tagged);
  }

  subscribe(filter: SubscriptionFilter, handler: (change: Change) => void): Subscription {
    const since = filter.since ?? this.seq;
    const oldest = this.recent[0]?.seq ?? this.seq + 1n;
    if (since > this.seq || (since < oldest - 1n && since < this.seq)) {
      throw new RangeError(
        `cannot resume from seq ${since}: this connection holds seq ${oldest} to ${this.seq} (seq counts per connection)`,
      );
    }
    const wanted = subscribedTables(filter.tables);
    const matches = (change: Change) =>
      wanted.has(change.table) &&
      (filter.channelId === undefined ||
        !('channelId' in tables[change.table].columns) ||
        (change.row as { channelId?: bigint }).channelId === filter.channelId);
    let position = since;
    let live = false;
    const deliver = (change: Change) => {
      if (change.seq <= position) return;
      position = change.seq;
      if (matches(change)) handler(change);
    };
    const listener = (change: Change) => {
      if (live) deliver(change);
    };
    this.handlers.add(listener);
    const ready = new Promise<void>((resolve) =>
      setImmediate(() => {
        for (const change of this.recent) deliver(change);
        live = true;
        resolve();
      }),
    );
    const handlers = this.handlers;
    return {
      get seq() {
        return position;
      },
      ready,
      close: () => handlers.delete(listener),
    };
  }

  close(): void {
    this.handlers.clear();
  }
}
