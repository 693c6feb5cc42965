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
) as Record<TableName, { names: string[]; big: boolean[]; encode: (row: Row) => string }>;

const OPS = { insert: 'i', update: 'u', delete: 'd' } as const;
const OPS_BACK = { i: 'insert', u: 'update', d: 'delete' } as const;

/**
 * A row as the JSON text of its values in declaration order: generated per table (every commit
 * encodes its changes, and verify every replayed call), so each property is read by its name and
 * no intermediate array is built. The text is exactly `JSON.stringify` of that array (verify
 * compares it with what older versions logged): bigints as decimal strings, absent values as
 * null, everything else as `JSON.stringify` writes it. Column names come from core's
 * declarations, written as JSON string literals.
 */
function encoderOf(names: readonly string[]): (row: Row) => string {
  const value = (name: string) => {
    const v = `r[${JSON.stringify(name)}]`;
    return `(${v} === undefined ? 'null' : typeof ${v} === 'bigint' ? '"' + ${v} + '"' : json(${v}))`;
  };
  const body = names.length === 0 ? `'[]'` : `'[' + ${names.map(value).join(` + ',' + `)} + ']'`;
  return new Function('json', `return (r) => ${body};`)(JSON.stringify) as (row: Row) => string;
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

/** The start of a change's JSON text, per table and op (`["messages","i",`). */
const heads = Object.fromEntries(
  Object.keys(tables).map((table) => [
    table,
    Object.fromEntries(
      Object.entries(OPS).map(([op, code]) => [op, `[${JSON.stringify(table)},"${code}",`]),
    ),
  ]),
) as Record<TableName, Record<RowChange['op'], string>>;

/** Encodes a call's row changes for the log (the JSON text of `[table, op, row, old?]` entries). */
export function encodeChanges(changes: readonly RowChange[]): string {
  let text = '[';
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const { encode } = layoutOf[c.table];
    if (i > 0) text += ',';
    text += heads[c.table][c.op] + encode(c.row as Row);
    if (c.op === 'update') text += ',' + encode(c.old as Row);
    text += ']';
  }
  return text + ']';
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

/** Each reducer's arguments encoder, made on first use (see {@link encodeArgs}). */
const argsEncoders = new WeakMap<ArgsDecl, (args: Readonly<Record<string, unknown>>) => string>();

/**
 * Encodes a call's parsed arguments for the log: bigints as decimal strings, which core's
 * `parseArgs` reads back, in declaration order (`parseArgs` builds them so), absent ones left
 * out. The text is exactly `JSON.stringify` of that object, built by an encoder generated per
 * declaration (every commit encodes its arguments). It takes the declaration so that arguments
 * needing another form in the log are encoded here, in one place.
 */
export function encodeArgs(decl: ArgsDecl, args: Readonly<Record<string, unknown>>): string {
  let encode = argsEncoders.get(decl);
  if (!encode) {
    encode = argsEncoderOf(Object.keys(decl));
    argsEncoders.set(decl, encode);
  }
  return encode(args);
}

function argsEncoderOf(
  names: readonly string[],
): (args: Readonly<Record<string, unknown>>) => string {
  const parts = names.map((name) => {
    const key = JSON.stringify(name);
    return `v = a[${key}];
      if (v !== undefined) t += ${JSON.stringify(',' + key + ':')} + (typeof v === 'bigint' ? '"' + v + '"' : json(v));`;
  });
  return new Function(
    'json',
    `return (a) => { let t = ''; let v; ${parts.join('\n')} return '{' + t.slice(1) + '}'; };`,
  )(JSON.stringify) as (args: Readonly<Record<string, unknown>>) => string;
}
