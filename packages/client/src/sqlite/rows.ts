import type { ColumnDecl, TableDecl } from '@spaces/core';
import { SpacesError } from '@spaces/core';

type Row = Record<string, unknown>;
/** A value as SQLite stores it. */
export type SqlValue = bigint | number | string | null;

const I64_MAX = (1n << 63n) - 1n;

/** Converts a row to the values SQLite stores, in declaration order. */
export function toSql(decl: TableDecl, row: Row): SqlValue[] {
  return toSqlOf(decl)(row);
}

/**
 * {@link toSql} for one table, generated like {@link fromSqlValuesOf}: a row's properties read
 * by name (`row["channelId"]`), not by a key that varies (megamorphic across tables). Values that
 * need checking or converting go through {@link valueToSql}.
 */
export function toSqlOf(decl: TableDecl): (row: Row) => SqlValue[] {
  const columns = Object.entries(decl.columns);
  const values = columns.map(([name, column], i) => {
    const v = `r[${JSON.stringify(name)}]`;
    switch (column.type) {
      case 'string':
      case 'identity':
      case 'json':
      case 'u32':
        return `(${v} === undefined ? null : ${v})`;
      default:
        return `c(${i}, ${v})`;
    }
  });
  const convert = (i: number, value: unknown) =>
    valueToSql(decl, columns[i]![0], columns[i]![1], value);
  const build = new Function('c', `return (r) => [${values.join(', ')}];`) as (
    c: typeof convert,
  ) => (row: Row) => SqlValue[];
  return build(convert);
}

/** One value as SQLite stores it: bool as 0/1, undefined as NULL, integers as INTEGER. */
export function valueToSql(
  decl: TableDecl,
  name: string,
  column: ColumnDecl,
  value: unknown,
): SqlValue {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'bool':
      return value ? 1 : 0;
    case 'u64':
    case 'timestamp':
      if (typeof value === 'bigint' && value > I64_MAX) {
        // SQLite integers are signed 64-bit; no id or time of ours comes near this.
        throw new SpacesError('internal', `${decl.name}.${name}: ${value} does not fit in SQLite`);
      }
      return value as bigint;
    default:
      return value as number | string;
  }
}

/** One stored value back as core expects it: u32 as number, bool as boolean, NULL as undefined. */
function valueFromSql(column: ColumnDecl, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (column.type) {
    case 'bool':
      return value !== 0n && value !== 0;
    case 'u32':
      return Number(value);
    case 'u64':
    case 'timestamp':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    default:
      return value;
  }
}

/**
 * Builds a function that turns a SQLite row (read with safeIntegers, so every integer is a
 * bigint) back into the row core expects. Columns the declaration does not name are dropped.
 */
export function fromSqlOf(decl: TableDecl): (raw: Row) => Row {
  const columns = Object.entries(decl.columns);
  return (raw) => {
    const row: Row = {};
    for (const [name, column] of columns) row[name] = valueFromSql(column, raw[name]);
    return row;
  };
}

/**
 * The same for a row read in raw mode or bound to a statement: values in declaration order.
 * Arrays spare the driver a keyed object per row, and the function is generated per table, so
 * each table's rows come from one object literal of one shape rather than from keyed stores
 * (megamorphic across tables): both were a visible share of a call's cost, and of replay's.
 */
export function fromSqlValuesOf(decl: TableDecl): (values: readonly unknown[]) => Row {
  const fields = Object.entries(decl.columns).map(([name, column], i) => {
    const v = `v[${i}]`;
    const absent = `${v} === null || ${v} === undefined ? undefined : `;
    switch (column.type) {
      case 'bool':
        return [name, `${absent}${v} !== 0n && ${v} !== 0`];
      case 'u32':
        return [name, `${absent}Number(${v})`];
      case 'u64':
      case 'timestamp':
        return [name, `${absent}typeof ${v} === 'bigint' ? ${v} : BigInt(${v})`];
      default:
        return [name, `${absent}${v}`];
    }
  });
  // Column names come from core's declarations, written as JSON string literals.
  const body = `return { ${fields.map(([name, value]) => `${JSON.stringify(name)}: (${value})`).join(', ')} };`;
  return new Function('v', body) as (values: readonly unknown[]) => Row;
}
