import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Call, RowChange } from '@spaces/core';
import { SpacesError, replay, tables } from '@spaces/core';
import type { LawEngine, ReaderReads, Snapshot } from '@spaces/core/testing';
import {
  LAWS,
  POOL,
  callsArb,
  canonical,
  snapshotOf,
  deliveryKey,
  expectedDeliveries,
  readViolations,
} from '@spaces/core/testing';
import type { Change } from '../api.js';
import { sqliteTx } from '../sqlite/tableTx.js';
import { EmbeddedEngine } from './engine.js';
import { LogFollower } from './follower.js';
import { EmbeddedReads } from './reads.js';
import { openStore } from './store.js';

/**
 * The embedded engine as the laws see it: a store in memory, one call a commit (with its log
 * entry), mutated in place. A refused call throws and SQLite rolls it back.
 */
const embeddedEngine: LawEngine<EmbeddedEngine> = {
  name: 'embedded',
  empty: () => new EmbeddedEngine(openStore(':memory:')),
  apply(engine, call) {
    try {
      return { ok: true, state: engine, changes: engine.commitCall(call).changes };
    } catch (error) {
      if (error instanceof SpacesError) return { ok: false, state: engine, error };
      throw error;
    }
  },
  snapshot(engine): Snapshot {
    const tx = sqliteTx(engine.db);
    const out: Record<string, unknown[]> = {};
    for (const name of Object.keys(tables) as (keyof typeof tables)[]) out[name] = tx[name].scan();
    return out as unknown as Snapshot;
  },
};

const RUNS = Number(process.env['FC_RUNS'] ?? 15);
/** Each law snapshots 13 tables around every call: allow a loaded machine its time. */
const LAW_TIMEOUT = 180_000;

/** A snapshot as text, each row's values in core's column order (key order is not data). */
function inColumnOrder(snapshot: Snapshot): string {
  const out: Record<string, unknown[]> = {};
  for (const [name, decl] of Object.entries(tables)) {
    const columns = Object.keys(decl.columns);
    out[name] = (snapshot[name as keyof Snapshot] as readonly Record<string, unknown>[]).map(
      (row) => Object.fromEntries(columns.map((c) => [c, row[c]])),
    );
  }
  return canonical(out);
}

describe('laws over random call sequences (embedded SQLite engine)', () => {
  for (const [title, law] of Object.entries(LAWS)) {
    it(
      title,
      () => {
        fc.assert(
          fc.property(callsArb(), (calls) => {
            expect(law(embeddedEngine, calls)).toBeUndefined();
          }),
          { numRuns: RUNS },
        );
      },
      LAW_TIMEOUT,
    );
  }

  it(
    'ends with the tables of core’s in-memory engine, refusing the same calls with the same codes',
    () => {
      fc.assert(
        fc.property(callsArb(), (calls) => {
          const engine = embeddedEngine.empty();
          const outcomes = calls.map((call) => embeddedEngine.apply(engine, call));
          const memory = replay(calls);
          expect(outcomes.map((o) => (o.ok ? 'ok' : o.error?.code))).toEqual(
            memory.results.map((r) => (r.ok ? 'ok' : r.error.code)),
          );
          expect(inColumnOrder(embeddedEngine.snapshot(engine))).toBe(
            inColumnOrder(snapshotOf(memory.state)),
          );
          engine.db.close();
        }),
        { numRuns: RUNS },
      );
    },
    LAW_TIMEOUT,
  );
});

/** The embedded reads of one reader, as the visibility law calls them. */
function readerReads(engine: EmbeddedEngine, reader: string): ReaderReads {
  const reads = new EmbeddedReads(engine.db, reader);
  const later = <T>(read: () => T) => Promise.resolve().then(read);
  return {
    rows: (table) => later(() => reads.rows(table)),
    channel: (id) => later(() => reads.channel(id)),
    messages: (id, query) => later(() => reads.messages(id, query)),
    members: (id) => later(() => reads.members(id)),
    pins: (id) => later(() => reads.pins(id)),
    topics: (id) => later(() => reads.topics(id)),
    events: (query) => later(() => reads.events(query)),
    unread: () => later(() => reads.unread()),
    invites: () => later(() => reads.invites()),
    webhooks: () => later(() => reads.webhooks()),
  };
}

/** Runs calls through a fresh embedded engine, refused ones included. */
function runAll(calls: readonly Call[], after?: (engine: EmbeddedEngine) => void): EmbeddedEngine {
  const engine = embeddedEngine.empty();
  for (const call of calls) {
    embeddedEngine.apply(engine, call);
    after?.(engine);
  }
  return engine;
}

describe('what each reader gets is what VISIBILITY allows (embedded SQLite engine)', () => {
  it(
    'reads: every reader, every table, every channel — SQL fast paths included',
    async () => {
      await fc.assert(
        fc.asyncProperty(callsArb(), async (calls) => {
          const engine = runAll(calls);
          const { state } = replay(calls);
          for (const reader of POOL) {
            expect(await readViolations(readerReads(engine, reader), state, reader)).toEqual([]);
          }
          engine.db.close();
        }),
        { numRuns: RUNS },
      );
    },
    LAW_TIMEOUT,
  );

  it(
    'subscriptions: live, and resumed from the start, deliver exactly the changes each reader may see',
    async () => {
      await fc.assert(
        fc.asyncProperty(callsArb(), async (calls) => {
          const live = new Map<string, string[]>(POOL.map((r) => [r, []]));
          const followers: LogFollower[] = [];
          const wake = () => followers.forEach((f) => f.wake());
          const engine = embeddedEngine.empty();
          for (const reader of POOL) {
            const follower = new LogFollower(engine.db, reader, undefined);
            followers.push(follower);
            const sub = follower.subscribe({}, (c: Change) =>
              live.get(reader)!.push(deliveryKey(c as RowChange)),
            );
            await sub.ready;
          }
          for (const call of calls) {
            embeddedEngine.apply(engine, call);
            wake();
          }
          for (const reader of POOL) {
            const want = expectedDeliveries(calls, reader);
            expect(live.get(reader), `live, ${reader.slice(0, 4)}`).toEqual(want);
            // A subscriber that starts later from seq 0 judges the backlog as it was.
            const resumed: string[] = [];
            const follower = new LogFollower(engine.db, reader, undefined);
            const sub = follower.subscribe({ since: 0n }, (c: Change) =>
              resumed.push(deliveryKey(c as RowChange)),
            );
            await sub.ready;
            expect(resumed, `resumed, ${reader.slice(0, 4)}`).toEqual(want);
            follower.close();
          }
          followers.forEach((f) => f.close());
          engine.db.close();
        }),
        { numRuns: RUNS },
      );
    },
    LAW_TIMEOUT,
  );
});
