import type Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Call, RowChange, Tx } from '@spaces/core';
import { SpacesError, execute, parseArgs, reducerNamed } from '@spaces/core';
import { sqliteTx } from '../sqlite/tableTx.js';
import { monotonicClock, randomSeed } from './clock.js';
import { encodeArgs, encodeChanges } from './codec.js';
import type { MessageSeqWriter } from './messageSeq.js';
import { messageSeqWriter } from './messageSeq.js';
import { notifyPath } from './store.js';

/** Commits between passive checkpoints (about 1000 WAL pages at ~5 pages a call). */
export const CHECKPOINT_EVERY = 200;

/** What one committed call produced. */
export interface Commit {
  seq: bigint;
  call: Call;
  changes: RowChange[];
}

/**
 * Runs calls against a store: each call is one BEGIN IMMEDIATE transaction holding the core
 * reducer's writes and its log entry, so both commit together or neither does.
 */
export class EmbeddedEngine {
  readonly tx: Tx;
  private readonly clock = monotonicClock();
  private readonly insertLog: Database.Statement;
  private readonly messageSeq: MessageSeqWriter;
  private readonly notifyFd: number | undefined;
  private readonly seqBuffer = Buffer.alloc(8);
  private readonly run: (call: Call) => Commit;
  private commitsSinceCheckpoint = 0;
  private checkpointPending = false;

  constructor(readonly db: Database.Database) {
    this.tx = sqliteTx(db);
    this.insertLog = db.prepare(
      'INSERT INTO log (reducer, args, sender, timestamp, seed, changes) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.messageSeq = messageSeqWriter(db);
    this.notifyFd = db.memory ? undefined : openSync(notifyPath(db.name), 'r+');
    this.run = db.transaction((call: Call): Commit => {
      const changes = execute(this.tx, call);
      const def = reducerNamed(call.reducer)!; // execute has checked that it exists
      const args = encodeArgs(parseArgs(def.args, call.args));
      const info = this.insertLog.run(
        call.reducer,
        args,
        call.sender,
        call.timestamp,
        call.seed ?? 0,
        encodeChanges(changes),
      );
      const seq = BigInt(info.lastInsertRowid);
      this.messageSeq(seq, changes);
      return { seq, call, changes };
    }).immediate as (call: Call) => Commit;
  }

  /** Commits one call as `sender`; throws the core's SpacesError if the reducer rejects it. */
  commit(reducer: string, args: unknown, sender: string): Commit {
    return this.commitCall({
      reducer,
      args,
      sender,
      timestamp: this.clock(),
      seed: randomSeed(),
    });
  }

  /**
   * Commits a call whose time and seed are already fixed (the laws drive the engine with the
   * same calls as every other engine); throws the core's SpacesError if it is refused.
   */
  commitCall(call: Call): Commit {
    const commit = this.run(call);
    this.notify(commit.seq);
    if (++this.commitsSinceCheckpoint >= CHECKPOINT_EVERY) this.scheduleCheckpoint();
    return commit;
  }

  /**
   * SQLite's automatic checkpoint runs inside COMMIT and fsyncs, which would hold back the
   * wake-up of other processes by milliseconds; so it is off (see PRAGMAS) and a passive
   * checkpoint runs here, after the notify, outside any call.
   */
  private scheduleCheckpoint(): void {
    if (this.checkpointPending) return;
    this.checkpointPending = true;
    setImmediate(() => {
      this.checkpointPending = false;
      this.checkpoint();
    }).unref();
  }

  /** Copies committed WAL pages into the database file without waiting for readers. */
  checkpoint(): void {
    this.commitsSinceCheckpoint = 0;
    if (this.db.open && !this.db.memory) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Wakes followers in other processes: an inotify/FSEvents event on the notify file. */
  private notify(seq: bigint): void {
    if (this.notifyFd === undefined) return;
    this.seqBuffer.writeBigInt64LE(seq);
    writeSync(this.notifyFd, this.seqBuffer, 0, 8, 0);
  }

  close(): void {
    if (this.commitsSinceCheckpoint > 0) this.checkpoint();
    if (this.notifyFd !== undefined) closeSync(this.notifyFd);
  }
}

/** True if an error is a rejection by a reducer (as opposed to a broken store). */
export function isRejection(error: unknown): error is SpacesError {
  return error instanceof SpacesError;
}
