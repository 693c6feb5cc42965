import type { RowChange } from '@spaces/core';
import { encodeChanges } from '@spaces/core';
import { HEAD } from '@spaces/spacetime';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** What a committed call leaves in the commit-sequence tables. */
export interface Commit {
  readonly reducer: string;
  /** The caller, as the reducer context gives it (`Identity`). */
  readonly sender: unknown;
  /** The call's time, as the reducer context gives it (`Timestamp`). */
  readonly timestamp: unknown;
  readonly changes: readonly RowChange[];
}

function highest(changes: readonly RowChange[], table: 'messages' | 'events', floor: bigint) {
  let max = floor;
  for (const c of changes)
    if (c.table === table && c.op === 'insert' && (c.row.id as bigint) > max)
      max = c.row.id as bigint;
  return max;
}

/**
 * Numbers a committed call (see `@spaces/spacetime`'s cursor.ts): the next seq in
 * `commit_head`, the seq of each message it inserted in `message_seq`, and the caller's
 * `last_call` row with the call's changes. Runs inside the call, after core's reducer, so it
 * commits or rolls back with it.
 */
export function recordCommit(db: any, commit: Commit): bigint {
  const head = db.commit_head.id.find(HEAD);
  const seq = (head?.seq ?? 0n) + 1n;
  const row = {
    id: HEAD,
    seq,
    reducer: commit.reducer,
    sender: commit.sender,
    at: commit.timestamp,
    lastMessageId: highest(commit.changes, 'messages', head?.lastMessageId ?? 0n),
    lastEventId: highest(commit.changes, 'events', head?.lastEventId ?? 0n),
  };
  if (head) db.commit_head.id.update(row);
  else db.commit_head.insert(row);
  for (const c of commit.changes)
    if (c.table === 'messages' && c.op === 'insert')
      db.message_seq.insert({ messageId: c.row.id, seq });
  const call = {
    sender: commit.sender,
    seq,
    reducer: commit.reducer,
    changes: encodeChanges(commit.changes),
  };
  if (db.last_call.sender.find(commit.sender)) db.last_call.sender.update(call);
  else db.last_call.insert(call);
  return seq;
}
