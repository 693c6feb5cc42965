import type { MessageType } from '../enums.js';
import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { Message } from '../schema/tables.js';
import type { ReducerContext, Tx } from '../tx.js';
import { checkText } from '../text.js';
import {
  requireCanPost,
  requireOutrank,
  requireRole,
  requireUser,
  requireVisibleChannel,
  requireVisibleMessage,
} from './guards.js';

export const MESSAGE_MAX = 4000;
export const NONCE_MAX = 64;

/**
 * How many earlier versions a message's edit history keeps; older ones are dropped. A hook edits
 * its session's message every turn, and every edit rewrites the row and sends it to every
 * subscriber: unbounded, a long session's row would grow by a text per turn.
 */
export const EDIT_HISTORY_MAX = 20;

/** One entry of a message's edit history. */
export interface EditRecord {
  text: string;
  /** Microseconds, as a decimal string (JSON has no bigint). */
  editedAt: string;
}

/** Inserts a message row with the fields every kind shares. */
export function insertMessage(
  tx: Tx,
  ctx: ReducerContext,
  fields: Pick<Message, 'channelId' | 'sender' | 'kind' | 'text'> & Partial<Message>,
): Message {
  return tx.messages.insert({
    id: 0n,
    topicId: undefined,
    replyTo: undefined,
    nonce: undefined,
    webhookId: undefined,
    webhookName: undefined,
    sentAt: ctx.timestamp,
    editedAt: undefined,
    editHistory: '[]',
    ...fields,
  });
}

/** System, Join and Leave messages: written by reducers, never sent by a client. */
export function postSystemMessage(
  tx: Tx,
  ctx: ReducerContext,
  channelId: bigint,
  kind: Extract<MessageType, 'System' | 'Join' | 'Leave'>,
  about: string,
  text: string,
): Message {
  return insertMessage(tx, ctx, { channelId, sender: about, kind, text });
}

/** Deletes a message and what hangs off it: reactions, its pin and its event. */
export function deleteMessageCascade(tx: Tx, messageId: bigint): void {
  for (const reaction of tx.reactions.filter('messageId', messageId))
    tx.reactions.delete(reaction.id);
  const pin = tx.pins.findBy('messageId', messageId);
  if (pin) tx.pins.delete(pin.id);
  for (const event of tx.events.filter('messageId', messageId)) tx.events.delete(event.id);
  tx.messages.delete(messageId);
}

/** Finds an earlier send by the same sender with the same nonce. */
function findByNonce(tx: Tx, sender: string, nonce: string): Message | undefined {
  return tx.messages.filter('nonce', nonce).find((m) => m.sender === sender);
}

export const send_message = reducer({
  name: 'send_message',
  doc: 'Post a text message (at most 4000 characters), optionally in a topic, as a reply, with a retry nonce.',
  args: {
    channelId: { type: 'u64' },
    text: { type: 'string' },
    topicId: { type: 'u64', optional: true },
    replyTo: { type: 'u64', optional: true },
    nonce: { type: 'string', optional: true },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    if (args.nonce !== undefined) {
      checkText('nonce', args.nonce, NONCE_MAX);
      if (findByNonce(tx, ctx.sender, args.nonce)) return; // a retried send: already committed
    }
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    requireCanPost(tx, ctx, channel);
    const text = checkText('message text', args.text, MESSAGE_MAX);
    if (args.topicId !== undefined) {
      const topic = tx.topics.find(args.topicId);
      if (!topic || topic.channelId !== channel.id) {
        reject('not_found', `no topic with id ${args.topicId} in #${channel.name}`);
      }
    }
    if (args.replyTo !== undefined) {
      const parent = tx.messages.find(args.replyTo);
      if (!parent || parent.channelId !== channel.id) {
        reject('not_found', `no message with id ${args.replyTo} in #${channel.name} to reply to`);
      }
    }
    insertMessage(tx, ctx, {
      channelId: channel.id,
      sender: ctx.sender,
      kind: 'Text',
      text,
      topicId: args.topicId,
      replyTo: args.replyTo,
      nonce: args.nonce,
    });
  },
});

export const edit_message = reducer({
  name: 'edit_message',
  doc: `Edit one of your own text messages; the previous text is kept in its edit history (the last ${EDIT_HISTORY_MAX}).`,
  args: { messageId: { type: 'u64' }, text: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const message = requireVisibleMessage(tx, ctx, args.messageId);
    if (message.sender !== ctx.sender || message.webhookId !== undefined) {
      reject('permission_denied', 'you can edit only your own messages');
    }
    if (message.kind !== 'Text' && message.kind !== 'AgentEvent') {
      reject('permission_denied', `${message.kind} messages cannot be edited`);
    }
    const text = checkText('message text', args.text, MESSAGE_MAX);
    const history = JSON.parse(message.editHistory) as EditRecord[];
    history.push({ text: message.text, editedAt: String(message.editedAt ?? message.sentAt) });
    tx.messages.update({
      ...message,
      text,
      editedAt: ctx.timestamp,
      editHistory: JSON.stringify(history.slice(-EDIT_HISTORY_MAX)),
    });
  },
});

export const delete_message = reducer({
  name: 'delete_message',
  doc: 'Delete a message: your own, or (Moderator+) one by a lower rank or posted by a webhook.',
  args: { messageId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const message = requireVisibleMessage(tx, ctx, args.messageId);
    // A webhook post is the webhook's, not its creator's: the creator or any Moderator+ may
    // remove it, whatever the creator's rank.
    if (message.sender !== ctx.sender) {
      if (message.webhookId !== undefined) requireRole(tx, ctx, 'delete_message');
      else requireOutrank(tx, ctx, message.sender, 'delete_message');
    }
    deleteMessageCascade(tx, message.id);
  },
});
