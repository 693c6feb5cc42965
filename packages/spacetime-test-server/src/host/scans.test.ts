import { beforeEach, describe, expect, it } from 'vitest';
import type { TestHost } from './index.js';
import { ALICE, LIBRARIAN, at, item, loadLibrary } from './libraryFixture.js';

/** The report the module wrote, in the order its index scan returned the rows. */
const report = (host: TestHost) =>
  host.rows<{ n: number; label: string }>('report_line').map((r) => r.label);

let host: TestHost;

beforeEach(async () => {
  host = await loadLibrary();
  // Inserted out of order, so that index order and insertion order differ.
  const stock: [string, number, number, bigint][] = [
    ['s2-7', 2, 7, 30n],
    ['s1-5', 1, 5, -10n],
    ['s2-1', 2, 1, 0n],
    ['s1-300', 1, 300, 250n],
    ['s2-40', 2, 40, -3_000_000_000n],
    ['s1-2', 1, 2, 9_000_000_000n],
    ['s3-0', 3, 0, 5n],
    ['s2-3', 2, 3, -1n],
  ];
  for (const [sku, shelf, slot, price] of stock) {
    const r = host.call('add_item', item(sku, { shelf, slot, title: sku, price }), at(ALICE));
    if (!r.ok) throw new Error(r.error);
  }
});

describe('index scans', () => {
  it('scans a range of the second column of a composite index, in index order', () => {
    host.call('shelf_report', { shelf: 2, fromSlot: 1, toSlot: 40 }, at(ALICE));
    // fromSlot included, toSlot excluded
    expect(report(host)).toEqual(['2/1 s2-1', '2/3 s2-3', '2/7 s2-7']);
    host.call('shelf_report', { shelf: 1, fromSlot: 3, toSlot: 1000 }, at(ALICE));
    expect(report(host)).toEqual(['1/5 s1-5', '1/300 s1-300']);
    host.call('shelf_report', { shelf: 9, fromSlot: 0, toSlot: 1000 }, at(ALICE));
    expect(report(host)).toEqual([]);
  });

  it('scans a prefix of a composite index, ordered by the remaining column', () => {
    host.call('whole_shelf_report', { shelf: 2 }, at(ALICE));
    expect(report(host)).toEqual(['2/1 s2-1', '2/3 s2-3', '2/7 s2-7', '2/40 s2-40']);
  });

  it('orders a signed column numerically, negatives first, across the 32-bit range', () => {
    host.call('price_report', { min: -5_000_000_000n, max: 10_000_000_000n }, at(ALICE));
    expect(report(host)).toEqual([
      '2/40 s2-40',
      '1/5 s1-5',
      '2/3 s2-3',
      '2/1 s2-1',
      '3/0 s3-0',
      '2/7 s2-7',
      '1/300 s1-300',
      '1/2 s1-2',
    ]);
    host.call('price_report', { min: -1n, max: 30n }, at(ALICE));
    expect(report(host)).toEqual(['2/3 s2-3', '2/1 s2-1', '3/0 s3-0', '2/7 s2-7']);
  });

  it('deletes through a composite-index prefix, counting the rows', () => {
    expect(host.call('clear_shelf', { shelf: 2 }, at(LIBRARIAN)).ok).toBe(true);
    expect(host.rows<{ sku: string }>('item').map((i) => i.sku)).toEqual([
      's1-5',
      's1-300',
      's1-2',
      's3-0',
    ]);
    expect(host.rows('setting')).toContainEqual({ key: 'last_clear', value: '4 of 8' });
  });

  it('returns table scans in insertion order', () => {
    expect(host.rows<{ sku: string }>('item').map((i) => i.sku)).toEqual([
      's2-7',
      's1-5',
      's2-1',
      's1-300',
      's2-40',
      's1-2',
      's3-0',
      's2-3',
    ]);
  });

  it('sees its own writes within a call, and clear() empties a table', () => {
    host.call('whole_shelf_report', { shelf: 1 }, at(ALICE));
    expect(host.rows<{ n: number }>('report_line').map((r) => r.n)).toEqual([1, 2, 3]);
    host.call('whole_shelf_report', { shelf: 3 }, at(ALICE));
    // the previous report was cleared; sequences carry on
    expect(host.rows<{ n: number }>('report_line').map((r) => r.n)).toEqual([4]);
  });
});
