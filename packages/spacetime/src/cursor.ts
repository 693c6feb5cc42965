/**
 * The durable commit sequence on SpacetimeDB. SpacetimeDB gives clients no log sequence, so
 * the module keeps one, in three tables of its own written by every committed call (in the
 * same transaction, so they commit or roll back with it):
 *
 * - `commit_head`: one row, the latest commit: its `seq` (1, 2, 3… across every client and
 *   restart), reducer, sender and time, and the highest message and event ids so far. Every
 *   transaction update a client receives carries it, which numbers the changes beside it.
 * - `message_seq`: the seq of the commit that inserted each message, for `--since` and resume
 *   (messages posted after a seq) and for `messages()` rows' `seq`.
 * - `last_call`: per sender, their latest call's seq and row changes; row-level security shows
 *   each client only its own row, so a caller reads its call's changes from its own
 *   transaction update (`CallReceipt.changes`).
 */
import type { RowChange, TableDecl, TableName } from '@spaces/core';
import { tables } from '@spaces/core';

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

/** The id of `commit_head`'s one row. */
export const HEAD = 0;

type Json = string | number | boolean | null;
type Row = Record<string, unknown>;

const columnsOf = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => [name, Object.entries(decl.columns)]),
) as Record<TableName, [string, { type: string }][]>;

function encodeRow(table: TableName, row: Row): Json[] {
  return columnsOf[table].map(([name]) => {
    const value = row[name];
    if (value === undefined) return null;
    return typeof value === 'bigint' ? value.toString() : (value as Json);
  });
}

function decodeRow(table: TableName, values: Json[]): Row {
  const row: Row = {};
  columnsOf[table].forEach(([name, column], i) => {
    const value = values[i];
    if (value === null || value === undefined) row[name] = undefined;
    else if (column.type === 'u64' || column.type === 'timestamp')
      row[name] = BigInt(value as string);
    else row[name] = value;
  });
  return row;
}

const OPS = { insert: 'i', update: 'u', delete: 'd' } as const;
const BACK = { i: 'insert', u: 'update', d: 'delete' } as const;

/**
 * A call's row changes as `last_call.changes` holds them: JSON, rows as arrays in column order,
 * u64 and timestamps as decimal strings (the embedded log's form).
 */
export function encodeChanges(changes: readonly RowChange[]): string {
  return JSON.stringify(
    changes.map((c) =>
      c.op === 'update'
        ? [c.table, OPS[c.op], encodeRow(c.table, c.row as Row), encodeRow(c.table, c.old as Row)]
        : [c.table, OPS[c.op], encodeRow(c.table, c.row as Row)],
    ),
  );
}

/** Reads back what {@link encodeChanges} wrote. */
export function decodeChanges(text: string): RowChange[] {
  const entries = JSON.parse(text) as [TableName, 'i' | 'u' | 'd', Json[], Json[]?][];
  return entries.map(([table, op, row, old]) => {
    const change: Record<string, unknown> = { table, op: BACK[op], row: decodeRow(table, row) };
    if (old) change['old'] = decodeRow(table, old);
    return change as RowChange;
  });
}
