import type { MemoryState } from '../engine/memory.js';
import { rowsOf } from '../engine/memory.js';
import type { Rows, TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';

/** Every table's rows in primary-key order: what any engine can produce, and compare. */
export type Snapshot = { readonly [K in TableName]: readonly Rows[K][] };

/** The rows of a memory state as a {@link Snapshot}. */
export function snapshotOf(state: MemoryState): Snapshot {
  const out = {} as Record<TableName, readonly unknown[]>;
  for (const name of Object.keys(tables) as TableName[]) out[name] = rowsOf(state, name);
  return out as Snapshot;
}

/** Accepts a memory state or a snapshot, so helpers work with rows from any engine. */
export function asSnapshot(state: MemoryState | Snapshot): Snapshot {
  return 'tables' in state && !Array.isArray((state as { tables: unknown }).tables)
    ? snapshotOf(state as MemoryState)
    : (state as Snapshot);
}
