import type { ReducerDef, TableDecl } from '@spaces/core';
import { reducers as coreReducers, tables as coreTables } from '@spaces/core';
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

const tablesSchema = schema(
  Object.fromEntries(
    [...publicTables, ...(Object.values(cursorTables) as TableDecl[])].map((decl) => [
      decl.name,
      tableOf(builders, decl, { wireNames: true }),
    ]),
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
