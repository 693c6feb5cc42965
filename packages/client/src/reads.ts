import { SpacesError } from '@spaces/core';
import type { TableName } from '@spaces/core';
import { tables } from '@spaces/core';
import type { MessageQuery } from './api.js';

/** The most rows one read returns. */
export const LIMIT_MAX = 1000;

/** Checks a `limit` option: a whole number from 1 to 1000. */
export function checkLimit(limit: number | undefined, fallback = 50): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX) {
    throw new SpacesError(
      'invalid_argument',
      `limit must be a whole number from 1 to ${LIMIT_MAX}; got ${limit}`,
    );
  }
  return limit;
}

/** Checks the options of a message read. */
export function checkMessageQuery(
  query: MessageQuery,
): Required<Pick<MessageQuery, 'limit'>> & MessageQuery {
  for (const key of Object.keys(query)) {
    if (!['limit', 'before', 'topicId'].includes(key)) {
      throw new SpacesError('invalid_argument', `unknown message query option "${key}"`);
    }
  }
  if (query.before !== undefined && typeof query.before !== 'bigint') {
    throw new SpacesError('invalid_argument', 'before must be a message id (bigint)');
  }
  return { ...query, limit: checkLimit(query.limit) };
}

/** Rejects reads of private tables: they hold credentials (invite codes, webhook token hashes). */
export function checkReadable(table: TableName): void {
  if (!Object.hasOwn(tables, table))
    throw new SpacesError('invalid_argument', `no table named "${table}"`);
  if (!tables[table].public) {
    throw new SpacesError('permission_denied', `table ${table} is private: only reducers read it`);
  }
}

/**
 * The tables a subscription delivers: those asked for (default: every public table). Asking for
 * a private table is refused: invite codes and webhook token hashes never go to subscribers.
 */
export function subscribedTables(requested: readonly TableName[] | undefined): Set<TableName> {
  if (requested === undefined) {
    return new Set((Object.keys(tables) as TableName[]).filter((name) => tables[name].public));
  }
  for (const table of requested) {
    if (!Object.hasOwn(tables, table)) throw new TypeError(`no table named "${table}"`);
    if (!tables[table].public) {
      throw new SpacesError(
        'permission_denied',
        `table ${table} is private: subscriptions never deliver it (read it with ${table}())`,
      );
    }
  }
  return new Set(requested);
}

/** A channel reference from the command line or a program: an id, "#name" or "name". */
export function parseChannelRef(ref: string | bigint): { id: bigint } | { name: string } {
  if (typeof ref === 'bigint') return { id: ref };
  if (/^\d{1,19}$/.test(ref)) return { id: BigInt(ref) };
  return { name: ref.startsWith('#') ? ref.slice(1) : ref };
}
