import type { ArgsDecl, RowChange, TableName } from '@spaces/core';
import { tables } from '@spaces/core';

type Row = Record<string, unknown>;
type Json = string | number | boolean | null;

/**
 * The log's JSON form. JSON has no bigint, so u64 and timestamp values are decimal strings;
 * rows are arrays in declaration order (compact, and decoding knows each column's type).
 */
const layoutOf = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => {
    const columns = Object.entries(decl.columns);
    return [
      name,
      {
        names: columns.map(([column]) => column),
        big: columns.map(([, c]) => c.type === 'u64' || c.type === 'timestamp'),
        encode: encoderOf(columns.map(([column]) => column)),
      },
    ];
  }),
) as Record<TableName, { names: string[]; big: boolean[]; encode: (row: Row) => Json[] }>;

const OPS = { insert: 'i', update: 'u', delete: 'd' } as const;
const OPS_BACK = { i: 'insert', u: 'update', d: 'delete' } as const;

/**
 * A row's values in declaration order, for JSON: generated per table (every commit encodes its
 * changes), so each property is read by its name rather than by a key that varies. Column names
 * come from core's declarations, written as JSON string literals.
 */
function encoderOf(names: readonly string[]): (row: Row) => Json[] {
  const value = (name: string) => {
    const v = `r[${JSON.stringify(name)}]`;
    return `(${v} === undefined ? null : typeof ${v} === 'bigint' ? ${v}.toString() : ${v})`;
  };
  return new Function('r', `return [${names.map(value).join(', ')}];`) as (row: Row) => Json[];
}

function encodeRow(table: TableName, row: Row): Json[] {
  return layoutOf[table].encode(row);
}

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

/** Encodes a call's row changes for the log. */
export function encodeChanges(changes: readonly RowChange[]): string {
  return JSON.stringify(
    changes.map((c) =>
      c.op === 'update'
        ? [c.table, OPS[c.op], encodeRow(c.table, c.row as Row), encodeRow(c.table, c.old as Row)]
        : [c.table, OPS[c.op], encodeRow(c.table, c.row as Row)],
    ),
  );
}

/** Decodes the row changes of a log entry. */
export function decodeChanges(text: string): RowChange[] {
  const entries = JSON.parse(text) as [TableName, 'i' | 'u' | 'd', Json[], Json[]?][];
  return entries.map(([table, op, row, old]) => {
    const change: Record<string, unknown> = { table, op: OPS_BACK[op], row: decodeRow(table, row) };
    if (old) change['old'] = decodeRow(table, old);
    return change as RowChange;
  });
}

/**
 * Encodes a call's parsed arguments for the log: bigints as decimal strings, which core's
 * `parseArgs` reads back, in declaration order (`parseArgs` builds them so). It takes the
 * declaration so that arguments needing another form in the log are encoded here, in one place.
 */
export function encodeArgs(decl: ArgsDecl, args: Readonly<Record<string, unknown>>): string {
  const plain: Record<string, unknown> = {};
  for (const name of Object.keys(decl)) {
    const value = args[name];
    if (value !== undefined) plain[name] = typeof value === 'bigint' ? value.toString() : value;
  }
  return JSON.stringify(plain);
}
