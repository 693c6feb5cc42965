import type { RowChange } from '../engine/call.js';
import { lazyTables } from '../schema/lazyTables.js';
import { primaryKeyOf } from '../schema/table.js';
import type { TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';
import type { LookupTx, TableLookup } from '../tx.js';
import { canSee } from '../visibility.js';

type Row = Record<string, unknown>;

/**
 * The tables just after a commit, with the rows it deleted still in place: the view a change is
 * judged in, so that deleting a private channel (with its memberships) is still seen by the
 * members who saw it.
 */
export function withDeletedRows(after: LookupTx, changes: readonly RowChange[]): LookupTx {
  const deleted = new Map<TableName, Row[]>();
  for (const change of changes) {
    if (change.op !== 'delete') continue;
    const rows = deleted.get(change.table) ?? [];
    rows.push(change.row as Row);
    deleted.set(change.table, rows);
  }
  if (deleted.size === 0) return after;
  return lazyTables((name): TableLookup<Row> => {
    const base = after[name] as unknown as TableLookup<Row>;
    const gone = deleted.get(name);
    if (!gone) return base;
    const pk = primaryKeyOf(tables[name]);
    return {
      find: (key: unknown) => base.find(key) ?? gone.find((r) => r[pk] === key),
      findBy: (column: string, value: unknown) =>
        base.findBy(column, value) ?? gone.find((r) => r[column] === value),
      filter: (column: string, value: unknown) => [
        ...base.filter(column, value as never),
        ...gone.filter((r) => r[column] === value),
      ],
    } as TableLookup<Row>;
  }) as unknown as LookupTx;
}

/**
 * Whether a subscriber sees one change of a commit: its row is visible in the commit's view (see
 * {@link withDeletedRows}); for an update, the old row or the new one. Every engine's
 * subscriptions deliver by this rule.
 */
export function seesChange(view: LookupTx, identity: string, change: RowChange): boolean {
  if (canSee(view, identity, change.table, change.row as never)) return true;
  return change.op === 'update' && canSee(view, identity, change.table, change.old as never);
}
