import type { Rows, TableName } from '@spaces/core';
import type { CallReceipt } from './api.js';

/**
 * The rows a committed call inserted into one table, from its receipt: how a caller learns the id
 * of what it created. Returns [] on SpacetimeDB, whose receipts carry no changes.
 */
export function inserted<K extends TableName>(receipt: CallReceipt, table: K): Rows[K][] {
  return receipt.changes.flatMap((change) =>
    change.table === table && change.op === 'insert' ? [change.row as Rows[K]] : [],
  );
}
