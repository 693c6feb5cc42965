import type { Message, ReducerArgs } from '@spaces/core';
import { SpacesError } from '@spaces/core';
import type { MessageRow, Space } from './api.js';

/** Messages read back to find a sent message by its nonce (it is among the newest). */
const READ_BACK = 1000;

/** What {@link sendMessage} committed, or found committed by an earlier send. */
export interface SentMessage {
  message: MessageRow;
  /**
   * True when an earlier send with the same nonce had posted it and this one changed nothing
   * (a retry); undefined where the engine cannot tell (SpacetimeDB returns no row changes).
   */
  repeated: boolean | undefined;
  /** The commit's log seq (0n where the engine has none). */
  seq: bigint;
}

/**
 * Sends a message with a retry nonce and returns its row: from the call's receipt where the
 * engine gives one (embedded), else read back by nonce among the channel's newest messages.
 * Core makes a second send with the same sender and nonce a no-op, so a retried call posts once
 * and still learns which message it posted.
 */
export async function sendMessage(
  space: Space,
  args: ReducerArgs['send_message'] & { nonce: string },
): Promise<SentMessage> {
  const receipt = await space.reducers.send_message(args);
  const inserted = receipt.changes.find((c) => c.table === 'messages' && c.op === 'insert');
  if (inserted) return { message: inserted.row as Message, repeated: false, seq: receipt.seq };
  const recent = await space.messages(args.channelId, { limit: READ_BACK });
  const message = recent.find((m) => m.nonce === args.nonce && m.sender === space.identity);
  if (!message) {
    throw new SpacesError(
      'internal',
      `the message was sent but not found among the ${READ_BACK} newest of its channel`,
    );
  }
  return {
    message,
    repeated: space.engine === 'embedded' ? true : undefined,
    seq: receipt.seq,
  };
}
