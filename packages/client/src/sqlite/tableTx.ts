import type Database from 'better-sqlite3';
import type { TableDecl, TableName, TableTx, Tx } from '@spaces/core';
import { SpacesError, autoIncOf, indexedColumnsOf, primaryKeyOf, tables } from '@spaces/core';
import { SEQ_COLUMN, SEQ_TABLES, q } from './schema.js';
import type { SqlValue } from './rows.js';
import { fromSqlValuesOf, toSql, valueToSql } from './rows.js';

type Row = Record<string, unknown>;

/** What the engine tells the tables about the commit being written. */
export interface CommitContext {
  /** The log seq of the call running now, stored with each row of {@link SEQ_TABLES}. */
  seq(): bigint;
}

/**
 * Core's TableTx over one SQLite table. Statements are prepared once per table and connection;
 * the caller owns the transaction. Rows are read as arrays in declaration order, and a written
 * row is returned from the values bound (no RETURNING): both spare the driver a keyed object.
 */
export function sqliteTableTx(
  db: Database.Database,
  decl: TableDecl,
  context: CommitContext,
): TableTx<Row> {
  const pk = primaryKeyOf(decl);
  const autoInc = autoIncOf(decl);
  const names = Object.keys(decl.columns);
  const fromSql = fromSqlValuesOf(decl);
  const t = q(decl.name);
  const list = names.map(q).join(', ');
  const prep = (sql: string) => db.prepare(sql).safeIntegers(true);
  const reader = (sql: string) => prep(sql).raw(true);
  const stampsSeq = SEQ_TABLES.has(decl.name);

  const findStmt = reader(`SELECT ${list} FROM ${t} WHERE ${q(pk)} = ?`);
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
  const byColumn = new Map<string, Database.Statement>();
  const indexed = new Set([...indexedColumnsOf(decl), pk]);
  const statementFor = (column: string, kind: 'filter' | 'findBy') => {
    if (!indexed.has(column)) throw new Error(`${decl.name}.${column} has no index`);
    const key = `${kind}:${column}`;
    let stmt = byColumn.get(key);
    if (!stmt) {
      stmt = reader(
        `SELECT ${list} FROM ${t} WHERE ${q(column)} = ? ORDER BY ${q(pk)}${kind === 'findBy' ? ' LIMIT 1' : ''}`,
      );
      byColumn.set(key, stmt);
    }
    return stmt;
  };
  const keyToSql = (column: string, value: unknown) =>
    valueToSql(decl, column, decl.columns[column]!, value);
  const run = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      // Constraint violations are bugs in a reducer, not the caller's fault: report them as core does.
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        throw new SpacesError(
          'internal',
          `${decl.name}: ${what} violates a constraint (${(error as Error).message})`,
        );
      }
      throw error;
    }
  };

  return {
    find(key) {
      const raw = findStmt.get(keyToSql(pk, key)) as unknown[] | undefined;
      return raw && fromSql(raw);
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
      const values: SqlValue[] = toSql(decl, row);
      return run('insert', () => {
        if (insertAuto && (row[autoInc!] === 0n || row[autoInc!] === 0)) {
          const bound = values.filter((_, i) => i !== autoIndex);
          if (stampsSeq) bound.push(context.seq());
          values[autoIndex] = insertAuto.run(bound).lastInsertRowid as bigint;
        } else {
          insertAll.run(stampsSeq ? [...values, context.seq()] : values);
        }
        return fromSql(values);
      });
    },
    update(row) {
      const values = names.filter((n) => n !== pk).map((n) => keyToSql(n, row[n]));
      values.push(keyToSql(pk, row[pk]));
      const changed = run('update', () => updateStmt.run(values).changes);
      if (changed === 0)
        throw new SpacesError('internal', `${decl.name}: no row with ${pk} ${String(row[pk])}`);
      return fromSql(toSql(decl, row));
    },
    delete(key) {
      return deleteStmt.run(keyToSql(pk, key)).changes > 0;
    },
  };
}

/** A Tx over every table; each table's statements are prepared on first use. */
export function sqliteTx(db: Database.Database, context: CommitContext): Tx {
  const tx = {} as Record<TableName, TableTx<Row>>;
  for (const name of Object.keys(tables) as TableName[]) {
    let table: TableTx<Row> | undefined;
    Object.defineProperty(tx, name, {
      enumerable: true,
      get: () => (table ??= sqliteTableTx(db, tables[name], context)),
    });
  }
  return tx as unknown as Tx;
}
