import type Database from 'better-sqlite3';
import type {
  Channel,
  Event,
  Invite,
  Member,
  Pin,
  Role,
  Rows,
  TableName,
  Topic,
  User,
} from '@spaces/core';
import {
  PERMISSIONS,
  SpacesError,
  isIdentity,
  primaryKeyOf,
  roleAllows,
  tables,
} from '@spaces/core';
import type { MessageQuery, MessageRow, Unread, WebhookInfo } from '../api.js';
import { checkLimit, checkMessageQuery, checkReadable, parseChannelRef } from '../reads.js';
import { fromSqlOf } from '../sqlite/rows.js';

type Row = Record<string, unknown>;

/** The read side of the embedded engine: indexed SQL over the materialised tables. */
export class EmbeddedReads {
  private readonly statements = new Map<string, Database.Statement>();
  private unreadCount: Database.Statement | undefined;
  private readonly convert = Object.fromEntries(
    Object.entries(tables).map(([name, decl]) => [name, fromSqlOf(decl)]),
  ) as Record<TableName, (raw: Row) => Row>;

  constructor(
    private readonly db: Database.Database,
    private readonly identity: string,
  ) {}

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).safeIntegers(true);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private query<K extends TableName>(table: K, sql: string, ...params: unknown[]): Rows[K][] {
    return (this.statement(sql).all(...params) as Row[]).map(this.convert[table]) as Rows[K][];
  }

  rows<K extends TableName>(table: K): Rows[K][] {
    checkReadable(table);
    return this.query(table, `SELECT * FROM "${table}" ORDER BY "${primaryKeyOf(tables[table])}"`);
  }

  user(nameOrIdentity: string): User | undefined {
    const column = isIdentity(nameOrIdentity) ? 'identity' : 'name';
    return this.query('users', `SELECT * FROM users WHERE "${column}" = ?`, nameOrIdentity)[0];
  }

  channel(nameOrId: string | bigint): Channel | undefined {
    const ref = parseChannelRef(nameOrId);
    return 'id' in ref
      ? this.query('channels', 'SELECT * FROM channels WHERE id = ?', ref.id)[0]
      : this.query('channels', 'SELECT * FROM channels WHERE name = ?', ref.name)[0];
  }

  messages(channelId: bigint, query: MessageQuery = {}): MessageRow[] {
    const { limit, before, topicId } = checkMessageQuery(query);
    const where = ['"channelId" = ?'];
    const params: unknown[] = [channelId];
    if (before !== undefined) {
      where.push('id < ?');
      params.push(before);
    }
    if (topicId !== undefined) {
      where.push('"topicId" = ?');
      params.push(topicId);
    }
    params.push(limit);
    const sql =
      `SELECT m.*, s.seq AS "__seq" FROM messages m LEFT JOIN message_seq s ON s.message_id = m.id ` +
      `WHERE ${where.map((w) => `m.${w}`).join(' AND ')} ORDER BY m.id DESC LIMIT ?`;
    return this.statement(sql)
      .all(...params)
      .map((raw) => {
        const row = this.convert.messages(raw as Row) as MessageRow;
        const seq = (raw as Row)['__seq'];
        if (typeof seq === 'bigint') row.seq = seq;
        return row;
      });
  }

  /** The caller's space role, if registered. */
  private role(): Role | undefined {
    return this.query('roles', 'SELECT * FROM roles WHERE identity = ?', this.identity)[0]?.role as
      Role | undefined;
  }

  /** Invites: Moderator+ (who may revoke any) see all; others only those they created. */
  invites(): Invite[] {
    const role = this.role();
    if (role !== undefined && roleAllows(role, 'revoke_invite'))
      return this.query('invites', 'SELECT * FROM invites ORDER BY id');
    return this.query(
      'invites',
      'SELECT * FROM invites WHERE "createdBy" = ? ORDER BY id',
      this.identity,
    );
  }

  /** Webhooks without their token hashes, for those who may manage them (Admin+). */
  webhooks(): WebhookInfo[] {
    const role = this.role();
    if (role === undefined || !roleAllows(role, 'manage_webhooks')) {
      throw new SpacesError(
        'permission_denied',
        `listing webhooks needs ${PERMISSIONS.manage_webhooks.min} or above; you are ${role ?? 'not registered'}`,
      );
    }
    return this.query('webhooks', 'SELECT * FROM webhooks ORDER BY id').map(
      ({ tokenHash: _hash, ...webhook }) => webhook,
    );
  }

  byChannel<K extends 'members' | 'pins' | 'topics'>(table: K, channelId: bigint): Rows[K][] {
    return this.query(
      table,
      `SELECT * FROM "${table}" WHERE "channelId" = ? ORDER BY id`,
      channelId,
    );
  }

  members(channelId: bigint): Member[] {
    return this.byChannel('members', channelId);
  }

  pins(channelId: bigint): Pin[] {
    return this.byChannel('pins', channelId);
  }

  topics(channelId: bigint): Topic[] {
    return this.byChannel('topics', channelId);
  }

  events(query: { channelId?: bigint; kind?: string; limit?: number } = {}): Event[] {
    const limit = checkLimit(query.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.channelId !== undefined) {
      where.push('"channelId" = ?');
      params.push(query.channelId);
    }
    if (query.kind !== undefined) {
      where.push('kind = ?');
      params.push(query.kind);
    }
    params.push(limit);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.query(
      'events',
      `SELECT * FROM events ${clause} ORDER BY id DESC LIMIT ?`,
      ...params,
    );
  }

  /**
   * Per readable channel, how many messages by others came after the caller's read receipt.
   * Private channels count only where the caller is a member.
   */
  unread(): Unread[] {
    const channels = this.query(
      'channels',
      `SELECT * FROM channels WHERE private = 0 OR id IN (SELECT "channelId" FROM members WHERE identity = ?) ORDER BY id`,
      this.identity,
    );
    const receipts = new Map(
      this.query(
        'read_receipts',
        'SELECT * FROM read_receipts WHERE identity = ?',
        this.identity,
      ).map((r) => [r.channelId, r.lastReadMessageId]),
    );
    const count = (this.unreadCount ??= this.db.prepare(
      'SELECT count(*) AS n FROM messages WHERE "channelId" = ? AND id > ? AND sender != ?',
    ));
    return channels.map((channel) => {
      const last = receipts.get(channel.id);
      const { n } = count.get(channel.id, last ?? 0n, this.identity) as { n: number };
      return { channelId: channel.id, channel: channel.name, unread: n, lastReadMessageId: last };
    });
  }
}
