/**
 * @spaces/core: the pure, deterministic heart of Spaces. Tables declared once, every reducer
 * implemented once, the permission rules, and an in-memory engine. No I/O.
 */
export type { ArgDecl, ArgsDecl, ArgsOf, ParseOptions, SecretDecl } from './args.js';
export { ID_MAX, TIMESTAMP_MAX, U32_MAX, checkId, parseArgs } from './args.js';
export * from './enums.js';
export type { ErrorClass, ErrorCode } from './errors.js';
export {
  ERROR_CODES,
  SpacesError,
  formatError,
  isErrorCode,
  parseError,
  reject,
} from './errors.js';
export {
  EVENT_KINDS,
  PAYLOAD_DEPTH_MAX,
  PAYLOAD_MAX,
  checkPayload,
  nestingOf,
} from './eventKinds.js';
export type { FieldShape } from './eventKinds.js';
export { isIdentity, shortIdentity } from './identity.js';
export type { Limit } from './limits.js';
export { LIMITS, WEBHOOK_NAME_MAX } from './limits.js';
export {
  CHANNEL_NAME_MAX,
  NAME_MAX,
  NAME_PATTERN,
  checkChannelName,
  checkUserName,
  nameKey,
} from './names.js';
export { PERMISSIONS, SANCTIONS, outranks, roleAllows } from './permissions.js';
export { rulesMarkdown } from './rulesTable.js';
export type { Action } from './permissions.js';
export { seededRandom } from './random.js';
export { SHORT_CODE_MAX, checkReaction, isReaction } from './reaction.js';
export type { Lifecycle, ReducerDef } from './reducer.js';
export { reducer } from './reducer.js';
export { reducers, reducerNamed } from './reducers/index.js';
export type { ReducerArgs, ReducerName, Reducers } from './reducers/index.js';
export { HUB_CHANNELS } from './reducers/lifecycle.js';
export type { EditRecord } from './reducers/messages.js';
export { MESSAGE_MAX, NONCE_MAX } from './reducers/messages.js';
export { INVITE_CODE } from './reducers/invites.js';
export { hashSecret, isSecretHash, sameHash } from './secrets.js';
export type { ColumnDecl, ColumnType, ColumnValue } from './schema/column.js';
export type { RowOf, TableDecl } from './schema/table.js';
export { autoIncOf, indexedColumnsOf, primaryKeyOf, uniqueColumnsOf } from './schema/table.js';
export { lazyTableGetters, lazyTables } from './schema/lazyTables.js';
export { tables } from './schema/tables.js';
export type * from './schema/tables.js';
export type { TextRules } from './text.js';
export { checkText, clip, codePointLength, isBlank, isWellFormed } from './text.js';
export { SECOND, isoOf } from './time.js';
export type {
  LookupTx,
  ReadTable,
  ReadTx,
  ReducerContext,
  TableLookup,
  TableTx,
  Tx,
} from './tx.js';
export type { TableVisibility, Visible, VisibilityRule } from './visibility.js';
export { VISIBILITY, canSee, isMemberOf, isPublicToAll, visibleColumns } from './visibility.js';
export type { EventQuery, MessageQuery } from './reads/query.js';
export {
  LIMIT_MAX,
  checkEventQuery,
  checkLimit,
  checkMessageQuery,
  parseChannelRef,
} from './reads/query.js';
export { seesChange, withDeletedRows } from './reads/changes.js';
export { ReaderView } from './reads/readerView.js';
export type { Unread } from './reads/queries.js';
export {
  channelMembers,
  channelPins,
  channelTopics,
  eventsOf,
  findChannel,
  findUser,
  invitesOf,
  messagePage,
  requireReadableChannel,
  unreadOf,
  visibleRows,
  webhooksOf,
} from './reads/queries.js';
export type { Call, RowChange } from './engine/call.js';
export type { RowJson } from './engine/changesJson.js';
export {
  changesEncoder,
  decodeChanges,
  encodeChanges,
  plainRowJson,
} from './engine/changesJson.js';
export { execute, executeCall, recording, seedOf } from './engine/execute.js';
export type { CallResult, MemoryState } from './engine/memory.js';
export { applyCall, emptyState, memoryReadTx, replay, rowsOf } from './engine/memory.js';
