import type Database from 'better-sqlite3';
import type { ReadTable, ReadTx, TableDecl, TableName, TableTx, Tx } from '@spaces/core';
import { SpacesError, autoIncOf, indexedColumnsOf, primaryKeyOf, tables } from '@spaces/core';
import { q } from './schema.js';
import { fromSqlOf, toSql, valueToSql } from './rows.js';

type Row = Record<string, unknown>;

/**
 * Core's TableTx over one SQLite table. Statements are prepared once per table and connection;
 * the caller owns the transaction (a call runs inside one BEGIN IMMEDIATE ... COMMIT).
 */
export function sqliteTableTx(
  db: Database.Database,
  decl: TableDecl,
): TableTx<Row> & ReadTable<Row> {
  const pk = primaryKeyOf(decl);
  const autoInc = autoIncOf(decl);
  const names = Object.keys(decl.columns);
  const fromSql = fromSqlOf(decl);
  const t = q(decl.name);
  const prep = (sql: string) => db.prepare(sql).safeIntegers(true);

  const findStmt = prep(`SELECT * FROM ${t} WHERE ${q(pk)} = ?`);
  const insertAll = prep(
    `INSERT INTO ${t} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) RETURNING *`,
  );
  const insertAuto = autoInc
    ? prep(
        `INSERT INTO ${t} (${names
          .filter((n) => n !== autoInc)
          .map(q)
          .join(', ')}) VALUES (${names
          .filter((n) => n !== autoInc)
          .map(() => '?')
          .join(', ')}) RETURNING *`,
      )
    : undefined;
  const autoIndex = autoInc ? names.indexOf(autoInc) : -1;
  const updateStmt = prep(
    `UPDATE ${t} SET ${names
      .filter((n) => n !== pk)
      .map((n) => `${q(n)} = ?`)
      .join(', ')} WHERE ${q(pk)} = ? RETURNING *`,
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
      stmt = prep(
        `SELECT * FROM ${t} WHERE ${q(column)} = ? ORDER BY ${q(pk)}${kind === 'findBy' ? ' LIMIT 1' : ''}`,
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
      const raw = findStmt.get(keyToSql(pk, key)) as Row | undefined;
      return raw && fromSql(raw);
    },
    findBy(column, value) {
      const raw = statementFor(column as string, 'findBy').get(
        keyToSql(column as string, value),
      ) as Row | undefined;
      return raw && fromSql(raw);
    },
    filter(column, value) {
      const raws = statementFor(column as string, 'filter').all(
        keyToSql(column as string, value),
      ) as Row[];
      return raws.map(fromSql);
    },
    insert(row) {
      const values = toSql(decl, row);
      return run('insert', () => {
        if (insertAuto && (row[autoInc!] === 0n || row[autoInc!] === 0)) {
          values.splice(autoIndex, 1);
          return fromSql(insertAuto.get(values) as Row);
        }
        return fromSql(insertAll.get(values) as Row);
      });
    },
    update(row) {
      const values = names.filter((n) => n !== pk).map((n) => keyToSql(n, row[n]));
      values.push(keyToSql(pk, row[pk]));
      const raw = run('update', () => updateStmt.get(values) as Row | undefined);
      if (!raw)
        throw new SpacesError('internal', `${decl.name}: no row with ${pk} ${String(row[pk])}`);
      return fromSql(raw);
    },
    delete(key) {
      return deleteStmt.run(keyToSql(pk, key)).changes > 0;
    },
    scan() {
      scanStmt ??= prep(`SELECT * FROM ${t} ORDER BY ${q(pk)}`);
      return (scanStmt.all() as Row[]).map(fromSql);
    },
  };
}

/**
 * A Tx over every table (also a ReadTx: reads scan where reducers may not); each table's
 * statements are prepared on first use.
 */
export function sqliteTx(db: Database.Database): Tx & ReadTx {
  const tx = {} as Record<TableName, TableTx<Row>>;
  for (const name of Object.keys(tables) as TableName[]) {
    let table: TableTx<Row> | undefined;
    Object.defineProperty(tx, name, {
      enumerable: true,
      get: () => (table ??= sqliteTableTx(db, tables[name])),
    });
  }
  return tx as unknown as Tx & ReadTx;
}
