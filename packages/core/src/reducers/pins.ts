import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import { canSee } from '../visibility.js';
import { requireChannel, requireRole, requireUser, requireVisibleMessage } from './guards.js';

export const PINS_PER_CHANNEL_MAX = 250;

export const pin_message = reducer({
  name: 'pin_message',
  doc: 'Pin a message (Moderator+; at most 250 pins per channel).',
  args: { messageId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'pin_message');
    const message = requireVisibleMessage(tx, ctx, args.messageId);
    if (tx.pins.findBy('messageId', message.id))
      reject('already_exists', `message ${message.id} is already pinned`);
    const channel = requireChannel(tx, message.channelId);
    if (tx.pins.filter('channelId', channel.id).length >= PINS_PER_CHANNEL_MAX) {
      reject('limit_reached', `#${channel.name} already has ${PINS_PER_CHANNEL_MAX} pins`);
    }
    tx.pins.insert({
      id: 0n,
      channelId: channel.id,
      messageId: message.id,
      pinnedBy: ctx.sender,
      pinnedAt: ctx.timestamp,
    });
  },
});

export const unpin_message = reducer({
  name: 'unpin_message',
  doc: 'Unpin a message (Moderator+).',
  args: { messageId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'pin_message');
    const pin = tx.pins.findBy('messageId', args.messageId);
    if (!pin || !canSee(tx, ctx.sender, 'pins', pin)) {
      reject('not_found', `message ${args.messageId} is not pinned`);
    }
    tx.pins.delete(pin.id);
  },
});
