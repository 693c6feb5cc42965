import type { Message, MessageRow, Space } from '@spaces/client';
import { mentions } from './mentions.js';

/** Which new messages end a wait. */
export interface WaitFilter {
  /** Only this channel. */
  channelId?: bigint | undefined;
  /** Only this topic. */
  topicId?: bigint | undefined;
  /** Only messages that mention `@<this name>`. */
  mentioning?: string | undefined;
  /** Never messages sent by this identity (the waiter's own). */
  notFrom: string;
}

/** How long and from where to wait. */
export interface WaitOptions {
  /** Messages after this id count too, if already there (no gap between a read and a wait). */
  since?: bigint | undefined;
  timeoutMs: number;
  /** Ends the wait early, as a timeout (the MCP client cancelled the call). */
  signal?: AbortSignal | undefined;
  /** Reads the messages after `since` that are already committed (only called with `since`). */
  backlog: (since: bigint) => Promise<MessageRow[]>;
  /** Whether the caller may see a message's channel; messages it may not are never returned. */
  visible: (channelId: bigint) => Promise<boolean>;
}

/** What ended a wait: the messages that matched (oldest first), or the timeout. */
export interface WaitResult {
  messages: Message[];
  timedOut: boolean;
}

/** Whether a message passes the filter (visibility is checked apart, as it needs a read). */
export function matches(m: Message, filter: WaitFilter): boolean {
  if (m.sender === filter.notFrom) return false;
  if (filter.channelId !== undefined && m.channelId !== filter.channelId) return false;
  if (filter.topicId !== undefined && m.topicId !== filter.topicId) return false;
  return filter.mentioning === undefined || mentions(m.text, filter.mentioning);
}

/**
 * Waits for new messages matching the filter, woken by the space's push subscription (on the
 * embedded engine, by the notify file other processes touch after each commit): no polling. The
 * subscription starts before the backlog is read, so a message committed in between is seen
 * by one or the other (or both, and kept once). Everything that matches in the commits delivered
 * together is returned together.
 */
export function waitForMessages(
  space: Space,
  filter: WaitFilter,
  options: WaitOptions,
): Promise<WaitResult> {
  return new Promise<WaitResult>((resolve, reject) => {
    const found = new Map<bigint, Message>();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const stop = (): boolean => {
      if (settled) return false;
      settled = true;
      subscription.close();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const finish = (timedOut: boolean): void => {
      if (!stop()) return;
      const messages = [...found.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      resolve({ messages, timedOut: timedOut && messages.length === 0 });
    };
    const onAbort = (): void => finish(true);
    const fail = (error: unknown): void => {
      if (stop()) reject(error as Error);
    };
    /** Keeps a message that matches and whose channel the caller may see. */
    const accept = async (m: Message): Promise<boolean> => {
      if (!matches(m, filter) || (options.since !== undefined && m.id <= options.since))
        return false;
      if (!(await options.visible(m.channelId)) || settled) return false;
      found.set(m.id, m);
      return true;
    };
    // A live message ends the wait after the current batch of deliveries, so messages
    // committed together come back together.
    const subscription = space.subscribe(
      {
        tables: ['messages'],
        ...(filter.channelId === undefined ? {} : { channelId: filter.channelId }),
      },
      (change) => {
        if (change.table !== 'messages' || change.op !== 'insert') return;
        accept(change.row).then((kept) => {
          if (kept) setImmediate(() => finish(false));
        }, fail);
      },
    );
    if (options.signal?.aborted) return finish(true);
    options.signal?.addEventListener('abort', onAbort);
    const since = options.since;
    // What is already there after the cursor answers at once; only then does the clock start,
    // so even a wait of 0 seconds reports the backlog.
    subscription.ready
      .then(async () => {
        if (since !== undefined && !settled)
          for (const m of await options.backlog(since)) await accept(m);
        if (settled) return;
        if (found.size > 0) return finish(false);
        timer = setTimeout(() => finish(true), options.timeoutMs);
      })
      .catch(fail);
  });
}
