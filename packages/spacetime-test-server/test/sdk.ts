/**
 * The `spacetimedb` SDK as a client program uses it, against the test server: bindings written
 * the way `spacetime generate` would write them (the SDK's own `schema`, `table`, `t`,
 * `reducers`), a connection, and promise helpers for subscribing and calling.
 */
import { fileURLToPath } from 'node:url';
import type { DbConnectionConfig, Identity } from 'spacetimedb';
import {
  DbConnectionBuilder,
  DbConnectionImpl,
  reducerSchema,
  reducers,
  schema,
  setGlobalLogLevel,
  t,
  table,
} from 'spacetimedb';
import { startTestServer, type RunningServer } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

setGlobalLogLevel('off' as never);

export const VISIBILITY = fileURLToPath(new URL('../fixtures/visibility', import.meta.url));
export const LIBRARY = fileURLToPath(new URL('../fixtures/library', import.meta.url));

/** Client bindings of `fixtures/visibility`: its public tables, its views, its reducers. */
const noteRow = {
  id: t.u64().primaryKey(),
  author: t.identity(),
  channel: t.u32(),
  text: t.string(),
};
const accountRow = {
  id: t.u64().primaryKey(),
  identity: t.identity(),
  name: t.string(),
  level: t.u32(),
};
const visibilityTables = schema({
  account: table({ name: 'account', public: true }, accountRow),
  admin: table({ name: 'admin', public: true }, { identity: t.identity().primaryKey() }),
  member: table(
    { name: 'member', public: true },
    { id: t.u64().primaryKey(), identity: t.identity(), channel: t.u32() },
  ),
  note: table({ name: 'note', public: true }, noteRow),
  audit: table({ name: 'audit', public: true }, { id: t.u64().primaryKey(), what: t.string() }),
  my_notes: table({ name: 'my_notes', public: true }, noteRow),
  note_count: table({ name: 'note_count', public: true }, { n: t.u64() }),
  level_one: table({ name: 'level_one', public: true }, accountRow),
} as any);
const visibilityReducers = reducers([
  reducerSchema('register', { name: t.string(), level: t.u32() }),
  reducerSchema('set_level', { level: t.u32() }),
  reducerSchema('make_admin', { identity: t.identity() }),
  reducerSchema('join', { channel: t.u32() }),
  reducerSchema('leave', { channel: t.u32() }),
  reducerSchema('post', { channel: t.u32(), text: t.string() }),
  // Not in the module: calling it shows how the server answers an unknown reducer.
  reducerSchema('missing_reducer', { name: t.string() }),
] as any);

const libraryTables = schema({
  visitor: table(
    { name: 'visitor', public: true },
    {
      identity: t.identity().primaryKey(),
      visits: t.u32(),
      online: t.bool(),
      lastSeen: t.timestamp(),
    },
  ),
} as any);

function remoteModule(tables: any, calls: any) {
  return {
    versionInfo: { cliVersion: '2.10.1' },
    tables: tables.schemaType.tables,
    reducers: calls?.reducersType.reducers ?? [],
    procedures: [],
  } as any;
}

export const VISIBILITY_MODULE = remoteModule(visibilityTables, visibilityReducers);
export const LIBRARY_MODULE = remoteModule(libraryTables, undefined);

class Connection extends DbConnectionImpl<any> {}

/** A connected SDK client, with promise helpers. */
export interface Sdk {
  readonly conn: Connection;
  readonly db: any;
  readonly identity: Identity;
  readonly token: string;
  /** Subscribes and resolves once the rows are in the cache; rejects with the server's error. */
  subscribe(queries: string[]): Promise<{ unsubscribe(): Promise<void> }>;
  /** Calls a reducer by name with the library's values. */
  call(reducer: string, args: Record<string, unknown>): Promise<void>;
  /** Every cached row of a table or view. */
  rows(table: string): any[];
  close(): Promise<void>;
}

/** Connects the way a program does: `DbConnection.builder()...build()`, then `onConnect`. */
export function connect(
  server: { url: string; database?: string | { name: string } },
  module: any,
  token?: string,
): Promise<Sdk> {
  return new Promise((resolve, reject) => {
    let closed: (() => void) | undefined;
    const builder = new DbConnectionBuilder<Connection>(
      module,
      (config: DbConnectionConfig<any>) => new Connection(config),
    )
      .withUri(server.url)
      .withDatabaseName(
        typeof server.database === 'object' ? server.database.name : (server.database ?? 'spaces'),
      )
      .onConnect((conn: Connection, identity: Identity, tok: string) =>
        resolve({
          conn,
          db: conn.db,
          identity,
          token: tok,
          subscribe: (queries) =>
            new Promise((ok, fail) => {
              const handle = conn
                .subscriptionBuilder()
                .onApplied(() =>
                  ok({
                    unsubscribe: () =>
                      new Promise<void>((done) => {
                        (handle as any).unsubscribeThen(() => done());
                      }),
                  }),
                )
                .onError((ctx: any) => fail(ctx.event ?? new Error('subscription failed')))
                .subscribe(queries);
            }),
          call: (reducer, args) => conn.callReducerWithParams(reducer, undefined as any, args),
          rows: (name) => [...(conn.db as any)[name].iter()],
          close: () =>
            new Promise<void>((done) => {
              closed = done;
              conn.disconnect();
            }),
        }),
      )
      .onConnectError((_ctx: unknown, error: Error) => reject(error))
      .onDisconnect(() => closed?.());
    if (token !== undefined) builder.withToken(token);
    builder.build();
  });
}

/** Waits until `check` holds (row callbacks arrive asynchronously); fails after 10 s. */
export async function eventually(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts a server for a fixture module; close it after the tests. */
export function serve(module: string, database = 'spaces'): Promise<RunningServer> {
  return startTestServer({ module, database });
}
