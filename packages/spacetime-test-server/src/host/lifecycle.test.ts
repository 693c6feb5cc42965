import { describe, expect, it } from 'vitest';
import { ALICE, BOB, LIBRARIAN, T0, at, loadLibrary } from './libraryFixture.js';

type Visitor = {
  identity: { toHexString(): string };
  visits: number;
  online: boolean;
  lastSeen: { microsSinceUnixEpoch: bigint };
};

describe('lifecycle reducers', () => {
  it('runs init once, as its caller', async () => {
    const host = await loadLibrary({ init: false });
    expect(host.rows('setting')).toEqual([]);
    expect(host.init({ sender: LIBRARIAN, timestamp: T0 }).ok).toBe(true);
    expect(host.rows('setting')).toEqual([{ key: 'librarian', value: LIBRARIAN }]);
  });

  it('runs client_connected and client_disconnected for a sender', async () => {
    const host = await loadLibrary();
    expect(host.connect(ALICE, T0 + 1n).ok).toBe(true);
    expect(host.connect(BOB, T0 + 2n).ok).toBe(true);
    expect(host.disconnect(ALICE, T0 + 3n).ok).toBe(true);
    expect(host.connect(ALICE, T0 + 4n).ok).toBe(true);
    const rows = host
      .rows<Visitor>('visitor')
      .map((v) => [
        v.identity.toHexString(),
        v.visits,
        v.online,
        v.lastSeen.microsSinceUnixEpoch - T0,
      ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [ALICE, 2, true, 4n],
        [BOB, 1, true, 2n],
      ]),
    );
  });

  it('refuses to call a lifecycle reducer as an ordinary reducer', async () => {
    const host = await loadLibrary();
    expect(() => host.call('on_connect', {}, at(ALICE))).toThrow(/lifecycle reducer/);
    expect(() => host.call('init', {}, at(ALICE))).toThrow(/lifecycle reducer/);
  });
});
