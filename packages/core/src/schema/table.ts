import type { ColumnDecl, ValueOf } from './column.js';

/** A table declared as data: everything else (SQL, SpacetimeDB tables, row types) derives from it. */
export interface TableDecl<Cols extends Record<string, ColumnDecl> = Record<string, ColumnDecl>> {
  /** Canonical snake_case name, as SpacetimeDB publishes it and SQLite stores it. */
  readonly name: string;
  /** Public tables are readable by every client; private ones only by reducers. */
  readonly public: boolean;
  readonly columns: Cols;
  /** One-line description, shown in docs and the module description. */
  readonly doc: string;
}

/** A row of a declared table, keyed by column name. */
export type RowOf<T extends TableDecl> = {
  -readonly [K in keyof T['columns']]: ValueOf<T['columns'][K]>;
};

/** Declares a table, keeping its literal types so rows can be derived from it. */
export function table<const Cols extends Record<string, ColumnDecl>>(
  decl: TableDecl<Cols>,
): TableDecl<Cols> {
  const keys = Object.entries(decl.columns).filter(([, c]) => c.primaryKey);
  if (keys.length !== 1) throw new Error(`table ${decl.name}: exactly one primary key is required`);
  return decl;
}

/** The name of a table's primary key column. */
export function primaryKeyOf(decl: TableDecl): string {
  for (const [name, col] of Object.entries(decl.columns)) if (col.primaryKey) return name;
  throw new Error(`table ${decl.name} has no primary key`);
}

/** The name of a table's auto-increment column, if any. */
export function autoIncOf(decl: TableDecl): string | undefined {
  for (const [name, col] of Object.entries(decl.columns)) if (col.autoInc) return name;
  return undefined;
}

/** Columns with a unique constraint (the primary key included). */
export function uniqueColumnsOf(decl: TableDecl): string[] {
  return Object.entries(decl.columns)
    .filter(([, c]) => c.unique || c.primaryKey)
    .map(([name]) => name);
}

/** Columns with a btree index of their own (unique columns are indexed too). */
export function indexedColumnsOf(decl: TableDecl): string[] {
  return Object.entries(decl.columns)
    .filter(([, c]) => c.index || c.unique)
    .map(([name]) => name);
}
