import type { ColumnDecl, ReducerDef, TableDecl, TableName, TableVisibility } from '@spaces/core';
import { VISIBILITY, reducers as coreReducers, tables as coreTables } from '@spaces/core';
import { cursorTables, paramsOf, tableOf } from '@spaces/spacetime';
import {
  DbConnectionBuilder,
  DbConnectionImpl,
  reducerSchema,
  reducers,
  schema,
  t,
  table,
} from 'spacetimedb';
import type { DbConnectionConfig } from 'spacetimedb';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The client's copy of the library's builders (see `@spaces/spacetime`'s mapping). */
const builders = { t, table };

/**
 * Client bindings derived from core's declarations by the mapping the module uses, in place of
 * `spacetime generate`: the same table and reducer names the module publishes, the same column
 * types in the same order. Private tables are left out (clients cannot subscribe to them); so
 * are lifecycle reducers (the host calls those, never a client). The module's cursor tables
 * (`commit_head`, `message_seq`, `last_call`) are in, for the commit sequence.
 */
export const publicTables: TableDecl[] = Object.values(coreTables).filter((decl) => decl.public);

/** Reducers a client may call. */
export const callableReducers: ReducerDef[] = (
  Object.values(coreReducers) as unknown as ReducerDef[]
).filter((def) => def.lifecycle === undefined);

/**
 * The module's view of each private table (`visible_invites`, `visible_webhooks`): the rows
 * core's read query gives the caller, without the hidden columns (secrets' hashes).
 */
export const viewedTables: TableDecl[] = Object.values(coreTables)
  .filter((decl) => !decl.public)
  .map((decl) => {
    const hidden: readonly string[] =
      (VISIBILITY[decl.name as TableName] as TableVisibility).hidden ?? [];
    const columns: Record<string, ColumnDecl> = {};
    for (const [name, col] of Object.entries(decl.columns) as [string, ColumnDecl][])
      if (!hidden.includes(name))
        columns[name] = col.primaryKey
          ? { type: col.type, primaryKey: true }
          : { type: col.type, ...(col.optional ? { optional: true } : {}) };
    return { name: `visible_${decl.name}`, public: true, doc: decl.doc, columns };
  });

const tablesSchema = schema(
  Object.fromEntries(
    [...publicTables, ...(Object.values(cursorTables) as TableDecl[]), ...viewedTables].map(
      (decl) => [decl.name, tableOf(builders, decl, { wireNames: true })],
    ),
  ),
);

const reducersSchema = reducers(
  callableReducers.map((def) => reducerSchema(def.name, paramsOf(builders, def.args))),
);

/** The remote module as the SDK expects it from generated bindings. */
export const REMOTE_MODULE = {
  versionInfo: { cliVersion: '2.10.1' },
  tables: tablesSchema.schemaType.tables,
  reducers: reducersSchema.reducersType.reducers,
  procedures: [],
} as any;

/** A connection typed loosely: rows and arguments are converted from core's types at the edge. */
export class SpacesConnection extends DbConnectionImpl<any> {
  /** A builder for a connection to a Spaces module. */
  static builder = (): DbConnectionBuilder<SpacesConnection> =>
    new DbConnectionBuilder<SpacesConnection>(
      REMOTE_MODULE,
      (config: DbConnectionConfig<any>) => new SpacesConnection(config),
    );
}
