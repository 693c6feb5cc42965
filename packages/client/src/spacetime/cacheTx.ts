import type { ReadTable, ReadTx, Rows, TableName } from '@spaces/core';
import { lazyTables, primaryKeyOf, tables } from '@spaces/core';

type Row = Record<string, unknown>;

const compare = (a: unknown, b: unknown) =>
  (a as bigint | string) < (b as bigint | string)
    ? -1
    : (a as bigint | string) > (b as bigint | string)
      ? 1
      : 0;

/**
 * A ReadTx over rows held in memory (the SpacetimeDB SDK's client cache), for core's read
 * queries. Each table is copied out of the cache once, on first use, so one query sees one
 * state of the cache; lookups scan (the cache holds only what this client subscribed to).
 */
export function cacheReadTx(rowsOf: <K extends TableName>(table: K) => Rows[K][]): ReadTx {
  return lazyTables((name): ReadTable<Row> => {
    const pk = primaryKeyOf(tables[name]);
    const rows = (rowsOf(name) as Row[]).sort((a, b) => compare(a[pk], b[pk]));
    const byPk = new Map(rows.map((row) => [row[pk], row]));
    return {
      find: (key) => byPk.get(key),
      findBy: (column, value) => rows.find((row) => row[column as string] === value),
      filter: (column, value) => rows.filter((row) => row[column as string] === value),
      scan: () => [...rows],
    };
  }) as unknown as ReadTx;
}
