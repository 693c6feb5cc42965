import { reject } from '../errors.js';
import { isIdentity } from '../identity.js';
import type {
  Channel,
  Event,
  Member,
  Message,
  Pin,
  Rows,
  TableName,
  Topic,
  User,
} from '../schema/tables.js';
import type { LookupTx, ReadTx } from '../tx.js';
import type { Visible } from '../visibility.js';
import { canSee, visibleColumns } from '../visibility.js';
import type { EventQuery, MessageQuery } from './query.js';
import { checkEventQuery, checkMessageQuery, parseChannelRef } from './query.js';

/**
 * Core's read model: pure queries over a {@link ReadTx}, each filtered by `VISIBILITY` for one
 * reader. Every engine answers reads through these (the embedded store may take an SQL fast path
 * where a test shows it returns what these return).
 */

/** Unread messages of one channel for the reader. */
export interface Unread {
  channelId: bigint;
  channel: string;
  unread: number;
  lastReadMessageId: bigint | undefined;
}

const byIdDesc = (a: { id: bigint }, b: { id: bigint }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Every row of a table the reader may see, in primary-key order, without hidden columns. */
export function visibleRows<K extends TableName>(
  tx: ReadTx,
  reader: string,
  table: K,
): Visible<K>[] {
  const rows = tx[table].scan() as Rows[K][];
  return rows
    .filter((row) => canSee(tx, reader, table, row))
    .map((row) => visibleColumns(table, row));
}

/** A user by name or identity (users are visible to everyone). */
export function findUser(tx: LookupTx, ref: string): User | undefined {
  return isIdentity(ref) ? tx.users.find(ref) : tx.users.findBy('name', ref);
}

/** A channel by id, "#name" or "name", if the reader may see it. */
export function findChannel(
  tx: LookupTx,
  reader: string,
  ref: string | bigint,
): Channel | undefined {
  const parsed = parseChannelRef(ref);
  const channel =
    'id' in parsed ? tx.channels.find(parsed.id) : tx.channels.findBy('name', parsed.name);
  return channel && canSee(tx, reader, 'channels', channel) ? channel : undefined;
}

/** The channel, or "not found" when it is missing or the reader may not see it (alike). */
export function requireReadableChannel(tx: LookupTx, reader: string, channelId: bigint): Channel {
  return (
    findChannel(tx, reader, channelId) ?? reject('not_found', `no channel with id ${channelId}`)
  );
}

/** A channel's messages, newest first: a page of `limit` before the `before` cursor. */
export function messagePage(
  tx: LookupTx,
  reader: string,
  channelId: bigint,
  query: MessageQuery = {},
): Message[] {
  const { limit, before, topicId } = checkMessageQuery(query);
  requireReadableChannel(tx, reader, channelId);
  return tx.messages
    .filter('channelId', channelId)
    .filter(
      (m) =>
        (before === undefined || m.id < before) && (topicId === undefined || m.topicId === topicId),
    )
    .sort(byIdDesc)
    .slice(0, limit);
}

/** Rows of a channel-scoped table that the reader may see, in id order. */
function inChannel<K extends 'members' | 'pins' | 'topics'>(
  tx: LookupTx,
  reader: string,
  table: K,
  channelId: bigint,
): Rows[K][] {
  requireReadableChannel(tx, reader, channelId);
  const rows = (tx[table] as LookupTx['members']).filter('channelId', channelId) as Rows[K][];
  return rows.filter((row) => canSee(tx, reader, table, row));
}

/** A channel's members (seen by its members; others see only themselves). */
export function channelMembers(tx: LookupTx, reader: string, channelId: bigint): Member[] {
  return inChannel(tx, reader, 'members', channelId);
}

/** A channel's pins. */
export function channelPins(tx: LookupTx, reader: string, channelId: bigint): Pin[] {
  return inChannel(tx, reader, 'pins', channelId);
}

/** A channel's topics. */
export function channelTopics(tx: LookupTx, reader: string, channelId: bigint): Topic[] {
  return inChannel(tx, reader, 'topics', channelId);
}

/** Events the reader may see, newest first, by channel and/or kind. */
export function eventsOf(tx: ReadTx, reader: string, query: EventQuery = {}): Event[] {
  const { channelId, kind, limit } = checkEventQuery(query);
  let rows: Event[];
  if (channelId !== undefined) {
    requireReadableChannel(tx, reader, channelId);
    rows = tx.events.filter('channelId', channelId);
  } else if (kind !== undefined) {
    rows = tx.events.filter('kind', kind);
  } else {
    rows = tx.events.scan();
  }
  return rows
    .filter((e) => (kind === undefined || e.kind === kind) && canSee(tx, reader, 'events', e))
    .sort(byIdDesc)
    .slice(0, limit);
}

/** Per channel the reader may see: messages by others after the reader's read receipt. */
export function unreadOf(tx: ReadTx, reader: string): Unread[] {
  const receipts = new Map(
    tx.read_receipts.filter('identity', reader).map((r) => [r.channelId, r.lastReadMessageId]),
  );
  return visibleRows(tx, reader, 'channels').map((channel) => {
    const last = receipts.get(channel.id);
    const unread = tx.messages
      .filter('channelId', channel.id)
      .filter((m) => m.id > (last ?? 0n) && m.sender !== reader).length;
    return { channelId: channel.id, channel: channel.name, unread, lastReadMessageId: last };
  });
}

/** Invites the reader may see (their own; all for Moderator+), never with the code's hash. */
export function invitesOf(tx: ReadTx, reader: string): Visible<'invites'>[] {
  return visibleRows(tx, reader, 'invites');
}

/** Webhooks the reader may see (their own; all for Admin+), never with the token's hash. */
export function webhooksOf(tx: ReadTx, reader: string): Visible<'webhooks'>[] {
  return visibleRows(tx, reader, 'webhooks');
}
