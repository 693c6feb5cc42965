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
} from '@spaces/core';
import { isIdentity, primaryKeyOf, tables } from '@spaces/core';
import type { MessageQuery, Unread } from '../api.js';
import { checkLimit, checkMessageQuery, checkReadable, parseChannelRef } from '../reads.js';

type Row = Record<string, unknown>;

function byKey(key: string, direction: 1 | -1) {
  return (a: Row, b: Row) => {
    const x = a[key] as bigint | string;
    const y = b[key] as bigint | string;
    return (x < y ? -1 : x > y ? 1 : 0) * direction;
  };
}

/**
 * Reads over the SDK's client cache (every public table is subscribed, so the cache holds the
 * whole space). Same results as the embedded engine's SQL reads, computed in memory.
 */
export class CacheReads {
  constructor(
    private readonly all: <K extends TableName>(table: K) => Rows[K][],
    private readonly identity: string,
  ) {}

  rows<K extends TableName>(table: K): Rows[K][] {
    checkReadable(table);
    return (this.all(table) as Row[]).sort(byKey(primaryKeyOf(tables[table]), 1)) as Rows[K][];
  }

  user(nameOrIdentity: string): User | undefined {
    const column = isIdentity(nameOrIdentity) ? 'identity' : 'name';
    return this.all('users').find((u) => u[column] === nameOrIdentity);
  }

  channel(nameOrId: string | bigint): Channel | undefined {
    const ref = parseChannelRef(nameOrId);
    return this.all('channels').find((c) => ('id' in ref ? c.id === ref.id : c.name === ref.name));
  }

  messages(channelId: bigint, query: MessageQuery = {}): Message[] {
    const { limit, before, topicId } = checkMessageQuery(query);
    return this.all('messages')
      .filter(
        (m) =>
          m.channelId === channelId &&
          (before === undefined || m.id < before) &&
          (topicId === undefined || m.topicId === topicId),
      )
      .sort(byKey('id', -1))
      .slice(0, limit);
  }

  private inChannel<K extends 'members' | 'pins' | 'topics'>(
    table: K,
    channelId: bigint,
  ): Rows[K][] {
    return (this.all(table) as Row[])
      .filter((r) => r['channelId'] === channelId)
      .sort(byKey('id', 1)) as Rows[K][];
  }

  members(channelId: bigint): Member[] {
    return this.inChannel('members', channelId);
  }

  pins(channelId: bigint): Pin[] {
    return this.inChannel('pins', channelId);
  }

  topics(channelId: bigint): Topic[] {
    return this.inChannel('topics', channelId);
  }

  events(query: { channelId?: bigint; kind?: string; limit?: number } = {}): Event[] {
    const limit = checkLimit(query.limit);
    return this.all('events')
      .filter(
        (e) =>
          (query.channelId === undefined || e.channelId === query.channelId) &&
          (query.kind === undefined || e.kind === query.kind),
      )
      .sort(byKey('id', -1))
      .slice(0, limit);
  }

  unread(): Unread[] {
    const mine = new Set(
      this.all('members')
        .filter((m) => m.identity === this.identity)
        .map((m) => m.channelId),
    );
    const receipts = new Map(
      this.all('read_receipts')
        .filter((r) => r.identity === this.identity)
        .map((r) => [r.channelId, r.lastReadMessageId]),
    );
    const messages = this.all('messages');
    return this.all('channels')
      .filter((c) => !c.private || mine.has(c.id))
      .sort(byKey('id', 1))
      .map((channel) => {
        const last = receipts.get(channel.id);
        const unread = messages.filter(
          (m) => m.channelId === channel.id && m.id > (last ?? 0n) && m.sender !== this.identity,
        ).length;
        return { channelId: channel.id, channel: channel.name, unread, lastReadMessageId: last };
      });
  }
}
