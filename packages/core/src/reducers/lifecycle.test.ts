import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';

describe('init', () => {
  it('creates #general, #agent-logs and #system and makes the caller the one Owner', () => {
    const hub = new TestHub();
    hub.ok('owner', 'init');
    expect(hub.rows('channels').map((c) => [c.name, c.kind])).toEqual([
      ['general', 'Text'],
      ['agent-logs', 'AgentLog'],
      ['system', 'Announcement'],
    ]);
    expect(hub.rows('roles').filter((r) => r.role === 'Owner')).toMatchObject([
      { identity: PEOPLE.owner },
    ]);
  });

  it('refuses a second init, by anyone', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('admin', 'init')).toMatchObject({ code: 'already_initialized' });
    expect(hub.fails('owner', 'init')).toMatchObject({ code: 'already_initialized' });
  });
});

describe('client_connected and client_disconnected', () => {
  it('registers a newcomer Online and goes Offline only when the last connection closes', () => {
    const hub = new TestHub();
    hub.ok('stranger', 'client_connected');
    hub.ok('stranger', 'client_connected');
    const presence = () => hub.rows('presence')[0]!;
    expect(hub.rows('users')).toHaveLength(1);
    expect(presence()).toMatchObject({ status: 'Online', connections: 2 });
    hub.ok('stranger', 'client_disconnected');
    expect(presence()).toMatchObject({ status: 'Online', connections: 1 });
    hub.ok('stranger', 'client_disconnected');
    expect(presence()).toMatchObject({ status: 'Offline', connections: 0, lastSeen: hub.now });
  });

  it('keeps a chosen status across reconnects', () => {
    const hub = TestHub.seeded();
    hub.ok('agent', 'set_presence', { status: 'Idle' });
    hub.ok('agent', 'client_connected');
    expect(hub.rows('presence').find((p) => p.identity === PEOPLE.agent)?.status).toBe('Idle');
  });
});
