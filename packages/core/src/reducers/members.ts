import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { Channel } from '../schema/tables.js';
import type { ReducerContext, Tx } from '../tx.js';
import {
  isMember,
  requireChannel,
  requireOutrank,
  requireRole,
  requireTarget,
  requireUser,
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
    const channel = requireChannel(tx, args.channelId);
    if (channel.private) {
      reject('not_a_member', `#${channel.name} is private: you need an invite or to be added`);
    }
    addMembership(tx, ctx, channel, ctx.sender);
  },
});

export const leave_channel = reducer({
  name: 'leave_channel',
  doc: 'Leave a channel.',
  args: { channelId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    removeMembership(tx, ctx, requireChannel(tx, args.channelId), ctx.sender);
  },
});

export const add_member = reducer({
  name: 'add_member',
  doc: 'Add a user to a channel, private ones included (Moderator+).',
  args: { channelId: { type: 'u64' }, identity: { type: 'identity' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'add_member');
    const channel = requireChannel(tx, args.channelId);
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
    const channel = requireChannel(tx, args.channelId);
    requireTarget(tx, args.identity);
    requireOutrank(tx, ctx, args.identity, 'remove_member');
    removeMembership(tx, ctx, channel, args.identity);
  },
});
