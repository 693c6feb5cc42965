import type Database from 'better-sqlite3';
import type { Call, RowChange, TableName } from '@spaces/core';
import { execute, primaryKeyOf, tables } from '@spaces/core';
import type { VerifyReport } from '../api.js';
import { sqliteTx } from '../sqlite/tableTx.js';
import { TABLE_NAMES, q } from '../sqlite/schema.js';
import { encodeChanges } from './codec.js';
import { openStore } from './store.js';

interface LogEntry {
  seq: bigint;
  reducer: string;
  args: string;
  sender: string;
  timestamp: bigint;
  seed: bigint;
  changes: string;
}

type Progress = ((done: number, total: number) => void) | undefined;

const BATCH = 5000;

function callOf(entry: LogEntry): Call {
  return {
    reducer: entry.reducer,
    args: JSON.parse(entry.args) as unknown,
    sender: entry.sender,
    timestamp: entry.timestamp,
    seed: Number(entry.seed),
  };
}

/**
 * Runs every logged call, in seq order, through core against `target`, in batches of one
 * transaction each. `check` sees each call's changes.
 */
function replayInto(
  source: Database.Database,
  target: Database.Database,
  onProgress: Progress,
  check?: (entry: LogEntry, changes: RowChange[]) => void,
): number {
  const total = Number((source.prepare('SELECT count(*) AS n FROM log').get() as { n: number }).n);
  const page = source
    .prepare('SELECT * FROM log WHERE seq > ? ORDER BY seq LIMIT ?')
    .safeIntegers(true);
  let seq = 0n;
  const tx = sqliteTx(target, { seq: () => seq });
  let done = 0;
  let after = 0n;
  const runBatch = target.transaction((entries: LogEntry[]) => {
    for (const entry of entries) {
      seq = entry.seq;
      let changes;
      try {
        changes = execute(tx, callOf(entry));
      } catch (error) {
        throw new Error(
          `call ${entry.seq} (${entry.reducer}) is rejected on replay: ${(error as Error).message}`,
        );
      }
      check?.(entry, changes);
    }
  });
  for (;;) {
    const entries = page.all(after, BATCH) as LogEntry[];
    if (entries.length === 0) break;
    runBatch(entries);
    after = entries[entries.length - 1]!.seq;
    done += entries.length;
    onProgress?.(done, total);
  }
  return done;
}

function dump(db: Database.Database, table: TableName): Database.Statement {
  return db
    .prepare(`SELECT * FROM ${q(table)} ORDER BY ${q(primaryKeyOf(tables[table]))}`)
    .safeIntegers(true);
}

function describe(row: unknown): string {
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
}

/** The first difference between one table in two stores, if any. */
function firstDifference(
  a: Database.Database,
  b: Database.Database,
  table: TableName,
): string | undefined {
  const left = dump(a, table).iterate() as IterableIterator<unknown>;
  const right = dump(b, table).iterate() as IterableIterator<unknown>;
  for (let i = 0; ; i++) {
    const x = left.next();
    const y = right.next();
    if (x.done && y.done) return undefined;
    const sx = x.done ? undefined : describe(x.value);
    const sy = y.done ? undefined : describe(y.value);
    if (sx !== sy) {
      left.return?.();
      right.return?.();
      return `row ${i}: store has ${sx ?? 'nothing'}, replay has ${sy ?? 'nothing'}`;
    }
  }
}

/**
 * Replays the log through core into a scratch store and compares every table, and every call's
 * changes with those the log recorded. Reads one consistent snapshot of the store.
 */
export function verifyStore(db: Database.Database, onProgress?: Progress): VerifyReport {
  const scratch = openStore(':memory:');
  const differences: VerifyReport['differences'] = {};
  let calls = 0;
  try {
    db.transaction(() => {
      try {
        calls = replayInto(db, scratch, onProgress, (entry, changes) => {
          if (encodeChanges(changes) !== entry.changes) {
            const table = (JSON.parse(entry.changes) as [TableName][])[0]?.[0] ?? 'messages';
            differences[table] ??=
              `call ${entry.seq} (${entry.reducer}) replays to different changes`;
          }
        });
      } catch (error) {
        differences.messages ??= `replay failed: ${(error as Error).message}`;
        return;
      }
      for (const table of TABLE_NAMES) {
        const difference = firstDifference(db, scratch, table);
        if (difference) differences[table] ??= difference;
      }
    }).deferred();
  } finally {
    scratch.close();
  }
  return { ok: Object.keys(differences).length === 0, calls, differences };
}

/** Rebuilds every table from the log, in one transaction: on any failure nothing changes. */
export function replayStore(db: Database.Database, onProgress?: Progress): void {
  db.transaction(() => {
    for (const table of TABLE_NAMES) db.exec(`DELETE FROM ${q(table)}`);
    db.exec('DELETE FROM sqlite_sequence');
    replayInto(db, db, onProgress);
  }).immediate();
}
