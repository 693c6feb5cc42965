/**
 * The schema a loaded module runs on: its tables, indexes, constraints, sequences and
 * reducers, as described by its `RawModuleDefV10`, with the canonical names SpacetimeDB would
 * give them and the byte-level operations the store needs per column.
 */
import type { AlgebraicType } from 'spacetimedb';
import {
  intRange,
  intSize,
  isSignedInt,
  resolveType,
  valueOps,
  type Typespace,
  type ValueOps,
} from './bsatn.js';
import {
  section,
  toSnakeCase,
  typeName,
  type LifecycleTag,
  type RawModuleDefV10,
  type RawTableDef,
  type RawViewDef,
} from './moduleDef.js';

/** A table column or a reducer parameter. */
export interface ColumnInfo {
  readonly name: string;
  readonly type: AlgebraicType;
  /** Readable type, e.g. `u64`, `Option<string>`, `Identity`, `Condition`. */
  readonly typeName: string;
}

export interface IndexInfo {
  readonly id: number;
  /** The canonical name: an explicit `name` if the module gave one, else the source name. */
  readonly name: string;
  /** The name the module asks the host for, e.g. `item_shelf_slot_idx_btree`. */
  readonly sourceName: string;
  /** The property on `ctx.db.<table>` that exposes the index. */
  readonly accessor: string | undefined;
  readonly algorithm: 'btree' | 'hash' | 'direct';
  readonly columns: readonly string[];
  /** Whether a unique constraint covers exactly these columns. */
  readonly unique: boolean;
}

export interface SequenceInfo {
  readonly column: string;
  readonly start: bigint;
  readonly increment: bigint;
  readonly min: bigint;
  readonly max: bigint;
}

export interface TableInfo {
  readonly id: number;
  /** Canonical name (snake_case of the accessor unless the module named the table). */
  readonly name: string;
  /** The accessor name, as in `ctx.db.<sourceName>`. */
  readonly sourceName: string;
  readonly public: boolean;
  readonly isEvent: boolean;
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
  readonly uniqueConstraints: readonly (readonly string[])[];
  readonly sequences: readonly SequenceInfo[];
  readonly indexes: readonly IndexInfo[];
}

export type LifecycleKind = 'init' | 'clientConnected' | 'clientDisconnected';

export interface ReducerInfo {
  /** The id `__call_reducer__` receives: the position in the module's reducer list. */
  readonly id: number;
  readonly name: string;
  /** The export name in the module source. */
  readonly sourceName: string;
  readonly params: readonly ColumnInfo[];
  readonly lifecycle: LifecycleKind | undefined;
  readonly clientCallable: boolean;
}

/** What {@link TestHost.describe} returns. */
export interface ModuleDescription {
  readonly tables: readonly TableInfo[];
  readonly reducers: readonly ReducerInfo[];
  /** Canonical names of the lifecycle reducers the module defines. */
  readonly lifecycle: Readonly<Partial<Record<LifecycleKind, string>>>;
  readonly typespace: Typespace;
  /** The decoded definition, for anything not summarised above. */
  readonly raw: RawModuleDefV10;
}

export interface IndexSchema {
  readonly info: IndexInfo;
  readonly table: TableSchema;
  readonly columns: readonly number[];
  readonly keyOps: readonly ValueOps[];
}

export interface SequenceSchema {
  readonly info: SequenceInfo;
  readonly column: number;
  readonly size: number;
  readonly signed: boolean;
}

export interface TableSchema {
  readonly info: TableInfo;
  readonly rowType: AlgebraicType & { tag: 'Product' };
  readonly columnOps: readonly ValueOps[];
  readonly indexes: IndexSchema[];
  readonly uniques: readonly (readonly number[])[];
  readonly sequences: readonly SequenceSchema[];
}

/**
 * A view: a function of the database (and, unless anonymous, of the caller) whose rows clients
 * subscribe to like a table's. Its rows are the elements of `returnType` (an array, or an option
 * presented as an array of zero or one row), of product type `rowType`.
 */
export interface ViewSchema {
  /** Canonical name, as clients subscribe to it. */
  readonly name: string;
  readonly sourceName: string;
  /** The id `__call_view__` (or `__call_view_anon__` when anonymous) takes. */
  readonly index: number;
  readonly anonymous: boolean;
  readonly isPublic: boolean;
  readonly hasParams: boolean;
  readonly rowType: AlgebraicType & { tag: 'Product' };
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
}

export interface ReducerSchema {
  readonly info: ReducerInfo;
  readonly params: AlgebraicType & { tag: 'Product' };
}

export interface ModuleSchema {
  readonly description: ModuleDescription;
  readonly typespace: Typespace;
  readonly tables: readonly TableSchema[];
  readonly tablesByName: ReadonlyMap<string, TableSchema>;
  readonly tablesById: ReadonlyMap<number, TableSchema>;
  readonly indexesByName: ReadonlyMap<string, IndexSchema>;
  readonly indexesById: ReadonlyMap<number, IndexSchema>;
  readonly reducers: readonly ReducerSchema[];
  readonly reducersByName: ReadonlyMap<string, ReducerSchema>;
  readonly views: readonly ViewSchema[];
  /** Views by canonical and source name. */
  readonly viewsByName: ReadonlyMap<string, ViewSchema>;
  /** The module's row-level-security rules (`clientVisibilityFilter.sql`), as written. */
  readonly rlsRules: readonly string[];
}

/** Ids in the range SpacetimeDB gives user objects, after its system tables. */
const FIRST_ID = 4096;

const LIFECYCLE: Record<LifecycleTag, LifecycleKind> = {
  Init: 'init',
  OnConnect: 'clientConnected',
  OnDisconnect: 'clientDisconnected',
};

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Builds the runtime schema of a module from its decoded definition. */
export function buildSchema(raw: RawModuleDefV10): ModuleSchema {
  const submodules = section(raw, 'Submodules') as unknown[] | undefined;
  if (submodules && submodules.length > 0)
    throw new Error('modules with submodules are not supported by the test host');
  const typespace: Typespace = section(raw, 'Typespace') ?? { types: [] };
  const typeNames = new Map<number, string>();
  for (const td of section(raw, 'Types') ?? []) typeNames.set(td.ty, td.sourceName.sourceName);

  const policy = section(raw, 'CaseConversionPolicy')?.tag ?? 'SnakeCase';
  const explicit = {
    Table: new Map<string, string>(),
    Function: new Map<string, string>(),
    Index: new Map<string, string>(),
  };
  for (const e of section(raw, 'ExplicitNames')?.entries ?? [])
    explicit[e.tag].set(e.value.sourceName, e.value.canonicalName);
  const canonical = (kind: 'Table' | 'Function', source: string) =>
    explicit[kind].get(source) ?? (policy === 'SnakeCase' ? toSnakeCase(source) : source);

  const tables: TableSchema[] = [];
  const indexesById = new Map<number, IndexSchema>();
  const indexesByName = new Map<string, IndexSchema>();
  const tablesByName = new Map<string, TableSchema>();
  const tablesById = new Map<number, TableSchema>();
  let nextIndexId = FIRST_ID;
  (section(raw, 'Tables') ?? []).forEach((def, i) => {
    const table = buildTable(
      def,
      FIRST_ID + i,
      canonical('Table', def.sourceName),
      typespace,
      typeNames,
    );
    tables.push(table);
    for (const n of [table.info.name, table.info.sourceName]) tablesByName.set(n, table);
    tablesById.set(table.info.id, table);
    def.indexes.forEach((idx, j) => {
      const columns = idx.algorithm.tag === 'Direct' ? [idx.algorithm.value] : idx.algorithm.value;
      const sourceName = idx.sourceName ?? `${def.sourceName}_${j}_idx`;
      const info: IndexInfo = {
        id: nextIndexId++,
        name: explicit.Index.get(sourceName) ?? sourceName,
        sourceName,
        accessor: idx.accessorName,
        algorithm:
          idx.algorithm.tag === 'BTree'
            ? 'btree'
            : idx.algorithm.tag === 'Hash'
              ? 'hash'
              : 'direct',
        columns: columns.map((c) => table.info.columns[c]!.name),
        unique: table.uniques.some((u) => sameSet(u, columns)),
      };
      const index: IndexSchema = {
        info,
        table,
        columns,
        keyOps: columns.map((c) => table.columnOps[c]!),
      };
      table.indexes.push(index);
      indexesById.set(info.id, index);
      for (const n of [info.name, info.sourceName]) indexesByName.set(n, index);
    });
    (table.info.indexes as IndexInfo[]).push(...table.indexes.map((x) => x.info));
  });

  const lifecycleOf = new Map<string, LifecycleKind>();
  for (const l of section(raw, 'LifeCycleReducers') ?? [])
    lifecycleOf.set(l.functionName, LIFECYCLE[l.lifecycleSpec.tag]);
  const reducers: ReducerSchema[] = (section(raw, 'Reducers') ?? []).map((def, id) => {
    const name = canonical('Function', def.sourceName);
    const params = { tag: 'Product' as const, value: def.params };
    const info: ReducerInfo = {
      id,
      name,
      sourceName: def.sourceName,
      params: def.params.elements.map((e, k) => ({
        name: e.name ?? `${k}`,
        type: e.algebraicType,
        typeName: typeName(e.algebraicType, typespace, typeNames),
      })),
      lifecycle: lifecycleOf.get(def.sourceName) ?? lifecycleOf.get(name),
      clientCallable: def.visibility.tag === 'ClientCallable',
    };
    return { info, params: params as ReducerSchema['params'] };
  });
  const reducersByName = new Map<string, ReducerSchema>();
  for (const r of reducers)
    for (const n of [r.info.name, r.info.sourceName]) reducersByName.set(n, r);

  const lifecycle: Partial<Record<LifecycleKind, string>> = {};
  for (const r of reducers) if (r.info.lifecycle) lifecycle[r.info.lifecycle] = r.info.name;

  const viewKeys = new Map<string, string[]>();
  for (const pk of section(raw, 'ViewPrimaryKeys') ?? [])
    viewKeys.set(pk.viewSourceName, pk.columns);
  const views: ViewSchema[] = (section(raw, 'Views') ?? []).map((def) =>
    buildView(def, canonical('Function', def.sourceName), typespace, typeNames, viewKeys),
  );
  const viewsByName = new Map<string, ViewSchema>();
  for (const v of views) for (const n of [v.name, v.sourceName]) viewsByName.set(n, v);
  const rlsRules = (section(raw, 'RowLevelSecurity') ?? []).map((r) => r.sql);

  const description: ModuleDescription = {
    tables: tables.map((t) => t.info),
    reducers: reducers.map((r) => r.info),
    lifecycle,
    typespace,
    raw,
  };
  return {
    description,
    typespace,
    tables,
    tablesByName,
    tablesById,
    indexesByName,
    indexesById,
    reducers,
    reducersByName,
    views,
    viewsByName,
    rlsRules,
  };
}

function buildView(
  def: RawViewDef,
  name: string,
  typespace: Typespace,
  typeNames: ReadonlyMap<number, string>,
  keys: ReadonlyMap<string, string[]>,
): ViewSchema {
  const ret = resolveType(def.returnType, typespace);
  let element: AlgebraicType | undefined;
  if (ret.tag === 'Array') element = ret.value;
  else if (ret.tag === 'Sum' && ret.value.variants[0]?.name === 'some')
    element = ret.value.variants[0].algebraicType;
  const rowType = element && resolveType(element, typespace);
  if (!rowType || rowType.tag !== 'Product')
    throw new Error(`view ${def.sourceName}: returns neither an array nor an option of rows`);
  return {
    name,
    sourceName: def.sourceName,
    index: def.index,
    anonymous: def.isAnonymous,
    isPublic: def.isPublic,
    hasParams: def.params.elements.length > 0,
    rowType: rowType as ViewSchema['rowType'],
    columns: rowType.value.elements.map((e, k) => ({
      name: e.name ?? `${k}`,
      type: e.algebraicType,
      typeName: typeName(e.algebraicType, typespace, typeNames),
    })),
    primaryKey: keys.get(def.sourceName) ?? [],
  };
}

function buildTable(
  def: RawTableDef,
  id: number,
  name: string,
  typespace: Typespace,
  typeNames: ReadonlyMap<number, string>,
): TableSchema {
  const rowType = resolveType({ tag: 'Ref', value: def.productTypeRef }, typespace);
  if (rowType.tag !== 'Product')
    throw new Error(`table ${def.sourceName}: row type is not a product`);
  const elements = rowType.value.elements;
  const columns: ColumnInfo[] = elements.map((e, k) => ({
    name: e.name ?? `${k}`,
    type: e.algebraicType,
    typeName: typeName(e.algebraicType, typespace, typeNames),
  }));
  const cache = new Map<unknown, ValueOps>();
  const columnOps = elements.map((e) => valueOps(e.algebraicType, typespace, cache));
  const colName = (c: number) => columns[c]!.name;
  const uniques = def.constraints
    .filter((c) => c.data.tag === 'Unique')
    .map((c) => c.data.value.columns);

  const sequences: SequenceSchema[] = def.sequences.map((s) => {
    const ty = resolveType(elements[s.column]!.algebraicType, typespace);
    const size = intSize(ty.tag);
    if (size === undefined || ty.tag === 'Bool')
      throw new Error(`table ${def.sourceName}: sequence on a non-integer column`);
    const signed = isSignedInt(ty.tag);
    const [, typeMax] = intRange(size, signed);
    const min = s.minValue ?? 1n;
    const max = s.maxValue ?? typeMax;
    const info: SequenceInfo = {
      column: colName(s.column),
      start: s.start ?? min,
      increment: s.increment,
      min,
      max,
    };
    return { info, column: s.column, size, signed };
  });

  const info: TableInfo = {
    id,
    name,
    sourceName: def.sourceName,
    public: def.tableAccess.tag === 'Public',
    isEvent: def.isEvent,
    columns,
    primaryKey: def.primaryKey.map(colName),
    uniqueConstraints: uniques.map((u) => u.map(colName)),
    sequences: sequences.map((s) => s.info),
    indexes: [],
  };
  return {
    info,
    rowType: rowType as TableSchema['rowType'],
    columnOps,
    indexes: [],
    uniques,
    sequences,
  };
}
