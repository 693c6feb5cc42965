import type Database from 'better-sqlite3';
import type { ReadTable, ReadTx, TableDecl, TableTx, Tx } from '@spaces/core';
import {
  SpacesError,
  autoIncOf,
  indexedColumnsOf,
  lazyTables,
  primaryKeyOf,
  tables,
} from '@spaces/core';
import type { IdKeeper } from './idFloor.js';
import { idKeeper } from './idFloor.js';
import { SEQ_COLUMN, SEQ_TABLES, q } from './schema.js';
import type { SqlValue } from './rows.js';
import { fromSqlValuesOf, toSqlOf, valueToSql } from './rows.js';

type Row = Record<string, unknown>;

/** Rows kept per table by {@link sqliteTableTx}'s cache of rows found by key. */
const CACHED_ROWS = 1024;

/** What the engine and the tables share about the transaction being written. */
export interface CommitContext {
  /** The log seq of the call running now, stored with each row of {@link SEQ_TABLES}. */
  seq: bigint;
  /** Rows inserted, updated or deleted so far (the engine asks whether a refused call wrote). */
  writes: number;
  /**
   * Bumped by the engine whenever what the tables hold may have changed behind them: a new
   * transaction (another process may have written), a rollback. Found rows are cached per epoch.
   */
  epoch: number;
}

/** How a connection's tables behave beyond reading and writing rows. */
export interface TableOptions {
  /**
   * Runs before a statement that looks rows up by a column other than the key is prepared (once
   * per table, column and kind of lookup): verify creates an index only when a reducer needs it.
   */
  readonly beforeLookup?: (table: TableDecl, column: string) => void;
}

/** A context for a connection's tables, before its first transaction. */
export function commitContext(): CommitContext {
  return { seq: 0n, writes: 0, epoch: 0 };
}

/**
 * Core's TableTx over one SQLite table. Statements are prepared once per table and connection;
 * the caller owns the transaction. Rows are read as arrays in declaration order, and a written
 * row is returned from the values bound (no RETURNING): both spare the driver a keyed object.
 */
export function sqliteTableTx(
  db: Database.Database,
  decl: TableDecl,
  commit?: CommitContext,
  options: TableOptions = {},
): TableTx<Row> & ReadTable<Row> {
  // Without a commit context (readers), nothing is cached: only a writer holding the write lock
  // knows when a row found earlier may have changed.
  const context = commit ?? commitContext();
  const pk = primaryKeyOf(decl);
  const autoInc = autoIncOf(decl);
  const names = Object.keys(decl.columns);
  const fromSql = fromSqlValuesOf(decl);
  const toSql = toSqlOf(decl);
  const t = q(decl.name);
  const list = names.map(q).join(', ');
  const prep = (sql: string) => db.prepare(sql).safeIntegers(true);
  const reader = (sql: string) => prep(sql).raw(true);
  const stampsSeq = SEQ_TABLES.has(decl.name);

  const findStmt = reader(`SELECT ${list} FROM ${t} WHERE ${q(pk)} = ?`);
  // Rows found by key in this epoch: successive calls mostly look up the same sender, channel
  // and role. A write drops its key; a new epoch, or too many rows, drops them all.
  const found = new Map<unknown, Row>();
  let foundEpoch = -1;
  const cache = () => {
    if (foundEpoch !== context.epoch || found.size >= CACHED_ROWS) {
      found.clear();
      foundEpoch = context.epoch;
    }
    return found;
  };
  const insertOf = (columns: string[]) => {
    const all = stampsSeq ? [...columns, SEQ_COLUMN] : columns;
    return prep(
      `INSERT INTO ${t} (${all.map(q).join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
    );
  };
  const insertAll = insertOf(names);
  const autoIndex = autoInc ? names.indexOf(autoInc) : -1;
  const insertAuto = autoInc ? insertOf(names.filter((n) => n !== autoInc)) : undefined;
  const updateStmt = prep(
    `UPDATE ${t} SET ${names
      .filter((n) => n !== pk)
      .map((n) => `${q(n)} = ?`)
      .join(', ')} WHERE ${q(pk)} = ?`,
  );
  const deleteStmt = prep(`DELETE FROM ${t} WHERE ${q(pk)} = ?`);
  let scanStmt: Database.Statement | undefined;
  const byColumn = new Map<string, Database.Statement>();
  const indexed = new Set([...indexedColumnsOf(decl), pk]);
  const statementFor = (column: string, kind: 'filter' | 'findBy') => {
    if (!indexed.has(column)) throw new Error(`${decl.name}.${column} has no index`);
    const key = `${kind}:${column}`;
    let stmt = byColumn.get(key);
    if (!stmt) {
      if (column !== pk) options.beforeLookup?.(decl, column);
      stmt = reader(
        `SELECT ${list} FROM ${t} WHERE ${q(column)} = ? ORDER BY ${q(pk)}${kind === 'findBy' ? ' LIMIT 1' : ''}`,
      );
      byColumn.set(key, stmt);
    }
    return stmt;
  };
  const pkIndex = names.indexOf(pk);
  let ids: IdKeeper | undefined;
  const keeper = () => (ids ??= idKeeper(db, decl, pk, context));
  const keyToSql = (column: string, value: unknown) =>
    valueToSql(decl, column, decl.columns[column]!, value);
  return {
    find(key) {
      const sqlKey = keyToSql(pk, key);
      if (!commit) {
        const raw = findStmt.get(sqlKey) as unknown[] | undefined;
        return raw && fromSql(raw);
      }
      const rows = cache();
      const hit = rows.get(sqlKey);
      if (hit) return hit;
      const raw = findStmt.get(sqlKey) as unknown[] | undefined;
      if (!raw) return undefined;
      // Shared by later finds, so frozen: a reducer that changed a row it found (rather than
      // writing a new one) would change it for the next call too; frozen, it fails loudly.
      const row = Object.freeze(fromSql(raw));
      rows.set(sqlKey, row);
      return row;
    },
    findBy(column, value) {
      const raw = statementFor(column as string, 'findBy').get(
        keyToSql(column as string, value),
      ) as unknown[] | undefined;
      return raw && fromSql(raw);
    },
    filter(column, value) {
      const raws = statementFor(column as string, 'filter').all(
        keyToSql(column as string, value),
      ) as unknown[][];
      return raws.map(fromSql);
    },
    insert(row) {
      const values: SqlValue[] = toSql(row);
      const withSeq = () => (stampsSeq ? [...values, context.seq] : values);
      context.writes++;
      try {
        if (insertAuto && (row[autoInc!] === 0n || row[autoInc!] === 0)) {
          const id = keeper().next();
          if (id === undefined) {
            // SQLite takes one past the greatest id: the key is left out of the bound values.
            const bound: SqlValue[] = [];
            for (let i = 0; i < values.length; i++) if (i !== autoIndex) bound.push(values[i]!);
            if (stampsSeq) bound.push(context.seq);
            values[autoIndex] = insertAuto.run(bound).lastInsertRowid as bigint;
          } else {
            values[autoIndex] = id;
            insertAll.run(withSeq());
          }
        } else {
          insertAll.run(withSeq());
        }
      } catch (error) {
        throw constraintError(decl, 'insert', error);
      }
      cache().delete(values[pkIndex]);
      return fromSql(values);
    },
    update(row) {
      const values = names.filter((n) => n !== pk).map((n) => keyToSql(n, row[n]));
      values.push(keyToSql(pk, row[pk]));
      context.writes++;
      cache().delete(values[values.length - 1]);
      let changed;
      try {
        changed = updateStmt.run(values).changes;
      } catch (error) {
        throw constraintError(decl, 'update', error);
      }
      if (changed === 0)
        throw new SpacesError('internal', `${decl.name}: no row with ${pk} ${String(row[pk])}`);
      return fromSql(toSql(row));
    },
    delete(key) {
      const sqlKey = keyToSql(pk, key);
      if (autoInc) keeper().deleting(sqlKey as bigint);
      context.writes++;
      cache().delete(sqlKey);
      return deleteStmt.run(sqlKey).changes > 0;
    },
    scan() {
      scanStmt ??= reader(`SELECT ${list} FROM ${t} ORDER BY ${q(pk)}`);
      return (scanStmt.all() as unknown[][]).map(fromSql);
    },
  };
}

/** Constraint violations are bugs in a reducer, not the caller's fault: report them as core does. */
function constraintError(decl: TableDecl, what: string, error: unknown): unknown {
  if (!(error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) return error;
  return new SpacesError(
    'internal',
    `${decl.name}: ${what} violates a constraint (${(error as Error).message})`,
  );
}

/**
 * A Tx over every table (also a ReadTx: reads scan where reducers may not); each table's
 * statements are prepared on first use. A writer passes its commit context (see
 * {@link CommitContext}); readers pass none.
 */
export function sqliteTx(
  db: Database.Database,
  context?: CommitContext,
  options?: TableOptions,
): Tx & ReadTx {
  return lazyTables((name) => sqliteTableTx(db, tables[name], context, options)) as unknown as Tx &
    ReadTx;
}
