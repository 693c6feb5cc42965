import type { ArgsDecl, RowChange, TableName } from '@spaces/core';
import { tables } from '@spaces/core';

type Row = Record<string, unknown>;
type Json = string | number | boolean | null;

/**
 * The log's JSON form. JSON has no bigint, so u64 and timestamp values are decimal strings;
 * rows are arrays in declaration order (compact, and decoding knows each column's type).
 */
const columnsOf = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => [name, Object.entries(decl.columns)]),
) as Record<TableName, [string, { type: string; optional?: boolean }][]>;

const OPS = { insert: 'i', update: 'u', delete: 'd' } as const;
const OPS_BACK = { i: 'insert', u: 'update', d: 'delete' } as const;

function encodeRow(table: TableName, row: Row): Json[] {
  return columnsOf[table].map(([name]) => {
    const value = row[name];
    if (value === undefined) return null;
    return typeof value === 'bigint' ? value.toString() : (value as Json);
  });
}

function decodeRow(table: TableName, values: Json[]): Row {
  const row: Row = {};
  columnsOf[table].forEach(([name, column], i) => {
    const value = values[i];
    if (value === null || value === undefined) row[name] = undefined;
    else if (column.type === 'u64' || column.type === 'timestamp')
      row[name] = BigInt(value as string);
    else row[name] = value;
  });
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
