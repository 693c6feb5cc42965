import fc from 'fast-check';
import type { RowChange } from '../engine/call.js';
import { HOSTILE_TEXTS } from './texts.js';
import type { ColumnDecl } from '../schema/column.js';
import { primaryKeyOf, uniqueColumnsOf } from '../schema/table.js';
import type { Rows, TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';

const U64_MAX = (1n << 64n) - 1n;
const HEX = '0123456789abcdef'.split('');

/** Any identity: 64 lowercase hex characters. */
export const identityArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...HEX), { minLength: 64, maxLength: 64 })
  .map((chars) => chars.join(''));

/** An arbitrary value of one column, from its declared type (optional columns may be absent). */
export function columnArb(column: ColumnDecl): fc.Arbitrary<unknown> {
  const value = ((): fc.Arbitrary<unknown> => {
    switch (column.type) {
      case 'u64':
        return column.autoInc
          ? fc.bigInt({ min: 1n, max: U64_MAX })
          : fc.bigInt({ min: 0n, max: U64_MAX });
      case 'u32':
        return fc.integer({ min: 0, max: 0xffffffff });
      case 'string':
        return fc.string({ maxLength: 40 });
      case 'bool':
        return fc.boolean();
      case 'identity':
        return identityArb;
      case 'timestamp':
        return fc.bigInt({ min: 0n, max: 1n << 62n });
      case 'json':
        return fc.json({ maxDepth: 2 });
    }
  })();
  return column.optional ? fc.option(value, { nil: undefined }) : value;
}

/** An arbitrary row of a table, derived from its column declarations alone. */
export function rowArb<K extends TableName>(table: K): fc.Arbitrary<Rows[K]> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, column] of Object.entries(tables[table].columns)) {
    model[name] = columnArb(column);
  }
  return fc.record(model) as unknown as fc.Arbitrary<Rows[K]>;
}

/** An arbitrary row change of any table: an insert, an update (with its old row) or a delete. */
export const changeArb: fc.Arbitrary<RowChange> = fc
  .constantFrom(...(Object.keys(tables) as TableName[]))
  .chain((table) =>
    fc.record({
      table: fc.constant(table),
      op: fc.constantFrom('insert', 'update', 'delete'),
      row: rowArb(table),
      old: rowArb(table),
    }),
  )
  .map(
    ({ table, op, row, old }) =>
      (op === 'update' ? { table, op, row, old } : { table, op, row }) as unknown as RowChange,
  );

/** A message insert whose text is one of the hostile texts (escapes, surrogates, bidi...). */
export const hostileChangeArb: fc.Arbitrary<RowChange> = fc
  .constantFrom(...HOSTILE_TEXTS)
  .chain((text) => rowArb('messages').map((row) => ({ ...row, text })))
  .map((row) => ({ table: 'messages', op: 'insert', row }) as RowChange);

/** Row changes of every shape, hostile texts included: what a codec of changes must carry. */
export const anyChangeArb: fc.Arbitrary<RowChange> = fc.oneof(changeArb, hostileChangeArb);

/** Rows of a table that respect its primary key and unique columns, as a store would hold them. */
export function rowsArb<K extends TableName>(
  table: K,
  constraints: { maxLength?: number } = {},
): fc.Arbitrary<Rows[K][]> {
  const decl = tables[table];
  const unique = uniqueColumnsOf(decl);
  return fc.uniqueArray(rowArb(table), {
    maxLength: constraints.maxLength ?? 20,
    // One selector per unique column: no two rows share any of them.
    selector: (row) =>
      unique.map((c) => String((row as Record<string, unknown>)[c])).join('\u0000'),
    comparator: (a, b) => a.split('\u0000').some((v, i) => v === b.split('\u0000')[i]),
  }) as fc.Arbitrary<Rows[K][]>;
}

/** The primary key value of a row. */
export function keyOfRow(table: TableName, row: object): unknown {
  return (row as Record<string, unknown>)[primaryKeyOf(tables[table])];
}
