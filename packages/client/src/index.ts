/**
 * @spaces/client: the one API programs use to reach a space, over the embedded SQLite engine
 * or SpacetimeDB.
 */
export type {
  CallReceipt,
  Change,
  MessageQuery,
  OpenOptions,
  ReducerCalls,
  Space,
  Subscription,
  SubscriptionFilter,
  Unread,
  VerifyReport,
} from './api.js';
export { openSpace } from './open.js';
export type { EmbeddedTarget, ResolvedOptions, SpacetimeTarget } from './options.js';
export { cliToken, defaultHome, resolveOptions } from './options.js';
export type { Profile } from './profiles.js';
export {
  addProfile,
  currentProfile,
  identityOf,
  listProfiles,
  loadProfile,
  resolveProfile,
  useProfile,
} from './profiles.js';
export { SpacesError } from '@spaces/core';
