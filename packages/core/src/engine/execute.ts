import { parseArgs } from '../args.js';
import { reject } from '../errors.js';
import { isIdentity } from '../identity.js';
import { seededRandom } from '../random.js';
import { reducerNamed } from '../reducers/index.js';
import { lazyTableGetters } from '../schema/lazyTables.js';
import { primaryKeyOf } from '../schema/table.js';
import { tables } from '../schema/tables.js';
import type { TableName } from '../schema/tables.js';
import type { ReducerDef } from '../reducer.js';
import type { ReducerContext, TableTx, Tx } from '../tx.js';
import type { Call, RowChange } from './call.js';

/** The default per-call seed: the low 32 bits of the timestamp, as SpacetimeDB seeds from time. */
export function seedOf(call: Call): number {
  return call.seed ?? Number(call.timestamp & 0xffffffffn);
}

/**
 * Runs one call against a transaction and returns the row changes it made. Throws a SpacesError
 * when the call is rejected; the engine owning `tx` must then discard everything it did.
 */
export function execute(tx: Tx, call: Call): RowChange[] {
  return executeCall(tx, call).changes;
}

/**
 * {@link execute}, also returning the call's reducer and its arguments as parsed (secrets hashed):
 * what an engine logs, without parsing them a second time.
 */
export function executeCall(
  tx: Tx,
  call: Call,
): { def: ReducerDef; args: Record<string, unknown>; changes: RowChange[] } {
  const def =
    reducerNamed(call.reducer) ?? reject('not_found', `no reducer named "${call.reducer}"`);
  if (!isIdentity(call.sender))
    reject('invalid_argument', 'sender must be 64 lowercase hex characters');
  const args = parseArgs(def.args, call.args, { hashedSecrets: call.hashedSecrets });
  const ctx: ReducerContext = {
    sender: call.sender,
    timestamp: call.timestamp,
    random: seededRandom(seedOf(call)),
  };
  const changes: RowChange[] = [];
  def.run(recording(tx, changes), ctx, args as never);
  return { def: def as ReducerDef, args: args as Record<string, unknown>, changes };
}

/**
 * Wraps every table so each write is also appended to `changes`. Tables are wrapped on first use,
 * so an engine that opens its tables lazily still pays only for the ones a call touches.
 */
export function recording(tx: Tx, changes: RowChange[]): Tx {
  return new RecordingTx(tx, changes) as unknown as Tx;
}

type AnyRow = Record<string, unknown>;

/** The recording view of a Tx; one getter per table is defined on the prototype, below. */
class RecordingTx {
  readonly opened: Partial<Record<TableName, TableTx<AnyRow>>> = {};
  constructor(
    readonly inner: Tx,
    readonly changes: RowChange[],
  ) {}
}

const PRIMARY_KEYS = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => [name, primaryKeyOf(decl)]),
) as Record<TableName, string>;

lazyTableGetters(RecordingTx.prototype, (self, name) =>
  recordingTable(
    name,
    PRIMARY_KEYS[name],
    self.inner[name] as unknown as TableTx<AnyRow>,
    self.changes,
  ),
);

function recordingTable(
  name: TableName,
  pk: string,
  table: TableTx<AnyRow>,
  changes: RowChange[],
): TableTx<AnyRow> {
  const push = (change: object) => changes.push({ table: name, ...change } as RowChange);
  return {
    find: (key) => table.find(key),
    findBy: (column, value) => table.findBy(column, value),
    filter: (column, value) => table.filter(column, value),
    insert(row) {
      const stored = table.insert(row);
      push({ op: 'insert', row: stored });
      return stored;
    },
    update(row) {
      const old = table.find(row[pk]);
      const stored = table.update(row);
      push({ op: 'update', row: stored, old });
      return stored;
    },
    delete(key) {
      const old = table.find(key);
      const deleted = table.delete(key);
      if (deleted) push({ op: 'delete', row: old });
      return deleted;
    },
  };
}
