import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';
import { anyChangeArb } from '../testing/rows.js';
import type { RowChange } from './call.js';
import { decodeChanges, encodeChanges } from './changesJson.js';

/** The form as first written: JSON.stringify of `[table, op, values, old?]` arrays. */
function arrayForm(changes: readonly RowChange[]): string {
  const values = (table: TableName, row: Record<string, unknown>) =>
    Object.keys(tables[table].columns).map((c) => {
      const v = row[c];
      return v === undefined ? null : typeof v === 'bigint' ? v.toString() : v;
    });
  const ops = { insert: 'i', update: 'u', delete: 'd' } as const;
  return JSON.stringify(
    changes.map((c) =>
      c.op === 'update'
        ? [c.table, ops[c.op], values(c.table, c.row), values(c.table, c.old)]
        : [c.table, ops[c.op], values(c.table, c.row)],
    ),
  );
}

describe("a call's changes as JSON", () => {
  it('writes exactly the text earlier versions logged, so verify compares old logs alike', () => {
    fc.assert(
      fc.property(fc.array(anyChangeArb, { maxLength: 4 }), (changes) => {
        expect(encodeChanges(changes)).toBe(arrayForm(changes));
      }),
    );
  });

  it('reads back every change it wrote, bigints, absent values and hostile texts included', () => {
    fc.assert(
      fc.property(fc.array(anyChangeArb, { maxLength: 4 }), (changes) => {
        expect(decodeChanges(encodeChanges(changes))).toEqual(changes);
      }),
    );
  });
});
