import type { ArgDecl, ArgsDecl, ColumnDecl, TableDecl } from '@spaces/core';
import { Identity, Timestamp, t } from 'spacetimedb';
import type { ColumnBuilder, TypeBuilder } from 'spacetimedb';

/**
 * The one mapping from core's column vocabulary to SpacetimeDB algebraic types, shared by the
 * module's table definitions and the client's bindings (so both publish and expect the same):
 * u64→u64, u32→u32, string/json→string, bool→bool, identity→Identity, timestamp→Timestamp,
 * optional→option. Canonical column names are snake_case, as SpacetimeDB derives them.
 */
// The SDK's builder types are deeply generic; derived-at-runtime bindings are typed loosely here
// and by core's own row types at the Space API.
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyType = TypeBuilder<any, any>;
type AnyColumn = ColumnBuilder<any, any, any>;

/** The SpacetimeDB type of a column or argument, optional wrapped in `option`. */
export function spacetimeTypeOf(decl: ColumnDecl | ArgDecl): AnyType {
  const base = baseTypeOf(decl.type);
  return decl.optional ? t.option(base) : base;
}

function baseTypeOf(type: ColumnDecl['type']): AnyType {
  switch (type) {
    case 'u64':
      return t.u64();
    case 'u32':
      return t.u32();
    case 'string':
    case 'json':
      return t.string();
    case 'bool':
      return t.bool();
    case 'identity':
      return t.identity();
    case 'timestamp':
      return t.timestamp();
  }
}

/** snake_case of a camelCase name, as SpacetimeDB's default case policy publishes it. */
export function canonicalName(name: string): string {
  return name.replace(/([A-Z])/g, '_$1').toLowerCase();
}

/**
 * A column with its constraints. Optional columns cannot carry `.index()` in the SDK, so their
 * index is declared on the table instead (see {@link tableIndexesOf}).
 */
export function columnOf(name: string, decl: ColumnDecl): AnyColumn {
  let column: any = spacetimeTypeOf(decl);
  if (!decl.optional) {
    if (decl.primaryKey) column = column.primaryKey();
    if (decl.autoInc) column = column.autoInc();
    if (decl.unique && !decl.primaryKey) column = column.unique();
    if (decl.index && !decl.unique && !decl.primaryKey) column = column.index('btree');
  }
  return column.name(canonicalName(name)) as AnyColumn;
}

/** The row of a table: every column, in declaration order (BSATN is positional). */
export function rowOf(table: TableDecl): Record<string, AnyColumn> {
  return Object.fromEntries(
    Object.entries(table.columns).map(([name, decl]) => [name, columnOf(name, decl)]),
  );
}

/** Table-level btree indexes for indexed optional columns. */
export function tableIndexesOf(
  table: TableDecl,
): { accessor: string; algorithm: 'btree'; columns: string[] }[] {
  return Object.entries(table.columns)
    .filter(([, decl]) => decl.optional && (decl.index || decl.unique))
    .map(([name]) => ({ accessor: name, algorithm: 'btree' as const, columns: [name] }));
}

/** A reducer's parameters, in declaration order. */
export function paramsOf(args: ArgsDecl): Record<string, AnyType> {
  return Object.fromEntries(
    Object.entries(args).map(([name, decl]) => [name, spacetimeTypeOf(decl)]),
  );
}

/** Converts a core value to the SDK's: identities and timestamps become objects. */
export function toSpacetime(decl: ColumnDecl | ArgDecl, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (decl.type === 'identity') return Identity.fromString(value as string);
  if (decl.type === 'timestamp') return new Timestamp(value as bigint);
  if (decl.type === 'u32' && typeof value === 'bigint') return Number(value);
  return value;
}

/** Converts an SDK value back to core's: hex identities, bigint microseconds, undefined for none. */
export function fromSpacetime(decl: ColumnDecl | ArgDecl, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (decl.type === 'identity') return (value as Identity).toHexString();
  if (decl.type === 'timestamp') return (value as Timestamp).microsSinceUnixEpoch;
  return value;
}

/** A whole row or argument object from core's form to the SDK's. */
export function objectToSpacetime(
  decls: Readonly<Record<string, ColumnDecl | ArgDecl>>,
  value: Record<string, unknown>,
) {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(decls)) out[name] = toSpacetime(decl, value[name]);
  return out;
}

/** A whole row from the SDK's form to core's. */
export function objectFromSpacetime(
  decls: Readonly<Record<string, ColumnDecl | ArgDecl>>,
  value: Record<string, unknown>,
) {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(decls)) out[name] = fromSpacetime(decl, value[name]);
  return out;
}
