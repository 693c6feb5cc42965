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
export { inserted } from './receipts.js';
export { createInvite, createWebhook, newInviteCode, newWebhookToken } from './secrets.js';
export type { SentMessage } from './sendMessage.js';
export { sendMessage } from './sendMessage.js';
export { StoreError } from './storeError.js';
export type { EmbeddedTarget, ResolvedOptions, SpacetimeTarget } from './options.js';
export { cliToken, defaultHome, resolveOptions } from './options.js';
export { storePath } from './embedded/store.js';
export type { BrokenProfile, Profile } from './profiles.js';
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
  EVENT_KINDS,
  ID_MAX,
  INVITE_CODE,
  LIMIT_MAX,
  LIMITS,
  MESSAGE_MAX,
  NAME_MAX,
  NONCE_MAX,
  PAYLOAD_MAX,
  PAYLOAD_DEPTH_MAX,
  PERMISSIONS,
  PRESENCE_STATUSES,
  ROLES,
  SANCTIONS,
  SpacesError,
  TIMESTAMP_MAX,
  VISIBILITY,
  formatError,
  reducers,
  isoOf,
  nameKey,
  nestingOf,
  shortIdentity,
} from '@spaces/core';
export type {
  Channel,
  Limit,
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
