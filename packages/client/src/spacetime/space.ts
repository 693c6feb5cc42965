import type {
  EventQuery,
  ReadTx,
  ReducerArgs,
  ReducerName,
  RowChange,
  Rows,
  TableName,
} from '@spaces/core';
import type { LogLevel } from 'spacetimedb';
import { setGlobalLogLevel } from 'spacetimedb';
import { SpacesError, parseArgs, parseError, reducerNamed, tables } from '@spaces/core';
import type {
  CallReceipt,
  Change,
  MessageQuery,
  ReducerCalls,
  Space,
  Subscription,
  SubscriptionFilter,
  VerifyReport,
  WebhookInfo,
} from '../api.js';
import { ConnectionError } from '../api.js';
import type { HubOwner, InviteInfo } from '../api.js';
import type { SpacetimeTarget } from '../options.js';
import { reducerCalls } from '../reducerCalls.js';
import { SpacesConnection, publicTables } from './bindings.js';
import { Reads } from '../reads.js';
import { cacheReadTx } from './cacheTx.js';
import { ChangeFeed } from './changeFeed.js';
import { objectFromSpacetime, objectToSpacetime } from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** How long `connect` waits for the host to accept the connection. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The SDK logs through `console.log` (stdout), which would corrupt `--json` output: its INFO
 * "Connecting to SpacetimeDB WS..." on every connect, and ERROR lines for failures that reach
 * our callers as rejections anyway. Its levels are error < warn < info < debug < trace and it
 * logs a line when the line's rank is <= the global level's; a level with no rank logs nothing.
 * `SPACES_SDK_LOG=info` (or any SDK level) turns its logging back on, for debugging.
 */
function quietSdk(): void {
  const wanted = process.env['SPACES_SDK_LOG'];
  const levels: readonly string[] = ['error', 'warn', 'info', 'debug', 'trace'];
  setGlobalLogLevel((wanted && levels.includes(wanted) ? wanted : 'off') as LogLevel);
}

/**
 * The SpacetimeDB engine behind the Space API: one `DbConnection` subscribed to every public
 * table; calls go to the module's reducers, reads come from the SDK's client cache, and row
 * changes are numbered by a per-connection counter (SpacetimeDB exposes no log seq to clients).
 */
export class SpacetimeSpace implements Space {
  readonly engine = 'spacetimedb' as const;
  readonly profile = undefined;
  readonly reducers: ReducerCalls;
  private readonly reads: Reads;
  private readonly feed = new ChangeFeed();

  private constructor(
    private readonly connection: SpacesConnection,
    readonly identity: string,
  ) {
    const view = <T>(read: (tx: ReadTx) => T): T =>
      read(cacheReadTx(<K extends TableName>(table: K) => this.cached(table)));
    this.reads = new Reads(view, identity);
    this.reducers = reducerCalls((reducer, args) => this.call(reducer, args));
  }

  /**
   * Connects, subscribes to every public table, and resolves once the cache holds them. An
   * unreachable host, a refused connection or no answer within `timeoutMs` rejects with a
   * {@link ConnectionError}.
   */
  static async connect(
    target: SpacetimeTarget,
    timeoutMs = CONNECT_TIMEOUT_MS,
  ): Promise<SpacetimeSpace> {
    quietSdk();
    const where = `${target.host}/${target.database}`;
    await reachable(target.host, where, timeoutMs);
    let built: SpacesConnection | undefined;
    const { connection, identity } = await new Promise<{
      connection: SpacesConnection;
      identity: string;
    }>((resolve, reject) => {
      const fail = (error: ConnectionError) => {
        clearTimeout(timer);
        // Stop the SDK's attempt, so nothing keeps the process alive after a failure.
        try {
          built?.disconnect();
        } catch {
          // not connected: nothing to close
        }
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new ConnectionError(`no answer from ${where} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const builder = SpacesConnection.builder()
        .withUri(target.host)
        .withDatabaseName(target.database)
        .onConnect((conn, id) => {
          clearTimeout(timer);
          resolve({ connection: conn, identity: id.toHexString() });
        })
        .onConnectError((_ctx, error) =>
          fail(
            new ConnectionError(`cannot connect to ${where}: ${error.message}`, { cause: error }),
          ),
        );
      if (target.token !== undefined) builder.withToken(target.token);
      built = builder.build();
    });
    return SpacetimeSpace.over(connection, identity);
  }

  /** A space over a connected `DbConnection`: subscribes to every public table first. */
  static async over(connection: SpacesConnection, identity: string): Promise<SpacetimeSpace> {
    const space = new SpacetimeSpace(connection, identity);
    await space.subscribeAll();
    return space;
  }

  private subscribeAll(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.connection
        .subscriptionBuilder()
        .onApplied(() => {
          // Register after the initial rows arrived: those are the state, not changes.
          this.listen();
          resolve();
        })
        .onError((ctx: any) =>
          reject(new SpacesError('internal', `subscription failed: ${String(ctx.event ?? '')}`)),
        )
        .subscribe(publicTables.map((decl) => `SELECT * FROM ${decl.name}`));
    });
  }

  private listen(): void {
    for (const decl of publicTables) {
      const name = decl.name as TableName;
      const handle = (this.connection.db as any)[name];
      const row = (value: any) => objectFromSpacetime(decl.columns, value);
      const push = (ctx: any, change: RowChange) => {
        const event = ctx?.event;
        const extra: Partial<Change> =
          event?.tag === 'Reducer'
            ? {
                reducer: event.value.reducer?.name,
                timestamp: event.value.timestamp?.microsSinceUnixEpoch,
              }
            : {};
        this.feed.push(change, extra);
      };
      handle.onInsert((ctx: any, value: any) =>
        push(ctx, { table: name, op: 'insert', row: row(value) } as RowChange),
      );
      handle.onDelete((ctx: any, value: any) =>
        push(ctx, { table: name, op: 'delete', row: row(value) } as RowChange),
      );
      handle.onUpdate?.((ctx: any, old: any, value: any) =>
        push(ctx, { table: name, op: 'update', row: row(value), old: row(old) } as RowChange),
      );
    }
  }

  private cached<K extends TableName>(table: K): Rows[K][] {
    const decl = tables[table];
    if (!decl.public) return [];
    const handle = (this.connection.db as any)[table];
    return [...handle.iter()].map((value: any) =>
      objectFromSpacetime(decl.columns, value),
    ) as Rows[K][];
  }

  async call<K extends ReducerName>(reducer: K, args: ReducerArgs[K]): Promise<CallReceipt> {
    const def = reducerNamed(reducer);
    if (!def) throw new SpacesError('not_found', `no reducer named "${reducer}"`);
    if (def.lifecycle) {
      throw new SpacesError(
        'invalid_argument',
        `${reducer} is a lifecycle reducer: SpacetimeDB runs it itself (init at publish, the others on connect and disconnect)`,
      );
    }
    // Checked here too, so bad input fails with core's message before anything is sent.
    const parsed = parseArgs(def.args, args) as Record<string, unknown>;
    try {
      await this.connection.callReducerWithParams(
        reducer,
        undefined as any,
        objectToSpacetime(def.args, parsed),
      );
    } catch (error) {
      // The module rejects with SenderError(`code: message`), as core's formatError writes it.
      if ((error as Error).name === 'SenderError') throw parseError((error as Error).message);
      throw new SpacesError('internal', (error as Error).message);
    }
    // SpacetimeDB returns no rows to the caller of a reducer: see CallReceipt.changes.
    return { seq: 0n, changes: [] };
  }

  createHub(_owner: HubOwner): Promise<CallReceipt> {
    return Promise.reject(
      new SpacesError(
        'already_initialized',
        'on SpacetimeDB the hub is created when the module is published; its publisher is the Owner',
      ),
    );
  }

  rows<K extends TableName>(table: K) {
    return Promise.resolve().then(() => this.reads.rows(table));
  }
  me() {
    return Promise.resolve(this.reads.user(this.identity));
  }
  user(nameOrIdentity: string) {
    return Promise.resolve(this.reads.user(nameOrIdentity));
  }
  channel(nameOrId: string | bigint) {
    return Promise.resolve().then(() => this.reads.channel(nameOrId));
  }
  messages(channelId: bigint, query?: MessageQuery) {
    return Promise.resolve().then(() => this.reads.messages(channelId, query));
  }
  members(channelId: bigint) {
    return Promise.resolve(this.reads.members(channelId));
  }
  pins(channelId: bigint) {
    return Promise.resolve(this.reads.pins(channelId));
  }
  topics(channelId: bigint) {
    return Promise.resolve(this.reads.topics(channelId));
  }
  events(query?: EventQuery) {
    return Promise.resolve().then(() => this.reads.events(query));
  }
  unread() {
    return Promise.resolve(this.reads.unread());
  }

  invites(): Promise<InviteInfo[]> {
    return Promise.reject(privateOnServer('invites'));
  }

  webhooks(): Promise<WebhookInfo[]> {
    return Promise.reject(privateOnServer('webhooks'));
  }

  subscribe(filter: SubscriptionFilter, handler: (change: Change) => void): Subscription {
    return this.feed.subscribe(filter, handler);
  }

  verify(): Promise<VerifyReport> {
    return Promise.reject(embeddedOnly('verify'));
  }

  replay(): Promise<void> {
    return Promise.reject(embeddedOnly('replay'));
  }

  close(): Promise<void> {
    this.feed.close();
    this.connection.disconnect();
    return Promise.resolve();
  }
}

/**
 * Fails fast with a ConnectionError when nothing answers HTTP at the host. The SDK attaches its
 * WebSocket error handler a tick after opening the socket, so a refused connection (which fails
 * within a millisecond on localhost) is never reported to `onConnectError` and would only end at
 * the connect timeout. Any HTTP answer, even an error status, means the host is there.
 */
async function reachable(host: string, where: string, timeoutMs: number): Promise<void> {
  try {
    const response = await fetch(new URL('/v1/ping', host), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ConnectionError(`cannot connect to ${where}: ${why}`, { cause: error });
  }
}

function privateOnServer(table: 'invites' | 'webhooks'): SpacesError {
  return new SpacesError(
    'permission_denied',
    `${table} is a private table on a SpacetimeDB server: only the module's reducers read it, so it cannot be listed from a client`,
  );
}

function embeddedOnly(what: string): SpacesError {
  return new SpacesError(
    'invalid_argument',
    `${what} works on the embedded engine only: SpacetimeDB keeps its own commit log`,
  );
}
