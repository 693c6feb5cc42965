import type { ColumnDecl, TableName } from '@spaces/core';
import { primaryKeyOf, tables, visibleRows } from '@spaces/core';
import { objectToSpacetime, typeOf } from '@spaces/spacetime';
import { t } from 'spacetimedb/server';
import type { TypeBuilder } from 'spacetimedb/server';
import { builders } from './tables.js';
import { spacetimeTx } from './tx.js';
import { VIEWED_TABLES, viewColumns, visibilityFilters } from './visibilitySql.js';

// The exports that enforce core's VISIBILITY in the module; the SQL is derived in
// visibilitySql.ts, apart from spacetimedb/server, so plain Node can load it in tests.

/** A view's row type: the table's columns but its hidden ones, as SpacetimeDB type builders. */
export function viewRowType(table: TableName): Record<string, TypeBuilder<unknown, never>> {
  const row: Record<string, TypeBuilder<unknown, never>> = {};
  for (const name of viewColumns(table)) {
    const col = (tables[table].columns as Record<string, ColumnDecl>)[name]!;
    row[name] = typeOf(builders, col) as TypeBuilder<unknown, never>;
  }
  return row;
}

/** The body of `visible_<table>`: core's read query for the caller, as SpacetimeDB rows. */
export function viewBody(table: TableName) {
  const columns = viewRowType(table);
  const types = Object.fromEntries(
    Object.keys(columns).map((name) => [name, tables[table].columns[name as never]]),
  ) as Record<string, { type: 'string' }>;
  return (ctx: { sender: { toHexString(): string }; db: object }) =>
    visibleRows(spacetimeTx(ctx.db), ctx.sender.toHexString(), table).map((row) =>
      objectToSpacetime(types, row as Record<string, unknown>),
    );
}

/** The part of `schema(...)` that declares filters and views, typed loosely: both come from data. */
export interface VisibilityRegistry<E> {
  clientVisibilityFilter: { sql(filter: string): E };
  view(opts: { name: string; public: true }, ret: unknown, fn: never): E;
}

/**
 * Every export that enforces `VISIBILITY` in the module: the row-level-security filters of the
 * public tables, and a `visible_<table>` view of each private one. Registered as one export
 * group, so the list follows core's declaration without a line per table here.
 */
export function visibilityExports<E>(registry: VisibilityRegistry<E>): Record<string, E> {
  const out: Record<string, E> = {};
  visibilityFilters().forEach((sql, i) => {
    out[`visibility_filter_${i}`] = registry.clientVisibilityFilter.sql(sql);
  });
  for (const table of VIEWED_TABLES) {
    const row = { ...viewRowType(table) };
    // The key marks a row as the same row across updates in the SDK's cache.
    const pk = primaryKeyOf(tables[table]);
    row[pk] = (row[pk] as unknown as { primaryKey(): TypeBuilder<unknown, never> }).primaryKey();
    const name = `visible_${table}`;
    out[name] = registry.view(
      { name, public: true },
      t.array(t.row(name, row as never)),
      viewBody(table) as never,
    );
  }
  return out;
}
