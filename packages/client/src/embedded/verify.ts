import type Database from 'better-sqlite3';
import type { Call, RowChange, TableName } from '@spaces/core';
import { execute, primaryKeyOf, tables } from '@spaces/core';
import type { VerifyReport } from '../api.js';
import { commitContext, sqliteTx } from '../sqlite/tableTx.js';
import { TABLE_NAMES, q } from '../sqlite/schema.js';
import { encodeChanges } from './codec.js';
import { openStore } from './store.js';

/** A log row as replay reads it (raw mode: values in this order). */
type LogEntry = [
  seq: bigint,
  reducer: string,
  args: string,
  sender: string,
  timestamp: bigint,
  seed: bigint,
  changes: string,
];

type Progress = ((done: number, total: number) => void) | undefined;

/** Log entries read at a time; progress is reported after each page. */
const PAGE = 10_000;

function callOf(entry: LogEntry): Call {
  return {
    reducer: entry[1],
    args: JSON.parse(entry[2]) as unknown,
    sender: entry[3],
    timestamp: entry[4],
    seed: Number(entry[5]),
    // The log keeps secret arguments only as their hashes (see core's ArgDecl.secret).
    hashedSecrets: true,
  };
}

/**
 * Runs every logged call, in seq order, through core against `target`, inside the transaction
 * the caller holds on it: replay needs no per-call durability, so a whole log is one transaction
 * (no COMMIT, no savepoint per call). `check` sees each call's changes.
 */
function replayInto(
  source: Database.Database,
  target: Database.Database,
  onProgress: Progress,
  check?: (entry: LogEntry, changes: RowChange[]) => void,
): number {
  const total = Number(source.prepare('SELECT count(*) FROM log').pluck().get());
  const page = source
    .prepare(
      'SELECT seq, reducer, args, sender, timestamp, seed, changes FROM log WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .safeIntegers(true)
    .raw(true);
  const context = commitContext();
  context.epoch = 1; // rows found may be cached for the whole replay: nothing else writes
  const tx = sqliteTx(target, context);
  let done = 0;
  for (let after = 0n; ;) {
    const entries = page.all(after, PAGE) as LogEntry[];
    if (entries.length === 0) break;
    for (const entry of entries) {
      context.seq = entry[0];
      let changes;
      try {
        changes = execute(tx, callOf(entry));
      } catch (error) {
        throw new Error(
          `call ${entry[0]} (${entry[1]}) is rejected on replay: ${(error as Error).message}`,
        );
      }
      check?.(entry, changes);
    }
    after = entries[entries.length - 1]![0];
    done += entries.length;
    onProgress?.(done, total);
  }
  return done;
}

/** A table's rows as stored (engine columns too), in key order, a page after a key. */
function pages(
  db: Database.Database,
  table: TableName,
): { read: (after: unknown) => unknown[][]; at: number } {
  const key = primaryKeyOf(tables[table]);
  const at = Object.keys(tables[table].columns).indexOf(key); // SELECT * is in declaration order
  const pk = q(key);
  const first = db.prepare(`SELECT * FROM ${q(table)} ORDER BY ${pk} LIMIT ?`);
  const next = db.prepare(`SELECT * FROM ${q(table)} WHERE ${pk} > ? ORDER BY ${pk} LIMIT ?`);
  for (const stmt of [first, next]) stmt.safeIntegers(true).raw(true);
  const read = (after: unknown) =>
    (after === undefined ? first.all(PAGE) : next.all(after, PAGE)) as unknown[][];
  return { read, at };
}

function describe(row: unknown): string {
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
}

function sameRow(a: unknown[] | undefined, b: unknown[] | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The first difference between one table in two stores, if any (rows as stored, in key order). */
function firstDifference(
  a: Database.Database,
  b: Database.Database,
  table: TableName,
): string | undefined {
  const left = pages(a, table);
  const right = pages(b, table).read;
  let after: unknown;
  for (let base = 0; ; base += PAGE) {
    const x = left.read(after);
    const y = right(after);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if (!sameRow(x[i], y[i])) {
        const sx = x[i] ? describe(x[i]) : 'nothing';
        const sy = y[i] ? describe(y[i]) : 'nothing';
        return `row ${base + i}: store has ${sx}, replay has ${sy}`;
      }
    }
    if (x.length < PAGE) return undefined;
    after = x[x.length - 1]![left.at];
  }
}

/**
 * Replays the log through core into a scratch store and compares every table, and every call's
 * changes with those the log recorded. Reads one consistent snapshot of the store.
 */
export function verifyStore(db: Database.Database, onProgress?: Progress): VerifyReport {
  const scratch = openStore(':memory:');
  // The scratch is thrown away: it needs no rollback journal.
  scratch.pragma('journal_mode = OFF');
  const differences: VerifyReport['differences'] = {};
  let calls = 0;
  try {
    db.transaction(() => {
      try {
        scratch.exec('BEGIN');
        calls = replayInto(db, scratch, onProgress, (entry, changes) => {
          if (encodeChanges(changes) !== entry[6]) {
            const table = (JSON.parse(entry[6]) as [TableName][])[0]?.[0] ?? 'messages';
            differences[table] ??= `call ${entry[0]} (${entry[1]}) replays to different changes`;
          }
        });
        scratch.exec('COMMIT');
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
