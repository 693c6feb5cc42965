/**
 * @spaces/spacetime: how core's tables, reducer arguments and values appear in SpacetimeDB,
 * written once for the module and the client, plus the module's commit-sequence tables.
 */
export {
  canonicalName,
  paramsOf,
  tableOf,
  typeOf,
  type Builders,
  type TableOptions,
} from './mapping.js';
export { fromSpacetime, objectFromSpacetime, objectToSpacetime, toSpacetime } from './values.js';
export {
  HEAD,
  LAST_CALL_RULE,
  MESSAGE_SEQ_RULE,
  commit_head,
  cursorTables,
  last_call,
  message_seq,
} from './cursor.js';
