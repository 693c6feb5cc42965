import type {
  Channel,
  Event,
  EventQuery,
  Member,
  MessageQuery,
  Pin,
  ReadTx,
  Rows,
  TableName,
  Topic,
  Unread,
  User,
} from '@spaces/core';
import {
  SpacesError,
  channelMembers,
  channelPins,
  channelTopics,
  eventsOf,
  findChannel,
  findUser,
  invitesOf,
  messagePage,
  tables,
  unreadOf,
  visibleRows,
  webhooksOf,
} from '@spaces/core';
import type { InviteInfo, MessageRow, WebhookInfo } from './api.js';

/** Runs a read against one consistent view of the tables. */
export type View = <T>(read: (tx: ReadTx) => T) => T;

/**
 * The read side of a space, for one reader: core's read queries (filtered by core's
 * `VISIBILITY`) over whatever tables the engine offers — the embedded store's SQLite tables, or
 * the SpacetimeDB client cache. Engines add fast paths by overriding a method, with a test that
 * the fast path returns what the core query returns.
 */
export class Reads {
  constructor(
    protected readonly view: View,
    protected readonly identity: string,
  ) {}

  /** Every row of a public table the reader may see. */
  rows<K extends TableName>(table: K): Rows[K][] {
    checkReadable(table);
    return this.view((tx) => visibleRows(tx, this.identity, table) as Rows[K][]);
  }

  user(nameOrIdentity: string): User | undefined {
    return this.view((tx) => findUser(tx, nameOrIdentity));
  }

  channel(nameOrId: string | bigint): Channel | undefined {
    return this.view((tx) => findChannel(tx, this.identity, nameOrId));
  }

  messages(channelId: bigint, query: MessageQuery = {}): MessageRow[] {
    return this.view((tx) => messagePage(tx, this.identity, channelId, query));
  }

  members(channelId: bigint): Member[] {
    return this.view((tx) => channelMembers(tx, this.identity, channelId));
  }

  pins(channelId: bigint): Pin[] {
    return this.view((tx) => channelPins(tx, this.identity, channelId));
  }

  topics(channelId: bigint): Topic[] {
    return this.view((tx) => channelTopics(tx, this.identity, channelId));
  }

  events(query: EventQuery = {}): Event[] {
    return this.view((tx) => eventsOf(tx, this.identity, query));
  }

  unread(): Unread[] {
    return this.view((tx) => unreadOf(tx, this.identity));
  }

  invites(): InviteInfo[] {
    return this.view((tx) => invitesOf(tx, this.identity));
  }

  webhooks(): WebhookInfo[] {
    return this.view((tx) => webhooksOf(tx, this.identity));
  }
}

/**
 * Refuses `rows()` of a table whose rows carry hidden columns (`invites`, `webhooks`): read them
 * with `invites()` / `webhooks()`, which leave the hashes out.
 */
export function checkReadable(table: TableName): void {
  if (!Object.hasOwn(tables, table))
    throw new SpacesError('invalid_argument', `no table named "${table}"`);
  if (!tables[table].public) {
    throw new SpacesError(
      'permission_denied',
      `table ${table} is private: read it with ${table}(), which leaves its secrets' hashes out`,
    );
  }
}

/**
 * The tables a subscription delivers: those asked for (default: every public table). Asking for
 * a private table is refused: invites and webhooks are read with `invites()` / `webhooks()`.
 */
export function subscribedTables(requested: readonly TableName[] | undefined): Set<TableName> {
  if (requested === undefined) {
    return new Set((Object.keys(tables) as TableName[]).filter((name) => tables[name].public));
  }
  for (const table of requested) {
    if (!Object.hasOwn(tables, table)) throw new TypeError(`no table named "${table}"`);
    if (!tables[table].public) {
      throw new SpacesError(
        'permission_denied',
        `table ${table} is private: subscriptions never deliver it (read it with ${table}())`,
      );
    }
  }
  return new Set(requested);
}
