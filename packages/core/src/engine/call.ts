import type { Rows, TableName } from '../schema/tables.js';

/** One call of a reducer, with everything that makes it deterministic. */
export interface Call {
  readonly reducer: string;
  readonly args: unknown;
  /** 64 lowercase hex characters. */
  readonly sender: string;
  /** Microseconds since the Unix epoch. */
  readonly timestamp: bigint;
  /** Seeds the call's randomness; defaults to one derived from the timestamp. */
  readonly seed?: number;
  /**
   * The secret arguments are already their hashes, as a log keeps them (replay). Left out, they
   * arrive in clear and are hashed before the reducer runs.
   */
  readonly hashedSecrets?: boolean;
}

/** One row change a call produced, in the order it happened. */
export type RowChange = {
  [K in TableName]:
    | { table: K; op: 'insert'; row: Rows[K] }
    | { table: K; op: 'update'; row: Rows[K]; old: Rows[K] }
    | { table: K; op: 'delete'; row: Rows[K] };
}[TableName];
