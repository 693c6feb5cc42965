import type { Role } from '../enums.js';
import { ROLES } from '../enums.js';
import { reject } from '../errors.js';
import type { Action } from '../permissions.js';
import { PERMISSIONS, SANCTIONS, outranks, roleAllows } from '../permissions.js';
import type { Channel, Message, RoleRow, User } from '../schema/tables.js';
import type { ReducerContext, Tx } from '../tx.js';
import { isoOf } from '../time.js';
import { canSee, isMemberOf } from '../visibility.js';

/** The caller's user row; every reducer but the lifecycle ones needs one. */
export function requireUser(tx: Tx, ctx: ReducerContext): User {
  return (
    tx.users.find(ctx.sender) ??
    reject('not_registered', 'you have no profile yet: set one with set_profile')
  );
}

/** A user by identity, or not_found naming it. */
export function requireTarget(tx: Tx, identity: string): User {
  return tx.users.find(identity) ?? reject('not_found', `no user with identity ${identity}`);
}

/** A user's space-wide role row. */
export function roleRowOf(tx: Tx, identity: string): RoleRow {
  return tx.roles.find(identity) ?? reject('not_registered', `user ${identity} has no role`);
}

export function roleOf(tx: Tx, identity: string): Role {
  return roleRowOf(tx, identity).role as Role;
}

/** Rejects unless the caller's role allows the action; returns the role. */
export function requireRole(tx: Tx, ctx: ReducerContext, action: Action): Role {
  const role = roleOf(tx, ctx.sender);
  if (!roleAllows(role, action)) {
    reject(
      'permission_denied',
      `${action} needs ${PERMISSIONS[action].min} or above; you are ${role}`,
    );
  }
  return role;
}

/** Rejects unless the actor outranks the target; returns both roles. */
export function requireOutrank(tx: Tx, ctx: ReducerContext, target: string, action: Action) {
  const actor = requireRole(tx, ctx, action);
  const targetRole = roleOf(tx, target);
  if (target === ctx.sender) reject('permission_denied', `you cannot ${action} yourself`);
  if (!outranks(actor, targetRole)) {
    reject('rank_too_low', `${action} needs a rank above the target's (${actor} vs ${targetRole})`);
  }
  return { actor, target: targetRole };
}

/** Rejects unless `role` is a role name. */
export function parseRole(role: string): Role {
  return (ROLES as readonly string[]).includes(role)
    ? (role as Role)
    : reject('invalid_argument', `role must be one of ${ROLES.join(', ')}; got "${role}"`);
}

export function requireChannel(tx: Tx, channelId: bigint): Channel {
  return tx.channels.find(channelId) ?? reject('not_found', `no channel with id ${channelId}`);
}

export function requireMessage(tx: Tx, messageId: bigint): Message {
  return tx.messages.find(messageId) ?? reject('not_found', `no message with id ${messageId}`);
}

/** True when `identity` belongs to the channel. */
export const isMember = isMemberOf;

/**
 * A channel the caller may see (`VISIBILITY`): a private channel they do not belong to is
 * "not found", exactly as a missing one, so its name and existence do not leak.
 */
export function requireVisibleChannel(tx: Tx, ctx: ReducerContext, channelId: bigint): Channel {
  const channel = tx.channels.find(channelId);
  if (!channel || !canSee(tx, ctx.sender, 'channels', channel)) {
    reject('not_found', `no channel with id ${channelId}`);
  }
  return channel;
}

/** A message in a channel the caller may see; otherwise "not found", as a missing one. */
export function requireVisibleMessage(tx: Tx, ctx: ReducerContext, messageId: bigint): Message {
  const message = tx.messages.find(messageId);
  if (!message || !canSee(tx, ctx.sender, 'messages', message)) {
    reject('not_found', `no message with id ${messageId}`);
  }
  return message;
}

/** True while a role row's ban holds at `now`. */
function banHolds(row: RoleRow, now: bigint): boolean {
  return row.banned && (row.bannedUntil === undefined || row.bannedUntil > now);
}

/**
 * The sanction check every reducer runs first (see `reducer()`): a banned or timed-out caller
 * may call only what `SANCTIONS` allows. A ban whose end time has passed is lifted here, so
 * visibility (which has no clock) follows. Callers with no role row (not registered yet, or a
 * webhook's anonymous caller) have no sanction.
 */
export function requireStanding(tx: Tx, ctx: ReducerContext, reducer: string): void {
  const row = tx.roles.find(ctx.sender);
  if (!row) return;
  if (row.banned && !banHolds(row, ctx.timestamp)) {
    tx.roles.update({ ...row, banned: false, banReason: undefined, bannedUntil: undefined });
    return requireStanding(tx, ctx, reducer);
  }
  if (row.banned && !(SANCTIONS.banned as readonly string[]).includes(reducer)) {
    const until = row.bannedUntil === undefined ? '' : ` until ${isoOf(row.bannedUntil)}`;
    reject('banned', `you are banned${until}${row.banReason ? `: ${row.banReason}` : ''}`);
  }
  if (
    row.timeoutUntil !== undefined &&
    row.timeoutUntil > ctx.timestamp &&
    !(SANCTIONS.timed_out as readonly string[]).includes(reducer)
  ) {
    reject('timed_out', `you are timed out until ${isoOf(row.timeoutUntil)}`);
  }
}

/**
 * May the caller post a client message (Text or AgentEvent) in this channel? Encodes the channel
 * type rules: Announcement is Moderator+, Voice carries no text, AgentLog is open to everyone.
 * A private channel takes members only (the channel was found through `requireVisibleChannel`).
 */
export function requireCanPost(tx: Tx, ctx: ReducerContext, channel: Channel): void {
  if (channel.kind === 'Voice') {
    reject('wrong_channel_type', `#${channel.name} is a Voice channel: it carries no messages`);
  }
  if (channel.kind === 'Announcement' && !roleAllows(roleOf(tx, ctx.sender), 'post_announcement')) {
    reject(
      'permission_denied',
      `only Moderators and above post in #${channel.name} (Announcement)`,
    );
  }
}
