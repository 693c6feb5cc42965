import { createHash } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Space } from '@spaces/client';
import { MESSAGE_MAX, PRESENCE_STATUSES, SpacesError, inserted, sendMessage } from '@spaces/client';
import { z } from 'zod';
import { channelArg, idArg, messageSchema, num } from './args.js';
import { messageOut, oneLine } from './format.js';
import { answer, guarded } from './results.js';
import type { McpSession } from './session.js';

const WRITE = { readOnlyHint: false, destructiveHint: false, openWorldHint: false } as const;
/** Messages looked at to tell a retried send from a new one. */
const RECENT = 200;

/**
 * The nonce of a send: the same content, in the same place, with nothing new from anyone else
 * since, is the same send retried (a lost answer), so it posts once. Saying the same thing
 * again after someone else spoke is a new message.
 */
export function retryNonce(
  parts: { channelId: bigint; topicId?: bigint | undefined; replyTo?: bigint | undefined },
  text: string,
  anchor: bigint,
): string {
  const key = JSON.stringify([
    String(parts.channelId),
    String(parts.topicId ?? ''),
    String(parts.replyTo ?? ''),
    String(anchor),
    text,
  ]);
  return `mcp:${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** The id of the newest message in a channel not sent by `me` (0 when there is none). */
function anchorOf(recent: readonly { id: bigint; sender: string }[], me: string): bigint {
  return recent.find((m) => m.sender !== me)?.id ?? 0n;
}

/** A row id the call created, from its receipt (embedded) or, failing that, `find`. */
async function createdId(
  receipt: Awaited<ReturnType<Space['call']>>,
  table: 'topics',
  find: () => Promise<bigint | undefined>,
): Promise<bigint | undefined> {
  return inserted(receipt, table)[0]?.id ?? (await find());
}

/** send_message, react, create_topic, resolve_topic, emit_event, set_status, mark_read. */
export function registerWriteTools(server: McpServer, session: McpSession): void {
  const { space } = session;

  server.registerTool(
    'send_message',
    {
      title: 'Send a message',
      description: `Post a message to a channel (at most ${MESSAGE_MAX} characters), optionally in a topic or as a reply to a message. Mention someone with @name. Safe to retry: the same text sent again to the same place with no new message from anyone else in between is taken as a retry and posted once.`,
      inputSchema: {
        channel: channelArg,
        text: z.string().describe(`The message, at most ${MESSAGE_MAX} characters.`),
        topic: idArg('Post into this topic (its id, from list_topics or create_topic).').optional(),
        reply_to: idArg('Reply to this message (its id).').optional(),
      },
      outputSchema: { message: messageSchema, repeated: z.boolean() },
      annotations: { ...WRITE, idempotentHint: true },
    },
    guarded(async (args) => {
      const me = await session.me();
      const channel = await session.channel(args.channel);
      const where = {
        channelId: channel.id,
        topicId: args.topic === undefined ? undefined : BigInt(args.topic),
        replyTo: args.reply_to === undefined ? undefined : BigInt(args.reply_to),
      };
      const recent = await space.messages(channel.id, { limit: RECENT });
      const nonce = retryNonce(where, args.text, anchorOf(recent, me.identity));
      const earlier = recent.find((m) => m.nonce === nonce && m.sender === me.identity);
      const sent = earlier
        ? { message: earlier, repeated: true }
        : await sendMessage(space, {
            channelId: channel.id,
            text: args.text,
            nonce,
            ...(where.topicId === undefined ? {} : { topicId: where.topicId }),
            ...(where.replyTo === undefined ? {} : { replyTo: where.replyTo }),
          });
      if (!sent.message) {
        // SpacetimeDB committed it, but the row has not reached this client's cache yet.
        throw new SpacesError(
          'internal',
          'the message was sent but is not visible yet: read it back',
        );
      }
      const message = messageOut(sent.message, channel, await session.names());
      const repeated = sent.repeated === true;
      return answer(
        repeated
          ? `Already posted as message ${message.id} in #${oneLine(channel.name, 100)} (this looked like a retry: nothing new was posted).`
          : `Posted message ${message.id} in #${oneLine(channel.name, 100)}.`,
        { message, repeated },
      );
    }),
  );

  server.registerTool(
    'react',
    {
      title: 'React to a message',
      description:
        'Add an emoji reaction to a message (or remove yours with remove: true). One emoji, no spaces.',
      inputSchema: {
        message_id: idArg('The message to react to.'),
        emoji: z.string().min(1).max(32).describe('The emoji, e.g. "👍" or "✅".'),
        remove: z.boolean().optional().describe('Remove your reaction instead of adding it.'),
      },
      outputSchema: { message_id: z.number(), emoji: z.string(), removed: z.boolean() },
      annotations: WRITE,
    },
    guarded(async (args) => {
      await session.me();
      const messageId = BigInt(args.message_id);
      const removed = args.remove === true;
      await space.call(removed ? 'remove_reaction' : 'add_reaction', {
        messageId,
        emoji: args.emoji,
      });
      return answer(
        `${removed ? 'Removed' : 'Added'} reaction ${oneLine(args.emoji, 32)} ${removed ? 'from' : 'to'} message ${args.message_id}.`,
        { message_id: args.message_id, emoji: args.emoji, removed },
      );
    }),
  );

  server.registerTool(
    'create_topic',
    {
      title: 'Create a topic',
      description:
        'Open a topic (a thread) in a channel, for one piece of work or one question; post into it with send_message\'s "topic" and close it with resolve_topic.',
      inputSchema: {
        channel: channelArg,
        title: z.string().describe('The topic title, at most 60 characters.'),
      },
      outputSchema: { topic: z.number(), channel: z.string(), title: z.string() },
      annotations: WRITE,
    },
    guarded(async (args) => {
      const me = await session.me();
      const channel = await session.channel(args.channel);
      const receipt = await space.reducers.create_topic({
        channelId: channel.id,
        title: args.title,
      });
      const id = await createdId(receipt, 'topics', async () => {
        const mine = (await space.topics(channel.id)).filter(
          (t) => t.createdBy === me.identity && t.title === args.title,
        );
        return mine.at(-1)?.id;
      });
      if (id === undefined)
        throw new SpacesError('internal', 'the topic was created but not found');
      return answer(`Opened topic ${id} in #${oneLine(channel.name, 100)}.`, {
        topic: num(id),
        channel: channel.name,
        title: args.title,
      });
    }),
  );

  server.registerTool(
    'resolve_topic',
    {
      title: 'Resolve a topic',
      description:
        'Mark a topic resolved (its creator, or a Moderator and above), or reopen it with reopen: true.',
      inputSchema: {
        topic: idArg('The topic id.'),
        reopen: z.boolean().optional().describe('Reopen a resolved topic instead.'),
      },
      outputSchema: { topic: z.number(), status: z.string() },
      annotations: WRITE,
    },
    guarded(async (args) => {
      await session.me();
      const reopen = args.reopen === true;
      await space.call(reopen ? 'reopen_topic' : 'resolve_topic', { topicId: BigInt(args.topic) });
      const status = reopen ? 'open' : 'resolved';
      return answer(`Topic ${args.topic} is ${status}.`, { topic: args.topic, status });
    }),
  );

  server.registerTool(
    'emit_event',
    {
      title: 'Emit a structured event',
      description:
        'Emit a structured event for programs and other agents to act on, such as task.started@1 {task}, task.completed@1 {task, summary?, durationMs?} or task.failed@1 {task, error}. It also appears in the channel as a line of text.',
      inputSchema: {
        channel: channelArg,
        kind: z
          .string()
          .describe('The event kind: lower-case name and version, like "task.completed@1".'),
        payload: z
          .record(z.string(), z.unknown())
          .describe('The event data, a JSON object (at most 16 KB as JSON).'),
        text: z.string().optional().describe('The line shown in the channel (default: the kind).'),
      },
      outputSchema: { channel: z.string(), kind: z.string(), message: z.number().optional() },
      annotations: WRITE,
    },
    guarded(async (args) => {
      await session.me();
      const channel = await session.channel(args.channel);
      const receipt = await space.reducers.emit_event({
        channelId: channel.id,
        kind: args.kind,
        payload: JSON.stringify(args.payload),
        ...(args.text === undefined ? {} : { text: args.text }),
      });
      const message = inserted(receipt, 'messages')[0]?.id;
      return answer(`Emitted ${oneLine(args.kind, 70)} in #${oneLine(channel.name, 100)}.`, {
        channel: channel.name,
        kind: args.kind,
        ...(message === undefined ? {} : { message: num(message) }),
      });
    }),
  );

  server.registerTool(
    'set_status',
    {
      title: 'Set your presence and status',
      description:
        'Tell others what you are doing: your presence (Online, Idle, DoNotDisturb, Offline) and a short status text (at most 128 characters, e.g. "running the test suite").',
      inputSchema: {
        status: z.enum(PRESENCE_STATUSES).describe('Your presence.'),
        text: z.string().optional().describe('Status text; empty or left out clears it.'),
      },
      outputSchema: { status: z.string(), text: z.string() },
      annotations: { ...WRITE, idempotentHint: true },
    },
    guarded(async (args) => {
      await session.me();
      const text = args.text ?? '';
      await space.reducers.set_presence({ status: args.status, statusText: text });
      return answer(`You are ${args.status}${text === '' ? '' : `: ${oneLine(text, 128)}`}.`, {
        status: args.status,
        text,
      });
    }),
  );

  server.registerTool(
    'mark_read',
    {
      title: 'Mark a channel read',
      description:
        'Mark a channel read up to its newest message (or up to message_id), so unread counts drop. A read mark only moves forward.',
      inputSchema: {
        channel: channelArg,
        message_id: idArg('Mark read up to this message (default: the newest).').optional(),
      },
      outputSchema: { channel: z.string(), message_id: z.number() },
      annotations: { ...WRITE, idempotentHint: true },
    },
    guarded(async (args) => {
      await session.me();
      const channel = await session.channel(args.channel);
      const messageId =
        args.message_id === undefined
          ? (await space.messages(channel.id, { limit: 1 }))[0]?.id
          : BigInt(args.message_id);
      if (messageId === undefined)
        throw new SpacesError('not_found', `#${channel.name} has no messages to mark read`);
      await space.reducers.mark_read({ channelId: channel.id, messageId });
      return answer(`#${oneLine(channel.name, 100)} is read up to message ${messageId}.`, {
        channel: channel.name,
        message_id: num(messageId),
      });
    }),
  );
}
