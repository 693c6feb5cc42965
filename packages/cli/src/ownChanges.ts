import type { CallReceipt } from '@spaces/client';
import type { RowOf, TableName } from './types.js';

/**
 * The rows a committed call inserted into one table, from its receipt: how `create` commands
 * learn the new id. Returns [] on SpacetimeDB, whose receipts carry no changes.
 */
export function inserted<K extends TableName>(receipt: CallReceipt, table: K): RowOf<K>[] {
  return receipt.changes.flatMap((change) =>
    change.table === table && change.op === 'insert' ? [change.row as RowOf<K>] : [],
  );
}
