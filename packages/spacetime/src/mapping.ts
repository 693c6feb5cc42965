/**
 * The one mapping from core's column vocabulary to SpacetimeDB's types, tables and reducer
 * parameters, used by the module (which publishes them) and the client (whose bindings must
 * expect exactly what is published): u64→u64, u32→u32, string and json→string, bool→bool,
 * identity→Identity, timestamp→Timestamp, optional→option; keys, auto-increments, unique
 * constraints and btree indexes as declared.
 *
 * The builders are passed in: the module takes them from `spacetimedb/server` and the client
 * from `spacetimedb`, which in Node are two separate copies of the library.
 */
import type { ArgDecl, ArgsDecl, ColumnDecl, TableDecl } from '@spaces/core';
import type { t as T, table as Table } from 'spacetimedb';

/** The builder functions of one copy of the library. */
export interface Builders {
  readonly t: typeof T;
  readonly table: typeof Table;
}

// The library's builder types are deeply generic; tables derived at runtime are typed loosely
// here and by core's row types at the edges.
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyBuilder = any;

/** The type builder of a column or argument; optional ones wrapped in `option`. */
export function typeOf(b: Builders, decl: ColumnDecl | ArgDecl): AnyBuilder {
  const base = baseTypeOf(b, decl.type);
  return decl.optional ? b.t.option(base) : base;
}

function baseTypeOf(b: Builders, type: ColumnDecl['type']): AnyBuilder {
  switch (type) {
    case 'u64':
      return b.t.u64();
    case 'u32':
      return b.t.u32();
    case 'string':
    case 'json':
      return b.t.string();
    case 'bool':
      return b.t.bool();
    case 'identity':
      return b.t.identity();
    case 'timestamp':
      return b.t.timestamp();
  }
}

/** snake_case of a camelCase name, as SpacetimeDB's default case policy publishes it. */
export function canonicalName(name: string): string {
  return name.replace(/([A-Z])/g, '_$1').toLowerCase();
}

/**
 * One column: its type, then its constraints. The library's `option` builder has no
 * constraint methods, so an index on an optional column is declared on the table (see
 * {@link tableOf}); an optional key or unique column cannot be declared at all.
 */
function columnOf(b: Builders, table: string, name: string, decl: ColumnDecl, wireNames: boolean) {
  let column: AnyBuilder = typeOf(b, decl);
  if (decl.optional) {
    if (decl.primaryKey || decl.unique || decl.autoInc)
      throw new TypeError(`${table}.${name}: an optional column cannot be a key or unique`);
  } else {
    if (decl.primaryKey) column = column.primaryKey();
    if (decl.autoInc) column = column.autoInc();
    if (decl.unique && !decl.primaryKey) column = column.unique();
    // A key or unique column has its own index already; a second one would only cost writes.
    if (decl.index && !decl.unique && !decl.primaryKey) column = column.index('btree');
  }
  return wireNames ? column.name(canonicalName(name)) : column;
}

export interface TableOptions {
  /**
   * Give each column its canonical snake_case name explicitly, as generated client bindings
   * do. The module leaves names to SpacetimeDB's case-conversion policy, which gives the same.
   */
  readonly wireNames?: boolean;
}

/**
 * The SpacetimeDB table of a core declaration: same name and visibility, the same columns in
 * the same order (BSATN is positional), the same keys and indexes. Each index keeps its
 * column's name as accessor, so `ctx.db.messages.channelId.filter(id)` reads like core's
 * `tx.messages.filter('channelId', id)`.
 */
export function tableOf(b: Builders, decl: TableDecl, options: TableOptions = {}): AnyBuilder {
  const row: Record<string, unknown> = {};
  const indexes: { accessor: string; algorithm: 'btree'; columns: string[] }[] = [];
  for (const [name, col] of Object.entries(decl.columns)) {
    row[name] = columnOf(b, decl.name, name, col, options.wireNames ?? false);
    if (col.optional && col.index)
      indexes.push({ accessor: name, algorithm: 'btree', columns: [name] });
  }
  return (b.table as AnyBuilder)({ name: decl.name, public: decl.public, indexes }, row);
}

/** A reducer's parameters, in declaration order, from its core argument declaration. */
export function paramsOf(b: Builders, args: ArgsDecl): Record<string, AnyBuilder> {
  return Object.fromEntries(Object.entries(args).map(([name, decl]) => [name, typeOf(b, decl)]));
}
