import type { ColumnDecl, TableDecl, TableName } from '@spaces/core';
import { primaryKeyOf, tables } from '@spaces/core';

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

/** CREATE TABLE and CREATE INDEX statements for one declared table. */
export function tableDdl(decl: TableDecl): string[] {
  const pk = primaryKeyOf(decl);
  const columns = Object.entries(decl.columns).map(([name, column]) => {
    let sql = `${q(name)} ${sqlTypeOf(column)}`;
    if (name === pk) {
      sql += ' PRIMARY KEY';
      // AUTOINCREMENT: ids are never reused after a delete, as in core's memory engine and
      // SpacetimeDB sequences, so replays and engines agree on every id.
      if (column.autoInc) sql += ' AUTOINCREMENT';
    } else {
      if (!column.optional) sql += ' NOT NULL';
      if (column.unique) sql += ' UNIQUE';
    }
    return sql;
  });
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${q(decl.name)} (${columns.join(', ')})${
      sqlTypeOf(decl.columns[pk]!) === 'TEXT' ? ' WITHOUT ROWID' : ''
    }`,
  ];
  for (const [name, column] of Object.entries(decl.columns)) {
    if (column.index && !column.unique && name !== pk) {
      // An optional column's index skips NULLs (most messages have no topic or nonce): a write
      // then touches fewer pages, and lookups by value (`col = ?`) can still use it.
      const partial = column.optional ? ` WHERE ${q(name)} IS NOT NULL` : '';
      statements.push(
        `CREATE INDEX IF NOT EXISTS ${q(`${decl.name}_${name}_idx`)} ON ${q(decl.name)} (${q(name)})${partial}`,
      );
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

/**
 * The log seq of the commit that inserted each message, written in the same transaction as the
 * call (and rebuilt by `replay()`), so a message read carries the seq a subscriber saw.
 */
export const MESSAGE_SEQ_DDL = `CREATE TABLE IF NOT EXISTS "message_seq" (
  "message_id" INTEGER PRIMARY KEY,
  "seq" INTEGER NOT NULL
)`;

/** Every statement that creates an empty store (idempotent). */
export function storeDdl(): string[] {
  return [
    ...Object.values(tables).flatMap((decl) => tableDdl(decl)),
    LOG_DDL,
    MESSAGE_SEQ_DDL,
    `CREATE TABLE IF NOT EXISTS "meta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL) WITHOUT ROWID`,
  ];
}

/** Table names in declaration order. */
export const TABLE_NAMES = Object.keys(tables) as TableName[];
