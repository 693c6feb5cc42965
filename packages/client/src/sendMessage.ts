import type { ReducerArgs } from '@spaces/core';
import { LIMIT_MAX, SpacesError } from '@spaces/core';
import type { MessageRow, Space } from './api.js';
import { inserted } from './receipts.js';

/** What {@link sendMessage} did. */
export interface SentMessage {
  /** The nonce the message carries (the caller's, or a fresh one). */
  nonce: string;
  /**
   * The stored row: the new one, or the one an earlier send with the same nonce stored. Undefined
   * only when the engine has not shown it yet (SpacetimeDB, before the row reaches the cache).
   */
  message: MessageRow | undefined;
  /** The commit's seq, where the call committed (0n where the engine has none); undefined if recovered. */
  seq: bigint | undefined;
  /**
   * True when an earlier send with the same nonce had posted it and this call changed nothing (a
   * retry); undefined where the engine cannot tell (it reported no row changes).
   */
  repeated: boolean | undefined;
  /** True when the call failed but the message was found stored: the failure came after commit. */
  recovered: boolean;
}

/**
 * Sends a message exactly once and returns its row. The message always carries a nonce (a fresh
 * one unless given), so a retry with the same nonce posts nothing new (core makes it a no-op) and
 * still learns which message it posted. When the call fails for a reason other than a refusal (an
 * I/O error, a lost connection), whether it committed is unknown: the channel is searched for the
 * nonce, and a message found there is reported as sent rather than the error, so the caller never
 * retries a message that was stored.
 */
export async function sendMessage(
  space: Space,
  args: ReducerArgs['send_message'],
): Promise<SentMessage> {
  const nonce = args.nonce ?? globalThis.crypto.randomUUID();
  try {
    const receipt = await space.reducers.send_message({ ...args, nonce });
    const row = inserted(receipt, 'messages')[0];
    if (row) return { nonce, message: row, seq: receipt.seq, repeated: false, recovered: false };
    const message = await findByNonce(space, args.channelId, nonce);
    // An engine that reports changes reported none: the nonce was already there.
    const repeated = space.engine === 'embedded' ? true : undefined;
    return { nonce, message, seq: receipt.seq, repeated, recovered: false };
  } catch (error) {
    if (error instanceof SpacesError && error.class !== 'connection') throw error; // refused
    const stored = await findByNonce(space, args.channelId, nonce).catch(() => undefined);
    if (stored) {
      return { nonce, message: stored, seq: undefined, repeated: undefined, recovered: true };
    }
    throw error;
  }
}

/** The caller's message with this nonce among the channel's latest, if there. */
async function findByNonce(
  space: Space,
  channelId: bigint,
  nonce: string,
): Promise<MessageRow | undefined> {
  const latest = await space.messages(channelId, { limit: LIMIT_MAX });
  return latest.find((m) => m.nonce === nonce && m.sender === space.identity);
}
