import type { TableName } from '@spaces/core';

/**
 * The subscription queries the SpacetimeDB engine sends, in SpacetimeDB's SQL (its SQL
 * reference): literals quoted as the SDK's own query builder quotes them, column names in the
 * snake_case the module publishes.
 */

/** A string literal: single quotes, doubled inside. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** An identity literal. */
export function identityLiteral(hex: string): string {
  return `0x${hex}`;
}

/** Every row of a table. */
export function allOf(table: TableName | string): string {
  return `SELECT * FROM ${table}`;
}

/** Rows of a table whose column equals a value (already a literal). */
export function where(table: TableName | string, column: string, literal: string): string {
  return `SELECT * FROM ${table} WHERE ${column} = ${literal}`;
}

/** Rows of a table with an id above `after`, of one channel when given. */
export function window(
  table: 'messages' | 'events',
  channelId: bigint | undefined,
  after: bigint,
): string {
  const channel = channelId === undefined ? '' : `channel_id = ${channelId} AND `;
  return `SELECT * FROM ${table} WHERE ${channel}id > ${after}`;
}

/** Messages inserted by commits after `seq` (of one channel when given), for resuming. */
export function messagesSince(seq: bigint, channelId: bigint | undefined): string {
  const channel = channelId === undefined ? '' : ` AND m.channel_id = ${channelId}`;
  return `SELECT m.* FROM messages m JOIN message_seq s ON m.id = s.message_id WHERE s.seq > ${seq}${channel}`;
}
