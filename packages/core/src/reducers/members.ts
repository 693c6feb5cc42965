import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { Channel } from '../schema/tables.js';
import type { ReducerContext, Tx } from '../tx.js';
import {
  isMember,
  requireOutrank,
  requireRole,
  requireTarget,
  requireUser,
  requireVisibleChannel,
} from './guards.js';
import { postSystemMessage } from './messages.js';

/** Adds a membership row and, in Voice channels, a Join message. */
export function addMembership(
  tx: Tx,
  ctx: ReducerContext,
  channel: Channel,
  identity: string,
): void {
  if (isMember(tx, channel.id, identity)) {
    reject('already_exists', `${identity} is already a member of #${channel.name}`);
  }
  tx.members.insert({ id: 0n, channelId: channel.id, identity, joinedAt: ctx.timestamp });
  if (channel.kind === 'Voice') postSystemMessage(tx, ctx, channel.id, 'Join', identity, 'joined');
}

function removeMembership(tx: Tx, ctx: ReducerContext, channel: Channel, identity: string): void {
  const row = tx.members.filter('identity', identity).find((m) => m.channelId === channel.id);
  if (!row) reject('not_a_member', `${identity} is not a member of #${channel.name}`);
  tx.members.delete(row.id);
  if (channel.kind === 'Voice') postSystemMessage(tx, ctx, channel.id, 'Leave', identity, 'left');
}

export const join_channel = reducer({
  name: 'join_channel',
  doc: 'Join a public channel (private channels need an invite or add_member).',
  args: { channelId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    // A private channel is visible only to its members, so to anyone else it is not found.
    addMembership(tx, ctx, requireVisibleChannel(tx, ctx, args.channelId), ctx.sender);
  },
});

export const leave_channel = reducer({
  name: 'leave_channel',
  doc: 'Leave a channel.',
  args: { channelId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    // Not requireVisibleChannel: a banned member sees no private channel, yet may leave it.
    const channel = tx.channels.find(args.channelId);
    if (!channel || (channel.private && !isMember(tx, channel.id, ctx.sender))) {
      reject('not_found', `no channel with id ${args.channelId}`);
    }
    removeMembership(tx, ctx, channel, ctx.sender);
  },
});

export const add_member = reducer({
  name: 'add_member',
  doc: 'Add a user to a channel you can see (Moderator+, or the channel’s creator).',
  args: { channelId: { type: 'u64' }, identity: { type: 'identity' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    if (channel.createdBy !== ctx.sender) requireRole(tx, ctx, 'add_member');
    requireTarget(tx, args.identity);
    addMembership(tx, ctx, channel, args.identity);
  },
});

export const remove_member = reducer({
  name: 'remove_member',
  doc: 'Remove (kick) a user from a channel (Moderator+, and above the target’s rank).',
  args: { channelId: { type: 'u64' }, identity: { type: 'identity' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    requireTarget(tx, args.identity);
    requireOutrank(tx, ctx, args.identity, 'remove_member');
    removeMembership(tx, ctx, channel, args.identity);
  },
});
