import type {
  EventQuery,
  MessageQuery,
  ReadTx,
  ReducerArgs,
  ReducerName,
  RowChange,
  Rows,
  TableName,
} from '@spaces/core';
import {
  SpacesError,
  checkEventQuery,
  checkMessageQuery,
  isIdentity,
  parseArgs,
  parseChannelRef,
  decodeChanges,
  parseError,
  reducerNamed,
  tables,
} from '@spaces/core';
import { commit_head, last_call, objectFromSpacetime, objectToSpacetime } from '@spaces/spacetime';
import type { LogLevel } from 'spacetimedb';
import { setGlobalLogLevel } from 'spacetimedb';
import type {
  CallReceipt,
  Change,
  HubOwner,
  InviteInfo,
  ReducerCalls,
  Space,
  Subscription,
  SubscriptionFilter,
  VerifyReport,
  WebhookInfo,
} from '../api.js';
import { ConnectionError } from '../api.js';
import { reachable } from './reachable.js';
import type { SpacetimeTarget } from '../options.js';
import { Reads, checkReadable, subscribedTables } from '../reads.js';
import { reducerCalls } from '../reducerCalls.js';
import { SpacesConnection, publicTables, viewedTables } from './bindings.js';
import { cacheReadTx } from './cacheTx.js';
import { ChangeFeed } from './changeFeed.js';
import { LiveQueries } from './liveQueries.js';
import {
  allOf,
  identityLiteral,
  messagesSince,
  quote,
  where,
  window as windowQuery,
} from './sql.js';

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

/** The fewest ids a first window reaches back; it starts at twice the page asked for. */
export const WINDOW_MIN = 32n;

type Window = { after: bigint; queries: string[] };

/**
 * The SpacetimeDB engine behind the Space API: one `DbConnection`. It subscribes only to what
 * each read needs (a channel's recent messages through a window of ids, one user, one
 * channel...), so a call costs the same however large the space grows; calls go to the
 * module's reducers; changes are numbered by the module's durable commit sequence
 * (`@spaces/spacetime`'s cursor tables), and a call's own changes come back from its own
 * transaction update (`last_call`).
 */
export class SpacetimeSpace implements Space {
  readonly engine = 'spacetimedb' as const;
  readonly profile = undefined;
  readonly reducers: ReducerCalls;
  private readonly reads: Reads;
  private readonly feed = new ChangeFeed();
  private readonly live: LiveQueries;
  /** Receipts of this connection's calls, by the argument object the SDK echoes back. */
  private readonly receipts = new WeakMap<object, CallReceipt>();
  private readonly windows = new Map<string, Window>();
  private windowing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly connection: SpacesConnection,
    readonly identity: string,
  ) {
    this.live = new LiveQueries(connection);
    // Core's read queries, over the rows the SDK's cache holds: each read first subscribes to
    // what its query reads (the reader's own memberships and role are always held).
    const view = <T>(read: (tx: ReadTx) => T): T =>
      read(cacheReadTx(<K extends TableName>(table: K) => this.cached(table)));
    this.reads = new Reads(view, identity);
    this.reducers = reducerCalls((reducer, args) => this.call(reducer, args));
    this.listen();
  }

  /**
   * Connects, subscribes to the commit head and the caller's own rows, and resolves once they
   * are cached. An unreachable host, a refused connection or no answer within `timeoutMs`
   * rejects with a {@link ConnectionError}.
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

  /** A space over a connected `DbConnection`: holds the commit head and the caller's rows. */
  static async over(connection: SpacesConnection, identity: string): Promise<SpacetimeSpace> {
    const space = new SpacetimeSpace(connection, identity);
    await space.live.hold(space.baseQueries());
    space.feed.start(space.head()?.seq ?? 0n);
    return space;
  }

  /**
   * What every call and read needs: the head (seqs), the caller's `last_call` (receipts), and
   * the caller's user row, role and memberships (core's visibility rules read them).
   */
  private baseQueries(): string[] {
    const me = identityLiteral(this.identity);
    return [
      allOf('commit_head'),
      where('last_call', 'sender', me),
      where('users', 'identity', me),
      where('roles', 'identity', me),
      where('members', 'identity', me),
    ];
  }

  private listen(): void {
    const db = this.connection.db as any;
    const live = (ctx: any) => ctx?.event?.tag === 'Reducer' || ctx?.event?.tag === 'Transaction';
    for (const decl of publicTables) {
      const name = decl.name as TableName;
      const row = (value: any) => objectFromSpacetime(decl.columns, value);
      const push = (ctx: any, change: object) => {
        if (live(ctx)) this.feed.row(ctx.event.id, { table: name, ...change } as RowChange);
      };
      db[name].onInsert((ctx: any, value: any) => push(ctx, { op: 'insert', row: row(value) }));
      db[name].onDelete((ctx: any, value: any) => push(ctx, { op: 'delete', row: row(value) }));
      db[name].onUpdate?.((ctx: any, old: any, value: any) =>
        push(ctx, { op: 'update', row: row(value), old: row(old) }),
      );
    }
    const head = (ctx: any, value: any) => {
      if (!live(ctx)) return;
      const h = objectFromSpacetime(commit_head.columns, value);
      this.feed.head(ctx.event.id, {
        seq: h['seq'] as bigint,
        reducer: h['reducer'] as string,
        sender: h['sender'] as string,
        timestamp: h['at'] as bigint,
      });
    };
    db.commit_head.onInsert(head);
    db.commit_head.onUpdate((ctx: any, _old: any, value: any) => head(ctx, value));
    // The caller's transaction update carries its new last_call row: the SDK hands the event
    // the very argument object the call was made with, which keys the receipt.
    const receipt = (ctx: any, value: any) => {
      if (ctx?.event?.tag !== 'Reducer') return;
      const call = objectFromSpacetime(last_call.columns, value);
      this.receipts.set(ctx.event.value.reducer.args, {
        seq: call['seq'] as bigint,
        changes: decodeChanges(call['changes'] as string),
      });
    };
    db.last_call.onInsert(receipt);
    db.last_call.onUpdate((ctx: any, _old: any, value: any) => receipt(ctx, value));
  }

  private cached<K extends TableName>(table: K): Rows[K][] {
    const decl = tables[table];
    if (!decl.public) return [];
    const handle = (this.connection.db as any)[table];
    return [...handle.iter()].map((value: any) =>
      objectFromSpacetime(decl.columns, value),
    ) as Rows[K][];
  }

  private head(): { seq: bigint; lastMessageId: bigint; lastEventId: bigint } | undefined {
    const [row] = [...(this.connection.db as any).commit_head.iter()];
    return row && (objectFromSpacetime(commit_head.columns, row) as never);
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
    const params = objectToSpacetime(def.args, parsed);
    try {
      await this.connection.callReducerWithParams(reducer, undefined as any, params);
    } catch (error) {
      // The module rejects with SenderError(`code: message`), as core's formatError writes it.
      if ((error as Error).name === 'SenderError') throw parseError((error as Error).message);
      throw new SpacesError('internal', (error as Error).message);
    }
    const receipt = this.receipts.get(params);
    this.receipts.delete(params);
    return receipt ?? { seq: this.feed.latest, changes: [] };
  }

  createHub(_owner: HubOwner): Promise<CallReceipt> {
    return Promise.reject(
      new SpacesError(
        'already_initialized',
        'on SpacetimeDB the hub is created when the module is published; its publisher is the Owner',
      ),
    );
  }

  async rows<K extends TableName>(table: K): Promise<Rows[K][]> {
    checkReadable(table);
    return this.live.during([allOf(table)], () => this.reads.rows(table));
  }

  me() {
    return Promise.resolve(this.reads.user(this.identity));
  }

  user(nameOrIdentity: string) {
    const query = isIdentity(nameOrIdentity)
      ? where('users', 'identity', identityLiteral(nameOrIdentity))
      : where('users', 'name', quote(nameOrIdentity));
    return this.live.during([query], () => this.reads.user(nameOrIdentity));
  }

  async channel(nameOrId: string | bigint) {
    const ref = parseChannelRef(nameOrId);
    const query =
      'id' in ref
        ? where('channels', 'id', String(ref.id))
        : where('channels', 'name', quote(ref.name));
    return this.live.during([query], () => this.reads.channel(nameOrId));
  }

  async messages(channelId: bigint, query: MessageQuery = {}) {
    const { limit, before, topicId } = checkMessageQuery(query);
    const channel = [where('channels', 'id', String(channelId))];
    await this.live.hold(channel);
    try {
      return await this.messagePage(channelId, query, limit, before, topicId);
    } finally {
      this.live.release(channel);
    }
  }

  private async messagePage(
    channelId: bigint,
    query: MessageQuery,
    limit: number,
    before: bigint | undefined,
    topicId: bigint | undefined,
  ) {
    await this.window(
      'messages',
      channelId,
      limit,
      (after) =>
        this.cached('messages').filter(
          (m) =>
            m.channelId === channelId &&
            m.id > after &&
            (before === undefined || m.id < before) &&
            (topicId === undefined || m.topicId === topicId),
        ).length >= limit,
    );
    const seqs = new Map(
      [...(this.connection.db as any).message_seq.iter()].map((s: any) => [s.messageId, s.seq]),
    );
    return this.reads.messages(channelId, query).map((m) => {
      const seq = seqs.get(m.id) as bigint | undefined;
      return seq === undefined ? m : { ...m, seq };
    });
  }

  /**
   * Holds `SELECT * FROM <table> WHERE [channel_id = C AND] id > after`, from twice the page
   * back from the newest id, reaching 4x further each time until `enough(after)` says the
   * cache holds what the read needs, or the
   * window covers the whole table. One window per table and channel is held; a wider one
   * replaces it. Messages bring their `message_seq` rows along.
   */
  private window(
    table: 'messages' | 'events',
    channelId: bigint | undefined,
    limit: number,
    enough: (after: bigint) => boolean,
  ): Promise<void> {
    const run = async () => {
      const key = `${table}:${channelId ?? '*'}`;
      const head = this.head();
      const last = (table === 'messages' ? head?.lastMessageId : head?.lastEventId) ?? 0n;
      const first = BigInt(limit) * 2n;
      for (let span = first > WINDOW_MIN ? first : WINDOW_MIN; ; span *= 4n) {
        const after = last > span ? last - span : 0n;
        const current = this.windows.get(key);
        if (!current || after < current.after) {
          const queries = [windowQuery(table, channelId, after)];
          if (table === 'messages')
            queries.push(`SELECT * FROM message_seq WHERE message_id > ${after}`);
          await this.live.hold(queries);
          if (current) this.live.release(current.queries);
          this.windows.set(key, { after, queries });
        }
        const held = this.windows.get(key)!.after;
        if (held === 0n || enough(held)) return;
      }
    };
    // One window change at a time, so two reads never widen the same window twice.
    const done = this.windowing.then(run, run);
    this.windowing = done.catch(() => undefined);
    return done;
  }

  members(channelId: bigint) {
    return this.live.during(this.channelRows('members', channelId), () =>
      this.reads.members(channelId),
    );
  }

  pins(channelId: bigint) {
    return this.live.during(this.channelRows('pins', channelId), () => this.reads.pins(channelId));
  }

  topics(channelId: bigint) {
    return this.live.during(this.channelRows('topics', channelId), () =>
      this.reads.topics(channelId),
    );
  }

  /** A channel's rows of one table, and the channel itself (visibility reads it). */
  private channelRows(table: 'members' | 'pins' | 'topics', channelId: bigint): string[] {
    return [
      where(table, 'channel_id', String(channelId)),
      where('channels', 'id', String(channelId)),
    ];
  }

  async events(query: EventQuery = {}) {
    const { limit } = checkEventQuery(query);
    // Events are visible through their channel: hold the one asked for, else every channel.
    const channels = [
      query.channelId === undefined
        ? allOf('channels')
        : where('channels', 'id', String(query.channelId)),
    ];
    await this.live.hold(channels);
    try {
      return await this.eventPage(query, limit);
    } finally {
      this.live.release(channels);
    }
  }

  private async eventPage(query: EventQuery, limit: number) {
    await this.window(
      'events',
      query.channelId,
      limit,
      (after) =>
        this.cached('events').filter(
          (e) =>
            e.id > after &&
            (query.channelId === undefined || e.channelId === query.channelId) &&
            (query.kind === undefined || e.kind === query.kind),
        ).length >= limit,
    );
    return this.reads.events(query);
  }

  /**
   * Unread counts: the channels, the caller's memberships and read receipts, then each
   * readable channel's messages after the caller's receipt (the cost follows what is unread).
   */
  async unread() {
    const me = identityLiteral(this.identity);
    const base = [
      allOf('channels'),
      where('members', 'identity', me),
      where('read_receipts', 'identity', me),
    ];
    await this.live.hold(base);
    try {
      const mine = new Set(
        this.cached('members')
          .filter((m) => m.identity === this.identity)
          .map((m) => m.channelId),
      );
      const receipts = new Map(
        this.cached('read_receipts')
          .filter((r) => r.identity === this.identity)
          .map((r) => [r.channelId, r.lastReadMessageId]),
      );
      const queries = this.cached('channels')
        .filter((c) => !c.private || mine.has(c.id))
        .map((c) => windowQuery('messages', c.id, receipts.get(c.id) ?? 0n));
      return await this.live.during(queries, () => this.reads.unread());
    } finally {
      this.live.release(base);
    }
  }

  /** Invites the caller may see, through the module's `visible_invites` view (no code hash). */
  invites(): Promise<InviteInfo[]> {
    return this.viewed('invites') as Promise<InviteInfo[]>;
  }

  /** Webhooks the caller may see, through the module's `visible_webhooks` view (no token hash). */
  webhooks(): Promise<WebhookInfo[]> {
    return this.viewed('webhooks') as Promise<WebhookInfo[]>;
  }

  /** The rows of a private table's view, in id order. */
  private viewed(table: 'invites' | 'webhooks'): Promise<Record<string, unknown>[]> {
    const view = `visible_${table}`;
    const decl = viewedTables.find((d) => d.name === view)!;
    return this.live.during([allOf(view)], () =>
      [...(this.connection.db as any)[view].iter()]
        .map((row: any) => objectFromSpacetime(decl.columns, row))
        .sort((a, b) => ((a['id'] as bigint) < (b['id'] as bigint) ? -1 : 1)),
    );
  }

  /**
   * Follows changes: subscribes to the tables asked for (one channel's rows when `channelId`
   * is given, plus the tables that belong to no channel). With `since`, first replays the
   * messages committed after that seq, as they are now (edits and deletes in between are not
   * replayed: SpacetimeDB keeps no history a client can read).
   */
  subscribe(filter: SubscriptionFilter, handler: (change: Change) => void): Subscription {
    const wanted = subscribedTables(filter.tables);
    const queries = [...wanted].map((table) =>
      filter.channelId !== undefined && 'channelId' in tables[table].columns
        ? where(table, 'channel_id', String(filter.channelId))
        : allOf(table),
    );
    const since = filter.since;
    if (since !== undefined && wanted.has('messages')) {
      queries.push(`SELECT * FROM message_seq WHERE seq > ${since}`);
      queries.push(messagesSince(since, filter.channelId));
    }
    const prepared = this.live
      .hold(queries)
      .then(() => (since === undefined ? [] : this.missedMessages(since, filter.channelId)));
    return this.feed.subscribe(filter, handler, prepared, () => this.live.release(queries));
  }

  /** Messages inserted by commits after `since`, as inserts tagged with their commit's seq. */
  private missedMessages(since: bigint, channelId: bigint | undefined): Change[] {
    const messages = new Map(this.cached('messages').map((m) => [m.id, m]));
    return [...(this.connection.db as any).message_seq.iter()]
      .filter((s: any) => s.seq > since)
      .flatMap((s: any): Change[] => {
        const row = messages.get(s.messageId);
        if (!row || (channelId !== undefined && row.channelId !== channelId)) return [];
        return [{ table: 'messages', op: 'insert', row, seq: s.seq, sender: row.sender }];
      });
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

function embeddedOnly(what: string): SpacesError {
  return new SpacesError(
    'invalid_argument',
    `${what} works on the embedded engine only: SpacetimeDB keeps its own commit log`,
  );
}
