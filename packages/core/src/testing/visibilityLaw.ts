import type { Call, RowChange } from '../engine/call.js';
import type { MemoryState } from '../engine/memory.js';
import { applyCall, emptyState, memoryReadTx, rowsOf } from '../engine/memory.js';
import { LIMIT_MAX } from '../reads/query.js';
import { seesChange, withDeletedRows } from '../reads/changes.js';
import type { Rows, TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';
import { canSee, visibleColumns } from '../visibility.js';
import { canonical } from './laws.js';
import { personOf } from './identities.js';
import { keyOfRow } from './rows.js';

/** The reads an engine offers one reader: the read side of the client's `Space`. */
export interface ReaderReads {
  rows<K extends TableName>(table: K): Promise<readonly Rows[K][]>;
  channel(ref: bigint): Promise<Rows['channels'] | undefined>;
  messages(channelId: bigint, query: { limit: number }): Promise<readonly object[]>;
  members(channelId: bigint): Promise<readonly object[]>;
  pins(channelId: bigint): Promise<readonly object[]>;
  topics(channelId: bigint): Promise<readonly object[]>;
  events(query: { limit: number }): Promise<readonly object[]>;
  unread(): Promise<readonly object[]>;
  invites(): Promise<readonly object[]>;
  webhooks(): Promise<readonly object[]>;
}

/** A row's columns in name order: key order is not data, and engines build rows differently. */
function sorted(row: object | undefined): object | undefined {
  if (row === undefined) return undefined;
  return Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Rows as compared: engine-only extras (a message's log `seq`) left out, columns sorted. */
function plain(rows: readonly object[] | undefined): string {
  return canonical(
    rows?.map((row) => {
      const { seq: _seq, ...rest } = row as Record<string, unknown>;
      return sorted(rest);
    }),
  );
}

/** A read's result, or the error code it was refused with. */
async function outcome(read: () => Promise<readonly object[]>): Promise<string> {
  try {
    return plain(await read());
  } catch (error) {
    return `! ${(error as { code?: string }).code ?? String(error)}`;
  }
}

const desc = (a: { id: bigint }, b: { id: bigint }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Where an engine's reads for `reader` differ from what `VISIBILITY` allows in `state` (the same
 * calls run through core's in-memory engine): every public table, every channel's messages,
 * members, pins and topics (a channel the reader may not see is refused as not found), events,
 * unread counts, invites and webhooks. Empty when they agree.
 */
export async function readViolations(
  reads: ReaderReads,
  state: MemoryState,
  reader: string,
): Promise<string[]> {
  const tx = memoryReadTx(state);
  const sees = <K extends TableName>(table: K) =>
    rowsOf(state, table).filter((row) => canSee(tx, reader, table, row));
  const who = personOf(reader);
  const found: string[] = [];
  const check = (what: string, got: string, want: string) => {
    if (got !== want) found.push(`${who} ${what}: engine ${got}, VISIBILITY ${want}`);
  };

  for (const table of Object.keys(tables) as TableName[]) {
    if (!tables[table].public) continue;
    check(`rows(${table})`, await outcome(() => reads.rows(table)), plain(sees(table)));
  }
  for (const channel of rowsOf(state, 'channels')) {
    const visible = canSee(tx, reader, 'channels', channel);
    const inChannel = <K extends 'members' | 'pins' | 'topics' | 'messages'>(table: K) =>
      visible ? plain(sees(table).filter((row) => row.channelId === channel.id)) : '! not_found';
    check(
      `channel(${channel.id})`,
      canonical(sorted(await reads.channel(channel.id))),
      canonical(sorted(visible ? channel : undefined)),
    );
    const messages = visible
      ? plain(
          sees('messages')
            .filter((m) => m.channelId === channel.id)
            .sort(desc)
            .slice(0, LIMIT_MAX),
        )
      : '! not_found';
    check(
      `messages(${channel.id})`,
      await outcome(() => reads.messages(channel.id, { limit: LIMIT_MAX })),
      messages,
    );
    for (const table of ['members', 'pins', 'topics'] as const) {
      check(
        `${table}(${channel.id})`,
        await outcome(() => reads[table](channel.id)),
        inChannel(table),
      );
    }
  }
  check(
    'events()',
    await outcome(() => reads.events({ limit: LIMIT_MAX })),
    plain(sees('events').sort(desc).slice(0, LIMIT_MAX)),
  );
  const receipts = new Map(
    rowsOf(state, 'read_receipts')
      .filter((r) => r.identity === reader)
      .map((r) => [r.channelId, r.lastReadMessageId]),
  );
  const unread = sees('channels').map((channel) => {
    const last = receipts.get(channel.id);
    return {
      channelId: channel.id,
      channel: channel.name,
      unread: rowsOf(state, 'messages').filter(
        (m) => m.channelId === channel.id && m.id > (last ?? 0n) && m.sender !== reader,
      ).length,
      lastReadMessageId: last,
    };
  });
  check('unread()', await outcome(() => reads.unread()), plain(unread));
  for (const table of ['invites', 'webhooks'] as const) {
    const want = sees(table).map((row) => visibleColumns(table, row as never));
    check(`${table}()`, await outcome(() => reads[table]()), plain(want as object[]));
  }
  return found;
}

/** One delivered change, as the delivery law compares them. */
export function deliveryKey(change: RowChange): string {
  return `${change.table} ${change.op} ${String(keyOfRow(change.table, change.row))}`;
}

/**
 * What a subscriber to every public table must receive while `calls` run: each accepted call's
 * changes that `reader` sees in the state that call left (core's `seesChange`), in order.
 */
export function expectedDeliveries(calls: readonly Call[], reader: string): string[] {
  let state = emptyState();
  const out: string[] = [];
  for (const call of calls) {
    const result = applyCall(state, call);
    state = result.state;
    if (!result.ok) continue;
    const view = withDeletedRows(memoryReadTx(state), result.changes);
    for (const change of result.changes) {
      if (tables[change.table].public && seesChange(view, reader, change)) {
        out.push(deliveryKey(change));
      }
    }
  }
  return out;
}
