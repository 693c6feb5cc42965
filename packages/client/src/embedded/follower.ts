import type Database from 'better-sqlite3';
import type { ReadTx, RowChange } from '@spaces/core';
import { ReaderView, decodeChanges, tables } from '@spaces/core';
import type { Change, Subscription, SubscriptionFilter } from '../api.js';
import { subscribedTables } from '../reads.js';
import { sqliteTx } from '../sqlite/tableTx.js';
import { watchCommits } from './watch.js';

interface LogRow {
  seq: bigint;
  reducer: string;
  sender: string;
  timestamp: bigint;
  changes: string;
}

const BATCH = 1000;

/**
 * Follows the store's log for every subscription of one open space: one watch, and each
 * subscription reads the log from its own seq, so a slow or resumed subscriber misses nothing.
 * Each subscription delivers only what its reader may see (core's `VISIBILITY`), judged commit by
 * commit in the state that commit left (a {@link ReaderView} stepped along the log).
 */
export class LogFollower {
  private readonly subscriptions = new Set<LogSubscription>();
  private readonly readAfter: Database.Statement;
  private readonly readBackFrom: Database.Statement;
  private readonly maxSeq: Database.Statement;
  private readonly start: (since: bigint | undefined) => { head: bigint; view: ReaderView };
  private watcher: { close(): void } | undefined;

  constructor(
    db: Database.Database,
    /** Whose subscriptions these are. */
    private readonly identity: string,
    private readonly notifyFile: string | undefined,
  ) {
    this.readAfter = db
      .prepare(
        'SELECT seq, reducer, sender, timestamp, changes FROM log WHERE seq > ? ORDER BY seq LIMIT ?',
      )
      .safeIntegers(true);
    this.readBackFrom = db
      .prepare('SELECT seq, changes FROM log WHERE seq > ? ORDER BY seq DESC')
      .safeIntegers(true);
    this.maxSeq = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM log').safeIntegers(true);
    const tx = sqliteTx(db) as ReadTx;
    // One read transaction: the head and the tables the view is taken from are one snapshot.
    this.start = db.transaction((since: bigint | undefined) => {
      const head = this.head();
      const view = ReaderView.of(tx, this.identity);
      // Walk the view back to `since`, so the backlog is judged as it was when committed.
      if (since !== undefined && since < head) {
        for (const entry of this.readBackFrom.iterate(since) as IterableIterator<LogRow>) {
          view.revert(decodeChanges(entry.changes));
        }
      }
      return { head, view };
    });
  }

  /** The seq of the last committed call. */
  head(): bigint {
    return (this.maxSeq.get() as { seq: bigint }).seq;
  }

  subscribe(filter: SubscriptionFilter, handler: (change: Change) => void): Subscription {
    if (filter.since !== undefined && filter.since < 0n) {
      throw new TypeError(`since must be a seq (0 or more); got ${filter.since}`);
    }
    const { head, view } = this.start(filter.since);
    const since = filter.since ?? head;
    const subscription = new LogSubscription(this, filter, handler, view, head, since);
    this.subscriptions.add(subscription);
    if (!this.watcher && this.notifyFile)
      this.watcher = watchCommits(this.notifyFile, () => this.wake());
    return subscription;
  }

  /** Delivers whatever is new to every subscription. */
  wake(): void {
    for (const subscription of this.subscriptions) subscription.pump();
  }

  /** Log entries after `seq`, oldest first. */
  read(seq: bigint): LogRow[] {
    return this.readAfter.all(seq, BATCH) as LogRow[];
  }

  remove(subscription: LogSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) {
      this.watcher?.close();
      this.watcher = undefined;
    }
  }

  close(): void {
    for (const subscription of [...this.subscriptions]) subscription.close();
  }
}

class LogSubscription implements Subscription {
  readonly ready: Promise<void>;
  /** The last log entry read (and applied to the view). */
  private position: bigint;
  private closed = false;
  private pumping = false;
  private again = false;
  /** The commit being delivered, whose remaining changes still arrive if closed midway. */
  private current: bigint | undefined;
  private readonly tables: ReadonlySet<string>;

  constructor(
    private readonly follower: LogFollower,
    private readonly filter: SubscriptionFilter,
    private readonly handler: (change: Change) => void,
    /** The reader's view at `position`. */
    private readonly view: ReaderView,
    head: bigint,
    /** Entries up to here are read (to keep the view in step) but not delivered. */
    private readonly since: bigint,
  ) {
    this.tables = subscribedTables(filter.tables);
    this.position = since < head ? since : head;
    // The backlog is delivered after subscribe() returns, so the handler may use the handle.
    this.ready = new Promise((resolve) =>
      setImmediate(() => {
        this.pump();
        resolve();
      }),
    );
  }

  get seq(): bigint {
    return this.position > this.since ? this.position : this.since;
  }

  /** Reads and delivers log entries after the position until none are left. */
  pump(): void {
    if (this.closed) return;
    if (this.pumping) {
      // A handler made a call, which woke us again: finish this round, then go once more.
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (let rows = this.follower.read(this.position); rows.length > 0 && !this.closed;) {
          for (const entry of rows) {
            if (this.closed) return;
            // A commit is delivered whole, even if a handler closes the subscription midway:
            // `seq` then names a commit all of whose changes were seen, so resuming is exact.
            this.deliver(entry);
            this.position = entry.seq;
          }
          rows = rows.length < BATCH ? [] : this.follower.read(this.position);
        }
      } while (this.again && !this.closed);
    } finally {
      this.pumping = false;
    }
  }

  private deliver(entry: LogRow): void {
    const changes = decodeChanges(entry.changes);
    this.view.apply(changes);
    if (entry.seq <= this.since) return;
    this.current = entry.seq;
    for (const change of this.view.visibleOf(changes)) {
      if (!this.matches(change)) continue;
      const tagged: Change = {
        ...change,
        seq: entry.seq,
        reducer: entry.reducer,
        sender: entry.sender,
        timestamp: entry.timestamp,
      };
      try {
        this.handler(tagged);
      } catch (error) {
        // A failing handler must not stall the log for everyone: report it as uncaught.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.current = undefined;
  }

  private matches(change: RowChange): boolean {
    if (!this.tables.has(change.table)) return false;
    if (this.filter.channelId === undefined) return true;
    const channelId = (change.row as { channelId?: unknown }).channelId;
    if (!('channelId' in tables[change.table].columns)) return true;
    return channelId === this.filter.channelId;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.current !== undefined) this.position = this.current;
    this.follower.remove(this);
  }
}
