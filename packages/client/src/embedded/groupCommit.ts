import type { Call } from '@spaces/core';
import type { CallReceipt } from '../api.js';
import type { EmbeddedEngine } from './engine.js';

/**
 * The most calls one transaction holds: a burst of thousands is committed in several groups, so
 * other processes waiting for the write lock get it between them.
 */
export const MAX_GROUP = 256;

interface Pending {
  call: Call;
  resolve(receipt: CallReceipt): void;
  reject(error: unknown): void;
}

/**
 * Group commit: calls submitted in the same turn of the event loop (a `Promise.all`, or requests
 * that arrived together on sockets) wait for the turn to end (`setImmediate`) and then share one
 * transaction. Each promise settles only after the COMMIT holding its call has returned, that
 * is, once its call is as durable as the store's `synchronous` setting makes any commit.
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly engine: EmbeddedEngine,
    /** Runs after each commit, before its callers hear of it (wakes local subscribers). */
    private readonly afterCommit: () => void,
    /** What a failure of a whole group means to its callers (the store's error, named). */
    private readonly failure: (error: unknown) => unknown = (error) => error,
  ) {}

  /**
   * Queues a call; resolves with its receipt once committed, or rejects with its refusal or the
   * store's error.
   */
  submit(call: Call): Promise<CallReceipt> {
    return new Promise((resolve, reject) => {
      this.pending.push({ call, resolve, reject });
      this.schedule();
    });
  }

  /** Commits everything queued now, group after group (used on close). */
  drain(): void {
    while (this.pending.length > 0) this.commitNext();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      try {
        this.commitNext();
      } finally {
        // Yield between groups, so I/O and other processes' writers get a turn.
        if (this.pending.length > 0) this.schedule();
      }
    });
  }

  private commitNext(): void {
    const group = this.pending.splice(0, MAX_GROUP);
    if (group.length === 0) return;
    let outcomes;
    try {
      outcomes = this.engine.commitGroup(group.map((p) => p.call));
    } catch (error) {
      // The transaction failed as a whole: nothing of the group was committed.
      const failure = this.failure(error);
      for (const p of group) p.reject(failure);
      return;
    }
    try {
      if (outcomes.some((o) => o.ok)) this.afterCommit();
    } finally {
      outcomes.forEach((outcome, i) => {
        if (outcome.ok)
          group[i]!.resolve({ seq: outcome.commit.seq, changes: outcome.commit.changes });
        else group[i]!.reject(outcome.error);
      });
    }
  }
}
