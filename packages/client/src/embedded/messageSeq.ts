import type Database from 'better-sqlite3';
import type { RowChange } from '@spaces/core';
import { decodeChanges } from './codec.js';

/** Records, for one commit, the seq of the messages it inserted (and forgets deleted ones). */
export type MessageSeqWriter = (seq: bigint, changes: readonly RowChange[]) => void;

/** A writer of the `message_seq` side table; the caller owns the transaction. */
export function messageSeqWriter(db: Database.Database): MessageSeqWriter {
  const insert = db.prepare('INSERT OR REPLACE INTO message_seq (message_id, seq) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM message_seq WHERE message_id = ?');
  return (seq, changes) => {
    for (const change of changes) {
      if (change.table !== 'messages') continue;
      if (change.op === 'insert') insert.run(change.row.id, seq);
      else if (change.op === 'delete') remove.run(change.row.id);
    }
  };
}

/**
 * Fills `message_seq` from the log for a store written before the table existed (messages but
 * no seqs). Runs inside the caller's transaction; a no-op on every later open.
 */
export function backfillMessageSeq(db: Database.Database): void {
  const { missing } = db
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM messages) AND NOT EXISTS (SELECT 1 FROM message_seq) AS missing',
    )
    .get() as { missing: number };
  if (!missing) return;
  const write = messageSeqWriter(db);
  // Only commits that touched messages (the log's JSON has no spaces: see codec.ts).
  const page = db
    .prepare(
      `SELECT seq, changes FROM log WHERE seq > ? AND changes LIKE '%["messages",%' ORDER BY seq LIMIT 5000`,
    )
    .safeIntegers(true);
  for (let after = 0n; ;) {
    const entries = page.all(after) as { seq: bigint; changes: string }[];
    if (entries.length === 0) break;
    for (const entry of entries) write(entry.seq, decodeChanges(entry.changes));
    after = entries[entries.length - 1]!.seq;
  }
}
