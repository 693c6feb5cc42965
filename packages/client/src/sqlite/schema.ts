import type { ColumnDecl, TableDecl, TableName } from '@spaces/core';
import { primaryKeyOf, tables } from '@spaces/core';
import { idFloorDdl } from './idFloor.js';

/** A quoted SQL identifier (column names are camelCase and some are keywords: `text`, `role`). */
export function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQLite column type of a declared column: integers for u64/u32/timestamp/bool, else text. */
export function sqlTypeOf(column: ColumnDecl): 'INTEGER' | 'TEXT' {
  switch (column.type) {
    case 'u64':
    case 'u32':
    case 'timestamp':
    case 'bool':
      return 'INTEGER';
    case 'string':
    case 'identity':
    case 'json':
      return 'TEXT';
  }
}

/**
 * CREATE TABLE and CREATE INDEX statements for one declared table; `temp` makes them in the
 * connection's temp schema, where they shadow the store's tables of the same name.
 */
export function tableDdl(decl: TableDecl, { temp = false }: { temp?: boolean } = {}): string[] {
  const pk = primaryKeyOf(decl);
  const columns = Object.entries(decl.columns).map(([name, column]) => {
    let sql = `${q(name)} ${sqlTypeOf(column)}`;
    if (name === pk) {
      // Auto-increment ids are never reused after a delete, as in core's memory engine and
      // SpacetimeDB sequences, so replays and engines agree on every id: see idFloor.ts (stores
      // created before it declared these keys AUTOINCREMENT, which keeps that promise too).
      sql += ' PRIMARY KEY';
    } else {
      if (!column.optional) sql += ' NOT NULL';
      if (column.unique) sql += ' UNIQUE';
    }
    return sql;
  });
  if (SEQ_TABLES.has(decl.name)) columns.push(`${q(SEQ_COLUMN)} INTEGER`);
  return [
    `CREATE ${temp ? 'TEMP ' : ''}TABLE IF NOT EXISTS ${q(decl.name)} (${columns.join(', ')})${
      sqlTypeOf(decl.columns[pk]!) === 'TEXT' ? ' WITHOUT ROWID' : ''
    }`,
    ...Object.values(indexDdl(decl, { temp })),
  ];
}

/**
 * The CREATE INDEX of each indexed column of a table (unique columns and the key have theirs in
 * the table), by column.
 */
export function indexDdl(
  decl: TableDecl,
  { temp = false }: { temp?: boolean } = {},
): Record<string, string> {
  const pk = primaryKeyOf(decl);
  const statements: Record<string, string> = {};
  for (const [name, column] of Object.entries(decl.columns)) {
    if (column.index && !column.unique && name !== pk) {
      // An optional column's index skips NULLs (most messages have no topic or nonce): a write
      // then touches fewer pages, and lookups by value (`col = ?`) can still use it.
      const partial = column.optional ? ` WHERE ${q(name)} IS NOT NULL` : '';
      statements[name] =
        `CREATE INDEX IF NOT EXISTS ${temp ? 'temp.' : ''}${q(`${decl.name}_${name}_idx`)} ON ${q(decl.name)} (${q(name)})${partial}`;
    }
  }
  return statements;
}

/** The append-only log of committed calls. `seq` is assigned inside the commit: one total order. */
export const LOG_DDL = `CREATE TABLE IF NOT EXISTS "log" (
  "seq" INTEGER PRIMARY KEY,
  "reducer" TEXT NOT NULL,
  "args" TEXT NOT NULL,
  "sender" TEXT NOT NULL,
  "timestamp" INTEGER NOT NULL,
  "seed" INTEGER NOT NULL,
  "changes" TEXT NOT NULL
)`;

/** The engine column holding, on the tables of {@link SEQ_TABLES}, the seq that inserted a row. */
export const SEQ_COLUMN = 'seq';

/**
 * Tables whose rows carry, beside their declared columns, the log seq of the commit that inserted
 * them (engine bookkeeping, absent from core's declaration), so a message read carries the seq a
 * subscriber saw. The insert itself writes it: no extra statement, no extra page per commit (a
 * side table cost one more B-tree page in every commit's WAL frames).
 */
export const SEQ_TABLES: ReadonlySet<string> = new Set<TableName>(['messages']);

/**
 * `message_seq(message_id, seq)`, the name readers used when the seqs lived in a side table: now
 * a view of the `seq` column (no WHERE, so SQLite flattens a join on it into a key lookup).
 */
export const MESSAGE_SEQ_VIEW = `CREATE VIEW IF NOT EXISTS "message_seq" AS
  SELECT "id" AS "message_id", "seq" FROM "messages"`;

/** Every statement that creates an empty store (idempotent). */
export function storeDdl(): string[] {
  return [
    ...Object.values(tables).flatMap((decl) => tableDdl(decl)),
    LOG_DDL,
    idFloorDdl(),
    `CREATE TABLE IF NOT EXISTS "meta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL) WITHOUT ROWID`,
    ...RETIRED_INDEXES.map((name) => `DROP INDEX IF EXISTS ${q(name)}`),
  ];
}

/**
 * Indexes of older stores whose column core no longer declares indexed: dropped on open, so
 * writes stop paying for them.
 */
const RETIRED_INDEXES = ['messages_sender_idx'];

/** Table names in declaration order. */
export const TABLE_NAMES = Object.keys(tables) as TableName[];
