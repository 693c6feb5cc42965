import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';
import { SECOND } from '../time.js';
import { hashSecret } from '../secrets.js';

describe('create_invite', () => {
  it('grants only a role strictly below the creator’s own', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'create_invite', { role: 'Agent', code: 'for-agents' });
    expect(
      hub.fails('member', 'create_invite', { role: 'Member', code: 'members-1' }),
    ).toMatchObject({
      code: 'rank_too_low',
      message: 'an invite can grant only roles below your own (Member); Member is not',
    });
    expect(hub.fails('admin', 'create_invite', { role: 'Owner', code: 'owners-1' })).toMatchObject({
      code: 'rank_too_low',
    });
    expect(hub.fails('agent', 'create_invite', { role: 'Agent', code: 'agents-1' })).toMatchObject({
      code: 'permission_denied',
      message: 'create_invite needs Member or above; you are Agent',
    });
  });

  it('keeps only the code’s hash, in the row and in the call’s changes', () => {
    const hub = TestHub.seeded();
    const changes = hub.ok('admin', 'create_invite', { code: 'secret-code-42' });
    expect(hub.last('invites').codeHash).toBe(hashSecret('secret-code-42'));
    const text = JSON.stringify(changes, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
    expect(text).not.toContain('secret-code-42');
    expect(hub.fails('admin', 'create_invite', {})).toMatchObject({
      code: 'invalid_argument',
      message: 'argument "code" is required',
    });
  });

  it('refuses a past expiry, a malformed code and a code in use', () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('admin', 'create_invite', { expiresAt: hub.now, code: 'expired-1' }),
    ).toMatchObject({
      code: 'invalid_argument',
      message: 'an invite must expire in the future',
    });
    expect(hub.fails('admin', 'create_invite', { code: 'no' })).toMatchObject({
      code: 'invalid_argument',
      message: 'code must be 6 to 64 letters, digits, "_" or "-"',
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
    hub.ok('moderator', 'revoke_invite', { inviteId: 1n });
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
    const inviteId = hub.last('invites').id;
    expect(hub.fails('agent', 'revoke_invite', { inviteId })).toMatchObject({
      code: 'permission_denied',
    });
    hub.ok('member', 'revoke_invite', { inviteId });
    expect(hub.fails('member', 'revoke_invite', { inviteId })).toMatchObject({
      code: 'not_found',
    });
  });
});
