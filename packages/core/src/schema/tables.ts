import { table } from './table.js';
import type { RowOf } from './table.js';

const id = { type: 'u64', primaryKey: true, autoInc: true } as const;
const identity = { type: 'identity' } as const;
const time = { type: 'timestamp' } as const;
const optTime = { type: 'timestamp', optional: true } as const;
const text = { type: 'string' } as const;
const optText = { type: 'string', optional: true } as const;
const ref = { type: 'u64', index: true } as const;
const optRef = { type: 'u64', optional: true } as const;

/** Registered people and agents. A user row exists for everyone who may act. */
export const users = table({
  name: 'users',
  public: true,
  doc: 'Registered people and agents; name is unique, at most 32 characters.',
  columns: {
    identity: { type: 'identity', primaryKey: true },
    name: { type: 'string', unique: true },
    displayName: text,
    kind: text, // UserKind
    program: optText,
    model: optText,
    task: optText,
    createdAt: time,
    updatedAt: time,
  },
});

/** Channels of the space. */
export const channels = table({
  name: 'channels',
  public: true,
  doc: 'Channels: Text, Voice, Announcement or AgentLog; name unique, at most 100 characters.',
  columns: {
    id,
    name: { type: 'string', unique: true },
    kind: text, // ChannelType
    description: text,
    private: { type: 'bool' },
    createdBy: identity,
    createdAt: time,
    updatedAt: time,
  },
});

/** Messages; System, Join and Leave are written only by reducers. */
export const messages = table({
  name: 'messages',
  public: true,
  doc: 'Messages of every channel, with edit history and optional topic, reply and client nonce.',
  columns: {
    id,
    channelId: ref,
    // Not indexed: no reducer, read or visibility rule looks messages up by sender, and an index
    // of 64-character keys took about a quarter of an embedded write's time (issue 14).
    sender: identity,
    kind: text, // MessageType
    text,
    topicId: { type: 'u64', optional: true, index: true },
    replyTo: optRef,
    /** Client-chosen retry key: a second send with the same sender and nonce is a no-op. */
    nonce: { type: 'string', optional: true, index: true },
    /** Set on a webhook's posts: the webhook (its name as it was) speaks, not its creator. */
    webhookId: optRef,
    webhookName: optText,
    sentAt: time,
    editedAt: optTime,
    /** JSON array of `{ text, editedAt }`, oldest first: what the message said before each edit. */
    editHistory: { type: 'json' },
  },
});

/** Channel membership. */
export const members = table({
  name: 'members',
  public: true,
  doc: 'Who belongs to which channel (private channels need membership to read or post).',
  columns: {
    id,
    channelId: ref,
    identity: { type: 'identity', index: true },
    joinedAt: time,
  },
});

/** Space-wide role and moderation state of each user. */
export const roles = table({
  name: 'roles',
  public: true,
  doc: 'Each user’s space-wide role (Owner > Admin > Moderator > Member > Agent), bans and timeouts.',
  columns: {
    identity: { type: 'identity', primaryKey: true },
    role: { type: 'string', index: true }, // Role
    banned: { type: 'bool' },
    banReason: optText,
    bannedUntil: optTime,
    timeoutUntil: optTime,
    updatedBy: identity,
    updatedAt: time,
  },
});

/** Invites: private, because the code's hash would let a thief test guesses offline. */
export const invites = table({
  name: 'invites',
  public: false,
  doc: 'Invites to a channel or the whole space, with uses, expiry and the role granted; only each code’s SHA-256 is stored.',
  columns: {
    id,
    /** SHA-256 hex of the invite code: the code itself is never stored, not even in the log. */
    codeHash: { type: 'string', unique: true },
    channelId: { type: 'u64', optional: true, index: true },
    role: text, // Role
    maxUses: { type: 'u32' }, // 0 = unlimited
    uses: { type: 'u32' },
    expiresAt: optTime,
    revoked: { type: 'bool' },
    createdBy: identity,
    createdAt: time,
  },
});

/** Emoji reactions. */
export const reactions = table({
  name: 'reactions',
  public: true,
  doc: 'Emoji reactions; at most 20 distinct emoji per message.',
  columns: {
    id,
    /** The message's channel, kept on the reaction so who may see it is one lookup away. */
    channelId: ref,
    messageId: ref,
    identity,
    emoji: text,
    createdAt: time,
  },
});

/** Pinned messages. */
export const pins = table({
  name: 'pins',
  public: true,
  doc: 'Pinned messages; at most 250 per channel.',
  columns: {
    id,
    channelId: ref,
    messageId: { type: 'u64', unique: true },
    pinnedBy: identity,
    pinnedAt: time,
  },
});

/** How far each user has read in each channel. */
export const read_receipts = table({
  name: 'read_receipts',
  public: true,
  doc: 'The last message each user has read in each channel.',
  columns: {
    id,
    channelId: ref,
    identity: { type: 'identity', index: true },
    lastReadMessageId: { type: 'u64' },
    readAt: time,
  },
});

/** Presence of each user. */
export const presence = table({
  name: 'presence',
  public: true,
  doc: 'Online, Idle, DoNotDisturb or Offline, a status text, and when the user was last seen.',
  columns: {
    identity: { type: 'identity', primaryKey: true },
    status: text, // PresenceStatus
    statusText: text,
    connections: { type: 'u32' },
    lastSeen: time,
    updatedAt: time,
  },
});

/** Structured agent events; each also posts an AgentEvent message. */
export const events = table({
  name: 'events',
  public: true,
  doc: 'Structured events (kind like task.completed@1, JSON payload); each posts an AgentEvent message.',
  columns: {
    id,
    channelId: ref,
    /** Indexed so deleting a message finds its event without scanning the channel's events. */
    messageId: ref,
    kind: { type: 'string', index: true },
    payload: { type: 'json' },
    sender: identity,
    emittedAt: time,
  },
});

/** Threads of discussion inside a channel. */
export const topics = table({
  name: 'topics',
  public: true,
  doc: 'Topics (threads) inside a channel: open or resolved; title at most 60 characters.',
  columns: {
    id,
    channelId: ref,
    title: text,
    status: text, // TopicStatus
    createdBy: identity,
    createdAt: time,
    resolvedBy: { type: 'identity', optional: true },
    resolvedAt: optTime,
  },
});

/** Webhooks: private, because they hold token hashes. */
export const webhooks = table({
  name: 'webhooks',
  public: false,
  doc: 'Incoming webhooks: post to a channel with a token; only the token’s SHA-256 is stored.',
  columns: {
    id,
    channelId: ref,
    name: text,
    tokenHash: { type: 'string', unique: true },
    createdBy: identity,
    createdAt: time,
  },
});

/** Every table, by canonical name. The one source of truth for all engines. */
export const tables = {
  users,
  channels,
  messages,
  members,
  roles,
  invites,
  reactions,
  pins,
  read_receipts,
  presence,
  events,
  topics,
  webhooks,
} as const;

export type Tables = typeof tables;
export type TableName = keyof Tables;
/** The row type of each table, by name. */
export type Rows = { [K in TableName]: RowOf<Tables[K]> };

export type User = Rows['users'];
export type Channel = Rows['channels'];
export type Message = Rows['messages'];
export type Member = Rows['members'];
export type RoleRow = Rows['roles'];
export type Invite = Rows['invites'];
export type Reaction = Rows['reactions'];
export type Pin = Rows['pins'];
export type ReadReceipt = Rows['read_receipts'];
export type Presence = Rows['presence'];
export type Event = Rows['events'];
export type Topic = Rows['topics'];
export type Webhook = Rows['webhooks'];
