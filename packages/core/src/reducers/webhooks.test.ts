import { describe, expect, it } from 'vitest';
import { TOKENS, TestHub } from '../testing/index.js';
import { hashToken } from './webhooks.js';

describe('create_webhook and delete_webhook', () => {
  it('are for Admins; a Moderator is refused', () => {
    const hub = TestHub.seeded();
    const tokenHash = hashToken('fresh-token');
    expect(
      hub.fails('moderator', 'create_webhook', { channelId: 1n, name: 'ci', tokenHash }),
    ).toMatchObject({
      code: 'permission_denied',
      message: 'manage_webhooks needs Admin or above; you are Moderator',
    });
    hub.ok('admin', 'create_webhook', { channelId: 1n, name: 'ci', tokenHash });
    expect(hub.last('webhooks')).toMatchObject({ channelId: 1n, tokenHash });
    expect(
      hub.fails('admin', 'create_webhook', { channelId: 1n, name: 'ci', tokenHash }),
    ).toMatchObject({
      code: 'already_exists',
    });
    expect(
      hub.fails('admin', 'create_webhook', { channelId: 1n, name: 'ci', tokenHash: 'secret' }),
    ).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('tokenHash'),
    });
    hub.ok('admin', 'delete_webhook', { webhookId: hub.last('webhooks').id });
    expect(hub.fails('admin', 'delete_webhook', { webhookId: 99n })).toMatchObject({
      code: 'not_found',
    });
  });
});

describe('execute_webhook', () => {
  it('posts as the webhook with the right token, from anyone, registered or not', () => {
    const hub = TestHub.seeded();
    hub.ok('stranger', 'execute_webhook', { webhookId: 1n, token: TOKENS[0], text: 'deploy ok' });
    expect(hub.last('messages')).toMatchObject({
      kind: 'Text',
      webhookId: 1n,
      channelId: 2n,
      text: 'deploy ok',
    });
  });

  it('gives one answer for a wrong token and a missing webhook', () => {
    const hub = TestHub.seeded();
    const wrong = hub.fails('stranger', 'execute_webhook', {
      webhookId: 1n,
      token: 'guess',
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
});
