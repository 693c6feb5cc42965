import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import { checkReaction } from '../reaction.js';
import { requireUser, requireVisibleMessage } from './guards.js';

export const DISTINCT_EMOJI_MAX = 20;

export const add_reaction = reducer({
  name: 'add_reaction',
  doc: 'React to a message with one emoji or a :short_code: (at most 20 distinct per message).',
  args: { messageId: { type: 'u64' }, emoji: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const message = requireVisibleMessage(tx, ctx, args.messageId);
    const emoji = checkReaction(args.emoji);
    const existing = tx.reactions.filter('messageId', message.id);
    if (existing.some((r) => r.identity === ctx.sender && r.emoji === emoji)) {
      reject('already_exists', `you already reacted ${emoji} to message ${message.id}`);
    }
    const distinct = new Set(existing.map((r) => r.emoji));
    if (!distinct.has(emoji) && distinct.size >= DISTINCT_EMOJI_MAX) {
      reject(
        'limit_reached',
        `message ${message.id} already has ${DISTINCT_EMOJI_MAX} distinct emoji`,
      );
    }
    tx.reactions.insert({
      id: 0n,
      channelId: message.channelId,
      messageId: message.id,
      identity: ctx.sender,
      emoji,
      createdAt: ctx.timestamp,
    });
  },
});

export const remove_reaction = reducer({
  name: 'remove_reaction',
  doc: 'Remove one of your reactions.',
  args: { messageId: { type: 'u64' }, emoji: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const row = tx.reactions
      .filter('messageId', args.messageId)
      .find((r) => r.identity === ctx.sender && r.emoji === args.emoji);
    if (!row)
      reject('not_found', `you have no ${args.emoji} reaction on message ${args.messageId}`);
    tx.reactions.delete(row.id);
  },
});
