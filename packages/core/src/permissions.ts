import type { Role } from './enums.js';
import { rankOf } from './enums.js';

/**
 * Who may do what, in one place. `min` is the lowest space role allowed; `rank` marks actions on
 * another user, which also need the actor's rank strictly above the target's (and, for role
 * grants, the granted role strictly below the actor's). `own` marks actions the author of a thing
 * may do whatever their role.
 */
export const PERMISSIONS = {
  create_channel: { min: 'Member', note: 'agents post and emit, but do not create channels' },
  update_channel: { min: 'Moderator', own: true, note: 'the creator may also edit' },
  delete_channel: { min: 'Admin', note: 'cascades to everything in the channel' },
  join_channel: {
    min: 'Agent',
    note: 'public channels; private ones need an invite or add_member',
  },
  add_member: {
    min: 'Moderator',
    own: true,
    note: 'into a channel they can see, or by its creator; a private one only by its members',
  },
  remove_member: { min: 'Moderator', rank: true, note: 'a kick from one channel' },
  set_role: {
    min: 'Moderator',
    rank: true,
    note: 'grants only roles below the actor; never Owner',
  },
  transfer_ownership: { min: 'Owner', note: 'the only way Owner changes hands' },
  ban_user: { min: 'Moderator', rank: true, note: 'banned users can only leave; see SANCTIONS' },
  unban_user: { min: 'Moderator', rank: true, note: '' },
  timeout_user: {
    min: 'Moderator',
    rank: true,
    note: 'cannot post, react, create or edit until then',
  },
  post_announcement: { min: 'Moderator', note: 'Announcement channels only' },
  edit_message: {
    min: 'Agent',
    own: true,
    note: 'only the author edits; earlier versions are kept (see the limits)',
  },
  delete_message: {
    min: 'Moderator',
    own: true,
    rank: true,
    note: 'the author, or a higher rank; a webhook post: its creator or any Moderator+',
  },
  pin_message: { min: 'Moderator', note: 'at most 250 pins per channel' },
  create_invite: { min: 'Member', note: 'grants a role strictly below the creator’s' },
  revoke_invite: { min: 'Moderator', own: true, note: 'the creator may revoke their own' },
  resolve_topic: { min: 'Moderator', own: true, note: 'the creator may resolve or reopen' },
  manage_webhooks: {
    min: 'Admin',
    note: 'create and delete; a webhook stops when its creator is banned or drops below this',
  },
} as const satisfies Record<string, { min: Role; own?: boolean; rank?: boolean; note: string }>;

export type Action = keyof typeof PERMISSIONS;

/**
 * What a sanctioned caller may still call; every other reducer refuses them (checked before any
 * reducer body runs, on every engine; lifecycle reducers are the engine's and exempt). Banned: only
 * leaving a channel. Timed out: nothing that posts, reacts, creates or edits; they may
 * step away and take things back. A ban with an end time is lifted by the caller's first call
 * after it ends.
 */
export const SANCTIONS = {
  banned: ['leave_channel'],
  timed_out: ['leave_channel', 'mark_read', 'remove_reaction', 'delete_message', 'revoke_invite'],
} as const satisfies Record<'banned' | 'timed_out', readonly string[]>;

/** True when a role meets an action's minimum role. */
export function roleAllows(role: Role, action: Action): boolean {
  return rankOf(role) >= rankOf(PERMISSIONS[action].min);
}

/** True when an actor may act on a target: strictly higher rank. */
export function outranks(actor: Role, target: Role): boolean {
  return rankOf(actor) > rankOf(target);
}
