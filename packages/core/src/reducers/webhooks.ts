import { reject } from '../errors.js';
import type { Role } from '../enums.js';
import { roleAllows } from '../permissions.js';
import { reducer } from '../reducer.js';
import { WEBHOOK_NAME_MAX } from '../limits.js';
import { checkText } from '../text.js';
import { requireRole, requireUser, requireVisibleChannel } from './guards.js';
import { MESSAGE_MAX, insertMessage } from './messages.js';

/** A webhook token: long enough to be unguessable, short enough to hash in no time. */
const TOKEN = { pattern: /^[\x21-\x7e]{8,256}$/, what: '8 to 256 printable ASCII characters' };

export const create_webhook = reducer({
  name: 'create_webhook',
  doc: 'Create an incoming webhook for a channel (Admin+) with a token you generated; only its SHA-256 is kept.',
  args: {
    channelId: { type: 'u64' },
    name: { type: 'string' },
    /** The reducer receives the token's hash: see ArgDecl.secret. */
    token: { type: 'string', secret: TOKEN },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'manage_webhooks');
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    if (tx.webhooks.findBy('tokenHash', args.token))
      reject('already_exists', 'that token is in use');
    tx.webhooks.insert({
      id: 0n,
      channelId: channel.id,
      // Shown as the sender of its posts: one line, like a display name.
      name: checkText('webhook name', args.name, WEBHOOK_NAME_MAX, { line: true }),
      tokenHash: args.token,
      createdBy: ctx.sender,
      createdAt: ctx.timestamp,
    });
  },
});

export const delete_webhook = reducer({
  name: 'delete_webhook',
  doc: 'Delete a webhook (its creator, or Admin+).',
  args: { webhookId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const webhook = tx.webhooks.find(args.webhookId);
    if (webhook?.createdBy !== ctx.sender) requireRole(tx, ctx, 'manage_webhooks');
    if (!webhook || !tx.webhooks.delete(webhook.id))
      reject('not_found', `no webhook with id ${args.webhookId}`);
  },
});

export const execute_webhook = reducer({
  name: 'execute_webhook',
  doc: 'Post to a webhook’s channel as the webhook; needs its token, not a profile.',
  args: {
    webhookId: { type: 'u64' },
    token: { type: 'string', secret: TOKEN },
    text: { type: 'string' },
  },
  run(tx, ctx, args) {
    // The token arrives hashed (every call pays for the hash, found or not) and is looked up by
    // its unique index: no stored secret is compared, and a missing id and a wrong token take
    // the same path and give the same answer, so ids cannot be probed.
    const webhook = tx.webhooks.findBy('tokenHash', args.token);
    if (!webhook || webhook.id !== args.webhookId) {
      reject('permission_denied', 'unknown webhook or wrong token');
    }
    // A webhook speaks with its creator's authority: it stops when they lose it.
    const creator = tx.roles.find(webhook.createdBy);
    if (!creator || creator.banned || !roleAllows(creator.role as Role, 'manage_webhooks')) {
      reject(
        'permission_denied',
        `webhook ${webhook.id} is disabled: its creator may no longer manage webhooks`,
      );
    }
    const channel = tx.channels.find(webhook.channelId);
    if (!channel) reject('not_found', `webhook ${webhook.id}'s channel is gone`);
    if (channel.kind === 'Voice')
      reject('wrong_channel_type', `#${channel.name} is a Voice channel: it carries no messages`);
    insertMessage(tx, ctx, {
      channelId: channel.id,
      sender: webhook.createdBy,
      kind: 'Text',
      text: checkText('message text', args.text, MESSAGE_MAX),
      webhookId: webhook.id,
      webhookName: webhook.name,
    });
  },
});
