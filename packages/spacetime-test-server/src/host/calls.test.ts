import { describe, expect, it } from 'vitest';
import { Identity } from 'spacetimedb';
import { ALICE, BOB, LIBRARIAN, T0, at, item, loadLibrary } from './libraryFixture.js';

type Item = {
  id: bigint;
  sku: string;
  title: string;
  note: string | undefined;
  condition: { tag: string; value?: unknown };
  addedBy: Identity;
};

describe('reducer calls', () => {
  it('commits a successful call and returns its net changes', async () => {
    const host = await loadLibrary();
    const r = host.call(
      'add_item',
      item('a', { note: 'signed', condition: { tag: 'Damaged', value: 'torn cover' } }),
      at(ALICE, 5),
    );
    expect(r.ok).toBe(true);
    const [row] = host.rows<Item>('item');
    expect(row).toMatchObject({
      id: 1n,
      sku: 'a',
      note: 'signed',
      condition: { tag: 'Damaged', value: 'torn cover' },
    });
    expect(row!.addedBy.toHexString()).toBe(ALICE);
    expect(r.ok && r.changes).toEqual([{ table: 'item', inserted: [row], deleted: [] }]);
  });

  it('numbers auto-increment columns from 1 upwards and hands the value back to the module', async () => {
    const host = await loadLibrary();
    for (const sku of ['a', 'b', 'c'])
      expect(host.call('add_item', item(sku), at(ALICE)).ok).toBe(true);
    expect(host.rows<Item>('item').map((i) => i.id)).toEqual([1n, 2n, 3n]);
    // add_item logs the id insert() returned, which the host wrote back into the row buffer.
    expect(host.logs.filter((l) => l.reducer === 'add_item').map((l) => l.message)).toEqual([
      'added item 1',
      'added item 2',
      'added item 3',
    ]);
    host.call('lend', { itemId: 2n, days: 1 }, at(BOB));
    host.call('lend', { itemId: 3n, days: 1 }, at(BOB));
    expect(host.rows<{ loanId: number }>('loan').map((l) => l.loanId)).toEqual([1, 2]);
  });

  it('rolls back everything when a SenderError is thrown, and says so', async () => {
    const host = await loadLibrary();
    const r = host.call('add_item', item('a', { title: '  ' }), at(ALICE));
    expect(r).toMatchObject({
      ok: false,
      senderError: true,
      error: 'title must not be empty',
      errorName: 'SenderError',
    });
    expect(host.count('item')).toBe(0);
  });

  it('rolls back a call that inserted rows before failing with an ordinary error', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('keep'), at(ALICE));
    const r = host.call('add_two_then_fail', { sku: 'gone' }, at(ALICE));
    expect(r).toMatchObject({
      ok: false,
      senderError: false,
      error: 'Error: boom after two inserts',
      errorName: 'Error',
    });
    expect(host.rows<Item>('item').map((i) => i.sku)).toEqual(['keep']);
  });

  it('skips sequence values used by a failed call, as SpacetimeDB does', async () => {
    const host = await loadLibrary();
    host.call('add_two_then_fail', { sku: 'x' }, at(ALICE));
    host.call('add_item', item('a'), at(ALICE));
    expect(host.rows<Item>('item').map((i) => i.id)).toEqual([3n]);
  });

  it('can roll sequences back too, when asked', async () => {
    const host = await loadLibrary({ rollBackSequences: true });
    host.call('add_two_then_fail', { sku: 'x' }, at(ALICE));
    host.call('add_item', item('a'), at(ALICE));
    expect(host.rows<Item>('item').map((i) => i.id)).toEqual([1n]);
  });

  it('fails an insert that violates a unique column with the host error the module sees', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('dup', { title: 'first' }), at(ALICE));
    const r = host.call('add_item', item('dup', { title: 'second' }), at(BOB));
    expect(r).toMatchObject({
      ok: false,
      senderError: false,
      errorName: 'UniqueAlreadyExists',
      error: 'UniqueAlreadyExists: Value with given unique identifier already exists',
      detail: 'unique constraint on item (sku)',
    });
    expect(host.rows<Item>('item').map((i) => i.title)).toEqual(['first']);
  });

  it('fails a duplicate primary key, and lets a module catch the error and update instead', async () => {
    const host = await loadLibrary();
    expect(host.call('set_setting_strict', { key: 'k', value: '1' }, at(LIBRARIAN)).ok).toBe(true);
    expect(host.call('set_setting_strict', { key: 'k', value: '2' }, at(LIBRARIAN))).toMatchObject({
      ok: false,
      errorName: 'UniqueAlreadyExists',
    });
    expect(host.call('set_setting', { key: 'k', value: '3' }, at(LIBRARIAN)).ok).toBe(true);
    expect(host.rows('setting')).toContainEqual({ key: 'k', value: '3' });
  });

  it('updates a row by primary key, and reports the update as a delete and an insert', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('a', { title: 'old' }), at(ALICE));
    const r = host.call('retitle', { id: 1n, title: 'new' }, at(ALICE));
    expect(host.rows<Item>('item').map((i) => [i.id, i.title])).toEqual([[1n, 'new']]);
    expect(
      r.ok &&
        r.changes.map((c) => [
          c.table,
          c.deleted.map((d) => d['title']),
          c.inserted.map((d) => d['title']),
        ]),
    ).toEqual([['item', ['old'], ['new']]]);
    expect(host.call('retitle', { id: 99n, title: 'x' }, at(ALICE))).toMatchObject({
      ok: false,
      senderError: true,
      error: 'no item 99',
    });
  });

  it('fails an update that would give a row another row’s unique value', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('a'), at(ALICE));
    host.call('add_item', item('b'), at(ALICE));
    expect(host.call('relabel', { sku: 'a', newSku: 'b' }, at(ALICE))).toMatchObject({
      ok: false,
      errorName: 'UniqueAlreadyExists',
    });
    expect(host.call('relabel', { sku: 'a', newSku: 'c' }, at(ALICE)).ok).toBe(true);
    expect(
      host
        .rows<Item>('item')
        .map((i) => i.sku)
        .sort(),
    ).toEqual(['b', 'c']);
  });

  it('deletes by primary key and by row value', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('a'), at(ALICE));
    host.call('add_item', item('b'), at(ALICE));
    host.call('lend', { itemId: 1n, days: 7 }, at(BOB));
    host.call('lend', { itemId: 1n, days: 14 }, at(BOB));
    host.call('lend', { itemId: 2n, days: 7 }, at(BOB));
    expect(host.call('remove_item', { id: 1n }, at(ALICE)).ok).toBe(true);
    expect(host.rows<Item>('item').map((i) => i.sku)).toEqual(['b']);
    expect(host.rows<{ itemId: bigint }>('loan').map((l) => l.itemId)).toEqual([2n]);
    expect(host.call('remove_item', { id: 1n }, at(ALICE))).toMatchObject({
      ok: false,
      senderError: true,
    });
  });

  it('passes sender and timestamp through to the module', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('a'), {
      sender: new Identity(BOB),
      timestamp: new Date('2025-06-01T12:00:00Z'),
    });
    const [row] = host.rows<Item & { addedAt: { toDate(): Date } }>('item');
    expect(row!.addedBy.toHexString()).toBe(BOB);
    expect(row!.addedAt.toDate().toISOString()).toBe('2025-06-01T12:00:00.000Z');
    host.call('lend', { itemId: 1n, days: 2 }, at(ALICE, 10));
    const [loan] = host.rows<{ due: { microsSinceUnixEpoch: bigint } }>('loan');
    expect(loan!.due.microsSinceUnixEpoch).toBe(T0 + 10_000_000n + 2n * 86_400_000_000n);
  });

  it('accepts positional arguments and rejects unknown reducers and parameters', async () => {
    const host = await loadLibrary();
    expect(host.call('retitle', [5n, 't'], at(ALICE))).toMatchObject({
      ok: false,
      error: 'no item 5',
    });
    expect(() => host.call('nope', {}, at(ALICE))).toThrow(/no reducer named "nope"/);
    expect(() => host.call('retitle', { id: 1n, titel: 'x' }, at(ALICE))).toThrow(
      /no parameter titel/,
    );
    expect(() => host.call('retitle', { id: 1n }, at(ALICE))).toThrow(/missing title/);
    expect(() =>
      host.call('retitle', { id: 1n, title: 'x' }, { sender: 'abc', timestamp: T0 }),
    ).toThrow(/64 hex digits/);
  });

  it('keeps separate modules apart', async () => {
    const [one, two] = await Promise.all([loadLibrary(), loadLibrary()]);
    one.call('add_item', item('only-in-one'), at(ALICE));
    expect(one.count('item')).toBe(1);
    expect(two.count('item')).toBe(0);
  });

  it('reset() empties the database and restarts sequences, keeping the module loaded', async () => {
    const host = await loadLibrary();
    host.call('add_item', item('a'), at(ALICE));
    host.reset();
    expect(host.rows('setting')).toEqual([]);
    expect(host.count('item')).toBe(0);
    expect(host.logs).toEqual([]);
    host.init(at(LIBRARIAN));
    host.call('add_item', item('a'), at(ALICE));
    expect(host.rows<Item>('item').map((i) => i.id)).toEqual([1n]);
  });

  it('collects module logs with their level and reducer', async () => {
    const seen: string[] = [];
    const host = await loadLibrary({ onLog: (r) => seen.push(`${r.level}:${r.message}`) });
    host.call('add_item', item('a'), at(ALICE));
    expect(seen).toEqual(['info:library initialised', 'info:added item 1']);
    expect(host.logs.at(-1)).toEqual({
      level: 'info',
      message: 'added item 1',
      reducer: 'add_item',
    });
  });
});
