import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleDescription, TableInfo } from './index.js';
import { loadLibrary } from './libraryFixture.js';

let d: ModuleDescription;
const table = (name: string): TableInfo => {
  const t = d.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

beforeAll(async () => {
  d = (await loadLibrary({ init: false })).describe();
});

describe('describe()', () => {
  it('lists every table under its canonical name, with its accessor name and visibility', () => {
    expect(d.tables.map((t) => [t.name, t.sourceName, t.public])).toEqual([
      ['item', 'item', true],
      ['loan', 'loan', false],
      ['visitor', 'visitor', true],
      ['report_line', 'reportLine', true],
      ['setting', 'setting', false],
    ]);
  });

  it('gives columns in declaration order with readable types', () => {
    expect(table('item').columns.map((c) => `${c.name}: ${c.typeName}`)).toEqual([
      'id: u64',
      'sku: string',
      'shelf: u32',
      'slot: u16',
      'title: string',
      'note: Option<string>',
      'condition: Condition',
      'price: i64',
      'addedBy: Identity',
      'addedAt: Timestamp',
    ]);
    expect(table('loan').columns.map((c) => c.typeName)).toEqual([
      'u32',
      'u64',
      'Identity',
      'Timestamp',
    ]);
  });

  it('reports primary keys, unique constraints and auto-increment sequences', () => {
    const item = table('item');
    expect(item.primaryKey).toEqual(['id']);
    expect(item.uniqueConstraints).toEqual([['id'], ['sku']]);
    expect(item.sequences).toEqual([
      { column: 'id', start: 1n, increment: 1n, min: 1n, max: 2n ** 64n - 1n },
    ]);
    expect(table('loan').sequences.map((s) => [s.column, s.max])).toEqual([
      ['loanId', 2n ** 32n - 1n],
    ]);
    expect(table('visitor').primaryKey).toEqual(['identity']);
    expect(table('visitor').sequences).toEqual([]);
  });

  it('reports single-column, unique and composite btree indexes', () => {
    expect(
      table('item').indexes.map((i) => ({
        name: i.name,
        accessor: i.accessor,
        columns: i.columns,
        unique: i.unique,
        algorithm: i.algorithm,
      })),
    ).toEqual([
      {
        name: 'item_id_idx_btree',
        accessor: 'id',
        columns: ['id'],
        unique: true,
        algorithm: 'btree',
      },
      {
        name: 'item_sku_idx_btree',
        accessor: 'sku',
        columns: ['sku'],
        unique: true,
        algorithm: 'btree',
      },
      {
        name: 'item_price_idx_btree',
        accessor: 'price',
        columns: ['price'],
        unique: false,
        algorithm: 'btree',
      },
      {
        name: 'item_shelf_slot_idx_btree',
        accessor: 'byShelfSlot',
        columns: ['shelf', 'slot'],
        unique: false,
        algorithm: 'btree',
      },
    ]);
    expect(table('loan').indexes.map((i) => [i.accessor, i.unique])).toEqual([
      ['loanId', true],
      ['itemId', false],
    ]);
  });

  it('lists reducers with ids, canonical names and typed parameters', () => {
    const addItem = d.reducers.find((r) => r.name === 'add_item')!;
    expect(addItem.params.map((p) => `${p.name}: ${p.typeName}`)).toEqual([
      'sku: string',
      'shelf: u32',
      'slot: u16',
      'title: string',
      'note: Option<string>',
      'condition: Condition',
      'price: i64',
    ]);
    expect(addItem.clientCallable).toBe(true);
    expect(addItem.lifecycle).toBeUndefined();
    // Ids are positions in the module's reducer list, which is what __call_reducer__ indexes.
    expect(d.reducers.map((r) => r.id)).toEqual(d.reducers.map((_, i) => i));
    expect(d.reducers.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'add_two_then_fail',
        'retitle',
        'relabel',
        'shelf_report',
        'price_report',
        'clear_shelf',
      ]),
    );
  });

  it('identifies the lifecycle reducers', () => {
    expect(d.lifecycle).toEqual({
      init: 'init',
      clientConnected: 'on_connect',
      clientDisconnected: 'on_disconnect',
    });
    const connect = d.reducers.find((r) => r.lifecycle === 'clientConnected')!;
    expect([connect.name, connect.sourceName, connect.params]).toEqual([
      'on_connect',
      'onConnect',
      [],
    ]);
  });

  it('keeps the decoded RawModuleDefV10 for anything else', () => {
    expect(d.raw.sections.map((s) => s.tag)).toEqual(
      expect.arrayContaining(['Typespace', 'Tables', 'Reducers', 'LifeCycleReducers']),
    );
  });
});
