/**
 * The Spaces SpacetimeDB module: core's 13 tables and 35 reducers, registered with
 * `spacetimedb/server`. `spacetime build` requires this file to export the schema as default and
 * nothing but reducers by name, so every helper lives in another file.
 */
import type { ReducerDef, ReducerName } from '@spaces/core';
import { reducers } from '@spaces/core';
import { LAST_CALL_RULE } from '@spaces/spacetime';
import { schema } from 'spacetimedb/server';
import type { ReducerRegistry } from './reducers.js';
import { exportReducer } from './reducers.js';
import { spacetimeTables } from './tables.js';
import type { VisibilityRegistry } from './visibility.js';
import { visibilityExports } from './visibility.js';

const spacetimedb = schema(spacetimeTables);
export default spacetimedb;

/** Each client sees only its own `last_call` row (its calls' changes): see @spaces/spacetime. */
export const last_call_visibility = spacetimedb.clientVisibilityFilter.sql(LAST_CALL_RULE);

type Export = ReturnType<typeof spacetimedb.reducer>;
const registry = spacetimedb as unknown as ReducerRegistry<Export>;
const register = (name: ReducerName) =>
  exportReducer(registry, reducers[name] as unknown as ReducerDef);

/** Who may see what: core's VISIBILITY as row-level-security filters and views (visibility.ts). */
export const visibility = spacetimedb.exportGroup(
  visibilityExports(spacetimedb as unknown as VisibilityRegistry<Export>),
);

// ESM needs static names: this list must equal core's `reducers` (test/describe.test.ts checks).
export const init = register('init');
export const client_connected = register('client_connected');
export const client_disconnected = register('client_disconnected');
export const set_profile = register('set_profile');
export const set_presence = register('set_presence');
export const create_channel = register('create_channel');
export const update_channel = register('update_channel');
export const delete_channel = register('delete_channel');
export const join_channel = register('join_channel');
export const leave_channel = register('leave_channel');
export const add_member = register('add_member');
export const remove_member = register('remove_member');
export const set_role = register('set_role');
export const transfer_ownership = register('transfer_ownership');
export const ban_user = register('ban_user');
export const unban_user = register('unban_user');
export const timeout_user = register('timeout_user');
export const send_message = register('send_message');
export const edit_message = register('edit_message');
export const delete_message = register('delete_message');
export const add_reaction = register('add_reaction');
export const remove_reaction = register('remove_reaction');
export const pin_message = register('pin_message');
export const unpin_message = register('unpin_message');
export const mark_read = register('mark_read');
export const create_invite = register('create_invite');
export const redeem_invite = register('redeem_invite');
export const revoke_invite = register('revoke_invite');
export const create_topic = register('create_topic');
export const resolve_topic = register('resolve_topic');
export const reopen_topic = register('reopen_topic');
export const emit_event = register('emit_event');
export const create_webhook = register('create_webhook');
export const delete_webhook = register('delete_webhook');
export const execute_webhook = register('execute_webhook');
