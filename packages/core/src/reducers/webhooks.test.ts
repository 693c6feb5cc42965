import { describe, expect, it } from 'vitest';
import { PEOPLE, TOKENS, TestHub } from '../testing/index.js';
import { hashSecret } from '../secrets.js';

describe('create_webhook and delete_webhook', () => {
  it('are for Admins; only the token’s hash is stored', () => {
    const hub = TestHub.seeded();
    const args = { channelId: 1n, name: 'ci', token: 'fresh-token' };
    expect(hub.fails('moderator', 'create_webhook', args)).toMatchObject({
      code: 'permission_denied',
      message: 'manage_webhooks needs Admin or above; you are Moderator',
    });
    const changes = hub.ok('admin', 'create_webhook', args);
    expect(hub.last('webhooks')).toMatchObject({
      channelId: 1n,
      tokenHash: hashSecret('fresh-token'),
    });
    expect(
      JSON.stringify(changes, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)),
    ).not.toContain('fresh-token');
    expect(hub.fails('admin', 'create_webhook', args)).toMatchObject({ code: 'already_exists' });
    hub.ok('admin', 'delete_webhook', { webhookId: hub.last('webhooks').id });
    expect(hub.fails('admin', 'delete_webhook', { webhookId: 99n })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses a token that is too short, too long or not printable ASCII', () => {
    const hub = TestHub.seeded();
    for (const token of ['short', 'x'.repeat(257), 'with space in it', 'tab\tin-token']) {
      expect(
        hub.fails('admin', 'create_webhook', { channelId: 1n, name: 'ci', token }),
        token,
      ).toMatchObject({
        code: 'invalid_argument',
        message: 'token must be 8 to 256 printable ASCII characters',
      });
    }
  });
});

describe('execute_webhook', () => {
  it('posts as the webhook, named, with the right token, from anyone, registered or not', () => {
    const hub = TestHub.seeded();
    hub.ok('stranger', 'execute_webhook', { webhookId: 1n, token: TOKENS[0], text: 'deploy ok' });
    expect(hub.last('messages')).toMatchObject({
      kind: 'Text',
      webhookId: 1n,
      webhookName: 'ci',
      channelId: 2n,
      text: 'deploy ok',
    });
  });

  it('gives one answer for a wrong token and a missing webhook', () => {
    const hub = TestHub.seeded();
    const wrong = hub.fails('stranger', 'execute_webhook', {
      webhookId: 1n,
      token: 'a-wrong-guess',
      text: 'x',
    });
    const missing = hub.fails('stranger', 'execute_webhook', {
      webhookId: 9n,
      token: TOKENS[0],
      text: 'x',
    });
    expect(wrong).toMatchObject({
      code: 'permission_denied',
      message: 'unknown webhook or wrong token',
    });
    expect(missing).toMatchObject({ code: wrong.code, message: wrong.message });
  });

  it('stops when its creator is banned or no longer manages webhooks', () => {
    const post = { webhookId: 1n, token: TOKENS[0], text: 'deploy ok' };
    const banned = TestHub.seeded();
    banned.ok('owner', 'ban_user', { identity: PEOPLE.admin });
    expect(banned.fails('stranger', 'execute_webhook', post)).toMatchObject({
      code: 'permission_denied',
      message: 'webhook 1 is disabled: its creator may no longer manage webhooks',
    });
    const demoted = TestHub.seeded();
    demoted.ok('owner', 'set_role', { identity: PEOPLE.admin, role: 'Moderator' });
    expect(demoted.fails('stranger', 'execute_webhook', post)).toMatchObject({
      code: 'permission_denied',
    });
    demoted.ok('owner', 'set_role', { identity: PEOPLE.admin, role: 'Admin' });
    demoted.ok('stranger', 'execute_webhook', post);
  });

  it('makes posts that any Moderator or the creator may delete, but no Member, and nobody edits', () => {
    const hub = TestHub.seeded();
    hub.ok('owner', 'create_webhook', { channelId: 1n, name: 'owner-bot', token: 'owner-token' });
    const webhookId = hub.last('webhooks').id;
    const post = () => {
      hub.ok('stranger', 'execute_webhook', { webhookId, token: 'owner-token', text: 'hi' });
      return hub.last('messages').id;
    };
    const first = post();
    expect(hub.fails('member', 'delete_message', { messageId: first })).toMatchObject({
      code: 'permission_denied',
    });
    expect(hub.fails('owner', 'edit_message', { messageId: first, text: 'no' })).toMatchObject({
      code: 'permission_denied',
    });
    hub.ok('moderator', 'delete_message', { messageId: first });
    hub.ok('owner', 'delete_message', { messageId: post() });
  });
});
