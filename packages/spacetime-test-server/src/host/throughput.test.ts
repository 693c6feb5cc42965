/**
 * The host has to carry thousands of calls per test. This runs a mixed workload and keeps a
 * loose time bound (loose because CI machines vary; a regression of an order of magnitude is
 * what it is for).
 */
import { expect, it } from 'vitest';
import { ALICE, at, item, loadLibrary } from './libraryFixture.js';

it('runs 5000 mixed calls in a few seconds', async () => {
  const host = await loadLibrary();
  const start = performance.now();
  for (let i = 0; i < 3000; i++) {
    const r = host.call(
      'add_item',
      item(`sku-${i}`, {
        shelf: i % 30,
        slot: i % 500,
        price: BigInt((i * 7919) % 10_000) - 5000n,
      }),
      at(ALICE, i),
    );
    if (!r.ok) throw new Error(r.error);
  }
  for (let i = 0; i < 1000; i++)
    host.call('retitle', { id: BigInt(1 + ((i * 37) % 3000)), title: `t${i}` }, at(ALICE, i));
  for (let i = 0; i < 500; i++)
    host.call('shelf_report', { shelf: i % 30, fromSlot: 100, toSlot: 300 }, at(ALICE, i));
  for (let i = 0; i < 500; i++)
    expect(host.call('add_two_then_fail', { sku: `f${i}` }, at(ALICE, i)).ok).toBe(false);
  const seconds = (performance.now() - start) / 1000;
  expect(host.count('item')).toBe(3000);
  expect(seconds).toBeLessThan(20);
}, 60_000);
