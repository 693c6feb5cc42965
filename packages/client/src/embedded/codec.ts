import type { ArgsDecl, TableName } from '@spaces/core';
import { changesEncoder, tables } from '@spaces/core';

type Row = Record<string, unknown>;

/**
 * Each table's row encoder, generated from its declaration: every commit encodes its changes, and
 * verify every replayed call, so each property is read by its name and no intermediate array is
 * built. It writes exactly what core's `plainRowJson` writes (the codec test checks it): bigints
 * as decimal strings, absent values as null, everything else as `JSON.stringify` writes it.
 * Column names come from core's declarations, written as JSON string literals.
 */
const rowEncoders = Object.fromEntries(
  Object.entries(tables).map(([name, decl]) => [name, encoderOf(Object.keys(decl.columns))]),
) as Record<TableName, (row: Row) => string>;

function encoderOf(names: readonly string[]): (row: Row) => string {
  const value = (name: string) => {
    const v = `r[${JSON.stringify(name)}]`;
    return `(${v} === undefined ? 'null' : typeof ${v} === 'bigint' ? '"' + ${v} + '"' : json(${v}))`;
  };
  const body = names.length === 0 ? `'[]'` : `'[' + ${names.map(value).join(` + ',' + `)} + ']'`;
  return new Function('json', `return (r) => ${body};`)(JSON.stringify) as (row: Row) => string;
}

/** Encodes a call's row changes for the log, in core's changes form, with the generated encoders. */
export const encodeChanges = changesEncoder((table, row) => rowEncoders[table](row));

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
