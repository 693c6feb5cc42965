/**
 * The column vocabulary every engine understands. Each maps to one SpacetimeDB algebraic type
 * (the module derives `t.*` from it), one SQLite affinity, and one TypeScript type.
 */
export type ColumnType =
  | 'u64' // bigint; ids and counters
  | 'u32' // number
  | 'string'
  | 'bool'
  | 'identity' // 64-character lowercase hex string
  | 'timestamp' // bigint microseconds since the Unix epoch
  | 'json'; // a string holding JSON (payloads, edit history)

/** One column: its type and the constraints an engine must honour. */
export interface ColumnDecl {
  readonly type: ColumnType;
  /** Absent values are `undefined` in rows (SpacetimeDB `option`, SQLite NULL). */
  readonly optional?: boolean;
  readonly primaryKey?: boolean;
  /** Filled by the engine on insert when the row carries `0n` / `0`. */
  readonly autoInc?: boolean;
  readonly unique?: boolean;
  /** A btree index on this column alone: point and range lookups in index order. */
  readonly index?: boolean;
}

/** The TypeScript value of a column type. */
export interface ColumnValue {
  u64: bigint;
  u32: number;
  string: string;
  bool: boolean;
  identity: string;
  timestamp: bigint;
  json: string;
}

/** The TypeScript value a column declaration holds in a row. */
export type ValueOf<C extends ColumnDecl> = C['optional'] extends true
  ? ColumnValue[C['type']] | undefined
  : ColumnValue[C['type']];
