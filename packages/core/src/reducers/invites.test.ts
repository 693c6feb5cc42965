import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';
import { SECOND } from '../time.js';

describe('create_invite', () => {
  it('grants only a role strictly below the creator’s own', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_invite', { role: 'Agent', code: 'for-agents' });
    expect(hub.fails('member', 'create_invite', { role: 'Member' })).toMatchObject({
      code: 'rank_too_low',
      message: 'an invite can grant only roles below your own (Member); Member is not',
    });
    expect(hub.fails('admin', 'create_invite', { role: 'Owner' })).toMatchObject({
      code: 'rank_too_low',
    });
    expect(hub.fails('agent', 'create_invite', { role: 'Agent' })).toMatchObject({
      code: 'permission_denied',
      message: 'create_invite needs Member or above; you are Agent',
    });
  });

  it('draws a code from the call’s randomness when none is given, the same on every replay', () => {
    const a = TestHub.seeded();
    const b = TestHub.seeded();
    a.ok('admin', 'create_invite', {});
    b.ok('admin', 'create_invite', {});
    expect(a.last('invites').code).toMatch(/^[a-z2-9]{10}$/);
    expect(a.last('invites').code).toBe(b.last('invites').code);
  });

  it('refuses a past expiry, a malformed code and a code in use', () => {
    const hub = TestHub.seeded();
    expect(hub.fails('admin', 'create_invite', { expiresAt: hub.now })).toMatchObject({
      code: 'invalid_argument',
      message: 'an invite must expire in the future',
    });
    expect(hub.fails('admin', 'create_invite', { code: 'no' })).toMatchObject({
      code: 'invalid_argument',
    });
    expect(hub.fails('admin', 'create_invite', { code: 'invite-aaa' })).toMatchObject({
      code: 'already_exists',
      message: 'that invite code is in use',
    });
  });
});

describe('redeem_invite', () => {
  it('joins the invite’s private channel and raises the role, never lowering it', () => {
    const hub = TestHub.seeded();
    hub.ok('admin', 'create_channel', { name: 'core-team', kind: 'Text', private: true });
    const channelId = hub.channel('core-team').id;
    hub.ok('admin', 'create_invite', { channelId, role: 'Moderator', code: 'core-mods' });
    hub.ok('agent', 'redeem_invite', { code: 'core-mods' });
    expect(hub.roleOf('agent')).toBe('Moderator');
    expect(
      hub.rows('members').some((m) => m.channelId === channelId && m.identity === PEOPLE.agent),
    ).toBe(true);
    hub.ok('owner', 'create_invite', { code: 'members-only', role: 'Member' });
    hub.ok('agent', 'redeem_invite', { code: 'members-only' });
    expect(hub.roleOf('agent')).toBe('Moderator');
  });

  it('refuses used-up, expired and revoked invites', () => {
    const hub = TestHub.seeded();
    hub.ok('admin', 'create_invite', { code: 'single', maxUses: 1, role: 'Agent' });
    hub.ok('agent', 'redeem_invite', { code: 'single' });
    expect(hub.fails('agent2', 'redeem_invite', { code: 'single' })).toMatchObject({
      code: 'invite_used_up',
      message: 'that invite has been used up',
    });
    hub.ok('admin', 'create_invite', { code: 'brief-1', expiresAt: hub.now + 5n * SECOND });
    hub.now += 10n * SECOND;
    expect(hub.fails('agent2', 'redeem_invite', { code: 'brief-1' })).toMatchObject({
      code: 'invite_expired',
    });
    hub.ok('moderator', 'revoke_invite', { code: 'invite-aaa' });
    expect(hub.fails('agent2', 'redeem_invite', { code: 'invite-aaa' })).toMatchObject({
      code: 'not_found',
      message: 'no such invite (or it was revoked)',
    });
  });

  it('cannot raise anyone above what its creator may still grant', () => {
    const hub = TestHub.seeded();
    hub.ok('owner', 'create_invite', { code: 'admins', role: 'Admin' });
    hub.ok('owner', 'transfer_ownership', { identity: PEOPLE.admin });
    expect(hub.fails('member', 'redeem_invite', { code: 'admins' })).toMatchObject({
      code: 'rank_too_low',
      message: 'this invite grants Admin, which its creator (now Admin) can no longer grant',
    });
    expect(hub.roleOf('member')).toBe('Member');
  });
});

describe('revoke_invite', () => {
  it('is for the creator or a Moderator', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_invite', { code: 'mine-123', role: 'Agent' });
    expect(hub.fails('agent', 'revoke_invite', { code: 'mine-123' })).toMatchObject({
      code: 'permission_denied',
    });
    hub.ok('member', 'revoke_invite', { code: 'mine-123' });
    expect(hub.fails('member', 'revoke_invite', { code: 'mine-123' })).toMatchObject({
      code: 'not_found',
    });
  });
});
