import { PEOPLE, T0 } from '@spaces/core/testing';
import { decodeChanges } from '@spaces/core';
import { objectFromSpacetime, commit_head, last_call, message_seq } from '@spaces/spacetime';
import { describe, expect, it } from 'vitest';
import { loadSpaces } from './moduleBundle.js';

const at = (seconds: number) => ({
  sender: PEOPLE.owner,
  timestamp: T0 + BigInt(seconds) * 1_000_000n,
});

describe('the commit sequence the module keeps', () => {
  it('numbers every committed call, records message seqs and each caller’s last changes', async () => {
    const host = await loadSpaces();
    const read = <
      C extends Record<
        string,
        { type: 'u32' | 'u64' | 'string' | 'identity' | 'timestamp' | 'json' }
      >,
    >(
      table: string,
      columns: C,
    ) => host.rows(table).map((r) => objectFromSpacetime(columns, r));
    expect(host.init(at(0)).ok).toBe(true);
    expect(read('commit_head', commit_head.columns)).toMatchObject([{ seq: 1n, reducer: 'init' }]);
    const sent = host.call('send_message', { channelId: 1n, text: 'hi' }, at(1));
    expect(sent.ok).toBe(true);
    expect(read('commit_head', commit_head.columns)).toMatchObject([
      {
        seq: 2n,
        reducer: 'send_message',
        sender: PEOPLE.owner,
        at: at(1).timestamp,
        lastMessageId: 1n,
      },
    ]);
    expect(read('message_seq', message_seq.columns)).toEqual([{ messageId: 1n, seq: 2n }]);
    const [mine] = read('last_call', last_call.columns);
    expect(mine).toMatchObject({ sender: PEOPLE.owner, seq: 2n, reducer: 'send_message' });
    expect(decodeChanges(mine!['changes'] as string)).toMatchObject([
      {
        table: 'messages',
        op: 'insert',
        row: { id: 1n, channelId: 1n, text: 'hi', sender: PEOPLE.owner },
      },
    ]);
    // A refused call takes no number and leaves the caller's last changes as they were.
    expect(host.call('send_message', { channelId: 1n, text: '' }, at(2)).ok).toBe(false);
    expect(read('commit_head', commit_head.columns)).toMatchObject([{ seq: 2n }]);
    expect(read('last_call', last_call.columns)).toEqual([mine]);
  });
});
