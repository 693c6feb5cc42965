import type {
  ColumnDecl,
  ReadTable,
  ReadTx,
  TableDecl,
  TableName,
  TableTx,
  Tx,
} from '@spaces/core';
import { primaryKeyOf, tables } from '@spaces/core';
import { objectFromSpacetime, objectToSpacetime, toSpacetime } from '@spaces/spacetime';

type Row = Record<string, unknown>;

/** What this adapter uses of one `ctx.db.<table>` handle. */
interface SpacetimeTableHandle {
  insert(row: Row): Row;
  iter(): Iterable<Row>;
  [accessor: string]: unknown;
}
interface UniqueIndex {
  find(value: unknown): Row | null;
  update?(row: Row): Row;
  delete(value: unknown): boolean;
}
interface BtreeIndex {
  filter(value: unknown): Iterable<Row>;
}

/** Orders primary keys as core's in-memory engine does: bigints numerically, strings lexically. */
function comparePk(a: unknown, b: unknown): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Core's `TableTx` over one SpacetimeDB table handle, converting values at the boundary. */
export function spacetimeTableTx(
  decl: TableDecl,
  handle: SpacetimeTableHandle,
): TableTx<Row> & ReadTable<Row> {
  const columns: Readonly<Record<string, ColumnDecl>> = decl.columns;
  const pk = primaryKeyOf(decl);
  const pkType = columns[pk]!;
  const toCore = (row: Row) => objectFromSpacetime(columns, row);
  const toDb = (row: Row) => objectToSpacetime(columns, row);
  const index = <I>(column: string): I => {
    const found = handle[column];
    if (found === undefined) throw new Error(`${decl.name}.${column} has no index`);
    return found as I;
  };
  const typeOf = (column: string) => {
    const col = columns[column];
    if (!col) throw new Error(`${decl.name} has no column ${column}`);
    return col;
  };
  return {
    find(key) {
      const row = index<UniqueIndex>(pk).find(toSpacetime(pkType, key));
      return row ? toCore(row) : undefined;
    },
    findBy(column, value) {
      const name = String(column);
      const row = index<UniqueIndex>(name).find(toSpacetime(typeOf(name), value));
      return row ? toCore(row) : undefined;
    },
    filter(column, value) {
      const name = String(column);
      const found = [...index<BtreeIndex>(name).filter(toSpacetime(typeOf(name), value))];
      // A btree index yields equal keys in storage order; core promises primary-key order.
      return found.map(toCore).sort((a, b) => comparePk(a[pk], b[pk]));
    },
    insert: (row) => toCore(handle.insert(toDb(row))),
    update(row) {
      const update = index<UniqueIndex>(pk).update;
      if (!update) throw new Error(`${decl.name}.${pk} cannot update`);
      return toCore(update.call(handle[pk], toDb(row)));
    },
    delete: (key) => index<UniqueIndex>(pk).delete(toSpacetime(pkType, key)),
    // Views read whole (small) tables; reducers never scan.
    scan: () => [...handle.iter()].map(toCore).sort((a, b) => comparePk(a[pk], b[pk])),
  };
}

/**
 * Core's `Tx` over `ctx.db` (a reducer's, or a view's read-only one, which is also a `ReadTx`):
 * each table opened on first use, so a call pays for what it touches.
 */
export function spacetimeTx(db: object): Tx & ReadTx {
  const tx = {} as Record<TableName, TableTx<Row>>;
  for (const name of Object.keys(tables) as TableName[]) {
    let opened: TableTx<Row> | undefined;
    Object.defineProperty(tx, name, {
      enumerable: true,
      get: () =>
        (opened ??= spacetimeTableTx(
          tables[name],
          (db as Record<string, SpacetimeTableHandle>)[name]!,
        )),
    });
  }
  return tx as unknown as Tx & ReadTx;
}
