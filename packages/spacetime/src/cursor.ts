/**
 * The durable commit sequence on SpacetimeDB. SpacetimeDB gives clients no log sequence, so
 * the module keeps one, in three tables of its own written by every committed call (in the
 * same transaction, so they commit or roll back with it):
 *
 * - `commit_head`: one row, the latest commit: its `seq` (1, 2, 3… across every client and
 *   restart), reducer, sender and time, and the highest message and event ids so far. Every
 *   transaction update a client receives carries it, which numbers the changes beside it. It is
 *   seen by everyone: who called which reducer when (never what), like presence.
 * - `message_seq`: the seq of the commit that inserted each message, for `--since` and resume
 *   (messages posted after a seq) and for `messages()` rows' `seq`.
 * - `last_call`: per sender, their latest call's seq and row changes; row-level security shows
 *   each client only its own row, so a caller reads its call's changes from its own
 *   transaction update (`CallReceipt.changes`).
 */
import type { TableDecl } from '@spaces/core';

export const commit_head = {
  name: 'commit_head',
  public: true,
  doc: 'The latest commit: its sequence number, reducer, sender and time; the highest message and event ids.',
  columns: {
    id: { type: 'u32', primaryKey: true },
    seq: { type: 'u64' },
    reducer: { type: 'string' },
    sender: { type: 'identity' },
    at: { type: 'timestamp' },
    lastMessageId: { type: 'u64' },
    lastEventId: { type: 'u64' },
  },
} as const satisfies TableDecl;

export const message_seq = {
  name: 'message_seq',
  public: true,
  doc: 'The sequence number of the commit that inserted each message.',
  columns: {
    messageId: { type: 'u64', primaryKey: true },
    seq: { type: 'u64', index: true },
  },
} as const satisfies TableDecl;

export const last_call = {
  name: 'last_call',
  public: true,
  doc: 'Each sender’s latest call: its sequence number and row changes (visible to that sender only).',
  columns: {
    sender: { type: 'identity', primaryKey: true },
    seq: { type: 'u64' },
    reducer: { type: 'string' },
    changes: { type: 'json' },
  },
} as const satisfies TableDecl;

/** The cursor tables, by name. */
export const cursorTables = { commit_head, message_seq, last_call } as const;

/** The row-level-security rule that keeps each `last_call` row to its sender. */
export const LAST_CALL_RULE = 'SELECT * FROM last_call WHERE sender = :sender';

/**
 * The rule that shows a message's seq only to those who may see the message (the join is
 * expanded with `messages`' own rules): a private channel's message ids stay its members'.
 */
export const MESSAGE_SEQ_RULE =
  'SELECT message_seq.* FROM message_seq JOIN messages ON message_seq.message_id = messages.id';

/** The id of `commit_head`'s one row. */
export const HEAD = 0;
