import { reject } from '../errors.js';

/** The most rows one read returns. */
export const LIMIT_MAX = 1000;

/** Options for reading a channel's messages. */
export interface MessageQuery {
  /** At most this many (default 50, at most {@link LIMIT_MAX}). */
  limit?: number;
  /** Only messages with id below this: the cursor for the next (older) page. */
  before?: bigint;
  /** Only messages of this topic. */
  topicId?: bigint;
}

/** Options for reading events, newest first. */
export interface EventQuery {
  channelId?: bigint;
  kind?: string;
  limit?: number;
}

/** Checks a `limit` option: a whole number from 1 to {@link LIMIT_MAX}. */
export function checkLimit(limit: number | undefined, fallback = 50): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX) {
    reject('invalid_argument', `limit must be a whole number from 1 to ${LIMIT_MAX}; got ${limit}`);
  }
  return limit;
}

/** Checks the options of a message read; the limit defaulted. */
export function checkMessageQuery(query: MessageQuery): MessageQuery & { limit: number } {
  for (const key of Object.keys(query)) {
    if (!['limit', 'before', 'topicId'].includes(key)) {
      reject('invalid_argument', `unknown message query option "${key}"`);
    }
  }
  for (const key of ['before', 'topicId'] as const) {
    if (query[key] !== undefined && typeof query[key] !== 'bigint') {
      reject('invalid_argument', `${key} must be an id (bigint)`);
    }
  }
  return { ...query, limit: checkLimit(query.limit) };
}

/** Checks the options of an event read; the limit defaulted. */
export function checkEventQuery(query: EventQuery): EventQuery & { limit: number } {
  for (const key of Object.keys(query)) {
    if (!['limit', 'channelId', 'kind'].includes(key)) {
      reject('invalid_argument', `unknown event query option "${key}"`);
    }
  }
  if (query.channelId !== undefined && typeof query.channelId !== 'bigint') {
    reject('invalid_argument', 'channelId must be an id (bigint)');
  }
  return { ...query, limit: checkLimit(query.limit) };
}

/**
 * A channel reference from a person or a program: an id (bigint, or all digits: channel names
 * are never all digits), "#name" or "name".
 */
export function parseChannelRef(ref: string | bigint): { id: bigint } | { name: string } {
  if (typeof ref === 'bigint') return { id: ref };
  if (/^\d+$/.test(ref)) return { id: BigInt(ref) };
  return { name: ref.startsWith('#') ? ref.slice(1) : ref };
}
