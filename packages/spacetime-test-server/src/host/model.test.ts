/**
 * Random call sequences against the library fixture, checked after every call against a plain
 * model of what SpacetimeDB would hold: unique skus, ids from a sequence that failed calls
 * still consume, all-or-nothing calls, and index scans in (shelf, slot) order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TestHost } from './index.js';
import { ALICE, at, item, loadLibrary } from './libraryFixture.js';

interface ModelItem {
  sku: string;
  shelf: number;
  slot: number;
  title: string;
}

type Command =
  | { kind: 'add'; sku: string; shelf: number; slot: number; blank: boolean }
  | { kind: 'addTwoThenFail'; sku: string }
  | { kind: 'retitle'; id: number; title: string }
  | { kind: 'relabel'; sku: string; newSku: string }
  | { kind: 'remove'; id: number }
  | { kind: 'clearShelf'; shelf: number }
  | { kind: 'report'; shelf: number };

const sku = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'a-a', 'b-b');
const shelf = fc.integer({ min: 0, max: 2 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      sku,
      shelf,
      slot: fc.integer({ min: 0, max: 3 }),
      blank: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('addTwoThenFail' as const), sku }),
  fc.record({
    kind: fc.constant('retitle' as const),
    id: fc.integer({ min: 1, max: 12 }),
    title: fc.string({ maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('relabel' as const), sku, newSku: sku }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('clearShelf' as const), shelf }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('report' as const), shelf }) },
);

class Model {
  items = new Map<number, ModelItem>();
  nextId = 1;

  private bySku(s: string): number | undefined {
    for (const [id, it] of this.items) if (it.sku === s) return id;
    return undefined;
  }

  /** Applies a command; returns whether the call should succeed. */
  apply(c: Command): boolean {
    switch (c.kind) {
      case 'add': {
        if (c.blank) return false;
        const id = this.nextId++; // taken before the unique check, so a duplicate still uses it
        if (this.bySku(c.sku) !== undefined) return false;
        this.items.set(id, { sku: c.sku, shelf: c.shelf, slot: c.slot, title: `t${c.sku}` });
        return true;
      }
      case 'addTwoThenFail':
        this.nextId++;
        if (this.bySku(`${c.sku}-a`) === undefined) this.nextId++;
        return false;
      case 'retitle': {
        const it = this.items.get(c.id);
        if (!it) return false;
        it.title = c.title;
        return true;
      }
      case 'relabel': {
        const id = this.bySku(c.sku);
        if (id === undefined) return false;
        const holder = this.bySku(c.newSku);
        if (holder !== undefined && holder !== id) return false;
        this.items.get(id)!.sku = c.newSku;
        return true;
      }
      case 'remove':
        return this.items.delete(c.id);
      case 'clearShelf':
        for (const [id, it] of this.items) if (it.shelf === c.shelf) this.items.delete(id);
        return true;
      case 'report':
        return true;
    }
  }
}

function call(host: TestHost, c: Command) {
  switch (c.kind) {
    case 'add':
      return host.call(
        'add_item',
        item(c.sku, { shelf: c.shelf, slot: c.slot, title: c.blank ? ' ' : `t${c.sku}` }),
        at(ALICE),
      );
    case 'addTwoThenFail':
      return host.call('add_two_then_fail', { sku: c.sku }, at(ALICE));
    case 'retitle':
      return host.call('retitle', { id: BigInt(c.id), title: c.title }, at(ALICE));
    case 'relabel':
      return host.call('relabel', { sku: c.sku, newSku: c.newSku }, at(ALICE));
    case 'remove':
      return host.call('remove_item', { id: BigInt(c.id) }, at(ALICE));
    case 'clearShelf':
      return host.call('clear_shelf', { shelf: c.shelf }, at(ALICE));
    case 'report':
      return host.call('whole_shelf_report', { shelf: c.shelf }, at(ALICE));
  }
}

describe('the host against a model', () => {
  it('keeps tables, constraints, sequences and index order as SpacetimeDB would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 40 }), async (commands) => {
        const host = await loadLibrary();
        const model = new Model();
        for (const c of commands) {
          const expected = model.apply(c);
          const r = call(host, c);
          expect(r.ok, `${JSON.stringify(c)} → ${r.ok ? 'ok' : r.error}`).toBe(expected);
          const rows = host
            .rows<{ id: bigint; sku: string; shelf: number; slot: number; title: string }>('item')
            .map(
              (i) =>
                [
                  Number(i.id),
                  { sku: i.sku, shelf: i.shelf, slot: i.slot, title: i.title },
                ] as const,
            )
            .sort((x, y) => x[0] - y[0]);
          expect(rows).toEqual([...model.items].sort((x, y) => x[0] - y[0]));
          if (c.kind === 'report') {
            const onShelf = [...model.items.values()].filter((i) => i.shelf === c.shelf);
            const lines = host.rows<{ label: string }>('report_line').map((l) => l.label);
            // Rows with equal keys may come in any order; the slots must ascend.
            expect(lines.map((l) => Number(l.split(' ')[0]!.split('/')[1]))).toEqual(
              onShelf.map((i) => i.slot).sort((x, y) => x - y),
            );
            expect([...lines].sort()).toEqual(
              onShelf.map((i) => `${i.shelf}/${i.slot} ${i.title}`).sort(),
            );
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
