import type { CallReceipt, Change, Space } from '@spaces/client';
import type { RowOf, TableName } from './types.js';

/**
 * The rows a committed call inserted into one table, read back from the log by its seq. The
 * client's receipt carries only the seq, so this is how `create` commands learn the new id.
 * Returns [] where the engine has no seq (SpacetimeDB) or the rows are not delivered.
 */
export async function insertedBy<K extends TableName>(
  space: Space,
  receipt: CallReceipt,
  table: K,
): Promise<RowOf<K>[]> {
  if (receipt.seq <= 0n) return [];
  const rows: RowOf<K>[] = [];
  const sub = space.subscribe({ tables: [table], since: receipt.seq - 1n }, (change: Change) => {
    if (change.seq === receipt.seq && change.op === 'insert' && change.table === table)
      rows.push(change.row as RowOf<K>);
  });
  try {
    await sub.ready;
  } finally {
    sub.close();
  }
  return rows;
}
