import { rankOf } from '../enums.js';
import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { ReducerContext } from '../tx.js';
import {
  isMember,
  parseRole,
  requireChannel,
  requireAccess,
  requireRole,
  requireUser,
  roleOf,
  roleRowOf,
} from './guards.js';
import { addMembership } from './members.js';

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** A fresh invite code from the call's randomness. */
function generateCode(ctx: ReducerContext): string {
  let code = '';
  for (let i = 0; i < 10; i++)
    code += CODE_ALPHABET[Math.floor(ctx.random() * CODE_ALPHABET.length)];
  return code;
}

export const create_invite = reducer({
  name: 'create_invite',
  doc: 'Create an invite to a channel or the whole space: max uses (0 = unlimited), expiry, role granted (below yours).',
  args: {
    channelId: { type: 'u64', optional: true },
    role: { type: 'string', optional: true },
    maxUses: { type: 'u32', optional: true },
    expiresAt: { type: 'timestamp', optional: true },
    code: { type: 'string', optional: true },
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
    if (args.channelId !== undefined) requireAccess(tx, ctx, requireChannel(tx, args.channelId));
    if (args.expiresAt !== undefined && args.expiresAt <= ctx.timestamp) {
      reject('invalid_argument', 'an invite must expire in the future');
    }
    const code = args.code ?? generateCode(ctx);
    if (!CODE_PATTERN.test(code))
      reject('invalid_argument', 'an invite code is 6 to 64 letters, digits, "_" or "-"');
    if (tx.invites.findBy('code', code)) reject('already_exists', 'that invite code is in use');
    tx.invites.insert({
      id: 0n,
      code,
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
  args: { code: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const invite = tx.invites.findBy('code', args.code);
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
  doc: 'Revoke an invite (its creator, or Moderator+).',
  args: { code: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const invite = tx.invites.findBy('code', args.code);
    if (!invite || invite.revoked) reject('not_found', 'no such invite (or it was revoked)');
    if (invite.createdBy !== ctx.sender) requireRole(tx, ctx, 'revoke_invite');
    tx.invites.update({ ...invite, revoked: true });
  },
});
