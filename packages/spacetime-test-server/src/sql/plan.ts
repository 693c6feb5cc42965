/**
 * Binding a parsed query to a module's schema: each table or view it names, each column
 * (`col`, `alias.col`, written as declared or in SpacetimeDB's snake_case), the type of every
 * literal. The result is a {@link Plan} the evaluator runs. Subscriptions are then checked
 * against the restrictions SpacetimeDB's SQL reference states for them (one returned table, at
 * most two tables, an equality join on indexed columns).
 */
import type { AlgebraicType } from 'spacetimedb';
import type { Typespace } from '../host/bsatn.js';
import { toSnakeCase } from '../host/moduleDef.js';
import type { ColumnInfo, ModuleSchema, TableSchema, ViewSchema } from '../host/schema.js';
import type { CompareOp, Operand as AstOperand, Predicate, SelectStatement } from './parse.js';
import { SqlError, parseSelect } from './parse.js';
import type { Key, Scalar } from './values.js';
import { comparable, literalKey, scalarName, scalarOf } from './values.js';

/** A table or a view, as a query reads it. */
export interface Source {
  readonly kind: 'table' | 'view';
  /** Canonical name: what clients subscribe to and receive updates under. */
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  readonly rowType: AlgebraicType & { tag: 'Product' };
  readonly public: boolean;
  readonly table?: TableSchema;
  readonly view?: ViewSchema;
}

export interface Relvar {
  readonly alias: string;
  readonly source: Source;
}

export type Operand =
  | { readonly kind: 'column'; readonly rel: number; readonly col: number; readonly scalar: Scalar }
  | { readonly kind: 'const'; readonly key: Key }
  /** `:sender`, bound when the plan runs. */
  | { readonly kind: 'sender' };

export type Cond =
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: Operand;
      readonly right: Operand;
      readonly rels: readonly number[];
    }
  | {
      readonly kind: 'and' | 'or';
      readonly left: Cond;
      readonly right: Cond;
      readonly rels: readonly number[];
    }
  | { readonly kind: 'not'; readonly inner: Cond; readonly rels: readonly number[] }
  | { readonly kind: 'bool'; readonly value: boolean; readonly rels: readonly number[] };

/** A bound query: relations, the one returned, and its conditions split at top-level ANDs. */
export interface Plan {
  readonly sql: string;
  readonly relvars: readonly Relvar[];
  /** Index of the relvar whose rows the query returns. */
  readonly ret: number;
  readonly conjuncts: readonly Cond[];
  /** The equality joins written in `ON`, as (left, right) column operands. */
  readonly joins: readonly { readonly left: Operand; readonly right: Operand }[];
  /** Whether it mentions `:sender` (RLS rules; a subscription may not). */
  readonly usesSender: boolean;
}

/** The tables and views of a module, by the names queries use. */
export class Catalog {
  private readonly sources = new Map<string, Source>();

  constructor(readonly schema: ModuleSchema) {
    for (const t of schema.tables) {
      const source: Source = {
        kind: 'table',
        name: t.info.name,
        columns: t.info.columns,
        rowType: t.rowType,
        public: t.info.public,
        table: t,
      };
      this.sources.set(t.info.name, source);
      this.sources.set(t.info.sourceName, source);
    }
    for (const v of schema.views) {
      const source: Source = {
        kind: 'view',
        name: v.name,
        columns: v.columns,
        rowType: v.rowType,
        public: v.isPublic,
        view: v,
      };
      this.sources.set(v.name, source);
      this.sources.set(v.sourceName, source);
    }
  }

  get typespace(): Typespace {
    return this.schema.typespace;
  }

  source(name: string): Source | undefined {
    return this.sources.get(name);
  }

  /** Every table and view, once each. */
  all(): Source[] {
    return [...new Set(this.sources.values())];
  }
}

/** The position of a column in a source, by its declared name or its snake_case. */
export function columnIndex(source: Source, name: string): number {
  let i = source.columns.findIndex((c) => c.name === name);
  if (i < 0) i = source.columns.findIndex((c) => toSnakeCase(c.name) === name);
  return i;
}

/** Parses and binds a query; throws a SqlError naming what is wrong. */
export function plan(sql: string, catalog: Catalog): Plan {
  return bind(parseSelect(sql), sql, catalog);
}

function bind(stmt: SelectStatement, sql: string, catalog: Catalog): Plan {
  const relvars: Relvar[] = [];
  for (const rel of [stmt.from, ...stmt.joins]) {
    const source = catalog.source(rel.table);
    if (!source) throw new SqlError(`no table or view named "${rel.table}"`);
    if (relvars.some((r) => r.alias === rel.alias))
      throw new SqlError(`"${rel.alias}" names two relations; give one an alias`);
    relvars.push({ alias: rel.alias, source });
  }
  let ret = 0;
  if (stmt.projection !== undefined) {
    ret = relvars.findIndex((r) => r.alias === stmt.projection);
    if (ret < 0) throw new SqlError(`"${stmt.projection}.*" names no relation of the query`);
  } else if (relvars.length > 1) {
    throw new SqlError(
      'a query with a join must say which table it returns (SELECT alias.* ...): it returns rows of one table',
    );
  }
  let usesSender = false;
  const operand = (o: AstOperand, other: AstOperand): { op: Operand; scalar?: Scalar } => {
    if (o.kind === 'column') {
      const found = resolveColumn(o.table, o.column, relvars);
      const info = scalarOf(relvars[found.rel]!.source.columns[found.col]!.type, catalog.typespace);
      if (!info)
        throw new SqlError(
          `column "${o.column}" is not comparable (sums, products and arrays are not)`,
        );
      return { op: { kind: 'column', ...found, scalar: info.scalar }, scalar: info.scalar };
    }
    if (o.value.kind === 'sender') usesSender = true;
    if (other.kind !== 'column') {
      // Two literals: typed by their own kind.
      if (o.value.kind === 'sender') return { op: { kind: 'sender' } };
      const scalar: Scalar =
        o.value.kind === 'string'
          ? { kind: 'string' }
          : o.value.kind === 'bool'
            ? { kind: 'bool' }
            : o.value.kind === 'float'
              ? { kind: 'float' }
              : { kind: 'int', bits: 256, signed: true };
      return { op: { kind: 'const', key: literalKey(o.value, scalar, undefined) } };
    }
    const col = resolveColumn(other.table, other.column, relvars);
    const info = scalarOf(relvars[col.rel]!.source.columns[col.col]!.type, catalog.typespace);
    if (!info) throw new SqlError(`column "${other.column}" is not comparable`);
    if (o.value.kind === 'sender') {
      literalKey(o.value, info.scalar, 0n); // type check only
      return { op: { kind: 'sender' } };
    }
    return { op: { kind: 'const', key: literalKey(o.value, info.scalar, undefined) } };
  };
  const cond = (p: Predicate): Cond => {
    switch (p.kind) {
      case 'compare': {
        const l = operand(p.left, p.right);
        const r = operand(p.right, p.left);
        if (l.scalar && r.scalar && !comparable(l.scalar, r.scalar))
          throw new SqlError(
            `cannot compare a ${scalarName(l.scalar)} column with a ${scalarName(r.scalar)} column`,
          );
        const rels = [l.op, r.op].flatMap((x) => (x.kind === 'column' ? [x.rel] : []));
        return { kind: 'compare', op: p.op, left: l.op, right: r.op, rels: unique(rels) };
      }
      case 'and':
      case 'or': {
        const left = cond(p.left);
        const right = cond(p.right);
        return { kind: p.kind, left, right, rels: unique([...left.rels, ...right.rels]) };
      }
      case 'not': {
        const inner = cond(p.inner);
        return { kind: 'not', inner, rels: inner.rels };
      }
      case 'bool':
        return { kind: 'bool', value: p.value, rels: [] };
    }
  };
  const conjuncts: Cond[] = [];
  const joins: { left: Operand; right: Operand }[] = [];
  for (const join of stmt.joins) {
    if (!join.on) continue;
    const c = cond(join.on);
    for (const part of splitAnd(c)) {
      conjuncts.push(part);
      if (
        part.kind === 'compare' &&
        part.op === '=' &&
        part.left.kind === 'column' &&
        part.right.kind === 'column'
      )
        joins.push({ left: part.left, right: part.right });
    }
  }
  if (stmt.where) conjuncts.push(...splitAnd(cond(stmt.where)));
  return { sql, relvars, ret, conjuncts, joins, usesSender };
}

function splitAnd(c: Cond): Cond[] {
  return c.kind === 'and' ? [...splitAnd(c.left), ...splitAnd(c.right)] : [c];
}

function unique(xs: number[]): number[] {
  return [...new Set(xs)];
}

function resolveColumn(
  table: string | undefined,
  column: string,
  relvars: readonly Relvar[],
): { rel: number; col: number } {
  if (table !== undefined) {
    const rel = relvars.findIndex((r) => r.alias === table);
    if (rel < 0) throw new SqlError(`"${table}" names no relation of the query`);
    const col = columnIndex(relvars[rel]!.source, column);
    if (col < 0) throw new SqlError(`${relvars[rel]!.source.name} has no column "${column}"`);
    return { rel, col };
  }
  const found = relvars
    .map((r, rel) => ({ rel, col: columnIndex(r.source, column) }))
    .filter((x) => x.col >= 0);
  if (found.length === 0) throw new SqlError(`no relation of the query has a column "${column}"`);
  if (found.length > 1)
    throw new SqlError(`column "${column}" is ambiguous: qualify it with a table or alias`);
  return found[0]!;
}

/**
 * Checks what SpacetimeDB's SQL reference requires of a subscription beyond the language:
 * at most two tables, joined by an equality between columns that both have an index.
 */
export function checkSubscription(p: Plan): void {
  if (p.usesSender) throw new SqlError(':sender may only be used in row-level-security rules');
  if (p.relvars.length > 2)
    throw new SqlError('subscriptions do not support joins of more than two tables');
  if (p.relvars.length === 2) {
    const join = p.joins[0];
    if (
      !join ||
      join.left.kind !== 'column' ||
      join.right.kind !== 'column' ||
      join.left.rel === join.right.rel
    )
      throw new SqlError('a subscription join needs ON with an equality between the two tables');
    for (const side of [join.left, join.right]) {
      const source = p.relvars[side.rel]!.source;
      if (source.kind === 'table' && !indexedColumn(source.table!, side.col))
        throw new SqlError(
          `subscriptions join on indexed columns only: ${source.name}.${source.columns[side.col]!.name} has no index`,
        );
    }
  }
}

/** Whether some index of the table starts with this column. */
export function indexedColumn(table: TableSchema, col: number): boolean {
  return table.indexes.some((ix) => ix.columns[0] === col);
}
