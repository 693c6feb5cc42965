import Database from 'better-sqlite3';
import type { Call, RowChange, TableName } from '@spaces/core';
import { execute, primaryKeyOf, tables } from '@spaces/core';
import type { VerifyReport } from '../api.js';
import { commitContext, sqliteTx } from '../sqlite/tableTx.js';
import { idFloorDdl } from '../sqlite/idFloor.js';
import { SEQ_COLUMN, SEQ_TABLES, TABLE_NAMES, indexDdl, q, tableDdl } from '../sqlite/schema.js';
import type { TableOptions } from '../sqlite/tableTx.js';
import { encodeChanges } from './codec.js';

/** A log row as replay reads it (raw mode: values in this order). */
type LogEntry = [
  seq: bigint,
  reducer: string,
  args: string,
  sender: string,
  timestamp: bigint,
  seed: bigint,
  changes?: string,
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
  options?: TableOptions,
): number {
  const total = Number(source.prepare('SELECT count(*) FROM main.log').pluck().get());
  // The recorded changes are read only to be checked: replay alone has no use for them.
  const page = source
    .prepare(
      `SELECT seq, reducer, args, sender, timestamp, seed${check ? ', changes' : ''}
       FROM main.log WHERE seq > ? ORDER BY seq LIMIT ?`,
    )
    .safeIntegers(true)
    .raw(true);
  const context = commitContext();
  context.epoch = 1; // rows found may be cached for the whole replay: nothing else writes
  const tx = sqliteTx(target, context, options);
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

function describe(row: unknown): string {
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
}

/**
 * The first difference between a table as stored (`main`) and as replayed (`temp`), if any,
 * found by SQLite: every stored row looked up by key in the replay, every column compared
 * (engine columns too); equal counts then rule out rows only the replay has.
 */
function firstDifference(db: Database.Database, table: TableName): string | undefined {
  const decl = tables[table];
  const key = q(primaryKeyOf(decl));
  const columns = [...Object.keys(decl.columns), ...(SEQ_TABLES.has(table) ? [SEQ_COLUMN] : [])];
  const t = q(table);
  const differs = columns.map((c) => `a.${q(c)} IS NOT b.${q(c)}`).join(' OR ');
  const one = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .safeIntegers(true)
      .raw(true)
      .get(...params) as unknown[] | undefined;
  const row = (schema: string, at: unknown) =>
    one(`SELECT * FROM ${schema}.${t} WHERE ${key} = ?`, at);
  const report = (at: unknown) => {
    const stored = row('main', at);
    const replayed = row('temp', at);
    return `row ${describe(at)}: store has ${stored ? describe(stored) : 'nothing'}, replay has ${replayed ? describe(replayed) : 'nothing'}`;
  };
  const changed = one(
    `SELECT a.${key} FROM main.${t} a LEFT JOIN temp.${t} b ON b.${key} = a.${key}
     WHERE b.${key} IS NULL OR ${differs} ORDER BY a.${key} LIMIT 1`,
  );
  if (changed) return report(changed[0]);
  const [stored] = one(`SELECT count(*) FROM main.${t}`)!;
  const [replayed] = one(`SELECT count(*) FROM temp.${t}`)!;
  if (stored === replayed) return undefined;
  const extra = one(
    `SELECT b.${key} FROM temp.${t} b LEFT JOIN main.${t} a ON a.${key} = b.${key}
     WHERE a.${key} IS NULL ORDER BY b.${key} LIMIT 1`,
  )!;
  return report(extra[0]);
}

/**
 * Replays the log through core and compares every table, and every call's changes with those
 * the log recorded. It runs on a read-only connection of its own, so it can never change the
 * store: the replay writes to temp tables (in memory) that shadow the store's, and the log is
 * read and the tables compared in one read transaction, one consistent snapshot.
 */
export function verifyStore(db: Database.Database, onProgress?: Progress): VerifyReport {
  if (db.memory) throw new Error('verify needs a store file');
  const reader = new Database(db.name, { readonly: true });
  const differences: VerifyReport['differences'] = {};
  let calls = 0;
  try {
    reader.pragma('busy_timeout = 10000');
    reader.pragma('temp_store = MEMORY');
    // The replay's tables get their indexes only when a reducer first looks rows up by one: a
    // log of messages never needs the index of messages by sender, and keeping it up to date
    // was a large share of each replayed call. A key, and unique columns, are in the table.
    const indexes = new Map<string, string>();
    for (const name of TABLE_NAMES) {
      const [table] = tableDdl(tables[name], { temp: true });
      reader.exec(table!);
      for (const [column, sql] of Object.entries(indexDdl(tables[name], { temp: true })))
        indexes.set(`${name}.${column}`, sql);
    }
    const beforeLookup: TableOptions['beforeLookup'] = (decl, column) => {
      const sql = indexes.get(`${decl.name}.${column}`);
      if (sql === undefined) return;
      reader.exec(sql);
      indexes.delete(`${decl.name}.${column}`);
    };
    reader.exec(idFloorDdl({ temp: true }));
    reader.exec('BEGIN');
    try {
      try {
        calls = replayInto(
          reader,
          reader,
          onProgress,
          (entry, changes) => {
            if (encodeChanges(changes) !== entry[6]!) {
              const table = (JSON.parse(entry[6]!) as [TableName][])[0]?.[0] ?? 'messages';
              differences[table] ??= `call ${entry[0]} (${entry[1]}) replays to different changes`;
            }
          },
          { beforeLookup },
        );
      } catch (error) {
        differences.messages ??= `replay failed: ${(error as Error).message}`;
        return { ok: false, calls, differences };
      }
      for (const table of TABLE_NAMES) {
        const difference = firstDifference(reader, table);
        if (difference) differences[table] ??= difference;
      }
    } finally {
      reader.exec('ROLLBACK');
    }
  } finally {
    reader.close();
  }
  return { ok: Object.keys(differences).length === 0, calls, differences };
}

/**
 * Pages of cache while replay rewrites every table in one transaction (128 MiB): with SQLite's
 * default 2 MiB, a large log's pages spill to the WAL again and again before the COMMIT.
 */
const REPLAY_CACHE_KIB = 128 * 1024;

/** Rebuilds every table from the log, in one transaction: on any failure nothing changes. */
export function replayStore(db: Database.Database, onProgress?: Progress): void {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${REPLAY_CACHE_KIB}`);
  try {
    db.transaction(() => {
      for (const table of TABLE_NAMES) db.exec(`DELETE FROM ${q(table)}`);
      // Ids start again from 1: the floors, and for stores from before them SQLite's sequences.
      db.exec('DELETE FROM id_floor');
      if (db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'`).get())
        db.exec('DELETE FROM sqlite_sequence');
      replayInto(db, db, onProgress);
    }).immediate();
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}
