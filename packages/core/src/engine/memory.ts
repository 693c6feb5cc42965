import { castDraft, produce } from 'immer';
import { SpacesError } from '../errors.js';
import type { TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';
import type { Rows } from '../schema/tables.js';
import { lazyTableGetters, lazyTables } from '../schema/lazyTables.js';
import type { ReadTable, ReadTx, TableTx, Tx } from '../tx.js';
import type { Call, RowChange } from './call.js';
import { execute } from './execute.js';
import type { MemoryTable } from './memoryTable.js';
import { emptyTable, memoryTableTx } from './memoryTable.js';

/** The whole space in memory: one persistent table per declaration. Never mutated. */
export interface MemoryState {
  readonly tables: Readonly<Record<TableName, MemoryTable>>;
}

/** The result of one call: the next state and its changes, or the error and the same state. */
export type CallResult =
  | { ok: true; state: MemoryState; changes: RowChange[] }
  | { ok: false; state: MemoryState; error: SpacesError };

/** A space with no rows. */
export function emptyState(): MemoryState {
  const result = {} as Record<TableName, MemoryTable>;
  for (const name of Object.keys(tables) as TableName[]) result[name] = emptyTable(tables[name]);
  return { tables: result };
}

type OpenTable = ReturnType<typeof memoryTableTx>;

/** A Tx over a state: tables open on first use, so a call touching two tables pays for two. */
class MemoryTx {
  readonly opened: Partial<Record<TableName, TableTx<never>>> = {};
  readonly open: Partial<Record<TableName, OpenTable>> = {};
  constructor(readonly state: MemoryState) {}
}

lazyTableGetters(MemoryTx.prototype, (self, name) => {
  const table = memoryTableTx(tables[name], self.state.tables[name]);
  self.open[name] = table;
  return table.tx;
});

/**
 * Applies one call purely: `(state, call) -> { state', changes }`. A rejected call returns its
 * error and the very same state object.
 */
export function applyCall(state: MemoryState, call: Call): CallResult {
  const tx = new MemoryTx(state);
  try {
    const changes = execute(tx as unknown as Tx, call);
    if (changes.length === 0) return { ok: true, state, changes };
    const next = produce(state, (draft) => {
      for (const name of new Set(changes.map((c) => c.table))) {
        draft.tables[name] = castDraft(tx.open[name]!.current());
      }
    });
    return { ok: true, state: next, changes };
  } catch (error) {
    if (error instanceof SpacesError) return { ok: false, state, error };
    throw error;
  }
}

/** Folds calls over a state; rejected calls change nothing. Returns the state and each result. */
export function replay(calls: Iterable<Call>, start: MemoryState = emptyState()) {
  let state = start;
  const results: CallResult[] = [];
  for (const call of calls) {
    const result = applyCall(state, call);
    results.push(result);
    state = result.state;
  }
  return { state, results };
}

/** Every row of a table, in primary-key order. */
export function rowsOf<K extends TableName>(state: MemoryState, table: K): Rows[K][] {
  const rows = [...state.tables[table].rows.values()] as Rows[K][];
  const pk = Object.entries(tables[table].columns).find(
    ([, c]) => 'primaryKey' in c && c.primaryKey,
  )![0];
  return rows.sort((a, b) => {
    const x = (a as Record<string, unknown>)[pk] as bigint | string;
    const y = (b as Record<string, unknown>)[pk] as bigint | string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * Read access to a state, for core's read queries (and programs that keep a space in memory).
 * Tables open on first use, as in {@link applyCall}.
 */
export function memoryReadTx(state: MemoryState): ReadTx {
  return lazyTables((name): ReadTable<never> => {
    const { tx } = memoryTableTx(tables[name], state.tables[name]);
    return {
      find: tx.find,
      findBy: tx.findBy,
      filter: tx.filter,
      scan: () => rowsOf(state, name) as never[],
    } as unknown as ReadTable<never>;
  }) as unknown as ReadTx;
}
