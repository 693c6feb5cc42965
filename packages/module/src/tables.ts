import type { TableDecl } from '@spaces/core';
import { tables } from '@spaces/core';
import { cursorTables, tableOf } from '@spaces/spacetime';
import { t, table } from 'spacetimedb/server';

/** The module's copy of the library's builders (see `@spaces/spacetime`'s mapping). */
export const builders = { t, table };

/**
 * Every core table as a SpacetimeDB table, under its canonical snake_case name, derived by the
 * mapping the client's bindings use too; then the module's commit-sequence tables.
 */
export const spacetimeTables = Object.fromEntries(
  [...Object.values(tables), ...Object.values(cursorTables)].map((decl) => [
    decl.name,
    tableOf(builders, decl as TableDecl),
  ]),
) as Record<string, ReturnType<typeof table>>;
