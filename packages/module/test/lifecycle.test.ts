import { HUB_CHANNELS, parseError } from '@spaces/core';
import { PEOPLE, T0 } from '@spaces/core/testing';
import { describe, expect, it } from 'vitest';
import { hostRows, loadSpaces } from './moduleBundle.js';

const at = (seconds: number) => T0 + BigInt(seconds) * 1_000_000n;

describe('lifecycle and errors in the published module', () => {
  it('creates the hub at publish, with the publisher as Owner', async () => {
    const host = await loadSpaces();
    expect(host.init({ sender: PEOPLE.owner, timestamp: at(0) }).ok).toBe(true);
    expect(hostRows(host, 'channels').map((c) => c['name'])).toEqual(
      HUB_CHANNELS.map((c) => c.name),
    );
    expect(hostRows(host, 'roles')).toMatchObject([{ identity: PEOPLE.owner, role: 'Owner' }]);
    expect(hostRows(host, 'users')).toMatchObject([{ identity: PEOPLE.owner, createdAt: at(0) }]);
  });

  it('keeps presence as clients connect and disconnect', async () => {
    const host = await loadSpaces();
    host.init({ sender: PEOPLE.owner, timestamp: at(0) });
    expect(host.connect(PEOPLE.member, at(1)).ok).toBe(true);
    expect(host.connect(PEOPLE.member, at(2)).ok).toBe(true);
    const presence = () => hostRows(host, 'presence').find((p) => p['identity'] === PEOPLE.member);
    expect(presence()).toMatchObject({ status: 'Online', connections: 2, lastSeen: at(2) });
    expect(host.disconnect(PEOPLE.member, at(3)).ok).toBe(true);
    expect(presence()).toMatchObject({ status: 'Online', connections: 1 });
    expect(host.disconnect(PEOPLE.member, at(4)).ok).toBe(true);
    expect(presence()).toMatchObject({ status: 'Offline', connections: 0, lastSeen: at(4) });
    // A newcomer who connects is registered.
    expect(hostRows(host, 'users').map((u) => u['identity'])).toContain(PEOPLE.member);
  });

  it('rejects a call with a SenderError carrying core’s code, and changes nothing', async () => {
    const host = await loadSpaces();
    host.init({ sender: PEOPLE.owner, timestamp: at(0) });
    const before = hostRows(host, 'channels');
    const result = host.call(
      'create_channel',
      { name: 'x'.repeat(101), kind: 'Text' },
      { sender: PEOPLE.owner, timestamp: at(1) },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.senderError).toBe(true);
    expect(parseError(result.error).code).toBe('too_long');
    expect(hostRows(host, 'channels')).toEqual(before);
  });
});
