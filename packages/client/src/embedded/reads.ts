import type Database from 'better-sqlite3';
import type { MessageQuery, ReadTx, Unread } from '@spaces/core';
import { checkMessageQuery, requireReadableChannel, visibleRows } from '@spaces/core';
import type { MessageRow } from '../api.js';
import { Reads } from '../reads.js';
import { fromSqlOf } from '../sqlite/rows.js';
import { sqliteTx } from '../sqlite/tableTx.js';
import { tables } from '@spaces/core';

type Row = Record<string, unknown>;

/**
 * The embedded engine's reads: core's queries over the SQLite tables, each in one read
 * transaction (one snapshot, however many statements it runs). Two fast paths stay in SQL —
 * a page of messages (with each message's log seq) and unread counts — and `reads.test.ts`
 * checks that they return what core's queries return.
 */
export class EmbeddedReads extends Reads {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly messageFromSql = fromSqlOf(tables.messages);

  constructor(
    private readonly db: Database.Database,
    identity: string,
  ) {
    const tx = sqliteTx(db);
    const snapshot = db.transaction((read: (tx: ReadTx) => unknown) => read(tx));
    super(<T>(read: (tx: ReadTx) => T) => snapshot(read) as T, identity);
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).safeIntegers(true);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** A page of a channel's messages, newest first, each with the seq of the commit that made it. */
  override messages(channelId: bigint, query: MessageQuery = {}): MessageRow[] {
    const { limit, before, topicId } = checkMessageQuery(query);
    return this.view((tx) => {
      requireReadableChannel(tx, this.identity, channelId);
      const where = ['m."channelId" = ?'];
      const params: unknown[] = [channelId];
      if (before !== undefined) {
        where.push('m.id < ?');
        params.push(before);
      }
      if (topicId !== undefined) {
        where.push('m."topicId" = ?');
        params.push(topicId);
      }
      params.push(limit);
      const sql =
        `SELECT m.*, s.seq AS "__seq" FROM messages m LEFT JOIN message_seq s ON s.message_id = m.id ` +
        `WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT ?`;
      return (this.statement(sql).all(...params) as Row[]).map((raw) => {
        const row = this.messageFromSql(raw) as MessageRow;
        if (typeof raw['__seq'] === 'bigint') row.seq = raw['__seq'];
        return row;
      });
    });
  }

  /** Unread counts, counted by SQLite rather than by reading every message. */
  override unread(): Unread[] {
    return this.view((tx) => {
      const receipts = new Map(
        tx.read_receipts
          .filter('identity', this.identity)
          .map((r) => [r.channelId, r.lastReadMessageId]),
      );
      const count = this.statement(
        'SELECT count(*) AS n FROM messages WHERE "channelId" = ? AND id > ? AND sender != ?',
      );
      return visibleRows(tx, this.identity, 'channels').map((channel) => {
        const last = receipts.get(channel.id);
        const { n } = count.get(channel.id, last ?? 0n, this.identity) as { n: bigint };
        return {
          channelId: channel.id,
          channel: channel.name,
          unread: Number(n),
          lastReadMessageId: last,
        };
      });
    });
  }
}
