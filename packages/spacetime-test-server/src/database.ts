/**
 * One database of the test server: a module running in the test host, its owner, and the
 * connected clients with their query sets. Everything a client does goes through here, one
 * message at a time: a reducer call commits (or rolls back) in the host, then every client gets
 * the rows it may see change, the caller in its `ReducerResult`, the others in a
 * `TransactionUpdate` (SpacetimeDB's v2 protocol, `crates/core/src/subscription`).
 */
import type { Identity } from 'spacetimedb';
import { BinaryWriter, Timestamp } from 'spacetimedb';
import type { CallResult, TestHost } from './host/host.js';
import { loadModule } from './host/host.js';
import type { ReducerSchema } from './host/schema.js';
import type { RawTableChange } from './host/store.js';
import type { ServerMessage, TransactionUpdate } from './protocol.js';
import { QuerySet, rowList, type SourceChange } from './querySet.js';
import type { EvalContext, Row, RowSource } from './sql/evaluate.js';
import { evalContext, run } from './sql/evaluate.js';
import { SqlError } from './sql/parse.js';
import type { Plan, Source } from './sql/plan.js';
import { Catalog, checkSubscription, plan } from './sql/plan.js';
import { RowLevelSecurity } from './sql/rls.js';
import { StoreRows } from './sql/rows.js';

/** A connected client, whatever carries its messages. */
export interface Client {
  readonly identity: Identity;
  readonly connectionId: bigint;
  /** The JWT payload the module sees through `ctx.senderAuth.jwt`. */
  readonly jwtPayload?: string;
  send(message: ServerMessage): void;
}

export interface DatabaseOptions {
  /** The database name clients connect to. */
  readonly name: string;
  /** Who published it: `init` runs as them, and row-level security does not apply to them. */
  readonly owner: Identity;
  /** Microseconds since the epoch; defaults to the wall clock, never repeating a value. */
  readonly clock?: () => bigint;
}

interface ClientState {
  readonly querySets: Map<number, QuerySet>;
}

/** A module loaded and published, serving clients. */
export class Database {
  readonly catalog: Catalog;
  readonly rls: RowLevelSecurity;
  private readonly rows: StoreRows;
  private readonly clients = new Map<Client, ClientState>();
  private lastTime = 0n;
  /** View rows computed during the current update, by view name and sender. */
  private viewCache = new Map<string, readonly Row[]>();

  private constructor(
    readonly host: TestHost,
    readonly options: DatabaseOptions,
  ) {
    const { schema } = host.internals;
    this.catalog = new Catalog(schema);
    // Rules are checked as publishing checks them: a bad or cyclic rule refuses the module.
    this.rls = new RowLevelSecurity(this.catalog, schema.rlsRules);
    this.rows = new StoreRows(() => host.internals.store, schema.typespace);
  }

  /**
   * Loads a module bundle (its source text or path) and publishes it: `init` runs as the
   * owner. Throws when the module cannot load, its row-level-security rules are invalid, or
   * `init` fails, as `spacetime publish` would.
   */
  static async publish(bundle: string, options: DatabaseOptions): Promise<Database> {
    const host = await loadModule(bundle);
    const db = new Database(host, options);
    const result = host.init({ sender: options.owner, timestamp: db.now() });
    if (!result.ok)
      throw new Error(`init failed, so the module cannot be published: ${result.error}`);
    return db;
  }

  get name(): string {
    return this.options.name;
  }

  /** Now, in microseconds, strictly after the previous call's time. */
  now(): bigint {
    const wall = this.options.clock?.() ?? BigInt(Date.now()) * 1000n;
    this.lastTime = wall > this.lastTime ? wall : this.lastTime + 1n;
    return this.lastTime;
  }

  /**
   * Opens a client's session: runs `client_connected` for it. A failure means SpacetimeDB
   * refuses the connection; the error text says why, and nothing changed.
   */
  connect(client: Client): { ok: true } | { ok: false; error: string } {
    const result = this.host.connect(client.identity, this.now(), {
      connectionId: client.connectionId,
      ...(client.jwtPayload ? { jwtPayload: client.jwtPayload } : {}),
    });
    if (!result.ok) return { ok: false, error: result.error };
    this.clients.set(client, { querySets: new Map() });
    this.broadcast(result, undefined);
    return { ok: true };
  }

  /** Closes a client's session: its query sets end and `client_disconnected` runs. */
  disconnect(client: Client): void {
    if (!this.clients.delete(client)) return;
    const result = this.host.disconnect(client.identity, this.now(), {
      connectionId: client.connectionId,
    });
    if (result.ok) this.broadcast(result, undefined);
  }

  /** The connected clients. */
  get connected(): readonly Client[] {
    return [...this.clients.keys()];
  }

  /** Handles a `CallReducer`: runs it, answers the caller, updates everyone. */
  callReducer(client: Client, requestId: number, name: string, args: Uint8Array): void {
    const timestamp = this.now();
    const reducer = this.host.internals.schema.reducersByName.get(name);
    const refuse = (why: string) =>
      client.send({
        tag: 'ReducerResult',
        value: {
          requestId,
          timestamp: new Timestamp(timestamp),
          result: { tag: 'InternalError', value: why },
        },
      });
    if (!reducer) return refuse(`no such reducer: ${name}`);
    if (reducer.info.lifecycle || !reducer.info.clientCallable)
      return refuse(`${name} cannot be called by a client`);
    const result = this.call(reducer, args, client, timestamp);
    if (!result.ok) {
      client.send({
        tag: 'ReducerResult',
        value: {
          requestId,
          timestamp: new Timestamp(timestamp),
          result: result.senderError
            ? { tag: 'Err', value: encodeString(result.error) }
            : { tag: 'InternalError', value: result.error },
        },
      });
      return;
    }
    this.broadcast(result, { client, requestId, timestamp });
  }

  private call(
    reducer: ReducerSchema,
    args: Uint8Array,
    client: Client,
    timestamp: bigint,
  ): CallResult {
    return this.host.callEncoded(reducer, args, {
      sender: client.identity,
      timestamp,
      connectionId: client.connectionId,
      ...(client.jwtPayload ? { jwtPayload: client.jwtPayload } : {}),
    });
  }

  /** Handles a `Subscribe`: plans every query, then sends the rows they return. */
  subscribe(
    client: Client,
    requestId: number,
    querySetId: number,
    queries: readonly string[],
  ): void {
    const state = this.clients.get(client);
    if (!state) return;
    const fail = (error: string) =>
      client.send({
        tag: 'SubscriptionError',
        value: { requestId, querySetId: { id: querySetId }, error },
      });
    if (state.querySets.has(querySetId))
      return fail(`query set ${querySetId} is already subscribed`);
    const owner = this.isOwner(client);
    let plans: Plan[];
    try {
      plans = queries.map((sql) => this.subscriptionPlan(sql, owner));
    } catch (e) {
      if (e instanceof SqlError) return fail(e.message);
      throw e;
    }
    const set = new QuerySet(querySetId, plans, this.rls, owner);
    this.viewCache = new Map();
    const rows = set.start(this.context(client));
    state.querySets.set(querySetId, set);
    client.send({
      tag: 'SubscribeApplied',
      value: { requestId, querySetId: { id: querySetId }, rows },
    });
  }

  /** Handles an `Unsubscribe`: the set ends, its rows are returned when asked for. */
  unsubscribe(client: Client, requestId: number, querySetId: number, sendDropped: boolean): void {
    const state = this.clients.get(client);
    const set = state?.querySets.get(querySetId);
    if (!state || !set) {
      client.send({
        tag: 'SubscriptionError',
        value: {
          requestId,
          querySetId: { id: querySetId },
          error: `query set ${querySetId} is not subscribed`,
        },
      });
      return;
    }
    state.querySets.delete(querySetId);
    client.send({
      tag: 'UnsubscribeApplied',
      value: {
        requestId,
        querySetId: { id: querySetId },
        rows: sendDropped ? set.current() : undefined,
      },
    });
  }

  /** Handles a `OneOffQuery`: the rows one query returns now, after row-level security. */
  oneOffQuery(client: Client, requestId: number, sql: string): void {
    let result: ServerMessage;
    try {
      const p = this.subscriptionPlan(sql, this.isOwner(client), false);
      this.viewCache = new Map();
      const rows = [...run(p, this.context(client)).values()];
      result = {
        tag: 'OneOffQueryResult',
        value: {
          requestId,
          result: {
            tag: 'ok',
            value: { tables: [{ table: p.relvars[p.ret]!.source.name, rows: rowList(rows) }] },
          },
        },
      };
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      result = {
        tag: 'OneOffQueryResult',
        value: { requestId, result: { tag: 'err', value: e.message } },
      };
    }
    client.send(result);
  }

  private isOwner(client: Client): boolean {
    return client.identity.isEqual(this.options.owner);
  }

  private subscriptionPlan(sql: string, owner: boolean, strict = true): Plan {
    const p = plan(sql, this.catalog);
    if (strict) checkSubscription(p);
    for (const r of p.relvars)
      if (!r.source.public && !owner)
        throw new SqlError(`${r.source.name} is private: only the database owner can read it`);
    return p;
  }

  /** What one client's queries run against: the tables, and views computed as that client. */
  private context(client: Client): EvalContext {
    const sender = client.identity.__identity__;
    const rows: RowSource = {
      scan: (source) =>
        source.kind === 'view' ? this.viewRows(source, client) : this.rows.scan(source),
      seek: (source, col, lo, hi) => this.rows.seek(source, col, lo, hi),
      count: (source, col, lo, hi) => this.rows.count(source, col, lo, hi),
      size: (source) => this.rows.size(source),
    };
    return evalContext(rows, this.rls, sender, this.isOwner(client));
  }

  private viewRows(source: Source, client: Client): readonly Row[] {
    const view = source.view!;
    const key = view.anonymous ? view.name : `${view.name}/${client.identity.toHexString()}`;
    let rows = this.viewCache.get(key);
    if (!rows) {
      const result = this.host.callView(view, client.identity);
      if ('rows' in result) {
        const decoder = this.rows.decoder(source);
        rows = result.rows.map((bytes) => decoder.row(bytes));
      } else {
        // A view may return a query instead of rows: its rows are that query's, run with the
        // module's own rights (row-level security does not apply inside a view).
        const p = plan(result.sql, this.catalog);
        const ctx = evalContext(
          this.context(client).rows,
          this.rls,
          client.identity.__identity__,
          true,
        );
        rows = [...run(p, ctx).values()];
      }
      this.viewCache.set(key, rows);
    }
    return rows;
  }

  /**
   * After a commit: every connected client gets the rows it may see change; the caller (if
   * any) always gets its `ReducerResult`, with its own updates inside.
   */
  private broadcast(
    result: CallResult & { ok: true },
    caller: { client: Client; requestId: number; timestamp: bigint } | undefined,
  ): void {
    const changes = this.sourceChanges(result.rawChanges);
    this.viewCache = new Map();
    for (const [client, state] of this.clients) {
      const update: TransactionUpdate = { querySets: [] };
      if (changes.size > 0 || this.catalog.schema.views.length > 0) {
        const ctx = this.context(client);
        for (const set of state.querySets.values()) {
          const tables = set.update(changes, ctx);
          if (tables.length > 0) update.querySets.push({ querySetId: { id: set.id }, tables });
        }
      }
      if (caller && client === caller.client) {
        client.send({
          tag: 'ReducerResult',
          value: {
            requestId: caller.requestId,
            timestamp: new Timestamp(caller.timestamp),
            result: {
              tag: 'Ok',
              value: { retValue: new Uint8Array(0), transactionUpdate: update },
            },
          },
        });
      } else if (update.querySets.length > 0) {
        client.send({ tag: 'TransactionUpdate', value: update });
      }
    }
  }

  private sourceChanges(raw: readonly RawTableChange[]): Map<string, SourceChange> {
    const out = new Map<string, SourceChange>();
    for (const c of raw) {
      const source = this.catalog.source(c.table.info.name)!;
      const decoder = this.rows.decoder(source);
      out.set(source.name, {
        inserted: c.inserted.map((b) => decoder.row(b)),
        deleted: c.deleted.map((b) => decoder.row(b)),
        event: c.table.info.isEvent,
      });
    }
    return out;
  }
}

function encodeString(text: string): Uint8Array {
  const writer = new BinaryWriter(text.length + 8);
  writer.writeString(text);
  return writer.getBuffer().slice();
}
