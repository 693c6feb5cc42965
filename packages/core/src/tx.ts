import type { Rows, TableName } from './schema/tables.js';

/**
 * What a reducer may do to one table. Every engine implements it: in memory (persistent maps),
 * in SQLite (prepared statements inside a transaction) and in SpacetimeDB (`ctx.db`).
 * Lookups go through the primary key or an index, so a call's cost never depends on table size.
 */
export interface TableTx<Row> {
  /** The row with this primary key. */
  find(key: Row[keyof Row]): Row | undefined;
  /** The row whose unique column equals the value. */
  findBy<K extends keyof Row>(column: K, value: Row[K]): Row | undefined;
  /** Rows whose indexed column equals the value, in primary-key order. */
  filter<K extends keyof Row>(column: K, value: NonNullable<Row[K]>): Row[];
  /** Inserts a row; an auto-increment column given as `0n` is filled. Returns the stored row. */
  insert(row: Row): Row;
  /** Replaces the row with the same primary key. Returns the stored row. */
  update(row: Row): Row;
  /** Deletes the row with this primary key; false if there was none. */
  delete(key: Row[keyof Row]): boolean;
}

/** A transaction over every table. */
export type Tx = { [K in TableName]: TableTx<Rows[K]> };

/** The lookups of a table: what visibility rules need, inside a reducer or outside one. */
export type TableLookup<Row> = Pick<TableTx<Row>, 'find' | 'findBy' | 'filter'>;

/** Lookups over every table; a {@link Tx} is one, and so is a {@link ReadTx}. */
export type LookupTx = { [K in TableName]: TableLookup<Rows[K]> };

/**
 * What the read queries need of one table: the lookups, and a scan for the small tables a
 * listing reads whole (users, channels, roles...). Reducers never scan: their cost must not
 * depend on table size.
 */
export interface ReadTable<Row> extends TableLookup<Row> {
  /** Every row, in primary-key order. */
  scan(): Row[];
}

/** Read access to every table: what engines hand to core's read queries. */
export type ReadTx = { [K in TableName]: ReadTable<Rows[K]> };

/** What the engine gives a call besides the tables: who, when, and randomness. */
export interface ReducerContext {
  /** The caller's identity: 64 lowercase hex characters. */
  readonly sender: string;
  /** Microseconds since the Unix epoch. */
  readonly timestamp: bigint;
  /** Uniform in [0, 1), seeded per call by the engine. */
  random(): number;
}
