import { rankOf } from '../enums.js';
import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { ReducerContext, Tx } from '../tx.js';
import { checkText } from '../text.js';
import {
  parseRole,
  requireOutrank,
  requireRole,
  requireTarget,
  requireUser,
  roleRowOf,
} from './guards.js';

/** The longest ban reason. */
export const REASON_MAX = 500;

function updateRole(
  tx: Tx,
  ctx: ReducerContext,
  identity: string,
  patch: Partial<ReturnType<typeof roleRowOf>>,
) {
  tx.roles.update({
    ...roleRowOf(tx, identity),
    ...patch,
    updatedBy: ctx.sender,
    updatedAt: ctx.timestamp,
  });
}

export const set_role = reducer({
  name: 'set_role',
  doc: 'Change a user’s role: only for someone ranked below you, only to a role below yours, never to Owner.',
  args: { identity: { type: 'identity' }, role: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const role = parseRole(args.role);
    requireTarget(tx, args.identity);
    if (role === 'Owner')
      reject('owner_only_transferred', 'Owner is never granted: use transfer_ownership');
    const { actor } = requireOutrank(tx, ctx, args.identity, 'set_role');
    if (rankOf(role) >= rankOf(actor)) {
      reject('rank_too_low', `you can grant only roles below your own (${actor}); ${role} is not`);
    }
    updateRole(tx, ctx, args.identity, { role });
  },
});

export const transfer_ownership = reducer({
  name: 'transfer_ownership',
  doc: 'Hand the hub to another user (Owner only); you become Admin.',
  args: { identity: { type: 'identity' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'transfer_ownership');
    requireTarget(tx, args.identity);
    if (args.identity === ctx.sender) reject('invalid_argument', 'you already own the hub');
    if (roleRowOf(tx, args.identity).banned) reject('banned', 'a banned user cannot become Owner');
    updateRole(tx, ctx, args.identity, { role: 'Owner', timeoutUntil: undefined });
    updateRole(tx, ctx, ctx.sender, { role: 'Admin' });
  },
});

export const ban_user = reducer({
  name: 'ban_user',
  doc: 'Ban a user ranked below you, with a reason and an optional end time.',
  args: {
    identity: { type: 'identity' },
    reason: { type: 'string', optional: true },
    until: { type: 'timestamp', optional: true },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireTarget(tx, args.identity);
    requireOutrank(tx, ctx, args.identity, 'ban_user');
    if (args.until !== undefined && args.until <= ctx.timestamp)
      reject('invalid_argument', 'a ban must end in the future');
    const reason =
      args.reason === undefined
        ? undefined
        : checkText('reason', args.reason, REASON_MAX, { allowEmpty: true });
    updateRole(tx, ctx, args.identity, {
      banned: true,
      banReason: reason,
      bannedUntil: args.until,
    });
  },
});

export const unban_user = reducer({
  name: 'unban_user',
  doc: 'Lift a ban.',
  args: { identity: { type: 'identity' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireTarget(tx, args.identity);
    requireOutrank(tx, ctx, args.identity, 'unban_user');
    if (!roleRowOf(tx, args.identity).banned) reject('not_found', `${args.identity} is not banned`);
    updateRole(tx, ctx, args.identity, {
      banned: false,
      banReason: undefined,
      bannedUntil: undefined,
    });
  },
});

export const timeout_user = reducer({
  name: 'timeout_user',
  doc: 'Stop a user ranked below you from posting until a time.',
  args: { identity: { type: 'identity' }, until: { type: 'timestamp' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireTarget(tx, args.identity);
    requireOutrank(tx, ctx, args.identity, 'timeout_user');
    if (args.until <= ctx.timestamp) reject('invalid_argument', 'a timeout must end in the future');
    updateRole(tx, ctx, args.identity, { timeoutUntil: args.until });
  },
});
