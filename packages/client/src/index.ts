/**
 * @spaces/client: the one API programs use to reach a space, over the embedded SQLite engine
 * or SpacetimeDB.
 */
export { ConnectionError } from './api.js';
export type {
  CallReceipt,
  EventQuery,
  HubOwner,
  InviteInfo,
  Change,
  MessageQuery,
  MessageRow,
  OpenOptions,
  ReducerCalls,
  Space,
  Subscription,
  SubscriptionFilter,
  VerifyReport,
  WebhookInfo,
} from './api.js';
export { openSpace } from './open.js';
export { createInvite, createWebhook, newInviteCode, newWebhookToken } from './secrets.js';
export type { EmbeddedTarget, ResolvedOptions, SpacetimeTarget } from './options.js';
export { cliToken, defaultHome, resolveOptions } from './options.js';
export type { Profile } from './profiles.js';
export {
  addProfile,
  currentProfile,
  identityOf,
  listProfiles,
  loadProfile,
  removeProfile,
  resolveProfile,
  useProfile,
} from './profiles.js';
// What programs on top of the client need from core, so they depend on the client alone.
export {
  ERROR_CODES,
  INVITE_CODE,
  LIMIT_MAX,
  PERMISSIONS,
  SANCTIONS,
  SpacesError,
  VISIBILITY,
  formatError,
  isoOf,
  shortIdentity,
} from '@spaces/core';
export type {
  Channel,
  ErrorClass,
  ErrorCode,
  Event,
  Invite,
  Member,
  Message,
  Pin,
  ReducerArgs,
  ReducerName,
  Rows,
  TableName,
  Topic,
  Unread,
  User,
  Webhook,
} from '@spaces/core';
