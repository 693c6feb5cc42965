import { rankOf } from '../enums.js';
import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import {
  isMember,
  parseRole,
  requireChannel,
  requireRole,
  requireUser,
  requireVisibleChannel,
  roleOf,
  roleRowOf,
} from './guards.js';
import { addMembership } from './members.js';

/**
 * An invite code, chosen by the client (whose helper draws it from a CSPRNG): the reducer gets
 * only its hash, so the tables and the log never hold a usable code.
 */
export const INVITE_CODE = {
  pattern: /^[A-Za-z0-9_-]{6,64}$/,
  what: '6 to 64 letters, digits, "_" or "-"',
} as const;

export const create_invite = reducer({
  name: 'create_invite',
  doc: 'Create an invite to a channel or the whole space: max uses (0 = unlimited), expiry, role granted (below yours).',
  args: {
    channelId: { type: 'u64', optional: true },
    role: { type: 'string', optional: true },
    maxUses: { type: 'u32', optional: true },
    expiresAt: { type: 'timestamp', optional: true },
    code: { type: 'string', secret: INVITE_CODE },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const mine = requireRole(tx, ctx, 'create_invite');
    const role = parseRole(args.role ?? 'Member');
    if (rankOf(role) >= rankOf(mine)) {
      reject(
        'rank_too_low',
        `an invite can grant only roles below your own (${mine}); ${role} is not`,
      );
    }
    if (args.channelId !== undefined) requireVisibleChannel(tx, ctx, args.channelId);
    if (args.expiresAt !== undefined && args.expiresAt <= ctx.timestamp) {
      reject('invalid_argument', 'an invite must expire in the future');
    }
    if (tx.invites.findBy('codeHash', args.code))
      reject('already_exists', 'that invite code is in use');
    tx.invites.insert({
      id: 0n,
      codeHash: args.code,
      channelId: args.channelId,
      role,
      maxUses: args.maxUses ?? 0,
      uses: 0,
      expiresAt: args.expiresAt,
      revoked: false,
      createdBy: ctx.sender,
      createdAt: ctx.timestamp,
    });
  },
});

export const redeem_invite = reducer({
  name: 'redeem_invite',
  doc: 'Use an invite: join its channel and rise to its role (never lowered).',
  args: { code: { type: 'string', secret: INVITE_CODE } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const invite = tx.invites.findBy('codeHash', args.code);
    if (!invite || invite.revoked) reject('not_found', 'no such invite (or it was revoked)');
    if (invite.expiresAt !== undefined && invite.expiresAt <= ctx.timestamp)
      reject('invite_expired', 'that invite has expired');
    if (invite.maxUses > 0 && invite.uses >= invite.maxUses)
      reject('invite_used_up', 'that invite has been used up');
    if (invite.channelId !== undefined) {
      const channel = requireChannel(tx, invite.channelId);
      if (!isMember(tx, channel.id, ctx.sender)) addMembership(tx, ctx, channel, ctx.sender);
    }
    const role = parseRole(invite.role);
    if (rankOf(role) > rankOf(roleOf(tx, ctx.sender))) {
      // The grant is the creator's: if they have since been demoted, it may no longer stand.
      const granter = roleOf(tx, invite.createdBy);
      if (rankOf(role) >= rankOf(granter)) {
        reject(
          'rank_too_low',
          `this invite grants ${role}, which its creator (now ${granter}) can no longer grant`,
        );
      }
      tx.roles.update({
        ...roleRowOf(tx, ctx.sender),
        role,
        updatedBy: invite.createdBy,
        updatedAt: ctx.timestamp,
      });
    }
    tx.invites.update({ ...invite, uses: invite.uses + 1 });
  },
});

export const revoke_invite = reducer({
  name: 'revoke_invite',
  doc: 'Revoke an invite by its id (its creator, or Moderator+).',
  args: { inviteId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const invite = tx.invites.find(args.inviteId);
    if (!invite || invite.revoked) reject('not_found', `no invite with id ${args.inviteId}`);
    if (invite.createdBy !== ctx.sender) requireRole(tx, ctx, 'revoke_invite');
    tx.invites.update({ ...invite, revoked: true });
  },
});
