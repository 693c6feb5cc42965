import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import { checkText, requireChannel, requireRole, requireUser } from './guards.js';
import { MESSAGE_MAX, insertMessage } from './messages.js';

/** The stored form of a webhook token: hex SHA-256. The token itself is never stored. */
export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)));
}

export const create_webhook = reducer({
  name: 'create_webhook',
  doc: 'Create an incoming webhook for a channel (Admin+); pass the SHA-256 hex of a token you generated.',
  args: { channelId: { type: 'u64' }, name: { type: 'string' }, tokenHash: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'manage_webhooks');
    const channel = requireChannel(tx, args.channelId);
    if (!/^[0-9a-f]{64}$/.test(args.tokenHash)) {
      reject(
        'invalid_argument',
        'tokenHash must be the SHA-256 of the token, as 64 lowercase hex characters',
      );
    }
    if (tx.webhooks.findBy('tokenHash', args.tokenHash))
      reject('already_exists', 'that token is in use');
    tx.webhooks.insert({
      id: 0n,
      channelId: channel.id,
      name: checkText('webhook name', args.name, 32),
      tokenHash: args.tokenHash,
      createdBy: ctx.sender,
      createdAt: ctx.timestamp,
    });
  },
});

export const delete_webhook = reducer({
  name: 'delete_webhook',
  doc: 'Delete a webhook (Admin+).',
  args: { webhookId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'manage_webhooks');
    if (!tx.webhooks.delete(args.webhookId))
      reject('not_found', `no webhook with id ${args.webhookId}`);
  },
});

export const execute_webhook = reducer({
  name: 'execute_webhook',
  doc: 'Post to a webhook’s channel as the webhook; needs its token, not a profile.',
  args: { webhookId: { type: 'u64' }, token: { type: 'string' }, text: { type: 'string' } },
  run(tx, ctx, args) {
    const webhook = tx.webhooks.find(args.webhookId);
    // One answer for both cases, so a caller cannot probe which webhook ids exist.
    if (!webhook || hashToken(args.token) !== webhook.tokenHash) {
      reject('permission_denied', 'unknown webhook or wrong token');
    }
    const channel = requireChannel(tx, webhook.channelId);
    if (channel.kind === 'Voice')
      reject('wrong_channel_type', `#${channel.name} is a Voice channel: it carries no messages`);
    insertMessage(tx, ctx, {
      channelId: channel.id,
      sender: webhook.createdBy,
      kind: 'Text',
      text: checkText('message text', args.text, MESSAGE_MAX),
      webhookId: webhook.id,
    });
  },
});
