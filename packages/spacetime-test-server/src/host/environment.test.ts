/**
 * What a module sees around it in the host, checked through the probe fixture
 * (`fixtures/probe`): SpacetimeDB's globals and nothing of Node's, the reducer context, and
 * datastore edge cases the library fixture does not reach.
 */
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModuleBundle, loadModule, type HostOptions, type TestHost } from './index.js';
import { ALICE, T0, at } from './libraryFixture.js';

let bundle: string;
beforeAll(async () => {
  bundle = await buildModuleBundle(fileURLToPath(new URL('../../fixtures/probe', import.meta.url)));
});

const probe = (options?: HostOptions) => loadModule(bundle, options);
const observed = (host: TestHost, key: string) =>
  host.rows<{ key: string; value: string }>('observation').find((o) => o.key === key)?.value;

describe('the module environment', () => {
  it('has the globals SpacetimeDB provides and none of Node’s', async () => {
    const host = await probe();
    expect(host.call('globals', {}, at(ALICE)).ok).toBe(true);
    expect(observed(host, 'globals')).toBe(
      'process:undefined Buffer:undefined setTimeout:undefined fetch:undefined require:undefined TextEncoder:function TextDecoder:function console:object',
    );
    expect(observed(host, 'text')).toBe('héllo ✓');
    expect(observed(host, 'sets')).toBe('true');
  });

  it('offers iterator helpers on table scans', async () => {
    const host = await probe();
    host.call('add_note', { body: 'abc', tags: ['x'] }, at(ALICE));
    host.call('add_note', { body: 'de', tags: ['y'] }, at(ALICE));
    host.call('add_note', { body: 'f', tags: ['x', 'y'] }, at(ALICE));
    expect(host.call('tagged', { tag: 'x' }, at(ALICE)).ok).toBe(true);
    expect(observed(host, 'tagged')).toBe('3,1');
  });

  it('makes Math.random throw, as SpacetimeDB does, unless told to seed it', async () => {
    const strict = await probe();
    expect(strict.call('math_random', {}, at(ALICE))).toMatchObject({
      ok: false,
      senderError: false,
      error:
        'TypeError: Math.random is not available in SpacetimeDB modules. Use ctx.random instead.',
    });
    const [a, b] = [await probe({ mathRandom: 'seeded' }), await probe({ mathRandom: 'seeded' })];
    a.call('math_random', {}, at(ALICE));
    b.call('math_random', {}, at(ALICE));
    expect(observed(a, 'math_random')).toBe(observed(b, 'math_random'));
  });

  it('seeds ctx.random from the timestamp, so equal calls draw equally', async () => {
    const [a, b] = [await probe(), await probe()];
    a.call('ctx_random', {}, at(ALICE, 7));
    b.call('ctx_random', {}, at(ALICE, 7));
    expect(observed(a, 'ctx_random')).toBe(observed(b, 'ctx_random'));
    b.call('ctx_random', {}, at(ALICE, 8));
    expect(observed(a, 'ctx_random')).not.toBe(observed(b, 'ctx_random'));
  });

  it('passes sender, database identity, connection id, timestamp and JWT claims', async () => {
    const db = 'cd'.repeat(32);
    const host = await probe({ databaseIdentity: db });
    host.call(
      'context',
      {},
      {
        sender: ALICE,
        timestamp: T0 + 5n,
        connectionId: 0x1234n,
        jwtPayload: { sub: 'alice', iss: 'https://issuer.test' },
      },
    );
    expect(observed(host, 'sender')).toBe(ALICE);
    expect(observed(host, 'identity')).toBe(db);
    expect(observed(host, 'connection')).toBe('00000000000000000000000000001234');
    expect(observed(host, 'timestamp')).toBe(String(T0 + 5n));
    expect(observed(host, 'jwt')).toBe('alice@https://issuer.test');
    host.call('context', {}, { ...at(ALICE), connectionId: null });
    expect([observed(host, 'connection'), observed(host, 'jwt')]).toEqual(['none', 'none']);
  });

  it('hands rows larger than the module’s read buffer over in pieces', async () => {
    const host = await probe();
    host.call('add_note', { body: 'a'.repeat(10), tags: [] }, at(ALICE));
    host.call('add_note', { body: 'b'.repeat(200_000), tags: [] }, at(ALICE));
    host.call('add_note', { body: 'c'.repeat(70_000), tags: [] }, at(ALICE));
    expect(host.call('note_sizes', {}, at(ALICE)).ok).toBe(true);
    expect(observed(host, 'note_sizes')).toBe('10,200000,70000');
    expect(observed(host, 'note_count')).toBe('3');
  });

  it('fails with AutoIncOverflow when a u8 sequence runs out, rolling the call back', async () => {
    const host = await probe();
    expect(host.call('fill_tiny', { n: 255 }, at(ALICE)).ok).toBe(true);
    expect(host.count('tiny')).toBe(255);
    expect(host.call('fill_tiny', { n: 1 }, at(ALICE))).toMatchObject({
      ok: false,
      errorName: 'AutoIncOverflow',
    });
    expect(host.count('tiny')).toBe(255);
  });

  it('fails an update of a missing row with NoSuchRow; deleting one just returns false', async () => {
    const host = await probe();
    expect(host.call('touch_missing', { update: false }, at(ALICE)).ok).toBe(true);
    expect(observed(host, 'deleted_missing')).toBe('false');
    expect(host.call('touch_missing', { update: true }, at(ALICE))).toMatchObject({
      ok: false,
      errorName: 'NoSuchRow',
      error: 'NoSuchRow: The row was not found, e.g., in an update call',
    });
  });

  it('reports event-table rows with the call but keeps none', async () => {
    const host = await probe();
    const r = host.call('send_ping', { text: 'hi' }, at(ALICE));
    expect(r.ok && r.changes.map((c) => [c.table, c.inserted.map((p) => p['text'])])).toEqual([
      ['ping', ['hi']],
    ]);
    expect(host.count('ping')).toBe(0);
  });

  it('loads a bundle from a file, as `spacetime build` writes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stdb-host-'));
    const path = join(dir, 'bundle.js');
    writeFileSync(path, bundle);
    const host = await loadModule(path);
    expect(host.describe().tables.map((t) => t.name)).toEqual([
      'observation',
      'note',
      'tiny',
      'ping',
    ]);
  });

  it('refuses a bundle that is not a SpacetimeDB module', async () => {
    await expect(loadModule('export const x = 1;\n')).rejects.toThrow(
      /no default export made by schema\(\)/,
    );
    await expect(loadModule("import 'node:fs';\nexport default 1;\n")).rejects.toThrow(
      /may only import spacetime:sys/,
    );
  });
});
