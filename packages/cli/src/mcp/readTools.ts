import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { channelArg, idArg, limitArg, messageSchema, noteSchema, num, sinceArg } from './args.js';
import { DATA_FIELD, DATA_NOTE, messageOut, messagesText, oneLine, userLine } from './format.js';
import { readAfter } from './pages.js';
import { answer, guarded } from './results.js';
import type { McpSession } from './session.js';

const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;

/** whoami, list_channels, list_users, read_messages, list_topics, unread_counts. */
export function registerReadTools(server: McpServer, session: McpSession): void {
  const { space } = session;

  server.registerTool(
    'whoami',
    {
      title: 'Who am I in Spaces',
      description:
        'Your own identity in the Spaces hub: user name (others mention you as @name), role, kind, and which store you are connected to. Call it first if you need your name.',
      inputSchema: {},
      outputSchema: {
        identity: z.string(),
        name: z.string(),
        display_name: z.string(),
        kind: z.string(),
        role: z.string(),
        program: z.string().optional(),
        model: z.string().optional(),
        engine: z.string(),
        profile: z.string().optional(),
      },
      annotations: READ_ONLY,
    },
    guarded(async () => {
      const me = await session.me();
      const role = (await space.rows('roles')).find((r) => r.identity === me.identity)?.role;
      const out = {
        identity: me.identity,
        name: me.name,
        display_name: me.displayName,
        kind: me.kind,
        role: role ?? 'none',
        ...(me.program === undefined ? {} : { program: me.program }),
        ...(me.model === undefined ? {} : { model: me.model }),
        engine: space.engine,
        ...(space.profile === undefined ? {} : { profile: space.profile }),
      };
      return answer(
        `You are ${userLine(me)}, role ${out.role}, identity ${me.identity}, on the ${space.engine} store${space.profile === undefined ? '' : ` as local profile ${space.profile}`}. Others mention you as @${me.name}.`,
        out,
      );
    }),
  );

  server.registerTool(
    'list_channels',
    {
      title: 'List channels',
      description:
        'The channels you can see, with their id, type, whether they are private, their description, and how many messages you have not read. Use a channel name or id in the other tools.',
      inputSchema: {},
      outputSchema: {
        note: noteSchema,
        channels: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            kind: z.string(),
            private: z.boolean(),
            description: z.string(),
            unread: z.number(),
          }),
        ),
      },
      annotations: READ_ONLY,
    },
    guarded(async () => {
      await session.me();
      const unread = new Map((await space.unread()).map((u) => [u.channelId, u.unread]));
      const channels = [...(await session.channels()).values()].map((c) => ({
        id: num(c.id),
        name: c.name,
        kind: c.kind,
        private: c.private,
        description: c.description,
        unread: unread.get(c.id) ?? 0,
      }));
      const lines = channels.map(
        (c) =>
          `- #${oneLine(c.name, 100)} (id ${c.id}, ${c.kind}${c.private ? ', private' : ''}, ${c.unread} unread)${c.description === '' ? '' : `: ${oneLine(c.description, 200)}`}`,
      );
      return answer(
        channels.length === 0
          ? 'You can see no channels.'
          : [DATA_NOTE, `${channels.length} channels:`, ...lines].join('\n'),
        { ...DATA_FIELD, channels },
      );
    }),
  );

  server.registerTool(
    'list_users',
    {
      title: 'List users',
      description:
        'Everyone registered in the hub: name (mention with @name), display name, human or agent, role, presence (Online, Idle, DoNotDisturb, Offline) and status text.',
      inputSchema: {},
      outputSchema: {
        note: noteSchema,
        users: z.array(
          z.object({
            identity: z.string(),
            name: z.string(),
            display_name: z.string(),
            kind: z.string(),
            role: z.string(),
            status: z.string(),
            status_text: z.string(),
            program: z.string().optional(),
            model: z.string().optional(),
          }),
        ),
      },
      annotations: READ_ONLY,
    },
    guarded(async () => {
      await session.me();
      const roles = new Map((await space.rows('roles')).map((r) => [r.identity, r.role]));
      const presence = new Map((await space.rows('presence')).map((p) => [p.identity, p]));
      const users = (await space.rows('users')).map((u) => ({
        identity: u.identity,
        name: u.name,
        display_name: u.displayName,
        kind: u.kind,
        role: roles.get(u.identity) ?? 'none',
        status: presence.get(u.identity)?.status ?? 'Offline',
        status_text: presence.get(u.identity)?.statusText ?? '',
        ...(u.program === undefined ? {} : { program: u.program }),
        ...(u.model === undefined ? {} : { model: u.model }),
      }));
      const lines = users.map(
        (u) =>
          `- ${userLine({ name: u.name, displayName: u.display_name, kind: u.kind })}, ${u.role}, ${u.status}${u.status_text === '' ? '' : `: ${oneLine(u.status_text, 128)}`}`,
      );
      return answer([DATA_NOTE, `${users.length} users:`, ...lines].join('\n'), {
        ...DATA_FIELD,
        users,
      });
    }),
  );

  server.registerTool(
    'read_messages',
    {
      title: 'Read messages',
      description:
        'Read a channel\'s messages, oldest first. Without "since": the latest ones. With "since" (the next_cursor of your previous read_messages or wait_for_messages): the messages after it, so you can read on without gaps. Returns next_cursor and "more" when further messages follow.',
      inputSchema: {
        channel: channelArg,
        since: sinceArg.optional(),
        limit: limitArg.optional(),
        topic: idArg('Only messages of this topic (its id).').optional(),
      },
      outputSchema: {
        note: noteSchema,
        channel: z.string(),
        messages: z.array(messageSchema),
        next_cursor: z.number(),
        more: z.boolean(),
      },
      annotations: READ_ONLY,
    },
    guarded(async (args) => {
      const me = await session.me();
      const channel = await session.channel(args.channel);
      const page = await readAfter(space, channel.id, {
        since: args.since === undefined ? undefined : BigInt(args.since),
        limit: args.limit ?? 50,
        topicId: args.topic === undefined ? undefined : BigInt(args.topic),
      });
      const names = await session.names();
      const messages = page.messages.map((m) => messageOut(m, channel, names));
      const where = `#${oneLine(channel.name, 100)}${args.topic === undefined ? '' : ` (topic ${args.topic})`}`;
      const heading =
        messages.length === 0
          ? `No messages in ${where}${args.since === undefined ? '' : ` after ${args.since}`}. next_cursor: ${page.next}.`
          : `${messages.length} messages in ${where}, oldest first. next_cursor: ${page.next}${page.more ? ' (more follow: read again with since = next_cursor)' : ''}.`;
      return answer(messagesText(heading, messages, me.identity), {
        ...DATA_FIELD,
        channel: channel.name,
        messages,
        next_cursor: num(page.next),
        more: page.more,
      });
    }),
  );

  server.registerTool(
    'list_topics',
    {
      title: 'List topics',
      description:
        'The topics (threads) of a channel with their id, title and status (open or resolved). Post into one with send_message\'s "topic".',
      inputSchema: { channel: channelArg },
      outputSchema: {
        note: noteSchema,
        topics: z.array(
          z.object({
            id: z.number(),
            title: z.string(),
            status: z.string(),
            created_by: z.string(),
          }),
        ),
      },
      annotations: READ_ONLY,
    },
    guarded(async (args) => {
      await session.me();
      const channel = await session.channel(args.channel);
      const names = await session.names();
      const topics = (await space.topics(channel.id)).map((t) => ({
        id: num(t.id),
        title: t.title,
        status: t.status,
        created_by: names.get(t.createdBy) ?? t.createdBy.slice(0, 12),
      }));
      const lines = topics.map(
        (t) => `- topic ${t.id} (${t.status}) by ${oneLine(t.created_by, 40)}: ${oneLine(t.title)}`,
      );
      return answer(
        topics.length === 0
          ? `No topics in #${oneLine(channel.name, 100)}.`
          : [
              DATA_NOTE,
              `${topics.length} topics in #${oneLine(channel.name, 100)}:`,
              ...lines,
            ].join('\n'),
        { ...DATA_FIELD, topics },
      );
    }),
  );

  server.registerTool(
    'unread_counts',
    {
      title: 'Unread counts',
      description:
        'How many messages from others you have not read, per channel you can see (only channels with unread messages are listed). Mark a channel read with mark_read.',
      inputSchema: {},
      outputSchema: {
        note: noteSchema,
        total: z.number(),
        channels: z.array(
          z.object({
            channel: z.string(),
            channel_id: z.number(),
            unread: z.number(),
            last_read: z.number().optional(),
          }),
        ),
      },
      annotations: READ_ONLY,
    },
    guarded(async () => {
      await session.me();
      const channels = (await space.unread())
        .filter((u) => u.unread > 0)
        .map((u) => ({
          channel: u.channel,
          channel_id: num(u.channelId),
          unread: u.unread,
          ...(u.lastReadMessageId === undefined ? {} : { last_read: num(u.lastReadMessageId) }),
        }));
      const total = channels.reduce((n, c) => n + c.unread, 0);
      const lines = channels.map((c) => `- #${oneLine(c.channel, 100)}: ${c.unread}`);
      return answer(
        total === 0 ? 'Nothing unread.' : [DATA_NOTE, `${total} unread:`, ...lines].join('\n'),
        { ...DATA_FIELD, total, channels },
      );
    }),
  );
}
