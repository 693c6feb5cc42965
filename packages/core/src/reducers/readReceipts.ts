import { reducer } from '../reducer.js';
import { reject } from '../errors.js';
import { requireUser, requireVisibleChannel, requireVisibleMessage } from './guards.js';

export const mark_read = reducer({
  name: 'mark_read',
  doc: 'Mark a channel read up to a message; a receipt only moves forward.',
  args: { channelId: { type: 'u64' }, messageId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    const message = requireVisibleMessage(tx, ctx, args.messageId);
    if (message.channelId !== channel.id) {
      reject('not_found', `message ${message.id} is not in #${channel.name}`);
    }
    const receipt = tx.read_receipts
      .filter('identity', ctx.sender)
      .find((r) => r.channelId === channel.id);
    if (!receipt) {
      tx.read_receipts.insert({
        id: 0n,
        channelId: channel.id,
        identity: ctx.sender,
        lastReadMessageId: message.id,
        readAt: ctx.timestamp,
      });
    } else if (message.id > receipt.lastReadMessageId) {
      tx.read_receipts.update({ ...receipt, lastReadMessageId: message.id, readAt: ctx.timestamp });
    }
  },
});
