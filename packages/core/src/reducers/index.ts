import type { ArgsOf } from '../args.js';
import type { ReducerDef } from '../reducer.js';
import { create_channel, delete_channel, update_channel } from './channels.js';
import { emit_event } from './events.js';
import { create_invite, redeem_invite, revoke_invite } from './invites.js';
import { client_connected, client_disconnected, init } from './lifecycle.js';
import { add_member, join_channel, leave_channel, remove_member } from './members.js';
import { delete_message, edit_message, send_message } from './messages.js';
import { pin_message, unpin_message } from './pins.js';
import { mark_read } from './readReceipts.js';
import { add_reaction, remove_reaction } from './reactions.js';
import { ban_user, set_role, timeout_user, transfer_ownership, unban_user } from './roles.js';
import { create_topic, reopen_topic, resolve_topic } from './topics.js';
import { set_presence, set_profile } from './users.js';
import { create_webhook, delete_webhook, execute_webhook } from './webhooks.js';

/** Every reducer, by canonical name. Each has exactly one implementation, run by every engine. */
export const reducers = {
  init,
  client_connected,
  client_disconnected,
  set_profile,
  set_presence,
  create_channel,
  update_channel,
  delete_channel,
  join_channel,
  leave_channel,
  add_member,
  remove_member,
  set_role,
  transfer_ownership,
  ban_user,
  unban_user,
  timeout_user,
  send_message,
  edit_message,
  delete_message,
  add_reaction,
  remove_reaction,
  pin_message,
  unpin_message,
  mark_read,
  create_invite,
  redeem_invite,
  revoke_invite,
  create_topic,
  resolve_topic,
  reopen_topic,
  emit_event,
  create_webhook,
  delete_webhook,
  execute_webhook,
} as const;

export type Reducers = typeof reducers;
export type ReducerName = keyof Reducers;
/** The typed arguments of each reducer, by name. */
export type ReducerArgs = {
  [K in ReducerName]: Reducers[K] extends ReducerDef<infer A> ? ArgsOf<A> : never;
};

/** Looks a reducer up by name. */
export function reducerNamed(name: string): ReducerDef | undefined {
  return Object.hasOwn(reducers, name)
    ? (reducers[name as ReducerName] as unknown as ReducerDef)
    : undefined;
}
