import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpacesError } from '../errors.js';
import { primaryKeyOf, uniqueColumnsOf } from '../schema/table.js';
import type { TableName } from '../schema/tables.js';
import { tables } from '../schema/tables.js';
import { rowsArb } from '../testing/index.js';
import { emptyTable, memoryTableTx } from './memoryTable.js';

const names = Object.keys(tables) as TableName[];
type AnyRow = Record<string, unknown>;

describe('memory tables honour their declarations', () => {
  for (const name of names) {
    const decl = tables[name];
    const pk = primaryKeyOf(decl);
    it(`${name}: rows with distinct keys go in and come back by key and by unique column`, () => {
      fc.assert(
        fc.property(rowsArb(name, { maxLength: 8 }), (rows) => {
          const { tx, current } = memoryTableTx(decl, emptyTable(decl));
          for (const row of rows) tx.insert(row as AnyRow);
          expect(current().rows.size).toBe(rows.length);
          for (const row of rows as AnyRow[]) {
            expect(tx.find(row[pk])).toEqual(row);
            for (const column of uniqueColumnsOf(decl))
              expect(tx.findBy(column, row[column])).toEqual(row);
          }
        }),
        { numRuns: 25 },
      );
    });

    it(`${name}: a second row with a taken key or unique value is refused`, () => {
      fc.assert(
        fc.property(
          rowsArb(name, { maxLength: 2 }).filter((r) => r.length === 2),
          ([a, b]) => {
            for (const column of uniqueColumnsOf(decl)) {
              const { tx } = memoryTableTx(decl, emptyTable(decl));
              tx.insert(a as AnyRow);
              const clash = { ...(b as AnyRow), [column]: (a as AnyRow)[column] };
              expect(() => tx.insert(clash)).toThrow(SpacesError);
            }
          },
        ),
        { numRuns: 10 },
      );
    });
  }

  it('fills auto-increment ids given as 0n, continuing after explicit ones', () => {
    const decl = tables.messages;
    const { tx } = memoryTableTx(decl, emptyTable(decl));
    const row = {
      channelId: 1n,
      sender: 'a'.repeat(64),
      kind: 'Text',
      text: 'x',
      sentAt: 1n,
      editHistory: '[]',
    };
    expect(tx.insert({ ...row, id: 0n }).id).toBe(1n);
    expect(tx.insert({ ...row, id: 10n }).id).toBe(10n);
    expect(tx.insert({ ...row, id: 0n }).id).toBe(11n);
  });

  it('keeps indexes right through updates and deletes', () => {
    const decl = tables.members;
    const { tx } = memoryTableTx(decl, emptyTable(decl));
    const m = tx.insert({ id: 0n, channelId: 1n, identity: 'a'.repeat(64), joinedAt: 1n });
    tx.insert({ id: 0n, channelId: 1n, identity: 'b'.repeat(64), joinedAt: 1n });
    tx.update({ ...m, channelId: 2n });
    expect(tx.filter('channelId', 1n).map((r) => r.identity)).toEqual(['b'.repeat(64)]);
    expect(tx.filter('channelId', 2n)).toHaveLength(1);
    expect(tx.delete(m.id)).toBe(true);
    expect(tx.delete(m.id)).toBe(false);
    expect(tx.filter('channelId', 2n)).toEqual([]);
  });

  it('refuses a lookup by a column with no index instead of answering wrongly', () => {
    const decl = tables.users;
    const { tx } = memoryTableTx(decl, emptyTable(decl));
    expect(() => tx.findBy('displayName', 'x')).toThrow('users.displayName has no index');
    expect(() => tx.filter('kind', 'agent')).toThrow('users.kind has no index');
  });

  it('leaves the table it started from untouched (persistence)', () => {
    const decl = tables.channels;
    const start = emptyTable(decl);
    const { tx, current } = memoryTableTx(decl, start);
    tx.insert({
      id: 0n,
      name: 'x',
      kind: 'Text',
      description: '',
      private: false,
      createdBy: 'a'.repeat(64),
      createdAt: 1n,
      updatedAt: 1n,
    });
    expect(start.rows.size).toBe(0);
    expect(current().rows.size).toBe(1);
  });
});
