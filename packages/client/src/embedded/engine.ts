import type Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Call, RowChange, Tx } from '@spaces/core';
import { SpacesError, executeCall } from '@spaces/core';
import { commitContext, sqliteTx } from '../sqlite/tableTx.js';
import { monotonicClock, randomSeed } from './clock.js';
import { encodeArgs, encodeChanges } from './codec.js';
import { Checkpoints } from './checkpoints.js';
import { notifyPath } from './store.js';

/** How a store commits. */
export interface EngineOptions {
  /**
   * `synchronous=FULL`: each commit is fsynced, so it survives power loss too (the default,
   * NORMAL, survives a process crash and may lose the last commits on power loss).
   */
  readonly fullSync?: boolean;
}

/** What one committed call produced. */
export interface Commit {
  seq: bigint;
  call: Call;
  changes: RowChange[];
}

/** How one call of a group ended: committed, or refused by its reducer (and undone). */
export type Outcome = { ok: true; commit: Commit } | { ok: false; error: SpacesError };

/**
 * Runs calls against a store. A group of calls is one BEGIN IMMEDIATE transaction in which each
 * call is all or nothing: its reducer's writes and its log row commit together, and a refused
 * call is undone alone while its neighbours still commit. Nothing of a group is visible, to this
 * or any other process, before its COMMIT.
 */
export class EmbeddedEngine {
  readonly tx: Tx;
  private readonly context = commitContext();
  private readonly clock = monotonicClock();
  private readonly insertLog: Database.Statement;
  private readonly lastSeq: Database.Statement;
  /** Whether another connection has committed (`data_version`: cheap inside a transaction). */
  private readonly dataVersion: Database.Statement;
  /** Rows changed through this connection, by anyone on it (`total_changes()`). */
  private readonly totalChanges: Database.Statement;
  /**
   * Both as they stood after this engine's last commit, with the seq it ended at: while neither
   * moved, nothing else wrote, so the last seq is known without reading the log.
   */
  private seen = { version: -1, changes: -1, seq: 0n };
  private readonly sql: Record<
    'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo',
    Database.Statement
  >;
  private readonly notifyFd: number | undefined;
  private readonly seqBuffer = Buffer.alloc(8);
  private readonly checkpoints: Checkpoints;

  constructor(
    readonly db: Database.Database,
    options: EngineOptions = {},
  ) {
    if (options.fullSync) db.pragma('synchronous = FULL');
    this.checkpoints = new Checkpoints(db, options.fullSync ? 'FULL' : 'NORMAL');
    this.tx = sqliteTx(db, this.context);
    this.insertLog = db.prepare(
      'INSERT INTO log (seq, reducer, args, sender, timestamp, seed, changes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.lastSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM log').safeIntegers(true).pluck();
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    const prep = (sql: string) => db.prepare(sql);
    this.sql = {
      begin: prep('BEGIN IMMEDIATE'),
      commit: prep('COMMIT'),
      rollback: prep('ROLLBACK'),
      savepoint: prep('SAVEPOINT call'),
      release: prep('RELEASE call'),
      undo: prep('ROLLBACK TO call'),
    };
    this.notifyFd = db.memory ? undefined : openSync(notifyPath(db.name), 'r+');
  }

  /** A call as `sender` now: the process's next timestamp and a fresh random seed. */
  stamp(reducer: string, args: unknown, sender: string): Call {
    return { reducer, args, sender, timestamp: this.clock(), seed: randomSeed() };
  }

  /**
   * Commits one call whose time and seed are already fixed, as a group of one (the laws drive
   * the engine with the same calls as every other engine); throws its SpacesError if refused.
   */
  commitCall(call: Call): Commit {
    const [outcome] = this.commitGroup([call]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.commit;
  }

  /**
   * Commits calls in one transaction, in order, and returns how each ended. Throws (and commits
   * nothing) only if the store itself fails: busy past the timeout, full, or broken.
   */
  commitGroup(calls: readonly Call[]): Outcome[] {
    let outcomes: Outcome[] | undefined;
    this.sql.begin.run();
    try {
      // Most calls are accepted, and most refusals come before any write: run the group
      // without a savepoint per call, and only if a refused call had written, roll it all back
      // and run the group again with one savepoint per call.
      this.start();
      outcomes = this.runCalls(calls, 'optimistic');
      if (!outcomes) {
        this.sql.rollback.run();
        this.context.epoch++; // rows cached in the undone run may be gone
        this.sql.begin.run();
        this.start();
        outcomes = this.runCalls(calls, 'savepoints')!;
      }
      if (outcomes.some((o) => o.ok)) this.sql.commit.run();
      else this.sql.rollback.run(); // all refused: nothing to commit
    } catch (error) {
      if (this.db.inTransaction) this.sql.rollback.run();
      this.seen.version = -1; // whatever happened, the next group reads everything again
      throw error;
    }
    // Committed (or all refused): from here on nothing may turn the group into a failure.
    // Our own commit moves total_changes, not data_version (only others' commits do).
    this.seen.changes = this.totalChanges.get() as number;
    this.seen.seq = this.context.seq;
    this.committed(outcomes);
    return outcomes;
  }

  /**
   * Per-transaction state, under the write lock. What this engine knows from its last commit
   * (the last seq, rows cached by key) stays valid only if nothing wrote since: no other
   * connection (SQLite's `data_version` moves when one commits) and nothing else on this one
   * (`total_changes`, which also catches a rolled-back call of ours). Sequential calls then skip
   * reading the log's last seq and re-reading their sender, channel and role.
   */
  private start(): void {
    const version = this.dataVersion.get() as number;
    const changes = this.totalChanges.get() as number;
    if (version === this.seen.version && changes === this.seen.changes) {
      this.context.seq = this.seen.seq;
      return;
    }
    this.context.epoch++;
    this.context.seq = this.lastSeq.get() as bigint;
    this.seen = { version, changes, seq: this.context.seq };
  }

  /**
   * Runs calls in the open transaction. With `savepoints` it always finishes; `optimistic`
   * returns undefined as soon as a refused call turns out to have written something.
   */
  private runCalls(
    calls: readonly Call[],
    mode: 'optimistic' | 'savepoints',
  ): Outcome[] | undefined {
    const outcomes: Outcome[] = [];
    for (const call of calls) {
      if (mode === 'savepoints') this.sql.savepoint.run();
      const writes = this.context.writes;
      try {
        outcomes.push({ ok: true, commit: this.apply(call) });
        if (mode === 'savepoints') this.sql.release.run();
      } catch (error) {
        if (!(error instanceof SpacesError)) throw error;
        if (mode === 'savepoints') {
          this.sql.undo.run();
          this.sql.release.run();
          this.context.epoch++;
        } else if (this.context.writes !== writes) {
          return undefined;
        }
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** Runs one call's reducer and writes its log row, inside the open transaction. */
  private apply(call: Call): Commit {
    const seq = this.context.seq + 1n;
    this.context.seq = seq; // read by the tables that stamp each row with its seq
    try {
      const { def, args, changes } = executeCall(this.tx, call);
      this.insertLog.run(
        seq,
        call.reducer,
        encodeArgs(def.args, args),
        call.sender,
        call.timestamp,
        call.seed ?? 0,
        encodeChanges(changes),
      );
      return { seq, call, changes };
    } catch (error) {
      this.context.seq = seq - 1n;
      throw error;
    }
  }

  /** After a commit: wake other processes, then let the WAL be copied (see Checkpoints). */
  private committed(outcomes: readonly Outcome[]): void {
    const last = outcomes.findLast((o) => o.ok);
    if (!last?.ok) return;
    this.notify(last.commit.seq);
    this.checkpoints.committed();
  }

  /** Wakes followers in other processes: an inotify/FSEvents event on the notify file. */
  private notify(seq: bigint): void {
    if (this.notifyFd === undefined) return;
    this.seqBuffer.writeBigInt64LE(seq);
    writeSync(this.notifyFd, this.seqBuffer, 0, 8, 0);
  }

  close(): void {
    this.checkpoints.close();
    this.checkpoints.now();
    if (this.notifyFd !== undefined) closeSync(this.notifyFd);
  }
}
