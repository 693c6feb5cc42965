import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArgsDecl, RowChange, TableName } from '@spaces/core';
import { reducers, tables } from '@spaces/core';
import { HOSTILE_TEXTS, columnArb, rowArb } from '@spaces/core/testing';
import { decodeChanges, encodeArgs, encodeChanges } from './codec.js';

const TABLES = Object.keys(tables) as TableName[];

/** The log's form as first written: JSON.stringify of `[table, op, values, old?]` arrays. */
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

const changeArb: fc.Arbitrary<RowChange> = fc
  .constantFrom(...TABLES)
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

describe('the log codec', () => {
  it('writes exactly the text earlier versions logged, so verify compares old logs alike', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 4 }), (changes) => {
        expect(encodeChanges(changes)).toBe(arrayForm(changes));
      }),
    );
  });

  it('reads back every change it wrote', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 4 }), (changes) => {
        expect(decodeChanges(encodeChanges(changes))).toEqual(changes);
      }),
    );
  });

  it('escapes hostile text as JSON does', () => {
    for (const text of HOSTILE_TEXTS) {
      const change = {
        table: 'messages',
        op: 'insert',
        row: { id: 1n, channelId: 1n, sender: 'a'.repeat(64), text, editHistory: '[]' },
      } as unknown as RowChange;
      expect(encodeChanges([change])).toBe(arrayForm([change]));
    }
  });

  it('writes arguments as JSON.stringify does, bigints as strings, absent ones left out', () => {
    const decls = Object.values(reducers).map((r) => (r as { args: ArgsDecl }).args);
    for (const decl of decls) {
      const model = Object.fromEntries(
        Object.entries(decl).map(([name, arg]) => [name, columnArb(arg)]),
      );
      fc.assert(
        fc.property(fc.record(model), (args) => {
          const plain = Object.fromEntries(
            Object.keys(decl)
              .filter((name) => args[name] !== undefined)
              .map((name) => {
                const v = args[name];
                return [name, typeof v === 'bigint' ? v.toString() : v];
              }),
          );
          expect(encodeArgs(decl, args)).toBe(JSON.stringify(plain));
        }),
        { numRuns: 20 },
      );
    }
  });
});
