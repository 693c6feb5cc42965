import type { TableName } from './tables.js';
import { tables } from './tables.js';

const NAMES = Object.keys(tables) as TableName[];

/**
 * An object with one property per table, each made by `open` on first use and then kept: how
 * every engine hands out tables, so a call or a read pays only for the tables it touches.
 */
export function lazyTables<T>(open: (name: TableName) => T): Record<TableName, T> {
  const opened: Partial<Record<TableName, T>> = {};
  const out = {} as Record<TableName, T>;
  for (const name of NAMES) {
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => (opened[name] ??= open(name)),
    });
  }
  return out;
}

/**
 * The same on a class's prototype, for objects made once per call: getters defined once, each
 * keeping its table in the instance's `opened` (defining getters per call was a visible share of
 * a call's cost).
 */
export function lazyTableGetters<
  S extends { readonly opened: Partial<Record<TableName, unknown>> },
>(prototype: S, open: (self: S, name: TableName) => unknown): void {
  for (const name of NAMES) {
    Object.defineProperty(prototype, name, {
      enumerable: true,
      get(this: S) {
        return (this.opened[name] ??= open(this, name));
      },
    });
  }
}
