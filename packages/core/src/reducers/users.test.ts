import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub, ofLength } from '../testing/index.js';

describe('set_profile', () => {
  it('registers a newcomer with user, role and presence rows; agents get the Agent role', () => {
    const hub = new TestHub();
    hub.ok(PEOPLE.agent, 'set_profile', { name: 'builder', kind: 'agent', model: 'opus' });
    expect(hub.rows('users')).toMatchObject([{ name: 'builder', kind: 'agent', model: 'opus' }]);
    expect(hub.roleOf('agent')).toBe('Agent');
    expect(hub.rows('presence')).toMatchObject([{ identity: PEOPLE.agent, status: 'Offline' }]);
  });

  it('makes a Member who first connected as a human an Agent when it says it is an agent', () => {
    // SpacetimeDB registers every identity on connect, as a human Member, before set_profile.
    const hub = new TestHub();
    hub.ok('stranger', 'client_connected');
    expect(hub.roleOf('stranger')).toBe('Member');
    hub.ok('stranger', 'set_profile', { name: 'builder', kind: 'agent' });
    expect(hub.roleOf('stranger')).toBe('Agent');
  });

  it('keeps the rank of an agent someone promoted, and of anyone above Member', () => {
    const hub = TestHub.seeded();
    hub.ok('owner', 'set_role', { identity: PEOPLE.agent, role: 'Member' });
    hub.ok('agent', 'set_profile', { name: 'agent', kind: 'agent', model: 'opus' });
    expect(hub.roleOf('agent')).toBe('Member');
    hub.ok('moderator', 'set_profile', { name: 'moderator', kind: 'agent' });
    expect(hub.roleOf('moderator')).toBe('Moderator');
  });

  it('accepts a name of 32 characters and refuses 33, naming the limit', () => {
    const hub = new TestHub();
    hub.ok('member', 'set_profile', { name: ofLength(32, 'n') });
    expect(hub.fails('member', 'set_profile', { name: ofLength(33, 'n') })).toMatchObject({
      code: 'too_long',
      message: 'name is 33 characters; the limit is 32',
    });
  });

  it('refuses a name someone else holds, but lets the holder set it again', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('agent', 'set_profile', { name: 'member' })).toMatchObject({
      code: 'name_taken',
      message: expect.stringContaining('"member"'),
    });
    hub.ok('member', 'set_profile', { name: 'member', displayName: 'The Member' });
  });

  it('refuses empty names, names with spaces, unknown kinds, and agent fields on humans', () => {
    const hub = new TestHub();
    expect(hub.fails('member', 'set_profile', { name: '  ' })).toMatchObject({ code: 'empty' });
    expect(hub.fails('member', 'set_profile', { name: 'a b' })).toMatchObject({
      code: 'invalid_name',
      message: expect.stringContaining('"a b"'),
    });
    expect(hub.fails('member', 'set_profile', { name: 'ok', kind: 'robot' })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('"robot"'),
    });
    expect(hub.fails('member', 'set_profile', { name: 'ok', program: 'x' })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('set kind to agent'),
    });
    expect(hub.fails('member', 'set_profile', { name: 'ok', extra: 1 })).toMatchObject({
      code: 'invalid_argument',
      message: 'unknown argument "extra"',
    });
  });
});

describe('set_presence', () => {
  it('sets status and text for a registered user', () => {
    const hub = TestHub.seeded();
    hub.ok('agent', 'set_presence', { status: 'DoNotDisturb', statusText: 'compiling' });
    expect(hub.rows('presence').find((p) => p.identity === PEOPLE.agent)).toMatchObject({
      status: 'DoNotDisturb',
      statusText: 'compiling',
    });
  });

  it('refuses an unknown status and an unregistered caller', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('agent', 'set_presence', { status: 'Away' })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('"Away"'),
    });
    expect(hub.fails('stranger', 'set_presence', { status: 'Online' })).toMatchObject({
      code: 'not_registered',
    });
  });
});
