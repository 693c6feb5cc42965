import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';
import { SECOND } from '../time.js';

describe('set_role', () => {
  it('lets the Owner appoint an Admin, and an Admin a Moderator', () => {
    const hub = TestHub.seeded();
    hub.ok('owner', 'set_role', { identity: PEOPLE.member, role: 'Admin' });
    hub.ok('admin', 'set_role', { identity: PEOPLE.agent, role: 'Moderator' });
    expect([hub.roleOf('member'), hub.roleOf('agent')]).toEqual(['Admin', 'Moderator']);
  });

  it("refuses a Moderator changing an Admin's role", () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('moderator', 'set_role', { identity: PEOPLE.admin, role: 'Member' }),
    ).toMatchObject({
      code: 'rank_too_low',
      message: "set_role needs a rank above the target's (Moderator vs Admin)",
    });
  });

  it("lets nobody change the Owner's role, the Owner included", () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('admin', 'set_role', { identity: PEOPLE.owner, role: 'Member' }),
    ).toMatchObject({
      code: 'rank_too_low',
      message: expect.stringContaining('(Admin vs Owner)'),
    });
    expect(hub.fails('owner', 'set_role', { identity: PEOPLE.owner, role: 'Admin' })).toMatchObject(
      {
        code: 'permission_denied',
        message: 'you cannot set_role yourself',
      },
    );
    expect(hub.roleOf('owner')).toBe('Owner');
  });

  it('never grants Owner: ownership is only transferred', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('owner', 'set_role', { identity: PEOPLE.admin, role: 'Owner' })).toMatchObject(
      {
        code: 'owner_only_transferred',
        message: 'Owner is never granted: use transfer_ownership',
      },
    );
  });

  it('grants only roles strictly below the actor', () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('admin', 'set_role', { identity: PEOPLE.member, role: 'Admin' }),
    ).toMatchObject({
      code: 'rank_too_low',
      message: 'you can grant only roles below your own (Admin); Admin is not',
    });
    expect(
      hub.fails('member', 'set_role', { identity: PEOPLE.agent, role: 'Agent' }),
    ).toMatchObject({
      code: 'permission_denied',
      message: 'set_role needs Moderator or above; you are Member',
    });
    expect(hub.fails('owner', 'set_role', { identity: PEOPLE.agent, role: 'King' })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('"King"'),
    });
  });
});

describe('transfer_ownership', () => {
  it('hands the hub over and leaves exactly one Owner; the old Owner becomes Admin', () => {
    const hub = TestHub.seeded();
    hub.ok('owner', 'transfer_ownership', { identity: PEOPLE.member });
    expect(
      hub
        .rows('roles')
        .filter((r) => r.role === 'Owner')
        .map((r) => r.identity),
    ).toEqual([PEOPLE.member]);
    expect(hub.roleOf('owner')).toBe('Admin');
  });

  it('is the Owner’s alone, never to oneself, never to a banned user', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('admin', 'transfer_ownership', { identity: PEOPLE.admin })).toMatchObject({
      code: 'permission_denied',
    });
    expect(hub.fails('owner', 'transfer_ownership', { identity: PEOPLE.owner })).toMatchObject({
      code: 'invalid_argument',
    });
    hub.ok('owner', 'ban_user', { identity: PEOPLE.member });
    expect(hub.fails('owner', 'transfer_ownership', { identity: PEOPLE.member })).toMatchObject({
      code: 'banned',
      message: 'a banned user cannot become Owner',
    });
  });
});

describe('ban_user, unban_user, timeout_user', () => {
  it('a banned user cannot post, react or edit, until unbanned', () => {
    const hub = TestHub.seeded();
    hub.ok('moderator', 'ban_user', { identity: PEOPLE.member, reason: 'spam' });
    expect(hub.fails('member', 'send_message', { channelId: 1n, text: 'hi' })).toMatchObject({
      code: 'banned',
      message: 'you are banned: spam',
    });
    expect(hub.fails('member', 'add_reaction', { messageId: 1n, emoji: '👍' })).toMatchObject({
      code: 'banned',
    });
    expect(hub.fails('member', 'edit_message', { messageId: 1n, text: 'edited' })).toMatchObject({
      code: 'banned',
    });
    expect(hub.fails('member', 'create_topic', { channelId: 1n, title: 't' })).toMatchObject({
      code: 'banned',
    });
    hub.ok('moderator', 'unban_user', { identity: PEOPLE.member });
    hub.ok('member', 'send_message', { channelId: 1n, text: 'back' });
    expect(hub.fails('moderator', 'unban_user', { identity: PEOPLE.member })).toMatchObject({
      code: 'not_found',
    });
  });

  it('a ban with an end lapses at that time', () => {
    const hub = TestHub.seeded();
    hub.ok('admin', 'ban_user', { identity: PEOPLE.agent, until: hub.now + 10n * SECOND });
    expect(hub.fails('agent', 'send_message', { channelId: 2n, text: 'hi' })).toMatchObject({
      code: 'banned',
    });
    hub.now += 10n * SECOND;
    hub.ok('agent', 'send_message', { channelId: 2n, text: 'hi' });
  });

  it('a timed-out user cannot post until the time given, which the message names', () => {
    const hub = TestHub.seeded();
    hub.ok('moderator', 'timeout_user', { identity: PEOPLE.agent, until: hub.now + 60n * SECOND });
    expect(
      hub.fails('agent', 'emit_event', { channelId: 2n, kind: 'x.y@1', payload: '{}' }),
    ).toMatchObject({
      code: 'timed_out',
      message: 'you are timed out until 2024-01-01T00:01:13.000Z',
    });
    hub.now += 60n * SECOND;
    hub.ok('agent', 'emit_event', { channelId: 2n, kind: 'x.y@1', payload: '{}' });
  });

  it('acts only on lower ranks, never on oneself, and only forward in time', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('moderator', 'ban_user', { identity: PEOPLE.admin })).toMatchObject({
      code: 'rank_too_low',
    });
    expect(hub.fails('admin', 'ban_user', { identity: PEOPLE.owner })).toMatchObject({
      code: 'rank_too_low',
    });
    expect(hub.fails('moderator', 'ban_user', { identity: PEOPLE.moderator })).toMatchObject({
      code: 'permission_denied',
      message: 'you cannot ban_user yourself',
    });
    expect(
      hub.fails('member', 'timeout_user', { identity: PEOPLE.agent, until: hub.now + SECOND }),
    ).toMatchObject({
      code: 'permission_denied',
    });
    expect(
      hub.fails('moderator', 'timeout_user', { identity: PEOPLE.agent, until: hub.now }),
    ).toMatchObject({
      code: 'invalid_argument',
      message: 'a timeout must end in the future',
    });
  });
});
