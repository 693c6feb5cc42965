import type { MessageRow, Space } from '@spaces/client';

/** Messages read per step when walking back to a cursor (the client's most per read). */
const STEP = 1000;

/** One page of a channel read forward from a cursor. */
export interface Page {
  /** Oldest first. */
  messages: MessageRow[];
  /** Whether more messages follow the last one (read again from `next`). */
  more: boolean;
  /** The cursor to read on from: the last message's id, else the cursor given (or 0). */
  next: bigint;
}

/**
 * A channel's messages after the cursor `since` (a message id), oldest first, at most `limit`,
 * so reading on from `next` never skips one; without a cursor, the latest `limit`. Message ids
 * grow with every commit, so they order messages in every channel alike.
 */
export async function readAfter(
  space: Space,
  channelId: bigint,
  options: { since?: bigint | undefined; limit: number; topicId?: bigint | undefined },
): Promise<Page> {
  const topic = options.topicId === undefined ? {} : { topicId: options.topicId };
  if (options.since === undefined) {
    const latest = await space.messages(channelId, { limit: options.limit, ...topic });
    const messages = latest.reverse();
    return { messages, more: false, next: messages.at(-1)?.id ?? 0n };
  }
  // The client reads newest first: walk back to the cursor, then keep the oldest `limit`.
  const newer: MessageRow[] = [];
  let before: bigint | undefined;
  for (;;) {
    const step = await space.messages(channelId, {
      limit: STEP,
      ...topic,
      ...(before === undefined ? {} : { before }),
    });
    const fresh = step.filter((m) => m.id > options.since!);
    newer.push(...fresh);
    if (step.length < STEP || fresh.length < step.length) break;
    before = step.at(-1)!.id;
  }
  const messages = newer.reverse().slice(0, options.limit);
  return {
    messages,
    more: newer.length > options.limit,
    next: messages.at(-1)?.id ?? options.since,
  };
}
