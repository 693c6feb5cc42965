import { SpacesError } from '@spaces/core';
import type { SpacesConnection } from './bindings.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

interface Entry {
  users: number;
  ready: Promise<void>;
  handle: { unsubscribe(): void } | undefined;
}

/**
 * The queries a space is subscribed to, one SDK subscription per query, counted by their users:
 * a read subscribes to the rows it needs and waits for them in the cache; a query stays while
 * anyone holds it, and is unsubscribed (its rows leave the cache) when the last one lets go.
 */
export class LiveQueries {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly connection: SpacesConnection) {}

  /** Subscribes to each query not yet held, and resolves once all their rows are cached. */
  hold(queries: readonly string[]): Promise<void> {
    return Promise.all(queries.map((sql) => this.holdOne(sql))).then(() => undefined);
  }

  /** Lets go of queries taken with {@link hold}. */
  release(queries: readonly string[]): void {
    for (const sql of queries) {
      const entry = this.entries.get(sql);
      if (!entry || --entry.users > 0) continue;
      this.entries.delete(sql);
      try {
        entry.handle?.unsubscribe();
      } catch {
        // Already ended (the connection closed): nothing to undo.
      }
    }
  }

  /** Holds queries for the time of one read. */
  async during<T>(queries: readonly string[], read: () => T): Promise<T> {
    await this.hold(queries);
    try {
      return read();
    } finally {
      this.release(queries);
    }
  }

  private holdOne(sql: string): Promise<void> {
    const held = this.entries.get(sql);
    if (held) {
      held.users++;
      return held.ready;
    }
    const entry: Entry = { users: 1, ready: Promise.resolve(), handle: undefined };
    entry.ready = new Promise<void>((resolve, reject) => {
      entry.handle = this.connection
        .subscriptionBuilder()
        .onApplied(() => resolve())
        .onError((ctx: any) => {
          this.entries.delete(sql);
          reject(
            new SpacesError(
              'internal',
              `subscription "${sql}" failed: ${String(ctx?.event?.message ?? ctx?.event ?? '')}`,
            ),
          );
        })
        .subscribe(sql) as any;
    });
    this.entries.set(sql, entry);
    return entry.ready;
  }
}
