import { ID_MAX, TIMESTAMP_MAX } from './args.js';
import { PAYLOAD_DEPTH_MAX, PAYLOAD_MAX } from './eventKinds.js';
import { CHANNEL_NAME_MAX, NAME_MAX } from './names.js';
import { SHORT_CODE_MAX } from './reaction.js';
import { DESCRIPTION_MAX } from './reducers/channels.js';
import { EDIT_HISTORY_MAX, MESSAGE_MAX, NONCE_MAX } from './reducers/messages.js';
import { PINS_PER_CHANNEL_MAX } from './reducers/pins.js';
import { DISTINCT_EMOJI_MAX } from './reducers/reactions.js';
import { REASON_MAX } from './reducers/roles.js';
import { TOPIC_TITLE_MAX } from './reducers/topics.js';
import { AGENT_FIELD_MAX, DISPLAY_NAME_MAX, STATUS_TEXT_MAX, TASK_MAX } from './reducers/users.js';

/** The longest webhook name (its reducer, in reducers/webhooks.ts, checks the same 32). */
export const WEBHOOK_NAME_MAX = 32;

/** One limit as people read it: what it bounds, and the bound. */
export interface Limit {
  readonly what: string;
  readonly limit: string;
}

/**
 * Every limit a call is held to, in one table: `spaces --help` and the README print it. Lengths
 * are in characters (Unicode code points: an emoji counts once); texts must be well-formed Unicode,
 * and a text of only whitespace or invisible characters is empty.
 */
export const LIMITS: readonly Limit[] = [
  { what: 'message text', limit: `${MESSAGE_MAX} characters` },
  {
    what: 'user name',
    limit: `${NAME_MAX} ASCII letters, digits, _ . -; unique ignoring case (stored in lower case)`,
  },
  { what: 'display name', limit: `${DISPLAY_NAME_MAX} characters, one line` },
  {
    what: 'channel name',
    limit: `${CHANNEL_NAME_MAX} lowercase letters, digits, _ . -; not digits alone`,
  },
  { what: 'channel description', limit: `${DESCRIPTION_MAX} characters` },
  { what: 'topic title', limit: `${TOPIC_TITLE_MAX} characters, one line` },
  { what: 'presence status text', limit: `${STATUS_TEXT_MAX} characters, one line` },
  { what: 'agent program, model', limit: `${AGENT_FIELD_MAX} characters, one line` },
  { what: 'agent task', limit: `${TASK_MAX} characters` },
  { what: 'ban reason', limit: `${REASON_MAX} characters` },
  { what: 'webhook name', limit: `${WEBHOOK_NAME_MAX} characters` },
  { what: 'message nonce', limit: `${NONCE_MAX} characters` },
  {
    what: 'edit history per message',
    limit: `the last ${EDIT_HISTORY_MAX} versions; older ones are dropped`,
  },
  {
    what: 'reaction',
    limit: `one emoji, or :short_code: of a-z 0-9 _ + - (at most ${SHORT_CODE_MAX})`,
  },
  { what: 'distinct reactions per message', limit: String(DISTINCT_EMOJI_MAX) },
  { what: 'pins per channel', limit: String(PINS_PER_CHANNEL_MAX) },
  {
    what: 'event payload',
    limit: `a JSON object of ${PAYLOAD_MAX} characters, nested at most ${PAYLOAD_DEPTH_MAX} deep`,
  },
  { what: 'ids and log sequence numbers', limit: `0 to ${ID_MAX} (2^63 - 1)` },
  {
    what: 'times (ban, timeout, invite expiry)',
    limit: `up to 9999-12-31T23:59:59.999999Z (${TIMESTAMP_MAX} µs)`,
  },
];
