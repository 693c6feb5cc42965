import type { ColumnDecl, ColumnType, TableDecl, Tables } from '@spaces/core';
import { tables } from '@spaces/core';
import { t, table } from 'spacetimedb/server';
import type {
  BoolBuilder,
  IdentityBuilder,
  OptionBuilder,
  StringBuilder,
  TimestampBuilder,
  TypeBuilder,
  U32Builder,
  U64Builder,
} from 'spacetimedb/server';

/** The SpacetimeDB builder of each core column type (`json` is stored as a string). */
interface BuilderOfType {
  u64: U64Builder;
  u32: U32Builder;
  string: StringBuilder;
  bool: BoolBuilder;
  identity: IdentityBuilder;
  timestamp: TimestampBuilder;
  json: StringBuilder;
}

/** The builder a column declaration becomes; optional columns become `t.option(...)`. */
export type BuilderOf<C extends { readonly type: ColumnType; readonly optional?: boolean }> =
  C['optional'] extends true ? OptionBuilder<BuilderOfType[C['type']]> : BuilderOfType[C['type']];

/** The SpacetimeDB row shape of a core table declaration. */
export type RowBuilders<Cols extends Record<string, ColumnDecl>> = {
  -readonly [K in keyof Cols]: BuilderOf<Cols[K]>;
};

/** The plain type builder of a core column type. */
export function typeBuilderOf(type: ColumnType): TypeBuilder<unknown, never> {
  const builders: Record<ColumnType, () => unknown> = {
    u64: () => t.u64(),
    u32: () => t.u32(),
    string: () => t.string(),
    bool: () => t.bool(),
    identity: () => t.identity(),
    timestamp: () => t.timestamp(),
    json: () => t.string(),
  };
  return builders[type]() as TypeBuilder<unknown, never>;
}

// The column builders' constraint methods, as the chain below calls them.
interface Constrainable {
  primaryKey(): Constrainable;
  autoInc(): Constrainable;
  unique(): Constrainable;
  index(algorithm: 'btree'): Constrainable;
}

/**
 * One column: the type, then its constraints. SpacetimeDB's `option` builder carries no
 * constraint methods, so an index on an optional column is declared on the table instead
 * (see {@link spacetimeTable}); a key or unique optional column is refused.
 */
function columnOf(table: string, name: string, decl: ColumnDecl): unknown {
  const base = typeBuilderOf(decl.type);
  if (decl.optional) {
    if (decl.primaryKey || decl.unique || decl.autoInc) {
      throw new TypeError(`${table}.${name}: an optional column cannot be a key or unique`);
    }
    return t.option(base);
  }
  let column = base as unknown as Constrainable;
  if (decl.primaryKey) column = column.primaryKey();
  if (decl.autoInc) column = column.autoInc();
  if (decl.unique && !decl.primaryKey) column = column.unique();
  // A unique column already has its own index; a second one would only cost writes.
  if (decl.index && !decl.unique && !decl.primaryKey) column = column.index('btree');
  return column;
}

/**
 * The SpacetimeDB table of a core declaration: same name, same visibility, same columns in the
 * same order, same keys and indexes. Each index keeps the column's name as its accessor, so
 * `ctx.db.messages.channelId.filter(id)` reads like core's `tx.messages.filter('channelId', id)`.
 */
export function spacetimeTable<Cols extends Record<string, ColumnDecl>>(decl: TableDecl<Cols>) {
  const row: Record<string, unknown> = {};
  const indexes: { accessor: string; algorithm: 'btree'; columns: string[] }[] = [];
  for (const [name, col] of Object.entries(decl.columns)) {
    row[name] = columnOf(decl.name, name, col);
    if (col.optional && col.index)
      indexes.push({ accessor: name, algorithm: 'btree', columns: [name] });
  }
  return table({ name: decl.name, public: decl.public, indexes }, row as RowBuilders<Cols>);
}

/** Every core table as a SpacetimeDB table, under its canonical snake_case name. */
export const spacetimeTables = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => [name, spacetimeTable(decl as TableDecl)]),
) as unknown as { [K in keyof Tables]: ReturnType<typeof spacetimeTable<Tables[K]['columns']>> };
