import type { TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';
import type { RowChange } from './call.js';

type Row = Record<string, unknown>;
type Json = string | number | boolean | null;

/**
 * The JSON form of a call's row changes, one for every engine: the embedded log, SpacetimeDB's
 * `last_call.changes`, and what clients decode from either. JSON has no bigint, so u64 and
 * timestamp values are decimal strings; rows are arrays in declaration order (compact, and
 * decoding knows each column's type): `[[table, "i"|"u"|"d", values, oldValues?], …]`.
 */
const layoutOf = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => {
    const columns = Object.entries(decl.columns);
    return [
      name,
      {
        names: columns.map(([column]) => column),
        big: columns.map(([, c]) => c.type === 'u64' || c.type === 'timestamp'),
      },
    ];
  }),
) as Record<TableName, { names: string[]; big: boolean[] }>;

const OPS = { insert: 'i', update: 'u', delete: 'd' } as const;
const OPS_BACK = { i: 'insert', u: 'update', d: 'delete' } as const;

/**
 * Writes one row as the JSON text of its values in declaration order. An engine that encodes on
 * every commit may bring a faster one; it must write exactly what {@link plainRowJson} writes.
 */
export type RowJson = (table: TableName, row: Row) => string;

/** The row's values as `JSON.stringify` writes them: bigints as decimal strings, absent as null. */
export const plainRowJson: RowJson = (table, row) =>
  JSON.stringify(
    layoutOf[table].names.map((name) => {
      const value = row[name];
      if (value === undefined) return null;
      return typeof value === 'bigint' ? value.toString() : value;
    }),
  );

/** The start of a change's JSON text, per table and op (`["messages","i",`). */
const heads = Object.fromEntries(
  Object.keys(tables).map((table) => [
    table,
    Object.fromEntries(
      Object.entries(OPS).map(([op, code]) => [op, `[${JSON.stringify(table)},"${code}",`]),
    ),
  ]),
) as Record<TableName, Record<RowChange['op'], string>>;

/** An encoder of row changes writing each row with `rowJson`. */
export function changesEncoder(rowJson: RowJson): (changes: readonly RowChange[]) => string {
  return (changes) => {
    let text = '[';
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]!;
      if (i > 0) text += ',';
      text += heads[c.table][c.op] + rowJson(c.table, c.row as Row);
      if (c.op === 'update') text += ',' + rowJson(c.table, c.old as Row);
      text += ']';
    }
    return text + ']';
  };
}

/** Encodes a call's row changes in their JSON form (see the note on the form above). */
export const encodeChanges = changesEncoder(plainRowJson);

// Decoding by a plain loop over the table's layout, worked out once: every subscriber and
// replay decodes what was committed.
function decodeRow(table: TableName, values: Json[]): Row {
  const { names, big } = layoutOf[table];
  const row: Row = {};
  for (let i = 0; i < names.length; i++) {
    const value = values[i];
    row[names[i]!] =
      value === null || value === undefined ? undefined : big[i] ? BigInt(value as string) : value;
  }
  return row;
}

/** Reads back what {@link encodeChanges} (or any encoder of the same form) wrote. */
export function decodeChanges(text: string): RowChange[] {
  const entries = JSON.parse(text) as [TableName, 'i' | 'u' | 'd', Json[], Json[]?][];
  return entries.map(([table, op, row, old]) => {
    const change: Record<string, unknown> = { table, op: OPS_BACK[op], row: decodeRow(table, row) };
    if (old) change['old'] = decodeRow(table, old);
    return change as RowChange;
  });
}
