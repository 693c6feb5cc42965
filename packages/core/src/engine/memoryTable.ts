import { Map as IMap, Set as ISet } from 'immutable';
import { reject } from '../errors.js';
import type { TableDecl } from '../schema/table.js';
import { autoIncOf, indexedColumnsOf, primaryKeyOf, uniqueColumnsOf } from '../schema/table.js';
import type { TableTx } from '../tx.js';

type Row = Record<string, unknown>;

/**
 * One table as persistent (structurally shared) maps: a write copies O(log n) nodes, never the
 * table, so a call costs the same at 10k rows as at 1M.
 */
export interface MemoryTable {
  readonly rows: IMap<string, Row>;
  /** Per indexed column: value key -> set of primary-key keys. */
  readonly indexes: Readonly<Record<string, IMap<string, ISet<string>>>>;
  readonly nextId: bigint;
}

/** The key a value is stored under (bigint and string must not collide: 1n vs "1"). */
export function keyOf(value: unknown): string {
  return typeof value === 'bigint' ? `n${value}` : `${typeof value}:${String(value)}`;
}

export function emptyTable(decl: TableDecl): MemoryTable {
  const indexes: Record<string, IMap<string, ISet<string>>> = {};
  for (const column of indexedColumnsOf(decl)) indexes[column] = IMap();
  return { rows: IMap(), indexes, nextId: 1n };
}

interface Layout {
  readonly pk: string;
  readonly autoInc: string | undefined;
  readonly unique: readonly string[];
  readonly indexed: readonly string[];
}

// Every call opens the tables it touches; reading the declaration afresh each time was a
// measurable share of a call's cost, so each table's layout is worked out once.
const layouts = new WeakMap<TableDecl, Layout>();

function layoutOf(decl: TableDecl): Layout {
  let layout = layouts.get(decl);
  if (!layout) {
    const pk = primaryKeyOf(decl);
    layout = {
      pk,
      autoInc: autoIncOf(decl),
      unique: uniqueColumnsOf(decl).filter((c) => c !== pk),
      indexed: indexedColumnsOf(decl),
    };
    layouts.set(decl, layout);
  }
  return layout;
}

/** A TableTx over a MemoryTable; `current()` returns the table with every write applied. */
export function memoryTableTx(decl: TableDecl, start: MemoryTable) {
  const { pk, autoInc, unique, indexed } = layoutOf(decl);
  let { rows, nextId } = start;
  const indexes = { ...start.indexes };

  const unindex = (row: Row) => {
    const key = keyOf(row[pk]);
    for (const column of indexed) {
      if (row[column] === undefined) continue;
      const valueKey = keyOf(row[column]);
      const set = indexes[column]!.get(valueKey)?.delete(key);
      indexes[column] =
        set && set.size > 0
          ? indexes[column]!.set(valueKey, set)
          : indexes[column]!.delete(valueKey);
    }
  };
  const index = (row: Row) => {
    const key = keyOf(row[pk]);
    for (const column of indexed) {
      if (row[column] === undefined) continue;
      const valueKey = keyOf(row[column]);
      indexes[column] = indexes[column]!.set(
        valueKey,
        (indexes[column]!.get(valueKey) ?? ISet<string>()).add(key),
      );
    }
  };
  const checkUnique = (row: Row, self?: string) => {
    for (const column of unique) {
      if (row[column] === undefined) continue;
      const holders = indexes[column]!.get(keyOf(row[column]));
      if (holders && [...holders].some((k) => k !== self)) {
        reject('internal', `unique constraint on ${decl.name}.${column} violated`);
      }
    }
  };
  const byPk = (keys: Iterable<string>): Row[] =>
    [...keys].map((k) => rows.get(k)!).sort((a, b) => compare(a[pk], b[pk]));

  const tx: TableTx<Row> = {
    find: (key) => rows.get(keyOf(key)),
    findBy(column, value) {
      if (column === pk) return rows.get(keyOf(value));
      const index = indexes[column as string];
      // Other engines cannot look a row up by an unindexed column either: fail loudly here too.
      if (!index) throw new Error(`${decl.name}.${String(column)} has no index`);
      const keys = index.get(keyOf(value));
      const first = keys?.first();
      return first === undefined ? undefined : rows.get(first);
    },
    filter(column, value) {
      const keys = indexes[column as string];
      if (!keys) throw new Error(`${decl.name}.${String(column)} has no index`);
      return byPk(keys.get(keyOf(value)) ?? []);
    },
    insert(input) {
      const row = { ...input };
      if (autoInc && (row[autoInc] === 0n || row[autoInc] === 0)) {
        row[autoInc] = nextId;
        nextId += 1n;
      } else if (
        autoInc &&
        typeof row[autoInc] === 'bigint' &&
        (row[autoInc] as bigint) >= nextId
      ) {
        nextId = (row[autoInc] as bigint) + 1n;
      }
      const key = keyOf(row[pk]);
      if (rows.has(key))
        reject('internal', `${decl.name}: a row with ${pk} ${String(row[pk])} exists`);
      checkUnique(row);
      rows = rows.set(key, row);
      index(row);
      return row;
    },
    update(input) {
      const key = keyOf(input[pk]);
      const old =
        rows.get(key) ?? reject('internal', `${decl.name}: no row with ${pk} ${String(input[pk])}`);
      const row = { ...input };
      checkUnique(row, key);
      unindex(old);
      rows = rows.set(key, row);
      index(row);
      return row;
    },
    delete(value) {
      const key = keyOf(value);
      const old = rows.get(key);
      if (!old) return false;
      unindex(old);
      rows = rows.delete(key);
      return true;
    },
  };
  return { tx, current: (): MemoryTable => ({ rows, indexes, nextId }) };
}

/** Orders primary keys: numbers and bigints numerically, strings lexically. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
