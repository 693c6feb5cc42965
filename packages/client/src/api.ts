import type {
  Channel,
  Event,
  EventQuery,
  Invite,
  Member,
  MessageQuery,
  Message,
  Pin,
  ReducerArgs,
  ReducerName,
  RowChange,
  Rows,
  TableName,
  Topic,
  Unread,
  User,
  Webhook,
} from '@spaces/core';

export type { EventQuery, MessageQuery, Unread };

/** How to open a space. Anything left out comes from the environment (see `resolveOptions`). */
export interface OpenOptions {
  /** Embedded store folder (default `$SPACES_HOME`, else the user's data dir, e.g. ~/.local/share/spaces). */
  home?: string;
  /** SpacetimeDB host URL; when set (or `$SPACETIMEDB_HOST` is), the SpacetimeDB engine is used. */
  host?: string;
  /** SpacetimeDB database name (default `$SPACETIMEDB_DATABASE`, else `spaces`). */
  database?: string;
  /** SpacetimeDB token (default `$SPACETIMEDB_TOKEN`, else `~/.config/spacetime/cli.toml`). */
  token?: string;
  /** Local profile name (embedded engine): whose identity the calls carry. */
  as?: string;
  /**
   * Embedded engine: create the store's folder (0700) and database (0600) when missing (default
   * true). With false, a missing store is refused with `no_store` and nothing is created.
   */
  create?: boolean;
  /**
   * Embedded engine: fsync every commit (`synchronous=FULL`), so a resolved call survives power
   * loss too, not only a crash of the process. Slower; see the README's performance section.
   */
  fullSync?: boolean;
}

/** What a committed call returns. */
export interface CallReceipt {
  /**
   * The sequence number of the commit: the embedded log's seq, or on SpacetimeDB the module's
   * own commit sequence (`commit_head`), the same for every client.
   */
  seq: bigint;
  /**
   * The row changes the call committed, in order: how a caller learns the id of a row it
   * created without reading it back. They are the caller's own writes, so they include rows of
   * private tables (the invite or webhook it created). On SpacetimeDB they come from the
   * caller's own transaction update (the module's `last_call` row, visible to the caller only).
   */
  changes: RowChange[];
}

/** A message as `messages()` returns it. */
export type MessageRow = Message & {
  /** The seq of the commit that inserted it (SpacetimeDB: from the module's `message_seq`). */
  seq?: bigint;
};

/** A webhook as `webhooks()` returns it: never with its token hash. */
export type WebhookInfo = Omit<Webhook, 'tokenHash'>;

/** An invite as `invites()` returns it: never with its code's hash. */
export type InviteInfo = Omit<Invite, 'codeHash'>;

/** The first profile of a new hub: its Owner. */
export interface HubOwner {
  name: string;
  displayName?: string;
}

/**
 * A SpacetimeDB host could not be reached, refused the connection, or did not answer in time.
 * `class` is `'connection'`, so programs can tell it from a refused call without reading text.
 */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  readonly code = 'connection';
  readonly class = 'connection';
}

/** One row change as a subscriber sees it, tagged with the commit that made it. */
export type Change = RowChange & {
  /** Sequence number of the commit; changes arrive in increasing seq order. */
  seq: bigint;
  /** The reducer, sender and time of the commit, where the engine knows them. */
  reducer?: string;
  sender?: string;
  timestamp?: bigint;
};

/** Which changes a subscription delivers. */
export interface SubscriptionFilter {
  /**
   * Only these tables (default: every public table). Private tables (`invites`, `webhooks`)
   * are never delivered: read them with `invites()` / `webhooks()`.
   */
  tables?: TableName[];
  /** Only rows of this channel (rows with a `channelId`), plus rows with no channel. */
  channelId?: bigint;
  /** Deliver commits with seq greater than this first (resume); default: only new commits. */
  since?: bigint;
}

/** A running subscription. */
export interface Subscription {
  /** The highest seq delivered so far: pass it as `since` to resume without gaps. */
  readonly seq: bigint;
  /** Resolves once the backlog (from `since`) has been delivered and live changes flow. */
  readonly ready: Promise<void>;
  /**
   * Stops delivery. Called from a handler, it takes effect at the end of the current commit (its
   * remaining changes are still delivered), so `seq` always names a commit seen whole.
   */
  close(): void;
}

/** Typed calls for every core reducer. */
export type ReducerCalls = {
  [K in ReducerName]: (args: ReducerArgs[K]) => Promise<CallReceipt>;
};

/** The result of `verify()`. */
export interface VerifyReport {
  ok: boolean;
  /** Log entries replayed. */
  calls: number;
  /** Table name -> description of the first difference found, for tables that differ. */
  differences: Partial<Record<TableName, string>>;
}

/** An open space: the one API programs use, whatever the engine. */
export interface Space {
  readonly engine: 'embedded' | 'spacetimedb';
  /** The caller's identity (64 hex). */
  readonly identity: string;
  /** The local profile name, on the embedded engine. */
  readonly profile: string | undefined;

  /**
   * Calls a reducer by name; rejects with the core's SpacesError when the call is refused.
   * Lifecycle reducers (`init`, `client_connected`, `client_disconnected`) are the engine's to
   * run, never a client's: they are refused here.
   */
  call<K extends ReducerName>(reducer: K, args: ReducerArgs[K]): Promise<CallReceipt>;
  /** The same calls, typed per reducer: `space.reducers.send_message({ channelId, text })`. */
  readonly reducers: ReducerCalls;

  /**
   * Creates the hub with the caller as its Owner, in one atomic call (embedded). On SpacetimeDB
   * the hub is created when the module is published, so this rejects.
   */
  createHub(owner: HubOwner): Promise<CallReceipt>;

  /**
   * Every row of a table the caller may see (core's `VISIBILITY`): small tables such as users,
   * channels, roles. Refused for invites and webhooks: use `invites()` / `webhooks()`.
   */
  rows<K extends TableName>(table: K): Promise<Rows[K][]>;
  /** The caller's own user row, if registered. */
  me(): Promise<User | undefined>;
  /** A user by name or identity. */
  user(nameOrIdentity: string): Promise<User | undefined>;
  /** A channel by name (with or without `#`) or id, if the caller may see it. */
  channel(nameOrId: string | bigint): Promise<Channel | undefined>;
  /**
   * A channel's messages, newest first; each with the seq of its commit where known. Rejects
   * with `not_found` for a channel the caller may not see, as for a missing one.
   */
  messages(channelId: bigint, query?: MessageQuery): Promise<MessageRow[]>;
  members(channelId: bigint): Promise<Member[]>;
  pins(channelId: bigint): Promise<Pin[]>;
  topics(channelId: bigint): Promise<Topic[]>;
  /** Events the caller may see, newest first. */
  events(query?: EventQuery): Promise<Event[]>;
  /** Unread counts of the caller, per channel. */
  unread(): Promise<Unread[]>;
  /** Invites the caller may see (their own; all for Moderator+), without code hashes. */
  invites(): Promise<InviteInfo[]>;
  /** Webhooks the caller may see (their own; all for Admin+), without token hashes. */
  webhooks(): Promise<WebhookInfo[]>;

  /**
   * Delivers row changes in commit order, from `filter.since` if given: only changes to rows the
   * caller may see (core's `VISIBILITY`, judged after the commit, counting rows the commit
   * deleted as still there so their deletion is seen). A channel's history is not delivered when
   * it becomes visible (a join): read it with `messages()`.
   */
  subscribe(filter: SubscriptionFilter, handler: (change: Change) => void): Subscription;

  /** Embedded only: replays the log into a scratch store and compares every table. */
  verify(onProgress?: (done: number, total: number) => void): Promise<VerifyReport>;
  /** Embedded only: rebuilds the tables from the log. */
  replay(onProgress?: (done: number, total: number) => void): Promise<void>;

  close(): Promise<void>;
}
